// Failures that belong to no device reach the result as scan.notes (Stats.note → buildResult), valid against the schema.
import { describe, expect, it } from 'vitest';
import { buildResult, type BuildOptions } from '../../src/engine/build-result.js';
import { validateResult } from '../../src/report/schema.js';

const base: BuildOptions = {
  startedAt: '2026-12-07T00:00:00.000Z', finishedAt: '2026-12-07T00:00:01.000Z', targets: ['198.18.0.0/30'], excluded: [],
  interfaces: [], modules: ['wsd'], options: {}, complete: true, stats: {}, hostsScanned: 4, hostsAlive: 0,
};

describe('scan notes in the result', () => {
  it('are kept as scan.notes and validate', () => {
    const r = buildResult(new Map(), { ...base, notes: ['wsd: discovery stopped with an error: EBADF: socket gone'] });
    expect(r.scan.notes).toEqual(['wsd: discovery stopped with an error: EBADF: socket gone']);
    expect(validateResult(JSON.parse(JSON.stringify(r)))).toEqual([]);
  });

  it('are left out when there are none (older readers see the same shape)', () => {
    const r = buildResult(new Map(), { ...base, notes: [] });
    expect('notes' in r.scan).toBe(false);
    expect(validateResult(JSON.parse(JSON.stringify({ ...r, scan: { ...r.scan, notes: [3] } })))).not.toEqual([]);
  });
});

describe("the scan's own address is not a device (issue 17)", () => {
  it('a host that is the scanning interface is left out of devices, said in scan.notes, its observations kept', () => {
    const at = '2026-12-07T00:00:00.500Z';
    const byHost = new Map([
      ['198.18.0.2', [{ host: '198.18.0.2', module: 'sweep', kind: 'tcp', fields: { port: 22, open: true }, at }]],
      ['198.18.0.10', [{ host: '198.18.0.10', module: 'http', kind: 'http', fields: { port: 80, server: 'synthetic-server' }, at }]],
    ]);
    const r = buildResult(byHost as never, { ...base, interfaces: ['scan0 198.18.0.2 198.18.0.0/24'], hostsAlive: 2 });
    expect(r.devices.map((d) => d.ip)).toEqual(['198.18.0.10']);
    expect(r.summary.devices).toBe(1);
    expect(r.scan.notes).toEqual(['198.18.0.2 is the machine that ran the scan: it answered, and is not listed as a device']);
    expect(r.observations?.some((o) => o.host === '198.18.0.2')).toBe(true);
    expect(validateResult(JSON.parse(JSON.stringify(r)))).toEqual([]);
  });
});
