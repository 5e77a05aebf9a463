import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { buildScope, LARGE_SCOPE } from '../../src/scope/scope.js';
import { parseOne, parseTargets } from '../../src/scope/parse.js';
import { formatIPv4, parseIPv4 } from '../../src/scope/ipv4.js';
import { UsageError } from '../../src/core/errors.js';

const noDns = { resolve: async (h: string) => (h === 'cam1.lab' ? ['198.18.0.11', '198.18.0.12'] : Promise.reject(new Error('NXDOMAIN'))) };

async function addrs(targets: string[], exclude: string[] = [], opts = {}) {
  return [...(await buildScope(targets, exclude, { ...noDns, ...opts })).addresses()];
}

describe('target forms', () => {
  it('single address, CIDR, short and full ranges, hostname', async () => {
    expect(await addrs(['10.1.2.3'])).toEqual(['10.1.2.3']);
    expect(await addrs(['10.1.2.0/30'])).toEqual(['10.1.2.0', '10.1.2.1', '10.1.2.2', '10.1.2.3']);
    expect(await addrs(['10.1.2.10-12'])).toEqual(['10.1.2.10', '10.1.2.11', '10.1.2.12']);
    const full = await addrs(['10.1.2.254-10.1.3.1']);
    expect(full).toEqual(['10.1.2.254', '10.1.2.255', '10.1.3.0', '10.1.3.1']);
    expect(await addrs(['cam1.lab'])).toEqual(['198.18.0.11', '198.18.0.12']);
  });

  it('CIDR with host bits set is the containing network', async () => {
    expect(await addrs(['10.1.2.77/30'])).toEqual(['10.1.2.76', '10.1.2.77', '10.1.2.78', '10.1.2.79']);
  });

  it('@file with comments, blank lines and several per line', async () => {
    const files: Record<string, string> = { 'sites.txt': '# office\n10.1.2.1\n\n10.1.2.5-6  # printers\n10.1.3.0/31, 10.1.4.1\r\n' };
    const s = await buildScope(['@sites.txt'], [], { readTextFile: async (f) => files[f] });
    expect([...s.addresses()]).toEqual(['10.1.2.1', '10.1.2.5', '10.1.2.6', '10.1.3.0', '10.1.3.1', '10.1.4.1']);
  });

  it('comma-separated targets in one argument', async () => {
    expect(await addrs(['10.0.0.1,10.0.0.3'])).toEqual(['10.0.0.1', '10.0.0.3']);
  });

  it('overlapping targets are merged, not scanned twice', async () => {
    const s = await buildScope(['10.1.2.0/24', '10.1.2.100-200', '10.1.2.5'], [], noDns);
    expect(s.count).toBe(256);
    expect(new Set(s.addresses()).size).toBe(256);
  });
});

describe('exclusions', () => {
  it('removes single addresses, ranges and CIDRs, in any form', async () => {
    const a = await addrs(['10.1.2.0/28'], ['10.1.2.0', '10.1.2.4-7', '10.1.2.8/30']);
    expect(a).toEqual(['10.1.2.1', '10.1.2.2', '10.1.2.3', '10.1.2.12', '10.1.2.13', '10.1.2.14', '10.1.2.15']);
  });

  it('everything excluded is a usage error', async () => {
    await expect(buildScope(['10.1.2.1'], ['10.1.2.0/24'], noDns)).rejects.toThrow(/every target address is excluded/);
  });
});

describe('invalid input gives one clear line', () => {
  const cases: [string, RegExp][] = [
    ['10.1.2.300', /not a valid IPv4 address/],
    ['10.1.2.0/33', /prefix length must be 0 to 32/],
    ['10.1.2/24', /before "\/" is not an IPv4 address/],
    ['10.1.2.40-10', /range end is before its start/],
    ['10.1.2.1-300', /range end must be 0 to 255/],
    ['10.1.2.1-10.1.2', /neither a last octet nor an IPv4 address/],
    ['no such host', /not an IPv4 address, CIDR, range, hostname or @file/],
    ['unknown.example', /hostname does not resolve/],
    ['010.1.2.3', /not a valid IPv4 address/],
  ];
  for (const [spec, msg] of cases) {
    it(spec, async () => {
      const err = await parseOne(spec, noDns).catch((e) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect(err.message).toMatch(msg);
      expect(err.message).not.toContain('\n');
    });
  }

  it('names the file and line for a bad line in @file', async () => {
    const err = await parseTargets(['@t.txt'], { ...noDns, readTextFile: async () => '10.0.0.1\n10.0.0.999\n' }).catch((e) => e);
    expect(err.message).toMatch(/t\.txt:2/);
  });

  it('a missing @file is a usage error', async () => {
    await expect(parseTargets(['@/nonexistent/targets.txt'])).rejects.toThrow(/cannot read target file/);
  });

  it('no targets is a usage error', async () => {
    await expect(buildScope([], [])).rejects.toThrow(/no targets given/);
  });
});

describe('guards', () => {
  it('refuses public addresses unless allowed', async () => {
    await expect(buildScope(['8.8.8.0/30'], [])).rejects.toThrow(/refusing public address 8\.8\.8\.0/);
    await expect(buildScope(['10.0.0.0/7'], [])).rejects.toThrow(/refusing public address 11\.0\.0\.0/);
    expect((await buildScope(['8.8.8.0/30'], [], { allowPublic: true })).count).toBe(4);
  });

  it('accepts every non-public range', async () => {
    for (const t of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '198.18.0.0/15', '127.0.0.0/8']) {
      await expect(buildScope([t], [], { allowLarge: true })).resolves.toBeDefined();
    }
  });

  it('refuses more than 65,536 addresses unless allowed', async () => {
    expect((await buildScope(['10.0.0.0/16'], [])).count).toBe(LARGE_SCOPE);
    await expect(buildScope(['10.0.0.0/15'], [])).rejects.toThrow(/--allow-large/);
  });

  it('a /8 is planned without materialising 16 M addresses', async () => {
    const before = process.memoryUsage().heapUsed;
    const s = await buildScope(['10.0.0.0/8'], ['10.0.0.0/9'], { allowLarge: true });
    expect(s.count).toBe(2 ** 23);
    const it = s.addresses();
    expect(it.next().value).toBe('10.128.0.0');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
  });
});

describe('properties', () => {
  const ip = fc.integer({ min: 0x0a000000, max: 0x0affffff }); // inside 10/8, never public
  it('CIDR expansion count is 2^(32-prefix)', async () => {
    await fc.assert(
      fc.asyncProperty(ip, fc.integer({ min: 8, max: 32 }), async (base, prefix) => {
        const s = await buildScope([`${formatIPv4(base)}/${prefix}`], [], { allowLarge: true });
        return s.count === 2 ** (32 - prefix);
      }),
      { numRuns: 300 },
    );
  });

  it('small CIDRs stream exactly 2^(32-prefix) distinct addresses, all inside the block', async () => {
    await fc.assert(
      fc.asyncProperty(ip, fc.integer({ min: 22, max: 32 }), async (base, prefix) => {
        const s = await buildScope([`${formatIPv4(base)}/${prefix}`], []);
        const list = [...s.addresses()];
        const size = 2 ** (32 - prefix);
        const start = Math.floor(base / size) * size;
        return list.length === size && new Set(list).size === size && list.every((a) => parseIPv4(a)! >= start && parseIPv4(a)! < start + size);
      }),
      { numRuns: 200 },
    );
  });

  it('exclusion never leaks an excluded address', async () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 0, max: 255 })).map(([a, len]) => [0x0a010000 + a, 0x0a010000 + Math.min(1023, a + len)] as const);
    await fc.assert(
      fc.asyncProperty(range, fc.array(range, { minLength: 1, maxLength: 5 }), async ([s, e], excl) => {
        const exSpecs = excl.map(([a, b]) => `${formatIPv4(a)}-${formatIPv4(b)}`);
        const excluded = (n: number) => excl.some(([a, b]) => n >= a && n <= b);
        const expected: string[] = [];
        for (let n = s; n <= e; n++) if (!excluded(n)) expected.push(formatIPv4(n));
        if (!expected.length) return true;
        const scope = await buildScope([`${formatIPv4(s)}-${formatIPv4(e)}`], exSpecs);
        const got = [...scope.addresses()];
        return got.length === expected.length && got.every((a, i) => a === expected[i] && !excluded(parseIPv4(a)!)) && expected.every((a) => scope.has(a));
      }),
      { numRuns: 300 },
    );
  });
});
