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
