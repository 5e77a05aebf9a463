// Recog-style self-test of every fingerprint rule: examples match and yield the declared captures,
// negatives do not match, capture names are valid, and no earlier rule in the same file that reads
// the same field claims a later rule's example for a different maker (shadowing).
import { describe, expect, it } from 'vitest';
import { loadFingerprintDb } from '../../src/fingerprint/db.js';
import { matchValue } from '../../src/fingerprint/match.js';
import { CAPTURE_NAMES } from '../../src/fingerprint/schema.js';

const db = loadFingerprintDb();

describe('fingerprint database', () => {
  it('loads, with rules in every signal-kind file', () => {
    const files = new Set(db.rules.map((r) => r.file));
    for (const f of ['http-server.json', 'http-realm.json', 'http-body.json', 'tls.json', 'rtsp.json', 'wsd-scopes.json', 'ssdp.json', 'upnp.json', 'mdns.json', 'sadp.json', 'dhip.json', 'xiongmai.json', 'device-info.json', 'device-type.json']) {
      expect(files.has(f), f).toBe(true);
    }
    expect(db.rules.length).toBeGreaterThan(80);
  });

  for (const rule of db.rules) {
    describe(rule.id, () => {
      it('every example matches and yields exactly the declared captures', () => {
        for (const ex of rule.examples) {
          const caps = matchValue(rule, ex.value);
          expect(caps, `${rule.id} should match ${JSON.stringify(ex.value)}`).not.toBeNull();
          expect(caps).toEqual(ex.captures ?? {});
        }
      });
      it('no negative matches', () => {
        for (const n of rule.negatives ?? []) expect(matchValue(rule, n.value), `${rule.id} must not match ${n.value}`).toBeNull();
      });
      it('capture names are valid', () => {
        const names = [...rule.pattern.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]);
        for (const n of names) expect(CAPTURE_NAMES as readonly string[]).toContain(n);
        for (const ex of rule.examples) for (const k of Object.keys(ex.captures ?? {})) expect(names).toContain(k);
      });
      it('examples carry a source', () => {
        for (const ex of rule.examples) expect(ex.source.length).toBeGreaterThan(3);
      });
      it('no earlier rule in the same file claims this rule’s example for another maker', () => {
        const earlier = db.rules.filter((r) => r.file === rule.file && r.order < rule.order && r.fields.some((f) => rule.fields.includes(f)));
        for (const ex of rule.examples) {
          for (const e of earlier) {
            if (!e.concludes.manufacturer || !rule.concludes.manufacturer || e.concludes.manufacturer === rule.concludes.manufacturer) continue;
            expect(matchValue(e, ex.value), `${e.id} shadows ${rule.id} on ${ex.value}`).toBeNull();
          }
        }
      });
    });
  }
});
