// Recog-style self-test of every fingerprint rule, proven end to end:
// - every example matches its rule with exactly the declared captures; no negative matches; capture names are valid;
// - every example names a public source (a URL, a repository thread or file, a named database entry, a capture);
// - an example that cites a capture occurs literally in that capture's payload, and running the capture through
//   `identifySample` (what `camaudit identify` does) makes the rule fire;
// - no other rule that reads one of the same fields and concludes a different maker group claims the example
//   (shadowing, across all rule files).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FINGERPRINTS_DIR } from '../../src/core/paths.js';
import { loadFingerprintDb, type CompiledRule, type FingerprintDb } from '../../src/fingerprint/db.js';
import { matchValue } from '../../src/fingerprint/match.js';
import { CAPTURE_NAMES } from '../../src/fingerprint/schema.js';
import { identifySample, type IdentifyResult } from '../../src/identify/identify.js';
import { readCapture } from '../helpers/captures.js';
import { citedCaptures, occursInPayload, sourceProblem, type CaptureCitation } from '../helpers/rule-sources.js';

const db = loadFingerprintDb();

function groupOf(d: FingerprintDb, id: string): string {
  let cur = id;
  for (let i = 0; i < 5; i++) {
    const p = d.vendors.get(cur)?.parent?.vendor;
    if (!p) break;
    cur = p;
  }
  return cur;
}

const identified = new Map<string, { payload: unknown; result: IdentifyResult }>();
/** A cited capture, read and identified once. */
function identifiedCapture(c: CaptureCitation): { payload: unknown; result: IdentifyResult } {
  const key = `${c.set}/${c.name}`;
  let hit = identified.get(key);
  if (!hit) {
    const cap = readCapture(c.name, c.set);
    hit = { payload: cap.payload, result: identifySample(`${c.name}.json`, { protocol: cap.protocol, payload: cap.payload }) };
    identified.set(key, hit);
  }
  return hit;
}

/** Rules that read at least one field `rule` reads and conclude a maker of another group. */
function rivalsOf(rule: CompiledRule): CompiledRule[] {
  if (!rule.concludes.manufacturer) return [];
  const mine = groupOf(db, rule.concludes.manufacturer);
  return db.rules.filter((r) => r !== rule && r.concludes.manufacturer && r.weight > 0 && groupOf(db, r.concludes.manufacturer) !== mine && r.fields.some((f) => rule.fields.includes(f)));
}

describe('fingerprint database', () => {
  it('loads, with rules in every signal-kind file', () => {
    const files = new Set(db.rules.map((r) => r.file));
    for (const f of ['http-server.json', 'http-realm.json', 'http-body.json', 'tls.json', 'rtsp.json', 'wsd-scopes.json', 'ssdp.json', 'upnp.json', 'mdns.json', 'sadp.json', 'dhip.json', 'xiongmai.json', 'device-info.json', 'device-type.json']) {
      expect(files.has(f), f).toBe(true);
    }
    expect(db.rules.length).toBeGreaterThan(80);
  });

  it('one rules file per signal kind (as Recog): each file\'s kind is its name, no file holds one maker\'s rules', () => {
    // Rules generated at load from the vendor names (self-reported.json, test/fingerprint/self-reported.test.ts) live in no rules file.
    const files = [...new Set(db.rules.filter((r) => !r.generated).map((r) => r.file))];
    for (const f of files) {
      const data = JSON.parse(readFileSync(path.join(FINGERPRINTS_DIR, 'rules', f), 'utf8')) as { kind: string };
      expect(data.kind, f).toBe(f.replace(/\.json$/, ''));
      expect(f.startsWith('maker-'), `${f}: rules go to the file of their signal kind`).toBe(false);
    }
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
      it('every example names a public source', () => {
        for (const ex of rule.examples) expect(sourceProblem(ex.source), `${rule.id} example ${JSON.stringify(ex.value)}: source "${ex.source}"`).toBeNull();
      });
      it('an example citing a capture occurs in it, and identify on that capture fires the rule', () => {
        for (const ex of rule.examples) {
          for (const c of citedCaptures(ex.source)) {
            const { payload, result } = identifiedCapture(c);
            expect(occursInPayload(ex.value, payload), `${rule.id}: ${JSON.stringify(ex.value)} is not in capture ${c.set}/${c.name}`).toBe(true);
            expect(result.evidence.map((e) => e.rule), `${rule.id} does not fire on capture ${c.set}/${c.name}`).toContain(rule.id);
          }
        }
      });
      it('no rule reading the same field claims this rule’s example for another maker', () => {
        for (const ex of rule.examples) {
          for (const r of rivalsOf(rule)) expect(matchValue(r, ex.value), `${r.id} (${r.file}) shadows ${rule.id} on ${ex.value}`).toBeNull();
        }
      });
    });
  }
});
