// Compare two scan results: devices new, gone and changed (moved IP, firmware, model, maker, risk),
// for a quarter-on-quarter removal tracker. Text and JSON. Cameras behind recorders are compared on their own
// (issue 19): paired by serial or MAC wherever they are, else by their recorder and channel, so a camera that moved
// to another recorder or channel is a change, not a new camera.
import type { BehindDevice, DeviceRecord, ScanResult } from '../core/result.js';
import { behindIds, uniqueStableIds } from './identity.js';
import { plain } from './text.js';

export interface DeviceChange {
  field: string;
  old: string | null;
  new: string | null;
}
export interface DiffEntry {
  ip: string;
  oldIp?: string;
  manufacturer: string | null;
  model: string | null;
  risk: string;
  oldRisk?: string;
  changes?: DeviceChange[];
}
/** A camera behind a recorder in a diff: which recorder (its address) and channel, and what it is. */
export interface BehindDiffEntry {
  recorder: string;
  channel: string;
  manufacturer: string | null;
  model: string | null;
  risk: string;
  oldRecorder?: string;
  oldChannel?: string;
  changes?: DeviceChange[];
}
/** Whether a device's address was inside a scan's scope (targets less exclusions); undefined when it cannot be told. */
export type InScope = (side: 'old' | 'new', ip: string) => boolean | undefined;

export interface ScanDiff {
  old: { scanId: string; finishedAt: string; complete: boolean };
  new: { scanId: string; finishedAt: string; complete: boolean };
  /**
   * What makes the two scans not like for like (issue 17), one sentence each: different targets, exclusions, ports,
   * modules or policies, and a scan that did not finish. Empty when they compare like for like.
   */
  caveats: string[];
  /** True when anything differs: devices, cameras behind recorders, scope or completeness (the exit code: 1, as ndiff). */
  differs: boolean;
  added: DiffEntry[];
  /** Devices of the old scan not found in the new one whose address the new scan did look at. */
  removed: DiffEntry[];
  /** Devices of the old scan whose address the new scan left out (excluded or outside its targets): not known to be gone. */
  notScanned: DiffEntry[];
  changed: DiffEntry[];
  unchanged: number;
  riskChanges: { ip: string; from: string; to: string }[];
  /** Cameras behind recorders (absent when neither result has any). */
  behind?: { added: BehindDiffEntry[]; removed: BehindDiffEntry[]; changed: BehindDiffEntry[]; unchanged: number };
  summary: {
    added: number;
    removed: number;
    notScanned: number;
    changed: number;
    unchanged: number;
    highBefore: number;
    highAfter: number;
    behindAdded?: number;
    behindRemoved?: number;
    behindChanged?: number;
  };
}

const entry = (d: DeviceRecord): DiffEntry => ({ ip: d.ip, manufacturer: d.manufacturerName ?? d.manufacturer, model: d.model, risk: d.risk.level });

const COMPARED: [string, (d: DeviceRecord) => string | null][] = [
  ['ip', (d) => d.ip],
  ['manufacturer', (d) => d.manufacturerName ?? d.manufacturer],
  ['brand', (d) => d.brand],
  ['model', (d) => d.model],
  ['firmware', (d) => d.firmware],
  ['risk', (d) => d.risk.level],
  ['policies', (d) => d.risk.policies.map((p) => p.id).sort().join(',') || null],
  ['vulnerabilities', (d) => d.vulnerabilities.map((v) => `${v.cve}:${v.verdict}`).sort().join(',') || null],
  ['channels', (d) => (d.recorder?.channels != null ? String(d.recorder.channels) : null)],
];

interface Placed {
  b: BehindDevice;
  recorder: DeviceRecord;
}

const channelLabel = (b: BehindDevice): string => `${b.analogue ? 'analogue input' : 'channel'} ${b.channel}`;

const behindEntry = (p: Placed): BehindDiffEntry => ({
  recorder: p.recorder.ip,
  channel: channelLabel(p.b),
  manufacturer: p.b.manufacturerName ?? p.b.manufacturer,
  model: p.b.model,
  risk: p.b.risk.level,
});

const BEHIND_COMPARED: [string, (p: Placed) => string | null][] = [
  ['recorder', (p) => p.recorder.ip],
  ['channel', (p) => channelLabel(p.b)],
  ['manufacturer', (p) => p.b.manufacturerName ?? p.b.manufacturer],
  ['model', (p) => p.b.model],
  ['firmware', (p) => p.b.firmware],
  ['online', (p) => (p.b.online === null ? null : p.b.online ? 'online' : 'offline')],
  ['risk', (p) => p.b.risk.level],
  ['policies', (p) => p.b.risk.policies.map((x) => x.id).sort().join(',') || null],
];

function placedOf(r: ScanResult): Placed[] {
  return r.devices.flatMap((recorder) => (recorder.recorder?.behind ?? []).map((b) => ({ b, recorder })));
}

/** Own ids (serial, MAC) of each camera, leaving out ids two cameras of the same result share. */
function uniqueBehindIds(list: readonly Placed[]): Map<Placed, string[]> {
  const all = new Map(list.map((p) => [p, behindIds(p.b)] as const));
  const count = new Map<string, number>();
  for (const ids of all.values()) for (const id of ids) count.set(id, (count.get(id) ?? 0) + 1);
  for (const [p, ids] of all) all.set(p, ids.filter((id) => count.get(id) === 1));
  return all;
}

/** Pairs cameras behind recorders: shared serial/MAC first, then the same channel of the paired recorder. */
function pairBehind(olds: Placed[], news: Placed[], recorders: Map<DeviceRecord, DeviceRecord>): Map<Placed, Placed> {
  const pairs = new Map<Placed, Placed>();
  const used = new Set<Placed>();
  const oldIds = uniqueBehindIds(olds);
  const newIds = uniqueBehindIds(news);
  const byId = new Map<string, Placed>();
  for (const o of olds) for (const id of oldIds.get(o) ?? []) byId.set(id, o);
  for (const n of news) {
    const o = (newIds.get(n) ?? []).map((id) => byId.get(id)).find((x) => x && !used.has(x));
    if (o) {
      pairs.set(n, o);
      used.add(o);
    }
  }
  for (const n of news) {
    if (pairs.has(n)) continue;
    const oldRecorder = recorders.get(n.recorder);
    const o = olds.find(
      (x) => !used.has(x) && x.recorder === oldRecorder && x.b.channel === n.b.channel && x.b.analogue === n.b.analogue && !((oldIds.get(x) ?? []).length && (newIds.get(n) ?? []).length),
    );
    if (o) {
      pairs.set(n, o);
      used.add(o);
    }
  }
  return pairs;
}

function diffBehind(oldR: ScanResult, newR: ScanResult, recorders: Map<DeviceRecord, DeviceRecord>): NonNullable<ScanDiff['behind']> | undefined {
  const olds = placedOf(oldR);
  const news = placedOf(newR);
  if (!olds.length && !news.length) return undefined;
  const pairs = pairBehind(olds, news, recorders);
  const matchedOld = new Set(pairs.values());
  const changed: BehindDiffEntry[] = [];
  let unchanged = 0;
  for (const n of news) {
    const o = pairs.get(n);
    if (!o) continue;
    const changes = BEHIND_COMPARED.map(([field, get]) => ({ field, old: get(o), new: get(n) })).filter((c) => c.old !== c.new);
    if (!changes.length) {
      unchanged++;
      continue;
    }
    const e: BehindDiffEntry = { ...behindEntry(n), changes };
    if (o.recorder.ip !== n.recorder.ip) e.oldRecorder = o.recorder.ip;
    if (channelLabel(o.b) !== channelLabel(n.b)) e.oldChannel = channelLabel(o.b);
    changed.push(e);
  }
  return {
    added: news.filter((n) => !pairs.has(n)).map(behindEntry),
    removed: olds.filter((o) => !matchedOld.has(o)).map(behindEntry),
    changed,
    unchanged,
  };
}

/** Pairs each new device with an old one: shared stable id first, then same IP among the rest. */
function pair(olds: DeviceRecord[], news: DeviceRecord[]): Map<DeviceRecord, DeviceRecord> {
  const pairs = new Map<DeviceRecord, DeviceRecord>();
  const used = new Set<DeviceRecord>();
  const byId = new Map<string, DeviceRecord>();
  const oldIds = uniqueStableIds(olds);
  const newIds = uniqueStableIds(news);
  const stableIds = (d: DeviceRecord) => oldIds.get(d) ?? newIds.get(d) ?? [];
  for (const o of olds) for (const id of stableIds(o)) if (!byId.has(id)) byId.set(id, o);
  for (const n of news) {
    const o = stableIds(n).map((id) => byId.get(id)).find((x) => x && !used.has(x));
    if (o) {
      pairs.set(n, o);
      used.add(o);
    }
  }
  for (const n of news) {
    if (pairs.has(n)) continue;
    const o = olds.find((x) => !used.has(x) && x.ip === n.ip && !(stableIds(x).length && stableIds(n).length));
    if (o) {
      pairs.set(n, o);
      used.add(o);
    }
  }
  return pairs;
}

const listText = (xs: readonly unknown[] | undefined): string => (xs && xs.length ? xs.map((x) => plain(String(x), 60)).join(', ') : 'none');
const sameList = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean =>
  JSON.stringify([...(a ?? [])].map(String).sort()) === JSON.stringify([...(b ?? [])].map(String).sort());
const optionList = (r: ScanResult, key: string): unknown[] | undefined => {
  const v = r.scan.options?.[key];
  return Array.isArray(v) ? v : undefined;
};

/** One sentence per way the two scans are not like for like. */
export function scanCaveats(oldR: ScanResult, newR: ScanResult): string[] {
  const out: string[] = [];
  const o = oldR.scan;
  const n = newR.scan;
  if (!sameList(o.targets, n.targets)) out.push(`Scope differs: targets ${listText(o.targets)} then ${listText(n.targets)}.`);
  if (!sameList(o.excluded, n.excluded)) out.push(`Scope differs: excluded ${listText(o.excluded)} then ${listText(n.excluded)}.`);
  const [op, np] = [optionList(oldR, 'ports'), optionList(newR, 'ports')];
  if (op && np && !sameList(op, np)) out.push(`Scope differs: ports ${listText(op)} then ${listText(np)}.`);
  if (!sameList(o.modules, n.modules)) out.push(`Scope differs: modules ${listText(o.modules)} then ${listText(n.modules)}.`);
  const [oPol, nPol] = [optionList(oldR, 'policies'), optionList(newR, 'policies')];
  if (oPol && nPol && !sameList(oPol, nPol)) out.push(`Policies applied differ: ${listText(oPol)} then ${listText(nPol)} (risk changes may come from that).`);
  const stop = (r: ScanResult) => (typeof r.scan.options?.stopReason === 'string' ? ` (${plain(r.scan.options.stopReason as string, 80)})` : '');
  if (!o.complete) out.push(`The old scan is incomplete${stop(oldR)}: devices it did not reach may show as new.`);
  if (!n.complete) out.push(`The new scan is incomplete${stop(newR)}: devices it did not reach show as gone though they may still be there.`);
  return out;
}

export function diffResults(oldR: ScanResult, newR: ScanResult, inScope?: InScope): ScanDiff {
  const pairs = pair(oldR.devices, newR.devices);
  const matchedOld = new Set(pairs.values());
  const added = newR.devices.filter((d) => !pairs.has(d)).map(entry);
  const unmatched = oldR.devices.filter((d) => !matchedOld.has(d));
  // A device whose address the new scan never looked at is not gone: it was not scanned.
  const lookedAt = (d: DeviceRecord) => inScope?.('new', d.ip) !== false;
  const removed = unmatched.filter(lookedAt).map(entry);
  const notScanned = unmatched.filter((d) => !lookedAt(d)).map(entry);
  const changed: DiffEntry[] = [];
  const riskChanges: ScanDiff['riskChanges'] = [];
  let unchanged = 0;
  for (const n of newR.devices) {
    const o = pairs.get(n);
    if (!o) continue;
    const changes = COMPARED.map(([field, get]) => ({ field, old: get(o), new: get(n) })).filter((c) => c.old !== c.new);
    if (!changes.length) {
      unchanged++;
      continue;
    }
    const e: DiffEntry = { ...entry(n), changes };
    if (o.ip !== n.ip) e.oldIp = o.ip;
    if (o.risk.level !== n.risk.level) {
      e.oldRisk = o.risk.level;
      riskChanges.push({ ip: n.ip, from: o.risk.level, to: n.risk.level });
    }
    changed.push(e);
  }
  const behind = diffBehind(oldR, newR, pairs);
  const caveats = scanCaveats(oldR, newR);
  const differs =
    caveats.length > 0 || added.length > 0 || unmatched.length > 0 || changed.length > 0 || Boolean(behind && (behind.added.length || behind.removed.length || behind.changed.length));
  return {
    ...(behind ? { behind } : {}),
    old: { scanId: oldR.scan.id, finishedAt: oldR.scan.finishedAt, complete: oldR.scan.complete },
    new: { scanId: newR.scan.id, finishedAt: newR.scan.finishedAt, complete: newR.scan.complete },
    caveats,
    differs,
    added,
    removed,
    notScanned,
    changed,
    unchanged,
    riskChanges,
    summary: {
      added: added.length,
      removed: removed.length,
      notScanned: notScanned.length,
      changed: changed.length,
      unchanged,
      highBefore: oldR.devices.filter((d) => d.risk.level === 'high').length,
      highAfter: newR.devices.filter((d) => d.risk.level === 'high').length,
      ...(behind ? { behindAdded: behind.added.length, behindRemoved: behind.removed.length, behindChanged: behind.changed.length } : {}),
    },
  };
}

const who = (e: { manufacturer: string | null; model: string | null }) => plain([e.manufacturer ?? 'maker unknown', e.model].filter(Boolean).join(' '), 80);

export function renderDiffText(d: ScanDiff): string {
  const s = d.summary;
  const out = [
    `Comparing scan ${plain(d.old.scanId, 60)} (${plain(d.old.finishedAt, 40)}) with ${plain(d.new.scanId, 60)} (${plain(d.new.finishedAt, 40)})`,
  ];
  // What makes the comparison not like for like comes first: the counts below depend on it.
  if (d.caveats.length) out.push('', 'NOT LIKE FOR LIKE:', ...d.caveats.map((c) => `  ! ${c}`), '');
  out.push(`${s.added} new, ${s.removed} gone, ${s.changed} changed, ${s.unchanged} unchanged${s.notScanned ? `, ${s.notScanned} not scanned again` : ''}; high-risk devices ${s.highBefore} → ${s.highAfter}`);
  if (!d.differs) out.push('No differences.');
  if (d.added.length) out.push('', 'New devices:', ...d.added.map((e) => `  + ${plain(e.ip, 40)}  ${plain(e.risk, 12)}  ${who(e)}`));
  if (d.removed.length) out.push('', 'Gone devices:', ...d.removed.map((e) => `  - ${plain(e.ip, 40)}  ${plain(e.risk, 12)}  ${who(e)}`));
  if (d.notScanned.length) out.push('', 'Not scanned again (outside the new scan\'s scope: not known to be gone):', ...d.notScanned.map((e) => `  ? ${plain(e.ip, 40)}  ${plain(e.risk, 12)}  ${who(e)}`));
  if (d.changed.length) {
    out.push('', 'Changed devices:');
    for (const e of d.changed) {
      out.push(`  ~ ${plain(e.ip, 40)}${e.oldIp ? ` (was ${plain(e.oldIp, 40)})` : ''}  ${who(e)}`);
      for (const c of e.changes ?? []) out.push(`      ${plain(c.field, 40)}: ${plain(c.old ?? '—', 100)} → ${plain(c.new ?? '—', 100)}`);
    }
  }
  if (d.riskChanges.length) out.push('', 'Risk changes:', ...d.riskChanges.map((r) => `  ${plain(r.ip, 40)}: ${plain(r.from, 12)} → ${plain(r.to, 12)}`));
  const b = d.behind;
  if (b) {
    const where = (e: BehindDiffEntry) => `${plain(e.recorder, 40)} ${plain(e.channel, 24)}`;
    out.push('', `Cameras behind recorders: ${b.added.length} new, ${b.removed.length} gone, ${b.changed.length} changed, ${b.unchanged} unchanged`);
    for (const e of b.added) out.push(`  + ${where(e)}  ${plain(e.risk, 12)}  ${who(e)}`);
    for (const e of b.removed) out.push(`  - ${where(e)}  ${plain(e.risk, 12)}  ${who(e)}`);
    for (const e of b.changed) {
      out.push(`  ~ ${where(e)}${e.oldRecorder || e.oldChannel ? ` (was ${plain(e.oldRecorder ?? e.recorder, 40)} ${plain(e.oldChannel ?? e.channel, 24)})` : ''}  ${who(e)}`);
      for (const c of e.changes ?? []) out.push(`      ${plain(c.field, 40)}: ${plain(c.old ?? '—', 100)} → ${plain(c.new ?? '—', 100)}`);
    }
  }
  return out.join('\n') + '\n';
}
