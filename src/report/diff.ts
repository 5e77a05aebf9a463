// Compare two scan results: devices new, gone and changed (moved IP, firmware, model, maker, risk),
// for a quarter-on-quarter removal tracker. Text and JSON.
import type { DeviceRecord, ScanResult } from '../core/result.js';
import { uniqueStableIds } from './identity.js';
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
export interface ScanDiff {
  old: { scanId: string; finishedAt: string };
  new: { scanId: string; finishedAt: string };
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: DiffEntry[];
  unchanged: number;
  riskChanges: { ip: string; from: string; to: string }[];
  summary: { added: number; removed: number; changed: number; unchanged: number; highBefore: number; highAfter: number };
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
];

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

export function diffResults(oldR: ScanResult, newR: ScanResult): ScanDiff {
  const pairs = pair(oldR.devices, newR.devices);
  const matchedOld = new Set(pairs.values());
  const added = newR.devices.filter((d) => !pairs.has(d)).map(entry);
  const removed = oldR.devices.filter((d) => !matchedOld.has(d)).map(entry);
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
  return {
    old: { scanId: oldR.scan.id, finishedAt: oldR.scan.finishedAt },
    new: { scanId: newR.scan.id, finishedAt: newR.scan.finishedAt },
    added,
    removed,
    changed,
    unchanged,
    riskChanges,
    summary: {
      added: added.length,
      removed: removed.length,
      changed: changed.length,
      unchanged,
      highBefore: oldR.devices.filter((d) => d.risk.level === 'high').length,
      highAfter: newR.devices.filter((d) => d.risk.level === 'high').length,
    },
  };
}

const who = (e: DiffEntry) => plain([e.manufacturer ?? 'maker unknown', e.model].filter(Boolean).join(' '), 80);

export function renderDiffText(d: ScanDiff): string {
  const s = d.summary;
  const out = [
    `Comparing scan ${plain(d.old.scanId, 60)} (${plain(d.old.finishedAt, 40)}) with ${plain(d.new.scanId, 60)} (${plain(d.new.finishedAt, 40)})`,
    `${s.added} new, ${s.removed} gone, ${s.changed} changed, ${s.unchanged} unchanged; high-risk devices ${s.highBefore} → ${s.highAfter}`,
  ];
  if (d.added.length) out.push('', 'New devices:', ...d.added.map((e) => `  + ${plain(e.ip, 40)}  ${plain(e.risk, 12)}  ${who(e)}`));
  if (d.removed.length) out.push('', 'Gone devices:', ...d.removed.map((e) => `  - ${plain(e.ip, 40)}  ${plain(e.risk, 12)}  ${who(e)}`));
  if (d.changed.length) {
    out.push('', 'Changed devices:');
    for (const e of d.changed) {
      out.push(`  ~ ${plain(e.ip, 40)}${e.oldIp ? ` (was ${plain(e.oldIp, 40)})` : ''}  ${who(e)}`);
      for (const c of e.changes ?? []) out.push(`      ${plain(c.field, 40)}: ${plain(c.old ?? '—', 100)} → ${plain(c.new ?? '—', 100)}`);
    }
  }
  if (d.riskChanges.length) out.push('', 'Risk changes:', ...d.riskChanges.map((r) => `  ${plain(r.ip, 40)}: ${plain(r.from, 12)} → ${plain(r.to, 12)}`));
  return out.join('\n') + '\n';
}
