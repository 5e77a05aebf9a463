// Hikvision SADP inquiry (UDP 37020, 239.255.255.250), as the SADP tool sends it.
import { randomUUID } from 'node:crypto';

export const SADP_PORT = 37020;
export const SADP_GROUP = '239.255.255.250';

export function sadpProbe(uuid = randomUUID().toUpperCase()): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>${uuid}</Uuid><Types>inquiry</Types></Probe>`);
}
