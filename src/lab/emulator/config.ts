// Emulator run configuration (the contract with the lab/network side, see docs/lab-emulator.md).
import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { z } from 'zod';

export const EmulatorDeviceSchema = z.strictObject({
  id: z.string().min(1),
  profileFile: z.string().min(1),
  ip: z.string().refine((s) => isIPv4(s), 'ip must be an IPv4 address'),
  mac: z.string().regex(/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/),
  ifname: z.string().min(1).max(15),
});
export type EmulatorDevice = z.infer<typeof EmulatorDeviceSchema>;

export const EmulatorConfigSchema = z.strictObject({
  devices: z.array(EmulatorDeviceSchema).max(1000),
  subnet: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/),
  scannerIp: z.string().refine((s) => isIPv4(s)),
  stateDir: z.string().min(1),
  requestLog: z.string().min(1).nullable(),
  // Optional additions (not in the first contract; defaults keep the contract's behaviour).
  /** Join multicast groups and open wildcard broadcast receivers (default true). False for loopback-only tests. */
  multicast: z.boolean().optional(),
  /** Upper bound of the random WS-Discovery reply delay, ms (default 100). */
  wsdMaxDelayMs: z.number().int().min(0).max(5000).optional(),
  /** Also accept probes from these CIDRs besides `subnet` and 127.0.0.0/8 (default none). */
  allowSources: z.array(z.string()).optional(),
  /** Multicast group joins per receiver socket (default 20 = Linux igmp_max_memberships). */
  membershipsPerSocket: z.number().int().min(1).max(1000).optional(),
  /** Interval of SSDP ssdp:alive NOTIFY announcements, ms (default 30000; 0 = none). Only with `multicast`. */
  ssdpNotifyIntervalMs: z.number().int().min(0).max(3_600_000).optional(),
  /** Extra modules (absolute paths or URLs) imported at start so their registerBehaviour() calls take effect. */
  behaviourModules: z.array(z.string().min(1)).optional(),
});
export type EmulatorConfig = z.infer<typeof EmulatorConfigSchema>;

export function parseEmulatorConfig(data: unknown, where = 'config'): EmulatorConfig {
  const r = EmulatorConfigSchema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${where}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  return r.data;
}

export function loadEmulatorConfig(file: string): EmulatorConfig {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseEmulatorConfig(data, file);
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0);
}

/** `ip` inside `a.b.c.d/n`. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (!isIPv4(ip) || !isIPv4(base) || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipToInt(ip) & mask) === (ipToInt(base) & mask);
}

/** Probes are answered only when they come from the lab (never from a host interface's LAN). */
export function sourceAllowed(cfg: EmulatorConfig, address: string): boolean {
  const a = address.replace(/^::ffff:/, '');
  return inCidr(a, '127.0.0.0/8') || inCidr(a, cfg.subnet) || (cfg.allowSources ?? []).some((c) => inCidr(a, c));
}

/**
 * The run config for a set of loaded profiles at their default lab addresses (198.18.0.(10+offset)), with the
 * profile's MAC; `ifname(profile)` names the interface the lab gave each device.
 */
export function labConfigFromProfiles(
  loaded: Array<{ file: string; profile: { id: string; offset: number; mac: string } }>,
  opts: { stateDir: string; requestLog: string | null; ifname: (p: { id: string; offset: number }) => string; base?: string; scannerIp?: string },
): EmulatorConfig {
  const base = opts.base ?? '198.18.0.';
  return {
    devices: loaded.map(({ file, profile }) => ({ id: profile.id, profileFile: file, ip: `${base}${10 + profile.offset}`, mac: profile.mac, ifname: opts.ifname(profile) })),
    subnet: `${base}0/24`,
    scannerIp: opts.scannerIp ?? `${base}2`,
    stateDir: opts.stateDir,
    requestLog: opts.requestLog,
  };
}
