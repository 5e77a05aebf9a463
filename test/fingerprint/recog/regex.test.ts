// Ruby → JavaScript regex translation (src/fingerprint/recog/regex.ts): each construct Recog uses, with the
// Ruby meaning it must keep, and the constructs that must be refused rather than guessed.
import { describe, expect, it } from 'vitest';
import { translateRubyRegex } from '../../../src/fingerprint/recog/regex.js';

function re(p: string, flags: string[] = []): RegExp {
  const t = translateRubyRegex(p, flags);
  if (!t.ok) throw new Error(t.reason);
  return new RegExp(t.source, t.flags);
}

describe('translateRubyRegex', () => {
  it('a leading (?i) becomes the i flag', () => {
    const t = translateRubyRegex('(?i)^Apache$');
    expect(t.ok && t.flags).toBe('i');
    expect(re('(?i)^Apache$').test('APACHE')).toBe(true);
  });
  it('^ and $ are line anchors at \\n only, as in Ruby', () => {
    expect(re('^login:$').test('Welcome\nlogin:')).toBe(true);
    expect(re('^login:$').test('Welcome\rlogin:')).toBe(false);
    expect(re('^login:$').test('login:\r\n')).toBe(false);
  });
  it('\\A \\z \\Z are string anchors', () => {
    expect(re('\\Alogin:').test('x\nlogin:')).toBe(false);
    expect(re('\\Alogin:').test('login:')).toBe(true);
    expect(re('ok\\z').test('ok\n')).toBe(false);
    expect(re('ok\\Z').test('ok\n')).toBe(true);
    expect(re('ok\\Z').test('ok\n\n')).toBe(false);
  });
  it('a dot excludes only \\n, and (?m) / REG_MULTILINE make it match \\n (Ruby m = dotall)', () => {
    expect(re('a.b').test('a\rb')).toBe(true);
    expect(re('a.b').test('a\nb')).toBe(false);
    expect(re('(?m)a.b').test('a\nb')).toBe(true);
    expect(re('a.b', ['REG_MULTILINE']).test('a\nb')).toBe(true);
    expect(re('a.b', ['REG_DOT_NEWLINE']).test('a\nb')).toBe(true);
  });
  it('REG_ICASE is the i flag', () => {
    expect(re('^ftp$', ['REG_ICASE']).test('FTP')).toBe(true);
  });
  it('scoped (?i:…) folds only its own letters', () => {
    const r = re('^Ab(?i:cd)Ef$');
    expect(r.test('AbCDEf')).toBe(true);
    expect(r.test('abcdEf')).toBe(false);
    expect(re('^x(?i:[a-c]+)$').test('xABC')).toBe(true);
  });
  it('(?i) after content applies to the rest of its group', () => {
    const r = re('^ab(?i)cd$');
    expect(r.test('abCD')).toBe(true);
    expect(r.test('ABcd')).toBe(false);
  });
  it('\\h is a hex digit, POSIX classes expand, {,n} is {0,n}, a leading ] is literal', () => {
    expect(re('^\\h{4}$').test('beEF')).toBe(true);
    expect(re('^\\h{4}$').test('bezf')).toBe(false);
    expect(re('^[[:alpha:]]+[[:digit:]]$').test('ab1')).toBe(true);
    expect(re('^a{,2}$').test('aa')).toBe(true);
    expect(re('^a{,2}$').test('aaa')).toBe(false);
    expect(re('^[]x]+$').test(']x]')).toBe(true);
  });
  it('possessive quantifiers and atomic groups are approximated and said so', () => {
    const t = translateRubyRegex('^a++b(?>c|d)$');
    expect(t.ok).toBe(true);
    if (t.ok) expect(t.approximations.sort()).toEqual(['atomic group as a non-capturing group', 'possessive quantifier as greedy']);
    expect(re('^a++b(?>c|d)$').test('aaabd')).toBe(true);
  });
  it('lazy quantifiers stay lazy', () => {
    expect(re('^(.+?)x').exec('aaxbx')![1]).toBe('aa');
  });
  it('refuses what JavaScript cannot express', () => {
    for (const p of ['\\Gfoo', 'a\\Kb', '\\p{Alpha}', '(?<n>a)(b)', '(?(1)a|b)', '[a[bc]]', '[a-z&&[^x]]', '(?~abc)', '\\X']) {
      const t = translateRubyRegex(p);
      expect(t.ok, p).toBe(false);
    }
    expect(translateRubyRegex('(?i)a(?-i:b)').ok).toBe(false);
  });
  it('\\e and \\a are control characters, not letters', () => {
    expect(re('^\\e\\[').test('\x1b[')).toBe(true);
    expect(re('^\\a$').test('\x07')).toBe(true);
  });
});
