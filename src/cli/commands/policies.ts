// `camaudit policies [ids..] [--quotes] [--json] [--policy-file F]`: every policy record a scan can apply — its
// official title and number (or why none exists), issuer, date, address, the date it was last checked, what it
// covers — and the policy data's version, with a warning when it was last checked over six months ago.
// Reads local files only; sends nothing.
import type { Argv } from 'yargs';
import type { CommandSpec } from './index.js';
import { EXIT } from '../exit-codes.js';

/** Machine-independent text, but policy files can be the user's own: print, never interpret. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, ' ');
}

const spec: CommandSpec = {
  builder: (y: Argv) =>
    y
      .positional('ids', { type: 'string', array: true, describe: 'Policy ids to show (default: all)' })
      .option('quotes', { type: 'boolean', default: false, describe: 'Also print every quoted text with its source, or marked a paraphrase, and the stored excerpt it was taken from' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the records as JSON' })
      .option('policy-file', { type: 'string', array: true, describe: 'Also list your own policy file(s), validated as a scan would' })
      .example('camaudit policies', 'Every policy record: number, date, address, date last checked, what it covers')
      .example('camaudit policies us-ndaa-889 --quotes', 'One record with its quoted texts and their sources')
      .example('camaudit policies --json > policies.json', 'The records as JSON, e.g. to attach to a procurement review')
      .example('camaudit policies --policy-file council.json', 'Check that your own policy file loads, and list it with the built-in ones')
      .epilog(
        'Quotes marked verbatim are word for word in a stored excerpt of their source (fingerprints/policies/excerpts/, each naming the address and retrieval date); others are paraphrases and say so.\nExit codes: 0 listed; 2 an unknown id or an invalid policy file.',
      ) as Argv,
  handler: async (argv) => {
    const a = argv as unknown as { ids?: string[]; quotes: boolean; json: boolean; policyFile?: string[] };
    const [{ loadPolicies }, { policyDataStatus, policyDataVersion }, { quotesOf }] = await Promise.all([
      import('../../policy/load.js'),
      import('../../policy/data-status.js'),
      import('../../policy/excerpts.js'),
    ]);
    const ids = (a.ids ?? []).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);
    const policies = loadPolicies({ policyIds: ids.length ? ids : undefined, policyFiles: a.policyFile });
    const today = new Date();
    const status = policyDataStatus(policies, today, policyDataVersion());
    const records = policies.map((p) => ({
      id: p.id,
      title: p.title,
      officialTitle: p.official_title ?? null,
      number: p.number ?? null,
      numberNote: p.number_note ?? null,
      jurisdiction: p.jurisdiction,
      issuer: p.issuer,
      instrument: p.instrument,
      effect: p.effect,
      date: p.date ?? null,
      url: p.url ?? null,
      lastChecked: p.last_verified,
      watch: Boolean(p.watch),
      covers: p.covered.map((c) => ({ maker: c.vendor ?? null, makerPredicate: c.vendor_predicate ?? null, equipment: c.equipment, condition: c.condition, dateAdded: c.date_added ?? null, subsidiariesAndAffiliates: c.includes_subsidiaries_affiliates })),
      quotes: quotesOf(p).map((q) => ({ where: q.where, text: q.text, verbatim: q.verbatim, source: q.source ?? null, excerpts: q.excerpts })),
      pending: p.pending ?? [],
      sources: p.sources,
    }));
    if (a.json) {
      process.stdout.write(JSON.stringify({ policyData: status, policies: records }, null, 2) + '\n');
      return EXIT.OK;
    }
    const out: string[] = [`Policy data ${status.version}, last checked ${status.lastChecked} (oldest record: ${status.oldestRecord}); ${policies.length} record(s).`];
    if (status.warning) out.push(`WARNING: ${status.warning}`);
    for (const r of records) {
      // Makers with the same equipment and condition on one line: "hikvision, dahua (video surveillance …; if used …)".
      const groups = new Map<string, string[]>();
      for (const c of r.covers) {
        const what = `${c.equipment}${c.condition ? `; ${c.condition.length > 90 ? `${c.condition.slice(0, 89)}…` : c.condition}` : ''}`;
        groups.set(what, [...(groups.get(what) ?? []), c.maker ?? `any maker where ${c.makerPredicate}`]);
      }
      const covers = r.watch
        ? 'no covered maker (watch record: it decides no verdict)'
        : [...groups.entries()].map(([what, makers]) => `${makers.join(', ')} (${what})`).join('; ') || 'nothing';
      const verbatim = r.quotes.filter((q) => q.verbatim).length;
      out.push(
        '',
        `${r.id} — ${r.title}`,
        `  Official title: ${r.officialTitle ?? '(none)'}`,
        `  Number:         ${r.number ?? (r.numberNote ? 'none' : 'not stated')}${r.numberNote ? ` — ${r.numberNote}` : ''}`,
        `  Issuer:         ${r.issuer} (${r.instrument}; ${r.jurisdiction}; ${r.effect})`,
        `  Date:           ${r.date ?? '(not recorded)'}`,
        `  Address:        ${r.url ?? '(not recorded)'}`,
        `  Last checked:   ${r.lastChecked}`,
        `  Covers:         ${covers}`,
        `  Quotes:         ${verbatim} verbatim (word for word in a stored excerpt), ${r.quotes.length - verbatim} paraphrase(s)`,
      );
      for (const p of r.pending) out.push(`  Pending:        ${p}`);
      if (a.quotes) {
        for (const q of r.quotes) {
          out.push(`  - ${q.where}: ${q.verbatim ? `“${q.text}”` : q.text}`.replace(/\n/g, '\n      '));
          out.push(`      ${q.verbatim ? 'source' : 'paraphrase; source'}: ${q.source ?? 'not stated'}${q.excerpts.length ? ` [excerpt: ${q.excerpts.join(', ')}]` : ''}`);
        }
      }
    }
    process.stdout.write(clean(out.join('\n')).replace(/ \n/g, '\n') + '\n');
    return EXIT.OK;
  },
};
export default spec;
