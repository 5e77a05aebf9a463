import { describe, expect, it } from 'vitest';
import { diffResults, renderDiffText } from '../../src/report/diff.js';
import { mergeResults } from '../../src/report/merge.js';
import { validateResult } from '../../src/report/schema.js';
import { axisLike, dahuaViaLorex, device, hikvision, result } from '../helpers/result-builder.js';

// Crafted pair: Q1 has Hikvision, Lorex/Dahua NVR, Axis, and an unidentified camera at .14.
// Q2: Hikvision moved IP and got new firmware; the Lorex NVR is gone; Axis unchanged;
// the .14 camera is now identified as Uniview (risk unknown → elevated); a new Dahua appears.
const q1 = result([hikvision(), dahuaViaLorex(), axisLike(), device({ ip: '198.18.0.14', mac: '00:00:5e:00:00:14', ids: ['mac:00:00:5e:00:00:14'] })], { id: 'q1', finishedAt: '2026-03-31T10:00:00.000Z', startedAt: '2026-03-31T09:00:00.000Z' });
const q2 = result(
  [
    hikvision({ ip: '198.18.0.41', firmware: 'V5.7.18 build 240826' }),
    axisLike(),
    device({ ip: '198.18.0.14', mac: '00:00:5E:00:00:14', ids: ['mac:00:00:5e:00:00:14'], manufacturer: 'uniview', manufacturerName: 'Uniview', risk: { level: 'elevated', reason: 'synthetic', policies: [] } }),
    device({ ip: '198.18.0.50', mac: '3c:ef:8c:00:00:50', ids: ['mac:3c:ef:8c:00:00:50'], manufacturer: 'dahua', manufacturerName: 'Dahua', risk: { level: 'high', reason: 'synthetic', policies: [] } }),
  ],
  { id: 'q2', finishedAt: '2026-06-30T10:00:00.000Z', startedAt: '2026-06-30T09:00:00.000Z' },
);

describe('diff', () => {
  const d = diffResults(q1, q2);
  it('finds added, removed, moved IP, changed firmware and risk changes', () => {
    expect(d.added.map((e) => e.ip)).toEqual(['198.18.0.50']);
    expect(d.removed.map((e) => e.ip)).toEqual(['198.18.0.12']);
    expect(d.unchanged).toBe(1);
    const hik = d.changed.find((e) => e.ip === '198.18.0.41')!;
    expect(hik.oldIp).toBe('198.18.0.11');
    expect(hik.changes).toEqual([
      { field: 'ip', old: '198.18.0.11', new: '198.18.0.41' },
      { field: 'firmware', old: 'V5.4.0 build 160530', new: 'V5.7.18 build 240826' },
    ]);
    expect(d.riskChanges).toEqual([{ ip: '198.18.0.14', from: 'unknown', to: 'elevated' }]);
    expect(d.summary).toEqual({ added: 1, removed: 1, notScanned: 0, changed: 2, unchanged: 1, highBefore: 2, highAfter: 2 });
  });
  it('renders text a person can read', () => {
    const t = renderDiffText(d);
    expect(t).toContain('1 new, 1 gone, 2 changed, 1 unchanged; high-risk devices 2 → 2');
    expect(t).toContain('  - 198.18.0.12  high  Dahua NR9320N');
    expect(t).toContain('  ~ 198.18.0.41 (was 198.18.0.11)');
    expect(t).toContain('      firmware: V5.4.0 build 160530 → V5.7.18 build 240826');
    expect(t).toContain('  198.18.0.14: unknown → elevated');
  });
  it('identical results have no changes', () => {
    expect(diffResults(q1, q1).summary).toEqual({ added: 0, removed: 0, notScanned: 0, changed: 0, unchanged: 4, highBefore: 2, highAfter: 2 });
  });
});

describe('merge', () => {
  it('dedupes by MAC/serial/endpoint id, keeps every scan id in sources, and validates', () => {
    const m = mergeResults([q1, q2]);
    expect(validateResult(m)).toEqual([]);
    // q1 ∪ q2: hikvision (same serial), lorex (q1 only), axis (same MAC), .14 (same MAC, case differs), new dahua
    expect(m.devices.length).toBe(5);
    const hik = m.devices.find((d) => d.manufacturer === 'hikvision')!;
    expect(hik.ip).toBe('198.18.0.41'); // the newest sighting
    expect(hik.sources!.sort()).toEqual(['q1', 'q2']);
    expect(m.devices.find((d) => d.brand === 'Lorex')!.sources).toEqual(['q1']);
    expect(m.devices.find((d) => d.ip === '198.18.0.50')!.sources).toEqual(['q2']);
    expect(m.summary.devices).toBe(5);
    expect(m.summary.high).toBe(3);
    expect(m.scan.options.mergedFrom).toEqual(['q2', 'q1']);
    expect(m.scan.startedAt).toBe('2026-03-31T09:00:00.000Z');
  });
  it('never merges devices without a stable id just because two sites reuse an IP', () => {
    const a = result([device({ ip: '10.0.0.5' })], { id: 'site-a' });
    const b = result([device({ ip: '10.0.0.5' })], { id: 'site-b' });
    const m = mergeResults([a, b]);
    expect(m.devices.length).toBe(2);
    expect(m.devices.map((d) => d.sources![0]).sort()).toEqual(['site-a', 'site-b']);
  });
  it('merging a merged result with another keeps earlier sources', () => {
    const m1 = mergeResults([q1]);
    const m2 = mergeResults([m1, q2]);
    expect(m2.devices.find((d) => d.manufacturer === 'hikvision')!.sources!.sort()).toEqual(['q1', 'q2']);
  });
});

describe('an id shared by several devices of one scan is no identity', () => {
  // Three cameras behind one MAC (a proxy-ARP bridge, or the lab's single veth) and two that copied one serial.
  const shared = (ip: string, over: Parameters<typeof device>[0] = {}) => device({ ip, mac: '1a:d5:4b:67:1e:91', ids: ['mac:1a:d5:4b:67:1e:91'], ...over });
  const s1 = result([shared('198.18.0.10'), shared('198.18.0.11'), shared('198.18.0.12'), device({ ip: '198.18.0.20', serial: 'DS-2CD0000-X', ids: [] }), device({ ip: '198.18.0.21', serial: 'DS-2CD0000-X', ids: [] })], { id: 's1', finishedAt: '2026-03-31T10:00:00.000Z' });
  const s2 = result([shared('198.18.0.10'), shared('198.18.0.12', { firmware: 'V2' }), device({ ip: '198.18.0.20', serial: 'DS-2CD0000-X', ids: [] })], { id: 's2', finishedAt: '2026-06-30T10:00:00.000Z' });

  it('merge keeps them apart', () => {
    expect(mergeResults([s1]).devices.map((d) => d.ip)).toEqual(['198.18.0.10', '198.18.0.11', '198.18.0.12', '198.18.0.20', '198.18.0.21']);
    expect(validateResult(mergeResults([s1]))).toEqual([]);
  });

  it('diff pairs them by IP instead of calling them moved', () => {
    const d = diffResults(s1, s2);
    expect(d.removed.map((x) => x.ip).sort()).toEqual(['198.18.0.11', '198.18.0.21']);
    expect(d.added).toEqual([]);
    const changed = d.changed.map((c) => c.ip);
    expect(changed).toEqual(['198.18.0.12']);
  });
});

describe('diff says when the two scans are not like for like (issue 17)', () => {
  const withScope = (r: ReturnType<typeof result>, over: { excluded?: string[]; targets?: string[]; complete?: boolean; stopReason?: string; ports?: number[] }) => {
    const c = structuredClone(r);
    if (over.excluded) c.scan.excluded = over.excluded;
    if (over.targets) c.scan.targets = over.targets;
    if (over.complete !== undefined) c.scan.complete = over.complete;
    if (over.stopReason) c.scan.options.stopReason = over.stopReason;
    if (over.ports) c.scan.options.ports = over.ports;
    return c;
  };
  // The new scan excludes the Lorex NVR's address: it is "not scanned again", not gone.
  const inScope = (excluded: string[]) => (side: 'old' | 'new', ip: string) => (side === 'new' && excluded.includes(ip) ? false : true);

  it('an --exclude in the new scan: said first, and the excluded device is not scanned again rather than gone', () => {
    const q2x = withScope(q2, { excluded: ['198.18.0.12'] });
    const d = diffResults(q1, q2x, inScope(['198.18.0.12']));
    expect(d.caveats).toEqual(['Scope differs: excluded none then 198.18.0.12.']);
    expect(d.removed).toEqual([]);
    expect(d.notScanned.map((e) => e.ip)).toEqual(['198.18.0.12']);
    expect(d.differs).toBe(true);
    const t = renderDiffText(d);
    expect(t.indexOf('NOT LIKE FOR LIKE')).toBeLessThan(t.indexOf('0 new') === -1 ? t.indexOf('1 new') : t.indexOf('0 new'));
    expect(t).toContain('  ! Scope differs: excluded none then 198.18.0.12.');
    expect(t).toContain("Not scanned again (outside the new scan's scope: not known to be gone):");
    expect(t).toContain('1 new, 0 gone, 2 changed, 1 unchanged, 1 not scanned again');
  });

  it('an interrupted new scan, other targets and other ports are each named', () => {
    const q2i = withScope(q2, { complete: false, stopReason: 'interrupted', targets: ['198.18.0.0/25'], ports: [80] });
    const d = diffResults(q1, q2i);
    expect(d.caveats).toEqual([
      'Scope differs: targets 198.18.0.0/24 then 198.18.0.0/25.',
      'Scope differs: ports 80, 554 then 80.',
      'The new scan is incomplete (interrupted): devices it did not reach show as gone though they may still be there.',
    ]);
    expect(d.new.complete).toBe(false);
  });

  it('identical results: no caveat, nothing differs; the same devices with a different scope still differ', () => {
    const same = diffResults(q1, q1);
    expect(same.caveats).toEqual([]);
    expect(same.differs).toBe(false);
    expect(renderDiffText(same)).toContain('No differences.');
    const scoped = diffResults(q1, withScope(q1, { excluded: ['198.18.0.200'] }));
    expect(scoped.summary.added + scoped.summary.removed + scoped.summary.changed).toBe(0);
    expect(scoped.differs).toBe(true);
  });
});

describe('merge of a passive read with a scan (no observations kept): the device type travels with its confidence and rationale', () => {
  it('the better-established sighting gives type, type confidence and type rationale together', () => {
    const scanned = result([hikvision({ deviceType: 'nvr', deviceTypeConfidence: 'confirmed', deviceTypeRationale: 'ISAPI deviceInfo deviceType=NVR (synthetic)' })], { id: 'scan' });
    const heard = result([hikvision({ confidence: 'possible', deviceType: 'unknown', deviceTypeConfidence: null, deviceTypeRationale: 'nothing indicated a type (synthetic)' })], { id: 'pcap' });
    heard.scan.source = { kind: 'passive', captures: [] } as unknown as NonNullable<typeof heard.scan.source>;
    for (const order of [[heard, scanned], [scanned, heard]]) {
      const m = mergeResults(order);
      expect(m.devices).toHaveLength(1);
      const d = m.devices[0]!;
      expect(d.notes.join(' ')).toMatch(/evidence lists joined/);
      expect([d.deviceType, d.deviceTypeConfidence, d.deviceTypeRationale]).toEqual(['nvr', 'confirmed', 'ISAPI deviceInfo deviceType=NVR (synthetic)']);
    }
  });
});
