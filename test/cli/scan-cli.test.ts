import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';

describe('camaudit scan: usage errors exit 2 with one line', () => {
  it('no target', async () => {
    const r = await runCli(['scan']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no targets given/);
    expect(r.stdout).toBe('');
  });

  it('a public range is refused before anything is sent', async () => {
    const t0 = Date.now();
    const r = await runCli(['scan', '8.8.8.0/24']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing public address 8\.8\.8\.0/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('a bad target names itself', async () => {
    const r = await runCli(['scan', '10.1.2.300']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid target "10\.1\.2\.300"/);
  });

  it('an unknown option is a usage error', async () => {
    const r = await runCli(['scan', '10.0.0.1', '--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --no-such-option/i);
  });
});

describe('camaudit scan --dry-run', () => {
  it('prints the plan as JSON with a numeric addresses field and sends nothing', async () => {
    const r = await runCli(['scan', '10.1.2.0/24', '--exclude', '10.1.2.1', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.addresses).toBe(255);
    expect(plan.ports).toContain(554);
    expect(plan.modules).toContain('sweep');
    expect(typeof plan.estimatedSeconds).toBe('number');
  });

  it('a /8 plan is computed in constant memory', async () => {
    const r = await runCli(['scan', '10.0.0.0/8', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).addresses).toBe(16_777_216);
  });

  it('human plan', async () => {
    const r = await runCli(['scan', '192.168.1.0/28', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/addresses:\s+16/);
    expect(r.stdout).toMatch(/nothing sent/);
  });
});

describe('camaudit basics', () => {
  it('--version names the tool and fingerprint versions', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^camaudit \d+\.\d+\.\d+ \(fingerprints [\w.-]+\)\n$/);
  });

  it('every command has real --help text with examples', async () => {
    for (const c of ['scan', 'identify', 'report', 'diff', 'merge', 'lab', 'demo', 'doctor']) {
      const r = await runCli([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`camaudit ${c}`));
    }
    const scan = await runCli(['scan', '--help']);
    expect(scan.stdout).toMatch(/Examples:/);
    expect(scan.stdout).toMatch(/Exit codes/);
  });

  it('no command is a usage error', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
  });
});

describe('camaudit scan: policy selection is validated before anything is sent', () => {
  it('an unknown --policy id is a one-line usage error', async () => {
    const r = await runCli(['scan', '127.0.0.1', '--policy', 'no-such-policy', '--ports', '9']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no-such-policy/);
  });

  it('an invalid --policy-file names the file', async () => {
    const r = await runCli(['scan', '127.0.0.1', '--policy-file', fixturePath('synthetic', 'synthetic-policy-user-invalid.json'), '--ports', '9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/synthetic-policy-user-invalid\.json/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
