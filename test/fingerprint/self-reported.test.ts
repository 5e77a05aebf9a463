// Self-reported maker names (fingerprints/self-reported.json → src/fingerprint/self-reported.ts): the generated
// rules name a vendor only from a whole maker name in an identity field, never from a placeholder or a longer
// name that merely starts with one, and every example is proven end to end through identify on its capture.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadFingerprintDb } from '../../src/fingerprint/db.js';
import { coreWords, SelfReportedSpecSchema } from '../../src/fingerprint/self-reported.js';
import { identifySample } from '../../src/identify/identify.js';
import { readCapture } from '../helpers/captures.js';
import { citedCaptures, occursInPayload, sourceProblem } from '../helpers/rule-sources.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const spec = SelfReportedSpecSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'fingerprints/self-reported.json'), 'utf8')));
const db = loadFingerprintDb();
const generated = db.rules.filter((r) => r.generated);
const named = (field: string, value: string): string[] => generated.filter((r) => r.fields.includes(field) && r.re.test(value)).map((r) => r.concludes.manufacturer ?? `brand:${r.concludes.brand}`);

describe('self-reported maker names', () => {
  it('generates one rule per named vendor and brand, each reading only identity fields', () => {
    expect(generated.filter((r) => r.concludes.manufacturer).length).toBeGreaterThan(100);
    for (const r of generated) for (const f of r.fields) expect([...spec.fields, ...spec.brandFields]).toContain(f);
  });

  it('every example names a public source and its vendor; capture-cited ones occur in the capture and fire through identify', () => {
    for (const e of spec.examples) {
      expect(sourceProblem(e.source), e.source).toBeNull();
      expect(named(e.field, e.value), e.value).toEqual([e.names]);
      for (const c of citedCaptures(e.source)) {
        const cap = readCapture(c.name, c.set);
        expect(occursInPayload(e.value.replace(/;$/, ''), cap.payload), `${e.value} in ${c.name}`).toBe(true);
        const r = identifySample(`${c.name}.json`, { protocol: cap.protocol, payload: cap.payload });
        const ids = r.evidence.map((x) => x.rule);
        expect(ids.some((id) => id?.startsWith('self-reported.')), `${c.name}: ${ids.join(', ')}`).toBe(true);
        if (e.names.startsWith('brand:')) expect(r.brand).toBe(e.names.slice(6));
        else expect(r.manufacturer).toBe(e.names);
      }
    }
  });

  it('negatives and placeholders name nobody', () => {
    for (const n of spec.negatives) expect(named(n.field, n.value), n.value).toEqual([]);
    for (const v of spec.neverAMaker) expect(named('onvif.manufacturer', v), v).toEqual([]);
  });

  it('a longer name that starts with a maker name is not that maker; company suffixes are', () => {
    expect(named('upnp.manufacturer', 'Sony Ericsson Mobile')).toEqual([]);
    expect(named('onvif.manufacturer', 'CANON INC.')).toEqual(['canon']);
    expect(named('onvif.manufacturer', 'Cisco Systems, Inc.')).toEqual(['cisco']);
    expect(named('onvif.manufacturer', 'Samsung Electronics Co., Ltd.')).toEqual(['samsung']);
    expect(named('onvif.manufacturer', 'Samsung Techwin')).toEqual(['hanwha']);
    expect(coreWords('Zhejiang Dahua Technology Co., Ltd.', new Set(spec.suffixes))).toEqual(['zhejiang', 'dahua']);
  });

  it('a vendor with a hand-written rule reading its name on a field gets no generated rule there (one fact counted once)', () => {
    const hand = db.rules.filter((r) => !r.generated && r.concludes.manufacturer && r.weight > 0);
    for (const g of generated.filter((r) => r.concludes.manufacturer)) {
      const v = db.vendors.get(g.concludes.manufacturer!);
      const names = v ? [v.display_name, ...v.legal_names] : [];
      for (const f of g.fields) {
        const twin = hand.find(
          (h) => h.fields.includes(f) && h.concludes.manufacturer === g.concludes.manufacturer && names.some((n) => h.re.test(n) || h.re.test(n.toUpperCase())),
        );
        expect(twin?.id, `${g.id} on ${f}`).toBeUndefined();
      }
    }
    expect(named('onvif.manufacturer', 'Hikvision')).toEqual([]); // onvif.manufacturer-hikvision reads it
    // A hand-written rule there that reads a model family (sony.snc-model on wsd.scope.name) does not stand in for the name.
    expect(generated.find((r) => r.id === 'self-reported.sony')?.fields).toContain('wsd.scope.name');
  });
});
