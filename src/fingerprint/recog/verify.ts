// The Recog self-test, as Recog's own CI runs it, plus camaudit's attribution on top: every <example> of every
// imported Recog file (base64 ones decoded) is
//   1. matched by its own fingerprint, with the params the example expects (Recog's `recog_verify`), and
//   2. put through camaudit's matcher and attribution as the only evidence of a device, on the field the file
//      is imported for: the maker (by group) and the brand must be the ones the reviewed map derives from the
//      fingerprint's vendor params, and a device whose expected maker is not high-risk must not come out
//      high-risk (neither flagged high nor attributed to a high-risk maker).
// Failures are returned with their reason, never skipped. Used by test/fingerprint/recog/self-test.test.ts and
// scripts/recog-report.ts.
import type { Observation } from '../../core/observation.js';
import type { Attribution } from '../../core/result.js';
import { evaluateRisk } from '../../policy/evaluate.js';
import { attributeWith } from '../attribute.js';
import type { FingerprintDb } from '../db.js';
import { conclude, paramsOf } from './conclude.js';
import type { RecogRule } from './load.js';

export interface ExampleOutcome {
  rule: RecogRule;
  example: number;
  value: string;
  /** Recog's own check: the fingerprint matches and yields the expected params. */
  recogOk: boolean;
  recogProblem?: string;
  expectedMaker: string | null;
  expectedBrand: string | null;
  /** Attribution of a device with this one value. */
  maker: string | null;
  brand: string | null;
  risk: string;
  /** Labelled (the fingerprint names a maker or a brand) and attributed as expected. */
  labelled: boolean;
  attributedOk: boolean;
  /** Expected maker not high-risk, yet the device came out high or attributed to a high-risk maker. */
  falseHigh: boolean;
  problem?: string;
}

export interface FileFigures {
  file: string;
  examples: number;
  recogOk: number;
  labelled: number;
  attributed: number;
  unlabelled: number;
  /** Unlabelled examples (software, chip, no vendor) that camaudit's own rules attributed to some maker. */
  unlabelledAttributed: number;
  falseHigh: number;
  failures: ExampleOutcome[];
}

function groupOf(db: FingerprintDb, id: string | null): string | null {
  if (!id) return null;
  let cur = id;
  for (let i = 0; i < 5; i++) {
    const p = db.vendors.get(cur)?.parent?.vendor;
    if (!p) break;
    cur = p;
  }
  return cur;
}

/** Maker groups brands.json puts behind a brand label (any relation or certainty). */
function makersBehind(db: FingerprintDb, brand: string): Set<string> {
  const b = brand.trim().toLowerCase();
  const out = new Set<string>();
  for (const e of db.brands) if (e.brand.toLowerCase() === b || (e.match?.names ?? []).some((n) => n.toLowerCase() === b)) out.add(groupOf(db, e.manufacturer)!);
  return out;
}

/** Makers a device of which is high-risk: flagged in vendors.json, or high under a binding policy when confirmed. */
export function highRiskMakers(db: FingerprintDb): Set<string> {
  const out = new Set<string>();
  for (const v of db.vendors.values()) {
    if (v.high_risk_maker) out.add(groupOf(db, v.id)!);
    const probe: Attribution = { manufacturer: v.id, manufacturerName: v.display_name, brand: null, model: null, firmware: null, serial: null, deviceType: 'camera', deviceTypeConfidence: 'confirmed', deviceTypeRationale: 'probe', confidence: 'confirmed', rationale: '', conflicts: [], evidence: [] };
    if (evaluateRisk(probe).level === 'high') out.add(groupOf(db, v.id)!);
  }
  return out;
}

/** The observation a value of `field` (`kind.name`) becomes when it is the only thing known about a device. */
export function observationFor(field: string, value: string): Observation {
  const dot = field.indexOf('.');
  return { host: '198.18.0.1', module: 'recog-example', kind: field.slice(0, dot), fields: { [field.slice(dot + 1)]: value }, at: new Date(0).toISOString() };
}

function recogCheck(rule: RecogRule, value: string, expect: Record<string, string>): { ok: boolean; problem?: string; params: Record<string, string> } {
  const m = rule.re.exec(value);
  if (!m) return { ok: false, problem: 'its own fingerprint does not match', params: {} };
  const params = paramsOf(rule, [...m]);
  for (const [k, v] of Object.entries(expect)) {
    if (params[k] !== v) return { ok: false, problem: `${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(params[k] ?? null)}`, params };
  }
  return { ok: true, params };
}

/**
 * The same examples end to end through `identify`, labelled with their Recog file name as a user would label
 * them (src/identify/protocols.ts routes the label to the field): parser, matcher and attribution. A labelled
 * example passes when identify names the maker the matcher-level check accepted.
 */
export interface IdentifyFigures {
  file: string;
  labelled: number;
  attributed: number;
  failures: { id: string; value: string; got: string | null; why: string }[];
}

export function verifyThroughIdentify(
  db: FingerprintDb,
  outcomes: readonly ExampleOutcome[],
  identify: (protocol: string, payload: string) => { manufacturer: string | null; rationale: string },
): IdentifyFigures[] {
  const byFile = new Map<string, IdentifyFigures>();
  for (const o of outcomes) {
    if (!o.labelled) continue;
    let f = byFile.get(o.rule.file);
    if (!f) byFile.set(o.rule.file, (f = { file: o.rule.file, labelled: 0, attributed: 0, failures: [] }));
    f.labelled++;
    const r = identify(o.rule.file.replace(/\.xml$/, ''), o.value);
    const maker = groupOf(db, r.manufacturer);
    if (maker === (o.attributedOk ? o.maker : o.expectedMaker)) f.attributed++;
    else f.failures.push({ id: `${o.rule.id}#${o.example}`, value: o.value, got: maker, why: r.rationale });
  }
  return [...byFile.values()];
}

export function verifyExamples(db: FingerprintDb): { outcomes: ExampleOutcome[]; files: FileFigures[] } {
  const recog = db.recog;
  if (!recog) throw new Error('no Recog import in this fingerprint database');
  const hr = highRiskMakers(db);
  const outcomes: ExampleOutcome[] = [];
  for (const rule of recog.rules) {
    rule.examples.forEach((ex, i) => {
      const check = recogCheck(rule, ex.value, ex.expect);
      const c = conclude(rule, check.params, recog.table);
      const expectedMaker = groupOf(db, c.manufacturer ?? null);
      const expectedBrand = c.brand ?? null;
      const attr = attributeWith(db, [observationFor(rule.fields[0]!, ex.value)]);
      const risk = evaluateRisk(attr).level;
      const maker = groupOf(db, attr.manufacturer);
      const labelled = Boolean(expectedMaker || expectedBrand);
      const brandOk = !expectedBrand || (attr.brand ?? '').toLowerCase() === expectedBrand.toLowerCase();
      // A brand alone (Lorex, Annke): the maker is unknown from Recog, or the maker behind the brand in brands.json
      // when camaudit's own rules establish it (a Lorex DVR answering with Dahua's realm is made by Dahua).
      const behindBrand = !expectedMaker && expectedBrand ? makersBehind(db, expectedBrand) : new Set<string>();
      const makerOk = maker === expectedMaker || (maker !== null && behindBrand.has(maker));
      const attributedOk = labelled && makerOk && brandOk;
      const expectedHighRisk = (expectedMaker && hr.has(expectedMaker)) || [...behindBrand].some((m) => hr.has(m));
      const falseHigh = !expectedHighRisk && (risk === 'high' || (maker !== null && hr.has(maker)));
      const o: ExampleOutcome = { rule, example: i, value: ex.value, recogOk: check.ok, expectedMaker, expectedBrand, maker, brand: attr.brand, risk, labelled, attributedOk, falseHigh };
      if (check.problem) o.recogProblem = check.problem;
      if (!check.ok) o.problem = `Recog check: ${check.problem}`;
      else if (labelled && !attributedOk) {
        const fired = attr.evidence.filter((e) => e.rule && e.rule !== rule.id).map((e) => `${e.rule} (${e.concludes ?? ''})`);
        const own = attr.evidence.some((e) => e.rule === rule.id);
        o.problem = `expected ${expectedMaker ?? '(no maker)'}${expectedBrand ? ` brand ${expectedBrand}` : ''}, got ${maker ?? '(no maker)'}${attr.brand ? ` brand ${attr.brand}` : ''}${own ? '' : '; its own fingerprint did not fire'}${fired.length ? `; also fired: ${fired.slice(0, 3).join('; ')}` : ''}`;
      } else if (falseHigh) o.problem = `not a high-risk maker (${expectedMaker ?? 'none'}), yet ${risk === 'high' ? 'flagged high' : `attributed to ${maker}`}`;
      outcomes.push(o);
    });
  }
  const files: FileFigures[] = [];
  for (const f of recog.map.files) {
    const mine = outcomes.filter((o) => o.rule.file === f.file);
    files.push({
      file: f.file,
      examples: mine.length,
      recogOk: mine.filter((o) => o.recogOk).length,
      labelled: mine.filter((o) => o.labelled).length,
      attributed: mine.filter((o) => o.attributedOk).length,
      unlabelled: mine.filter((o) => !o.labelled).length,
      unlabelledAttributed: mine.filter((o) => !o.labelled && o.maker !== null).length,
      falseHigh: mine.filter((o) => o.falseHigh).length,
      failures: mine.filter((o) => o.problem),
    });
  }
  return { outcomes, files };
}
