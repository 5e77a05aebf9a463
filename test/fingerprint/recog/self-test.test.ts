// The Recog import's self-test (src/fingerprint/recog/verify.ts): every <example> of every imported Recog file
// is matched by its own fingerprint with the params it expects (Recog's own CI check), then put through
// camaudit's matcher and attribution. Failures are listed here by id with their reason: a new failure, or a
// listed one that no longer fails, fails the test, so nothing is skipped silently.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFingerprintDb } from '../../../src/fingerprint/db.js';
import { compileRecogCache, COMPILED_FILE, generateRecogVendors, RECOG_DIR, serialiseRecogCache, vendorStringsOf } from '../../../src/fingerprint/recog/load.js';
import { highRiskMakers, verifyExamples, verifyThroughIdentify } from '../../../src/fingerprint/recog/verify.js';
import { identifySample } from '../../../src/identify/identify.js';
import { FINGERPRINTS_DIR } from '../../../src/core/paths.js';

const db = loadFingerprintDb();
const recog = db.recog!;
const { outcomes, files } = verifyExamples(db);

/** Patterns that cannot be translated to JavaScript (none at the pinned commit; see docs/fingerprints.md). */
const KNOWN_UNTRANSLATABLE: string[] = [];

/**
 * Vendor-labelled examples camaudit does not attribute as the map says, with why. Each is a real disagreement
 * an auditor would want to know about, reported rather than hidden.
 */
const KNOWN_ATTRIBUTION_FAILURES: Record<string, string> = {
};

describe('Recog import', () => {
  it('loads every mapped file, pinned to a commit, with the files SOURCE.json records', () => {
    expect(recog.source?.commit).toMatch(/^[0-9a-f]{40}$/);
    for (const f of recog.map.files) {
      const text = readFileSync(path.join(RECOG_DIR, f.file));
      expect(createHash('sha256').update(text).digest('hex'), f.file).toBe(recog.source!.files[f.file]!.sha256);
    }
    expect(readFileSync(path.join(RECOG_DIR, 'LICENSE'), 'utf8')).toMatch(/BSD-2-clause/i);
    expect(recog.rules.length).toBeGreaterThan(3000);
  });

  it('reports every untranslatable pattern (the list is exact)', () => {
    expect(recog.untranslatable.map((u) => `${u.file}#${u.index}: ${u.reason}`)).toEqual(KNOWN_UNTRANSLATABLE);
  });

  it("every example matches its own fingerprint with the params it expects (Recog's own check)", () => {
    const bad = outcomes.filter((o) => !o.recogOk).map((o) => `${o.rule.id}#${o.example}: ${o.recogProblem}`);
    expect(bad).toEqual([]);
  });

  it('attributes ≥ 99 % of vendor-labelled examples to their maker (brand kept); the failures are exactly the listed ones', () => {
    const labelled = outcomes.filter((o) => o.labelled);
    const failed = labelled.filter((o) => !o.attributedOk);
    const ids = Object.fromEntries(failed.map((o) => [`${o.rule.id}#${o.example}`, o.problem]));
    expect(Object.keys(ids).sort()).toEqual(Object.keys(KNOWN_ATTRIBUTION_FAILURES).sort());
    expect((labelled.length - failed.length) / labelled.length).toBeGreaterThanOrEqual(0.99);
    for (const f of files) if (f.labelled) expect(f.attributed / f.labelled, f.file).toBeGreaterThanOrEqual(0.95);
  });

  it('no example of a maker that is not high-risk comes out high or attributed to a high-risk maker', () => {
    expect(outcomes.filter((o) => o.falseHigh).map((o) => `${o.rule.id}#${o.example}: ${o.problem}`)).toEqual([]);
  });

  it('compiled.json is the translation of the vendored files (and is what a load uses)', () => {
    expect(readFileSync(path.join(RECOG_DIR, COMPILED_FILE), 'utf8')).toBe(serialiseRecogCache(compileRecogCache()));
    expect(recog.fromCache).toBe(true);
  });

  it('≥ 99 % of vendor-labelled examples are attributed end to end by identify, labelled with their Recog file', () => {
    const figures = verifyThroughIdentify(db, outcomes, (protocol, payload) => identifySample('recog-example', { protocol, payload }, { db }));
    const labelled = figures.reduce((n, f) => n + f.labelled, 0);
    const attributed = figures.reduce((n, f) => n + f.attributed, 0);
    const failures = figures.flatMap((f) => f.failures.map((x) => `${x.id} ${JSON.stringify(x.value.slice(0, 60))} → ${x.got ?? 'no maker'}: ${x.why.slice(0, 100)}`));
    expect(attributed / labelled, failures.join('\n')).toBeGreaterThanOrEqual(0.99);
  });

  it('recog-vendors.json is what npm run update:recog generates from the map and the files', () => {
    const onDisk = JSON.parse(readFileSync(path.join(FINGERPRINTS_DIR, 'recog-vendors.json'), 'utf8')) as unknown;
    expect(generateRecogVendors()).toEqual(onDisk);
  });

  it('a Recog string reaches a curated vendor id only through a reviewed map entry', () => {
    const implicit: string[] = [];
    for (const r of recog.rules) {
      for (const { role, name } of vendorStringsOf(r)) {
        const d = recog.table.decide(name, role, { file: r.file, description: r.description });
        if (d.kind === 'maker' && !d.explicit && db.vendors.has(d.id)) implicit.push(`${role}.vendor ${name} → ${d.id}`);
      }
    }
    expect([...new Set(implicit)]).toEqual([]);
  });
});

describe('Recog vendor map: the distinctions an auditor needs', () => {
  const outcomeOf = (idPart: string, value?: string) => {
    const o = outcomes.find((x) => x.rule.id.includes(idPart) && (value === undefined || x.value === value));
    if (!o) throw new Error(`no Recog example ${idPart} ${value ?? ''}`);
    return o;
  };
  const hr = highRiskMakers(db);

  it('Huawei and ZTE gear is attributed to the high-risk makers huawei and zte', () => {
    expect(hr.has('huawei') && hr.has('zte')).toBe(true);
    expect(outcomeOf('ssh_banners:Huawei Versatile Routing Platform').maker).toBe('huawei');
    expect(outcomeOf('http_wwwauth:ZTE ZXHN router').maker).toBe('zte');
    expect(outcomeOf('snmp_sysdescr:HUAWEI VRP').maker).toBe('huawei');
  });

  it('HiSilicon is a chip maker: its SDK web server names no maker, and never Huawei', () => {
    for (const o of outcomes.filter((x) => /HiSilicon/.test(x.rule.id))) {
      expect(o.maker, o.rule.id).toBeNull();
      expect(o.risk).not.toBe('high');
    }
  });

  it('H3C (once the Huawei-3Com joint venture) is not Huawei', () => {
    const h3c = outcomes.filter((o) => o.expectedMaker === 'h3c');
    expect(h3c.length).toBeGreaterThan(0);
    for (const o of h3c) expect(o.maker).toBe('h3c');
  });

  it('AVTECH names two companies: the Taiwanese DVR maker and the US environment-monitor maker', () => {
    expect(outcomeOf('html_title:AVTECH RoomAlert').maker).toBe('avtech-software');
    expect(outcomeOf('favicons:AVTECH Environment Monitor').maker).toBe('avtech-software');
    expect(outcomeOf('http_servers:AV-TECH AVC787').maker).toBe('avtech');
    // AVTECH's Device ManageR is PC software: it names no maker.
    expect(outcomeOf('html_title:AVTECH Device ManageR').maker).toBeNull();
  });

  it('Lorex, Annke and Steinsvik are brands, not makers', () => {
    // Recog names only the brand; camaudit's Dahua realm rule names the maker behind it (brand kept).
    const lorex = outcomeOf('http_wwwauth:Lorex NR900');
    expect([lorex.brand, lorex.maker, lorex.attributedOk]).toEqual(['Lorex', 'dahua', true]);
    const annke = outcomeOf('http_servers:ANNKE IP Camera');
    expect([annke.brand, annke.maker]).toEqual(['Annke', null]);
    const steinsvik = outcomeOf('http_servers:Steinsvik Orbit IP Camera');
    expect([steinsvik.brand, steinsvik.maker]).toEqual(['Steinsvik', 'truen']);
  });

  it('a third-party or stock server names no maker (Apache, GoAhead, gSOAP, Boa, lighttpd, Wowza)', () => {
    // Only the service is known (no hw.vendor/os.vendor: "Apache running on HP-UX" does name HP).
    const serviceOnly = (o: (typeof outcomes)[number]) => !o.rule.params.some((p) => p.name === 'hw.vendor' || p.name === 'os.vendor');
    for (const part of ['http_servers:Apache', 'http_servers:GoAhead', 'http_servers:gSOAP', 'http_servers:Boa web server', 'http_servers:Lighttpd', 'rtsp_servers:Wowza']) {
      const mine = outcomes.filter((o) => o.rule.id.includes(part) && serviceOnly(o));
      expect(mine.length, part).toBeGreaterThan(0);
      for (const o of mine) expect([o.rule.id, o.maker]).toEqual([o.rule.id, null]);
    }
  });

  it('an operating system names no maker (Windows, Linux distributions, VxWorks)', () => {
    for (const o of outcomes.filter((x) => /snmp_sysdescr:(?:Microsoft Windows|Ubuntu|Debian)/.test(x.rule.id))) expect(o.maker, o.rule.id).toBeNull();
  });
});
