// The Recog import's figures, per file: examples, Recog's own check, vendor-labelled examples attributed through
// the matcher and end to end through identify, false high-risk verdicts, and every failure with its reason.
// Run: `npx tsx scripts/recog-report.ts` (markdown on stdout). The same checks run in
// test/fingerprint/recog/self-test.test.ts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadFingerprintDb } from '../src/fingerprint/db.js';
import { verifyExamples, verifyThroughIdentify } from '../src/fingerprint/recog/verify.js';
import { identifySample } from '../src/identify/identify.js';

export function recogReport(): string {
  const db = loadFingerprintDb();
  const recog = db.recog;
  if (!recog) throw new Error('no Recog import in fingerprints/ (recog-map.json missing)');
  const { outcomes, files } = verifyExamples(db);
  const viaIdentify = verifyThroughIdentify(db, outcomes, (protocol, payload) => identifySample('recog-example', { protocol, payload }, { db }));
  const idOf = new Map(viaIdentify.map((f) => [f.file, f]));
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(2)} %` : '–');
  const lines: string[] = [];
  lines.push(`# Recog import: self-test figures`, '');
  lines.push(`Recog commit ${recog.source?.commit ?? '(unknown)'}; ${recog.rules.length} fingerprints translated, ${recog.untranslatable.length} untranslatable, ${recog.rules.filter((r) => r.approximations.length).length} approximated.`, '');
  lines.push('| file | field | examples | Recog check | vendor-labelled | attributed (matcher) | attributed (identify) | unlabelled | unlabelled given a maker by camaudit rules | false high-risk |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const t = { ex: 0, ok: 0, lab: 0, att: 0, idAtt: 0, unl: 0, unlAtt: 0, fh: 0 };
  for (const f of files) {
    const id = idOf.get(f.file);
    const fields = recog.map.files.find((x) => x.file === f.file)?.fields.join(', ') ?? '';
    lines.push(`| ${f.file} | ${fields} | ${f.examples} | ${f.recogOk} | ${f.labelled} | ${f.attributed} (${pct(f.attributed, f.labelled)}) | ${id?.attributed ?? 0} (${pct(id?.attributed ?? 0, f.labelled)}) | ${f.unlabelled} | ${f.unlabelledAttributed} | ${f.falseHigh} |`);
    t.ex += f.examples;
    t.ok += f.recogOk;
    t.lab += f.labelled;
    t.att += f.attributed;
    t.idAtt += id?.attributed ?? 0;
    t.unl += f.unlabelled;
    t.unlAtt += f.unlabelledAttributed;
    t.fh += f.falseHigh;
  }
  lines.push(`| **all** | | **${t.ex}** | **${t.ok}** | **${t.lab}** | **${t.att} (${pct(t.att, t.lab)})** | **${t.idAtt} (${pct(t.idAtt, t.lab)})** | ${t.unl} | ${t.unlAtt} | **${t.fh}** |`, '');
  lines.push('## Failures (matcher)', '');
  for (const o of outcomes.filter((x) => x.problem)) lines.push(`- \`${o.rule.id}#${o.example}\` ${JSON.stringify(o.value.slice(0, 80))}: ${o.problem}`);
  lines.push('', '## Failures (identify)', '');
  for (const f of viaIdentify) for (const x of f.failures) lines.push(`- \`${x.id}\` ${JSON.stringify(x.value.slice(0, 80))} → ${x.got ?? 'no maker'}: ${x.why.slice(0, 160)}`);
  lines.push('', '## Unlabelled examples camaudit\'s own rules give a maker', '');
  for (const o of outcomes.filter((x) => !x.labelled && x.maker)) lines.push(`- \`${o.rule.id}#${o.example}\` ${JSON.stringify(o.value.slice(0, 80))} → ${o.maker}`);
  if (recog.untranslatable.length) {
    lines.push('', '## Untranslatable patterns', '');
    for (const u of recog.untranslatable) lines.push(`- ${u.file} #${u.index} (${u.description}): \`${u.pattern}\` — ${u.reason}`);
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    process.stdout.write(recogReport());
  } catch (e) {
    process.stderr.write(`recog-report: ${(e as Error).message.split('\n')[0]}\n`);
    process.exitCode = 2;
  }
}
