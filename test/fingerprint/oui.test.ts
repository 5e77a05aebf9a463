import { describe, expect, it } from 'vitest';
import { loadFingerprintDb } from '../../src/fingerprint/db.js';
import { lookupOui, prefixCounts, vendorForOrg } from '../../src/fingerprint/oui.js';

const db = loadFingerprintDb();

describe('MAC OUI owners from oui-data 2.1.9', () => {
  it('prefix counts per vendor match the reference (a registry change is noticed)', () => {
    const counts = prefixCounts(db.ouiOwners);
    // policy.md §3.2
    expect(counts.hikvision).toBe(84);
    expect(counts.dahua).toBe(31);
    expect(counts.ezviz).toBe(15);
    expect(counts.uniview).toBe(4);
    expect(counts.huacheng).toBe(6);
    expect(counts['dahua-zhilian']).toBe(2);
    expect(counts.tiandy).toBe(3);
    for (const o of db.ouiOwners) expect(counts[o.vendor], o.vendor).toBe(o.expectedPrefixes);
  });

  it('maps exact organisation names, both Dahua strings included', () => {
    expect(vendorForOrg(db.ouiOwners, lookupOui('54:c4:15:9a:38:74')!.org)).toBe('hikvision');
    expect(vendorForOrg(db.ouiOwners, lookupOui('30-DD-AA-00-00-01')!.org)).toBe('dahua'); // "ZHEJIANG DAHUA TECHNOLOGYCO.,LTD"
    expect(vendorForOrg(db.ouiOwners, lookupOui('b4:4c:3b:f4:e3:01')!.org)).toBe('dahua');
    expect(vendorForOrg(db.ouiOwners, 'Hangzhou Hikvision Digital Technology Co.,Ltd')).toBeNull(); // not exact
  });

  it('ignores locally administered MACs and rejects malformed ones', () => {
    const hit = lookupOui('56:c4:15:9a:38:74'); // 54:C4:15 with the local bit set
    expect(hit!.local).toBe(true);
    expect(hit!.org).toBeNull();
    expect(lookupOui('not a mac')).toBeNull();
    expect(lookupOui('54:c4:15')).toBeNull();
  });
});
