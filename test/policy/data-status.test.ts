import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addMonths, isStale, policyDataStatus, policyDataVersion } from '../../src/policy/data-status.js';
import { builtinPolicies } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/schema.js';

const rec = (id: string, last_verified: string) => ({ ...builtinPolicies()[0], id, last_verified }) as Policy;

describe('policy data staleness', () => {
  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths('2026-12-07', 6)).toBe('2027-06-07');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  });

  it('is stale only when more than six months separate the check from the scan', () => {
    expect(isStale('2026-12-07', '2027-06-07T10:00:00Z')).toBe(false); // exactly six months
    expect(isStale('2026-12-07', '2027-06-08T00:00:00Z')).toBe(true);
    expect(isStale('2026-12-07', '2026-12-01T00:00:00Z')).toBe(false); // scan before the check (a re-render)
  });

  it('takes the oldest record applied, names it, and warns in one line', () => {
    const s = policyDataStatus([rec('a-new', '2026-12-07'), rec('b-old', '2026-11-28')], '2027-06-01T09:00:00Z', '2026.12.07-1');
    expect(s).toEqual({ version: '2026.12.07-1', lastChecked: '2026-11-28', oldestRecord: 'b-old', asOf: '2027-06-01', stale: true, warning: expect.stringMatching(/^The policy data was last checked on 2026-11-28 \(b-old\), more than 6 months before 2027-06-01/) });
    expect(s.warning).not.toContain('\n');
    const fresh = policyDataStatus([rec('a-new', '2026-12-07')], '2027-01-01T00:00:00Z', 'v');
    expect(fresh.stale).toBe(false);
    expect(fresh.warning).toBeUndefined();
  });

  it('reads the version from policies/meta.json, and says "unknown" or "unreadable" instead of failing', () => {
    expect(policyDataVersion()).toMatch(/^\d{4}\.\d{2}\.\d{2}-\d+$/);
    const dir = mkdtempSync(path.join(tmpdir(), 'camaudit-policy-meta-'));
    try {
      expect(policyDataVersion(dir)).toBe('unknown');
      mkdirSync(path.join(dir, 'policies'));
      writeFileSync(path.join(dir, 'policies', 'meta.json'), '{not json');
      expect(policyDataVersion(dir)).toMatch(/^unreadable \(meta\.json: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the built-in version is bumped with the records: it starts with the newest last_verified date', () => {
    const newest = builtinPolicies().map((p) => p.last_verified).sort().at(-1)!;
    expect(policyDataVersion().slice(0, 10)).toBe(newest.replace(/-/g, '.'));
  });
});
