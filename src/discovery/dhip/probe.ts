// Dahua DHIP DHDiscover.search (UDP 37810, 239.255.255.251 and broadcast): 32-byte header + JSON.
import { dhipHeader } from '../../parsers/dhip.js';

export const DHIP_PORT = 37810;
export const DHIP_GROUP = '239.255.255.251';

export function dhipProbe(): Buffer {
  const body = Buffer.from(JSON.stringify({ method: 'DHDiscover.search', params: { mac: '', uni: 1 } }));
  return Buffer.concat([dhipHeader(body.length), body]);
}
