// Stored excerpts of the texts the policy records quote (fingerprints/policies/excerpts/<policy-id>--<n>.txt),
// and the check that a quote marked verbatim is word for word in the excerpt(s) it names. An excerpt file is
// a header of "# Key: value" lines (Source, URL, Retrieved, How; optionally Primary, Caution), a line "---",
// then the text as it was read.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FINGERPRINTS_DIR } from '../core/paths.js';
import { failureNote } from '../core/failure.js';
import type { Policy } from './schema.js';

export const REQUIRED_EXCERPT_HEADERS = ['Source', 'URL', 'Retrieved', 'How'] as const;

export interface Excerpt {
  name: string;
  header: Record<string, string>;
  body: string;
}

export function excerptsDir(dir: string = FINGERPRINTS_DIR): string {
  return path.join(dir, 'policies', 'excerpts');
}

/** Splits an excerpt file into its header fields and its body; null when the "---" separator is missing. */
export function parseExcerpt(name: string, text: string): Excerpt | null {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const sep = lines.indexOf('---');
  if (sep < 0) return null;
  const header: Record<string, string> = {};
  for (const l of lines.slice(0, sep)) {
    const m = /^#\s*([A-Za-z]+):\s*(.*)$/.exec(l);
    if (m) header[m[1]] = m[2].trim();
  }
  return { name, header, body: lines.slice(sep + 1).join('\n') };
}

export function listExcerpts(dir: string = FINGERPRINTS_DIR): string[] {
  return readdirSync(excerptsDir(dir))
    .filter((n) => n.endsWith('.txt'))
    .sort();
}

export function readExcerpt(name: string, dir: string = FINGERPRINTS_DIR): Excerpt | null {
  return parseExcerpt(name, readFileSync(path.join(excerptsDir(dir), name), 'utf8'));
}

/** Line breaks and runs of spaces are layout, not wording: compare with every whitespace run as one space. */
export function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The parts of a quote between its elisions ("…"), each of which must appear word for word. */
export function quoteFragments(quote: string): string[] {
  return quote
    .split('…')
    .map(normaliseSpace)
    .filter(Boolean);
}

/** Does `body` contain every fragment of `quote`, in order? Returns the first fragment that is not there. */
export function findQuote(quote: string, body: string): { ok: true } | { ok: false; missing: string } {
  const hay = normaliseSpace(body);
  let from = 0;
  for (const frag of quoteFragments(quote)) {
    const at = hay.indexOf(frag, from);
    if (at < 0) return { ok: false, missing: frag };
    from = at + frag.length;
  }
  return { ok: true };
}

export interface QuoteRef {
  /** Where in the record: "quote", "passages[1]", "covered[hikvision]". */
  where: string;
  text: string;
  verbatim: boolean;
  source: string | undefined;
  excerpts: string[];
}

const asList = (x: string | string[] | undefined): string[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Every quote a policy record carries: its main quote, its passages and each covered entry's own quote. */
export function quotesOf(p: Policy): QuoteRef[] {
  const out: QuoteRef[] = [{ where: 'quote', text: p.quote, verbatim: p.quote_verbatim, source: p.quote_source, excerpts: asList(p.quote_excerpt) }];
  (p.passages ?? []).forEach((q, i) => out.push({ where: `passages[${i}]`, text: q.text, verbatim: q.verbatim, source: q.source, excerpts: asList(q.excerpt) }));
  for (const c of p.covered) {
    if (c.quote === null || c.quote === undefined) continue;
    out.push({ where: `covered[${c.vendor ?? c.vendor_predicate}]`, text: c.quote, verbatim: c.verbatim ?? true, source: c.quote_source, excerpts: asList(c.excerpt) });
  }
  return out;
}

/** Problems with a record's quotes: a verbatim quote without an excerpt, or not word for word in one it names. */
export function checkQuotes(p: Policy, dir: string = FINGERPRINTS_DIR): string[] {
  const problems: string[] = [];
  for (const q of quotesOf(p)) {
    if (!q.verbatim) continue;
    if (!q.excerpts.length) {
      problems.push(`${p.id} ${q.where}: marked verbatim but names no stored excerpt`);
      continue;
    }
    for (const name of q.excerpts) {
      let ex: Excerpt | null;
      try {
        ex = readExcerpt(name, dir);
      } catch (err) {
        problems.push(`${p.id} ${q.where}: ${failureNote(`excerpt ${name} cannot be read`, err)}`);
        continue;
      }
      if (!ex) {
        problems.push(`${p.id} ${q.where}: excerpt ${name} has no "---" line after its header`);
        continue;
      }
      const found = findQuote(q.text, ex.body);
      if (!found.ok) problems.push(`${p.id} ${q.where}: not word for word in ${name}: "${found.missing.slice(0, 120)}"`);
    }
  }
  return problems;
}
