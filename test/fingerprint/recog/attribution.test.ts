// How Recog evidence is weighed against camaudit's own rules (docs/fingerprints.md, section Recog). Observation
// values are Recog examples (fingerprints/third-party/recog/*.xml) unless marked synthetic.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/core/observation.js';
import { attributeWith, groupOf } from '../../../src/fingerprint/attribute.js';
import { highRiskMakers, observationFor } from '../../../src/fingerprint/recog/verify.js';
import { loadFingerprintDb } from '../../../src/fingerprint/db.js';
import { matchIndexed, ruleIndexOf } from '../../../src/fingerprint/match.js';
import { requiredLiteral } from '../../../src/fingerprint/literal.js';
import { RECOG_DIR } from '../../../src/fingerprint/recog/load.js';
import { evaluateRisk } from '../../../src/policy/evaluate.js';
import { buildResult } from '../../../src/engine/build-result.js';
import { renderHtml } from '../../../src/report/html.js';

const db = loadFingerprintDb();
const obs = (kind: string, fields: Observation['fields']): Observation => ({ host: '198.18.0.20', module: kind, kind, fields, at: '2026-12-07T00:00:00.000Z' });

describe('Recog evidence in attribution', () => {
  it('names makers camaudit has no rule for, with the Recog fingerprint as the rule (MikroTik RouterOS over SSH)', () => {
    const a = attributeWith(db, [obs('ssh', { banner: 'ROSSSH' })]);
    expect([a.manufacturer, a.manufacturerName, a.deviceType]).toEqual(['mikrotik', 'MikroTik', 'other']);
    expect(a.evidence[0]!.rule).toBe('recog:ssh_banners:MikroTik RouterOS sshd');
    // Without the import the same banner names nobody.
    expect(attributeWith({ ...db, recog: null }, [obs('ssh', { banner: 'ROSSSH' })]).manufacturer).toBeNull();
  });

  it('one Recog match alone is only "possible"; two agreeing ones are "probable"', () => {
    const one = attributeWith(db, [obs('ssh', { banner: 'ROSSSH' })]);
    expect(one.confidence).toBe('possible');
    const two = attributeWith(db, [obs('ssh', { banner: 'ROSSSH' }), obs('snmp', { sysDescr: 'RouterOS RB Groove A-5Hn' })]);
    expect(two.manufacturer).toBe('mikrotik');
    expect(two.confidence).toBe('probable');
  });

  it('a high-risk maker named by one Recog match alone is never called high (every such Recog example)', () => {
    const hr = highRiskMakers(db);
    let n = 0;
    for (const r of db.recog!.rules) {
      for (const ex of r.examples) {
        const o = observationFor(r.fields[0]!, ex.value);
        if (attributeWith({ ...db, recog: null }, [o]).manufacturer) continue; // camaudit's own rules name it
        const a = attributeWith(db, [o]);
        if (!a.manufacturer || !hr.has(groupOf(db, a.manufacturer))) continue;
        n++;
        expect([r.id, a.confidence, evaluateRisk(a).level]).toEqual([r.id, 'possible', 'elevated']);
      }
    }
    expect(n).toBeGreaterThan(0);
  });

  it("Google's Cast intermediates name no maker; the Cast TV partner Recog names is the maker (Vizio)", () => {
    const a = attributeWith(db, [obs('tls', { issuer: 'CN=Cast TV ICA (Vizio),OU=Cast,O=Google Inc,L=Mountain View,ST=California,C=US' })]);
    expect(a.manufacturer).toBe('vizio');
    expect(a.conflicts).toEqual([]);
    expect(a.evidence.map((e) => e.rule)).toEqual(expect.arrayContaining(['tls.cast-ica-issuer', 'recog:x509_issuers:Vizio SmartTV (Android) with Google Cast']));
    // A Chromecast's own device certificate (OU exactly "Cast") is Google's.
    const cc = attributeWith(db, [obs('tls', { subject: 'CN=LVDZG5 FA8FCA67413D,OU=Cast,O=Google Inc,L=Mountain View,ST=California,C=US' })]);
    expect(cc.manufacturer).toBe('google');
  });

  it('a camaudit rule outranks Recog for another maker, and the disagreement is reported', () => {
    // Hikvision's server banner (camaudit) beside a certificate Recog reads as a Cisco RV042.
    const a = attributeWith(db, [obs('http', { server: 'DNVRS-Webs' }), obs('tls', { subject: 'CN=74:a2:e6:5c:99:21,OU=RV042G,O=Cisco Systems\\, Inc.,L=Irvine,C=US' })]);
    expect(a.manufacturer).toBe('hikvision');
    expect(a.conflicts.join(' ')).toMatch(/Cisco also indicated \(Recog tls\.subject=/);
  });

  it('the same value read by a camaudit rule and Recog for the same maker counts once (corroboration, weight 0)', () => {
    const both = attributeWith(db, [obs('rtsp', { server: 'Dahua Rtsp Server' })]);
    const own = attributeWith({ ...db, recog: null }, [obs('rtsp', { server: 'Dahua Rtsp Server' })]);
    expect(both.manufacturer).toBe('dahua');
    expect(both.confidence).toBe(own.confidence);
    const r = both.evidence.find((e) => e.rule?.startsWith('recog:'))!;
    expect(r.weight).toBe(0);
    expect(r.concludes).toMatch(/corroborates rtsp\.dahua-server/);
  });

  it("a Recog match's model is used only when its maker is the one concluded", () => {
    // Hikvision's server banner (camaudit rule) next to a certificate Recog reads as a Cisco RV042.
    const a = attributeWith(db, [obs('http', { server: 'DNVRS-Webs' }), obs('tls', { subject: 'CN=74:a2:e6:5c:99:21,OU=RV042G,O=Cisco Systems\\, Inc.,L=Irvine,C=US' })]);
    expect(a.manufacturer).toBe('hikvision');
    expect(a.model).not.toBe('RV042G');
    const alone = attributeWith(db, [obs('tls', { subject: 'CN=74:a2:e6:5c:99:21,OU=RV042G,O=Cisco Systems\\, Inc.,L=Irvine,C=US' })]);
    expect([alone.manufacturer, alone.model]).toEqual(['cisco', 'RV042G']);
  });

  it('a HiSilicon SDK web server names a DVR and no maker (a chip maker is not the DVR maker)', () => {
    const a = attributeWith(db, [obs('http', { server: 'Cross Web Server' })]);
    expect(a.manufacturer).toBeNull();
    expect(a.deviceType).toBe('dvr');
    expect(a.evidence.map((e) => e.concludes).join(' ')).toMatch(/HiSilicon is a chip maker, not the device's maker/);
  });

  it('the scan result names the Recog commit with the database version, and the HTML report shows it', () => {
    const commit = (JSON.parse(readFileSync(path.join(RECOG_DIR, 'SOURCE.json'), 'utf8')) as { commit: string }).commit;
    const byHost = new Map([['198.18.0.20', [obs('ssh', { banner: 'ROSSSH' })]]]);
    const result = buildResult(byHost, { startedAt: '2026-12-07T00:00:00.000Z', finishedAt: '2026-12-07T00:00:01.000Z', targets: ['198.18.0.20'], excluded: [], interfaces: [], modules: [], options: {}, complete: true, stats: {}, hostsScanned: 1, hostsAlive: 1 });
    expect(result.fingerprints.recogCommit).toBe(commit);
    expect(result.devices[0]!.evidence[0]!.rule).toMatch(/^recog:ssh_banners:/);
    expect(renderHtml(result)).toContain(`Rapid7 Recog <span class="mono">${commit.slice(0, 12)}</span>`);
  });
});

describe('the indexed matcher', () => {
  const index = ruleIndexOf(db);
  const recogRules = db.recog!.rules;

  it('within one Recog file only the first matching fingerprint counts, as in Recog', () => {
    let checked = 0;
    for (const r of recogRules) {
      for (const ex of r.examples) {
        const sameFile = recogRules.filter((x) => x.file === r.file && x.re.test(ex.value));
        if (sameFile.length < 2) continue;
        const field = r.fields[0]!;
        const [kind, name] = [field.slice(0, field.indexOf('.')), field.slice(field.indexOf('.') + 1)];
        const hits = matchIndexed(index, obs(kind, { [name]: ex.value })).filter((h) => h.recog?.rule.file === r.file);
        expect(hits.map((h) => h.id)).toEqual([sameFile[0]!.id]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('the literal prefilter never hides a match: every example a rule matches contains its literal', () => {
    const camaudit = db.rules.flatMap((r) => r.examples.map((e) => ({ re: r.re, value: e.value })));
    const recog = recogRules.flatMap((r) => r.examples.map((e) => ({ re: r.re, value: e.value })));
    let withLiteral = 0;
    for (const { re, value } of [...camaudit, ...recog]) {
      const lit = requiredLiteral(re.source);
      if (!lit || !re.test(value)) continue;
      withLiteral++;
      expect(value.toLowerCase(), `${re.source} / ${lit}`).toContain(lit);
    }
    expect(withLiteral).toBeGreaterThan(4000);
  });

  it('prefilters most rules (a literal for ≥ 90 % of them)', () => {
    expect(index.size.withLiteral / (index.size.camaudit + index.size.recog)).toBeGreaterThan(0.9);
  });
});

describe('requiredLiteral', () => {
  it('takes the longest required run, lower-cased', () => {
    expect(requiredLiteral('^Hikvision-Webs$')).toBe('hikvision-webs');
    expect(requiredLiteral('(?<![^\\n])Dahua Rtsp Server(?![^\\n])')).toBe('dahua rtsp server');
    expect(requiredLiteral('^uc-httpd[ \\/]([\\d.]+)$')).toBe('uc-httpd');
  });
  it('drops optional atoms and gives nothing for a top-level alternation or a short run', () => {
    expect(requiredLiteral('^abcd?ef$')).toBe('abc');
    expect(requiredLiteral('^foo|bar$')).toBeNull();
    expect(requiredLiteral('^a.b.c$')).toBeNull();
    expect(requiredLiteral('^(?:Basic|Digest) realm="TP-LINK')).toBe(' realm="tp-link');
  });
});
