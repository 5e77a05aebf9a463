// Every quote a policy record marks verbatim is word for word in the stored excerpt(s) it names; every excerpt
// says where and when it was read and is used by some quote; every record says what it is (title, number or why
// none, issuer, date, address, date read). The excerpts are real stored copies of public texts (their headers
// name each one); nothing here is synthetic except the deliberately wrong quotes that prove the check can fail.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { builtinPolicies } from '../../src/policy/load.js';
import { checkQuotes, findQuote, listExcerpts, parseExcerpt, quoteFragments, quotesOf, readExcerpt, REQUIRED_EXCERPT_HEADERS } from '../../src/policy/excerpts.js';
import { PolicySchema, type Policy } from '../../src/policy/schema.js';
import { ROOT } from '../helpers/cli.js';

const policies = builtinPolicies();
const byId = (id: string): Policy => policies.find((p) => p.id === id)!;

describe('the verbatim check itself', () => {
  const body = 'Line one of the text,\nwrapped here. Second sentence follows; then a third.';
  it('accepts a quote whose fragments appear in order, across line breaks', () => {
    expect(findQuote('Line one of the text, wrapped here.', body)).toEqual({ ok: true });
    expect(findQuote('Line one of the text, … then a third.', body)).toEqual({ ok: true });
  });
  it('refuses a changed word, a changed comma, a changed apostrophe and fragments out of order', () => {
    expect(findQuote('Line one of a text', body)).toEqual({ ok: false, missing: 'Line one of a text' });
    expect(findQuote('of the text wrapped here', body).ok).toBe(false);
    expect(findQuote('People’s', "People's").ok).toBe(false);
    expect(findQuote('then a third. … Line one', body).ok).toBe(false);
  });
  it('splits a quote at its elisions', () => {
    expect(quoteFragments('a b …\n c … ')).toEqual(['a b', 'c']);
  });
  it('would have caught the old Hytera quote: its disputed tail is in one copy but not the other', () => {
    const tail = 'Video surveillance and telecommunications equipment produced by Hytera Communications Corporation, to the extent it is used for the purpose of public safety, security of government facilities, physical security surveillance of critical infrastructure, and other national security purposes, including telecommunications or video surveillance services provided by such entity or using such equipment.';
    expect(findQuote(tail, readExcerpt('us-fcc-covered-list--2.txt')!.body).ok).toBe(true);
    expect(findQuote(tail, readExcerpt('us-fcc-covered-list--1.txt')!.body).ok).toBe(false);
    const p = structuredClone(byId('us-fcc-covered-list'));
    p.covered.find((c) => c.vendor === 'hytera')!.quote = tail;
    expect(checkQuotes(p)).toEqual([expect.stringMatching(/^us-fcc-covered-list covered\[hytera\]: not word for word in us-fcc-covered-list--1\.txt/)]);
  });
  it('flags a quote marked verbatim that names no excerpt', () => {
    const p = structuredClone(byId('us-ndaa-889'));
    delete p.quote_excerpt;
    expect(checkQuotes(p)).toEqual(['us-ndaa-889 quote: marked verbatim but names no stored excerpt']);
  });
});

describe('built-in policy quotes against their stored excerpts', () => {
  it.each(policies.map((p) => [p.id, p] as const))('%s: every quote marked verbatim is word for word in its excerpts', (_id, p) => {
    expect(checkQuotes(p)).toEqual([]);
  });

  it('every quote states its source, and none carries a research remark', () => {
    for (const p of policies) {
      for (const q of quotesOf(p)) {
        expect({ where: `${p.id} ${q.where}`, source: Boolean(q.source) }).toEqual({ where: `${p.id} ${q.where}`, source: true });
        expect(q.text).not.toMatch(/not (read|retrieved)|\[(same|the) purpose|verify against|remainder/i);
        expect(q.source ?? '').not.toMatch(/\bNOT\b|not retrieved|verify (against|before)/);
      }
    }
  });

  it('counts: which quotes are verbatim and which are paraphrases', () => {
    const count = (id: string) => {
      const qs = quotesOf(byId(id));
      return { verbatim: qs.filter((q) => q.verbatim).length, paraphrase: qs.filter((q) => !q.verbatim).length };
    };
    expect(count('us-fcc-covered-list')).toEqual({ verbatim: 8, paraphrase: 0 });
    expect(count('us-ndaa-889')).toEqual({ verbatim: 8, paraphrase: 0 });
    expect(count('uk-cabinet-office-2022-11-24')).toEqual({ verbatim: 9, paraphrase: 0 });
    expect(count('au-commonwealth-removals-2023')).toEqual({ verbatim: 2, paraphrase: 0 });
    expect(count('us-bis-entity-list')).toEqual({ verbatim: 3, paraphrase: 9 });
    expect(count('uk-procurement-act-2023-debarment')).toEqual({ verbatim: 0, paraphrase: 1 });
  });
});

describe('the corrections of policy-sources.md C.5', () => {
  it('#2: the FCC camera rows stop where the copies agree and mark the rest with an ellipsis', () => {
    const fcc = byId('us-fcc-covered-list');
    for (const v of ['hytera', 'hikvision', 'dahua']) {
      const c = fcc.covered.find((e) => e.vendor === v)!;
      expect(c.quote).toMatch(/national security purposes …$/);
      expect(c.quote).not.toContain('including telecommunications or video surveillance services');
      expect(c.quote_note).toContain('Copies differ');
    }
    expect(fcc.covered.find((e) => e.vendor === 'hytera')!.excerpt).toEqual(['us-fcc-covered-list--1.txt', 'us-fcc-covered-list--2.txt']);
  });

  it('#1 and #3: later FCC entries and the pending "critical infrastructure" definition are recorded', () => {
    const fcc = byId('us-fcc-covered-list');
    const later = (fcc.dates.later_entries as string[]).join('\n');
    for (const d of ['2024-07-23', '2025-12-22', '2026-03-23']) expect(later).toContain(d);
    expect(fcc.dates.latest_entry_known).toBe('2026-03-23');
    expect(fcc.pending?.join(' ')).toMatch(/90 FR 55826.*“critical infrastructure”/);
  });

  it('#7: the Australian quote is Senator Watt’s words, with the cut marked and the sentence whole', () => {
    const au = byId('au-commonwealth-removals-2023');
    expect(au.quote).toContain('required to address protective security risks. …');
    expect(au.quote).toContain('the defence minister, Mr Marles, has made public commentary to the effect that');
    expect(au.quote_source).toMatch(/^Senator Murray Watt/);
    expect(au.number).toBeNull();
    expect(au.number_note).toMatch(/No instrument was issued/);
  });

  it('#8: the UK debarment list is a watch record that names no maker', () => {
    const w = byId('uk-procurement-act-2023-debarment');
    expect(w.watch).toBe(true);
    expect(w.covered).toEqual([]);
    const withMaker = { ...structuredClone(w), covered: [{ vendor: 'hikvision', equipment: 'video surveillance equipment' }] };
    expect(PolicySchema.safeParse(withMaker).success).toBe(false);
  });
});

describe('excerpt files', () => {
  const names = listExcerpts();
  it('each has a header naming source, address, retrieval date and how it was read, then its text', () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const n of names) {
      const ex = parseExcerpt(n, readFileSync(path.join(ROOT, 'fingerprints/policies/excerpts', n), 'utf8'));
      expect({ n, parsed: Boolean(ex) }).toEqual({ n, parsed: true });
      for (const h of REQUIRED_EXCERPT_HEADERS) expect({ n, h, present: Boolean(ex!.header[h]) }).toEqual({ n, h, present: true });
      expect(ex!.header.Retrieved).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(ex!.body.trim().length).toBeGreaterThan(50);
      expect(n.split('--')[0]).toMatch(new RegExp(`^(${policies.map((p) => p.id).join('|')})$`));
    }
  });

  it('each is used by at least one quote, and every quote names only files that exist', () => {
    const used = new Set(policies.flatMap((p) => quotesOf(p).flatMap((q) => q.excerpts)));
    expect(names.filter((n) => !used.has(n))).toEqual([]);
    expect([...used].filter((n) => !names.includes(n))).toEqual([]);
  });
});

describe('every record says what it is', () => {
  it.each(policies.map((p) => [p.id, p] as const))('%s: official title (or why none), number (or why none), issuer, date, URL, date read', (_id, p) => {
    expect(p.number === null ? Boolean(p.number_note) : Boolean(p.number && p.official_title)).toBe(true);
    expect(p.issuer.length).toBeGreaterThan(3);
    expect(p.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.url).toMatch(/^https?:\/\//);
    expect(p.last_verified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
