// The by-source, fixed-seed split of new captures (scripts/split-captures.ts): source keys, determinism
// and order independence, and the refusals. All inputs here are synthetic.
import { describe, expect, it } from 'vitest';
import { SPLIT_SEED, sourceKey, splitSide, type CaptureFile } from '../../scripts/capture-sets.js';
import { planSplit } from '../../scripts/split-captures.js';
import { truthOf } from '../../scripts/truth.js';

function synthetic(file: string, source: string, extra: Record<string, unknown> = {}): CaptureFile {
  return { file, set: 'incoming', data: { protocol: 'http', vendor_truth: 'Hikvision', source, payload: `synthetic payload of ${file}`, ...extra } };
}

describe('sourceKey', () => {
  it('reduces a GitHub thread URL with comment, anchor and author to the thread', () => {
    expect(sourceKey('https://github.com/Owner/Repo/issues/12 (comment by someone, 2023-01-02)')).toBe('github.com/owner/repo/issues/12');
    expect(sourceKey('https://github.com/owner/repo/issues/12#issuecomment-99')).toBe('github.com/owner/repo/issues/12');
    expect(sourceKey('https://www.github.com/owner/repo/pull/12/files')).toBe('github.com/owner/repo/issues/12');
    expect(sourceKey('https://github.com/owner/repo/discussions/7')).toBe('github.com/owner/repo/discussions/7');
  });

  it('reduces any file of a repository to the repository', () => {
    const k = 'github.com/owner/repo';
    expect(sourceKey('github.com/owner/repo tests/fixtures/synthetic.xml')).toBe(k);
    expect(sourceKey('https://github.com/owner/repo/blob/0123456789abcdef0123456789abcdef01234567/a/b.json')).toBe(k);
    expect(sourceKey('https://raw.githubusercontent.com/owner/repo/main/a.txt')).toBe(k);
    expect(sourceKey('https://github.com/owner/repo.git')).toBe(k);
    expect(sourceKey('owner/repo xml/synthetic.xml (fingerprint x)')).toBe(k);
  });

  it('keeps other documents by host and path, without fragment', () => {
    expect(sourceKey('https://www.example.org/doc/api.html#section-3 (table 2)')).toBe('example.org/doc/api.html');
    expect(sourceKey('see https://example.org/page?id=4.')).toBe('example.org/page?id=4');
  });

  it('falls back to the words before the first parenthesis for a source without a URL', () => {
    expect(sourceKey('GitHub code: synthetic  Svelte page (repository not recorded)')).toBe('github code: synthetic svelte page');
    expect(sourceKey('synthetic protocols.md §7')).toBe('synthetic protocols.md §7');
  });
});

describe('splitSide', () => {
  it('is SHA-256 of the seed and key, first byte < 128 → blind, and puts about half of many keys in blind', () => {
    expect(SPLIT_SEED.length).toBeGreaterThan(0);
    const keys = Array.from({ length: 400 }, (_, i) => `github.com/synthetic/repo${i}/issues/${i}`);
    const blind = keys.filter((k) => splitSide(k) === 'blind').length;
    expect(blind).toBeGreaterThan(160);
    expect(blind).toBeLessThan(240);
    for (const k of keys) expect(splitSide(k)).toBe(splitSide(k));
  });

  it('is pinned: a changed seed or hash would move committed captures between dev and blind', () => {
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => splitSide(`synthetic:${k}`))).toEqual(['blind', 'blind', 'blind', 'dev', 'dev', 'blind', 'blind', 'blind']);
  });
});

describe('planSplit', () => {
  const batch = [
    synthetic('synthetic-a.json', 'https://github.com/synth/one/issues/1 (comment by a)'),
    synthetic('synthetic-b.json', 'https://github.com/synth/one/issues/1#issuecomment-2 (comment by b)'),
    synthetic('synthetic-c.json', 'github.com/synth/two tests/x.json'),
    synthetic('synthetic-d.json', 'https://github.com/synth/two/blob/main/y.json'),
    ...Array.from({ length: 30 }, (_, i) => synthetic(`synthetic-n${i}.json`, `https://github.com/synth/n${i}/issues/${i}`)),
  ];

  it('is order-independent and keeps every capture of a source on one side', () => {
    const a = planSplit(batch, []);
    const b = planSplit([...batch].reverse(), []);
    expect(b).toEqual(a);
    const side = new Map(a.map((x) => [x.file, x.side]));
    expect(side.get('synthetic-a.json')).toBe(side.get('synthetic-b.json'));
    expect(side.get('synthetic-c.json')).toBe(side.get('synthetic-d.json'));
    expect(new Set(a.map((x) => x.side))).toEqual(new Set(['dev', 'blind']));
  });

  it('refuses a capture without source, protocol, payload or vendor_truth, and moves nothing', () => {
    for (const f of ['source', 'protocol', 'payload', 'vendor_truth']) {
      const bad = synthetic('synthetic-bad.json', 'https://github.com/synth/bad/issues/1', { [f]: f === 'payload' ? '' : undefined });
      expect(() => planSplit([batch[0]!, bad], []), f).toThrow(new RegExp(`synthetic-bad.json: no "${f}"`));
    }
  });

  it('refuses a file name already in a set, and a payload already in a set', () => {
    const existing: CaptureFile = { ...synthetic('synthetic-a.json', 'https://example.org/x'), set: 'shared' };
    expect(() => planSplit([batch[0]!], [existing])).toThrow(/file name already in set "shared"/);
    const samePayload: CaptureFile = { file: 'synthetic-other.json', set: 'dev', data: { ...batch[0]!.data } };
    expect(() => planSplit([batch[0]!], [samePayload])).toThrow(/same payload as dev\/synthetic-other.json/);
  });
});

describe('truthOf', () => {
  it('maps maker texts to vendor ids and groups, unknown to null, and lists a maker the database lacks', () => {
    expect(truthOf('Hanwha Vision (Samsung Techwin)')).toMatchObject({ status: 'vendor', vendor: 'hanwha' });
    expect(truthOf('Uniview (inferred: synthetic)')).toMatchObject({ status: 'vendor', vendor: 'uniview', group: 'uniview' });
    expect(truthOf('Ezviz')).toMatchObject({ vendor: 'ezviz', group: 'hikvision' });
    expect(truthOf('Signify (Philips)')).toMatchObject({ vendor: 'signify' });
    expect(truthOf('Huawei')).toMatchObject({ vendor: 'huawei' });
    expect(truthOf('ZTE Corporation')).toMatchObject({ vendor: 'zte' });
    expect(truthOf('unknown Chinese OEM (synthetic)')).toMatchObject({ status: 'unknown', vendor: null, group: null });
    expect(truthOf('Synthetic Maker Ltd')).toMatchObject({ status: 'unmapped', vendor: null });
  });

  it('maps makers only Recog knows to the Recog-only ids identify names them by, curated names first', () => {
    expect(truthOf('MikroTik')).toMatchObject({ status: 'vendor', vendor: 'mikrotik', group: 'mikrotik' });
    expect(truthOf('LG Electronics')).toMatchObject({ status: 'vendor', vendor: 'lg' });
    expect(truthOf('Canon')).toMatchObject({ status: 'vendor', vendor: 'canon' });
    expect(truthOf('Fortinet')).toMatchObject({ status: 'vendor', vendor: 'fortinet' });
    expect(truthOf('Linksys (a Cisco division when this model was made)')).toMatchObject({ vendor: 'linksys' });
    expect(truthOf('Netgear')).toMatchObject({ vendor: 'netgear' });
    // Samsung Electronics is not Samsung Techwin (Hanwha Vision): never the same group.
    expect(truthOf('Samsung Electronics')).toMatchObject({ status: 'vendor', vendor: 'samsung', group: 'samsung' });
    expect(truthOf('Samsung Techwin')).toMatchObject({ vendor: 'hanwha', group: 'hanwha' });
    expect(truthOf('Hanwha Vision (Samsung Techwin)')).toMatchObject({ vendor: 'hanwha' });
    // A maker neither table knows stays unmapped (scored as not right, listed).
    expect(truthOf('Sagemcom')).toMatchObject({ status: 'unmapped', vendor: null });
  });
});
