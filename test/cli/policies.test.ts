// `camaudit policies`: lists every policy record with its number (or why none), date, address, date last
// checked and what it covers; --json for machines; the user's own files validated as a scan would.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { builtinPolicies } from '../../src/policy/load.js';
import { fixturePath } from '../helpers/fixtures.js';

describe('camaudit policies', () => {
  it('lists every built-in record with number, date, address, date checked and coverage, and the policy data version', async () => {
    const r = await runCli(['policies']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Policy data \d{4}\.\d{2}\.\d{2}-\d+, last checked \d{4}-\d{2}-\d{2} \(oldest record: [a-z0-9-]+\); 6 record\(s\)\.\n/);
    for (const p of builtinPolicies()) {
      const block = r.stdout.split('\n\n').find((b) => b.startsWith(`${p.id} — `))!;
      expect(block, p.id).toBeTruthy();
      expect(block).toContain(`  Number:         ${p.number ?? 'none'}`);
      expect(block).toContain(`  Date:           ${p.date}`);
      expect(block).toContain(`  Address:        ${p.url}`);
      expect(block).toContain(`  Last checked:   ${p.last_verified}`);
      expect(block).toMatch(/\n {2}Covers: {9}\S/);
    }
    expect(r.stdout).toContain('uk-procurement-act-2023-debarment — ');
    expect(r.stdout).toContain('no covered maker (watch record: it decides no verdict)');
    expect(r.stdout).toContain('  Number:         HCWS386');
    expect(r.stdout).toContain('  Pending:        FCC 25-71 Further Notice of Proposed Rulemaking (90 FR 55826');
  });

  it('has --help with examples and exit codes', async () => {
    const r = await runCli(['policies', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/camaudit policies/);
    expect(r.stdout).toMatch(/Examples:/);
    expect(r.stdout).toMatch(/Exit codes/);
  });

  it('--quotes prints each quote with its source and excerpt, a paraphrase marked as one', async () => {
    const r = await runCli(['policies', 'us-bis-entity-list', '--quotes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 record(s)');
    expect(r.stdout).toContain('[excerpt: us-bis-entity-list--1.txt]');
    expect(r.stdout).toMatch(/covered\[uniview\]: Added for enabling .*\n {6}paraphrase; source: BIS release/);
  });

  it('--json gives the policy data and every record with its quotes', async () => {
    const r = await runCli(['policies', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { policyData: { version: string; lastChecked: string; stale: boolean }; policies: { id: string; number: string | null; numberNote: string | null; url: string; lastChecked: string; quotes: { verbatim: boolean; excerpts: string[] }[] }[] };
    expect(j.policies.map((p) => p.id)).toEqual(builtinPolicies().map((p) => p.id));
    expect(j.policyData.lastChecked).toBe(builtinPolicies().map((p) => p.last_verified).sort()[0]);
    for (const p of j.policies) {
      expect(p.number !== null || Boolean(p.numberNote)).toBe(true);
      for (const q of p.quotes) if (q.verbatim) expect(q.excerpts.length).toBeGreaterThan(0);
    }
  });

  it('an unknown id or an invalid policy file is a one-line usage error (exit 2); a valid user file is listed', async () => {
    const bad = await runCli(['policies', 'no-such-policy']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('unknown policy id "no-such-policy"');
    const invalid = await runCli(['policies', '--policy-file', fixturePath('synthetic', 'synthetic-policy-user-invalid.json')]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/synthetic-policy-user-invalid\.json/);
    const own = await runCli(['policies', 'council-local-rule', '--policy-file', fixturePath('synthetic', 'synthetic-policy-user-valid.json')]);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('council-local-rule — SYNTHETIC test policy');
    expect(own.stdout).toContain('  Number:         not stated');
  });
});
