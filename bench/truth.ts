// The lab's ground truth (the `truth` block of each device profile) and how a tool's output is
// scored against it: a device counts as identified when the tool names its real maker.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface TruthDevice {
  id: string;
  ip: string | null;
  mac: string;
  manufacturer: string | null;
  brand: string | null;
}

/** What a tool said about one address. */
export interface ToolDevice {
  ip: string;
  mac: string | null;
  maker: string | null;
}

export interface DeviceScore {
  id: string;
  ip: string | null;
  truth: string | null;
  brand: string | null;
  said: string | null;
  /** The tool's output lists the device (by address, else MAC). */
  found: boolean;
  /** The tool named the real maker. */
  correct: boolean;
  /** The tool named the real maker or the brand on the label (lenient column). */
  correctOrBrand: boolean;
}

export interface AccuracyScore {
  devices: number;
  found: number;
  correct: number;
  correctOrBrand: number;
  perDevice: DeviceScore[];
}

const slug = (s: string | null): string | null => (s ? s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') : null);

/**
 * Loads truth from profile files. `ipOf` places a profile (the lab's own placement when known);
 * without it the default lab address 198.18.0.(10+offset) is used.
 */
export function loadTruth(dir: string, ipOf?: (id: string) => string | undefined): TruthDevice[] {
  const out: TruthDevice[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    let p: { id?: string; offset?: number; mac?: string; truth?: { manufacturer?: string | null; brand?: string | null } };
    try {
      p = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as typeof p;
    } catch (e) {
      throw new Error(`${path.join(dir, f)}: not valid JSON: ${(e as Error).message.split('\n')[0]}`);
    }
    if (!p.id || !p.truth || typeof p.mac !== 'string') continue;
    const ip = ipOf?.(p.id) ?? (typeof p.offset === 'number' ? `198.18.0.${10 + p.offset}` : null);
    out.push({ id: p.id, ip, mac: p.mac.toLowerCase(), manufacturer: p.truth.manufacturer ?? null, brand: p.truth.brand ?? null });
  }
  return out;
}

/** Finds each truth device in the tool's output (by address, else by MAC) and scores the maker. */
export function score(truth: TruthDevice[], said: ToolDevice[]): AccuracyScore {
  const byIp = new Map(said.map((d) => [d.ip, d]));
  const byMac = new Map(said.filter((d) => d.mac).map((d) => [d.mac!.toLowerCase(), d]));
  const perDevice = truth.map((t): DeviceScore => {
    const d = (t.ip ? byIp.get(t.ip) : undefined) ?? byMac.get(t.mac);
    const maker = d?.maker ?? null;
    // A profile with no claimed maker (truth null) is right when the tool names none either.
    const correct = t.manufacturer === null ? d !== undefined && maker === null : maker !== null && maker === t.manufacturer;
    const correctOrBrand = correct || (maker !== null && maker === slug(t.brand));
    return { id: t.id, ip: t.ip, truth: t.manufacturer, brand: t.brand, said: maker, found: d !== undefined, correct, correctOrBrand };
  });
  return {
    devices: truth.length,
    found: perDevice.filter((d) => d.found).length,
    correct: perDevice.filter((d) => d.correct).length,
    correctOrBrand: perDevice.filter((d) => d.correctOrBrand).length,
    perDevice,
  };
}

/** camaudit's report.json → what it said per address. */
export function camauditDevices(reportJson: string): ToolDevice[] {
  const r = JSON.parse(reportJson) as { devices?: Array<{ ip?: string; mac?: string | null; manufacturer?: string | null }> };
  if (!Array.isArray(r.devices)) throw new Error('not a camaudit report (no devices[])');
  return r.devices.filter((d) => typeof d.ip === 'string').map((d) => ({ ip: d.ip!, mac: d.mac ?? null, maker: d.manufacturer ?? null }));
}

/**
 * Truth as the lab placed it: the lab's state.json (src/lab/lab.ts LabState) gives every device's address, MAC and
 * profile file — also for `--spread` placements and `--size` copies, which the profile offsets do not describe.
 */
export function truthFromLab(stateJson: string): TruthDevice[] {
  const st = JSON.parse(stateJson) as { devices?: Array<{ id: string; profileFile: string; ip: string; mac: string }> };
  if (!Array.isArray(st.devices)) throw new Error('not a lab state file (no devices[])');
  const profiles = new Map<string, { manufacturer: string | null; brand: string | null }>();
  return st.devices.map((d) => {
    let t = profiles.get(d.profileFile);
    if (!t) {
      const p = JSON.parse(readFileSync(d.profileFile, 'utf8')) as { truth?: { manufacturer?: string | null; brand?: string | null } };
      t = { manufacturer: p.truth?.manufacturer ?? null, brand: p.truth?.brand ?? null };
      profiles.set(d.profileFile, t);
    }
    return { id: d.id, ip: d.ip, mac: d.mac.toLowerCase(), ...t };
  });
}
