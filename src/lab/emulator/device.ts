// One emulated device at run time: its profile plus the address the lab gave it.
import { createHash } from 'node:crypto';
import type { Profile } from '../profile.js';
import { uuidFromId, type Vars } from './wire.js';
import type { RequestLog } from './request-log.js';
import type { NonceBook } from './digest.js';

export interface DeviceRuntime {
  id: string;
  ip: string;
  /** Lower-case colon form, from the run config (the lab's MAC for the device). */
  mac: string;
  profile: Profile;
  profileFile: string;
  /** {{uuid}} in WS-Discovery. */
  uuid: string;
}

export function makeDevice(id: string, ip: string, mac: string, profile: Profile, profileFile: string): DeviceRuntime {
  const uuid = profile.uuid ?? uuidFromId(profile.id, (s) => createHash('sha1').update(s).digest('hex'));
  return { id, ip, mac: mac.toLowerCase(), profile, profileFile, uuid };
}

export function deviceVars(d: DeviceRuntime): Vars {
  return { ip: d.ip, mac: d.mac, uuid: d.uuid };
}

/** What every protocol server needs besides its device. */
export interface ServerDeps {
  log: RequestLog;
  nonces: NonceBook;
  signal: AbortSignal;
  /** Probes from outside the lab are ignored. */
  sourceAllowed(address: string): boolean;
  /** Last resort for errors inside handlers: logged, never thrown. */
  onError(where: string, e: unknown): void;
}
