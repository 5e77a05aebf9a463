// The helpers every catch in src/ uses to keep a failure (src/core/failure.ts; the rule: test/architecture/catches.test.ts).
import { describe, expect, it } from 'vitest';
import { abortError, describeFailure, errorCode, failureNote, parseJson, probeOutcome, rethrowUnless } from '../../src/core/failure.js';
import { Stats, SCAN_NOTES_MAX } from '../../src/core/stats.js';

const enoent = () => Object.assign(new Error("ENOENT: no such file or directory, open '/x'"), { code: 'ENOENT' });

describe('failure helpers', () => {
  it('describeFailure: code and first line, control bytes removed, bounded', () => {
    expect(describeFailure(enoent())).toBe("ENOENT: no such file or directory, open '/x'");
    expect(describeFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('ECONNRESET: socket hang up');
    expect(describeFailure(new TypeError('bad\nsecond line'))).toBe('bad');
    expect(describeFailure('plain \x1b[31mstring')).toBe('plain  [31mstring');
    expect(describeFailure(Object.assign(new Error(''), { code: 'ERR_X' }))).toBe('ERR_X');
    expect(describeFailure(new Error('x'.repeat(500)))).toHaveLength(201);
    expect(describeFailure(undefined)).toBe('undefined');
  });

  it('failureNote names what failed and why', () => {
    expect(failureNote('upnp description not read', enoent())).toBe("upnp description not read: ENOENT: no such file or directory, open '/x'");
  });

  it('rethrowUnless returns for an expected code and rethrows anything else, code-less errors included', () => {
    expect(() => rethrowUnless(enoent(), 'ENOENT')).not.toThrow();
    expect(() => rethrowUnless(enoent(), 'ESRCH')).toThrow(/ENOENT/);
    expect(() => rethrowUnless(new SyntaxError('Unexpected token'), 'ENOENT')).toThrow(SyntaxError);
    expect(errorCode(abortError())).toBe('ABORT_ERR');
    expect(() => rethrowUnless(abortError(), 'ABORT_ERR')).not.toThrow();
  });

  it('parseJson is an outcome, never a throw', () => {
    expect(parseJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    const bad = parseJson('{"a":');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/JSON/);
  });

  it('probeOutcome is a probe evidence with one note', () => {
    expect(probeOutcome('http', 'error', 'port 80: ECONNRESET', { port: 80 })).toEqual({ kind: 'probe', fields: { port: 80, probe: 'http', outcome: 'error' }, notes: ['port 80: ECONNRESET'] });
  });

  it('scan notes: module-prefixed, deduplicated, bounded (the rest counted)', () => {
    const s = new Stats();
    s.note('neigh', 'neighbour table not read: EACCES');
    s.note('neigh', 'neighbour table not read: EACCES');
    expect(s.notes()).toEqual(['neigh: neighbour table not read: EACCES']);
    for (let i = 0; i < SCAN_NOTES_MAX + 5; i++) s.note('m', `n${i}`);
    expect(s.notes()).toHaveLength(SCAN_NOTES_MAX);
    expect(s.get('m', 'notes-dropped')).toBe(6);
  });
});
