// No failure is swallowed (issue 20): every src/ file is parsed with the TypeScript compiler API (the checker is
// ./catch-rule.ts) and each place that catches a failure is checked against one rule.
//
// Where: every `catch (…) { … }` clause, and every inline handler given to `.catch(handler)` or as the second
// argument of `.then(onFulfilled, onRejected)`. A handler that is not written inline is allowed only when it is
// the identifier `reject` (the failure goes on to the promise's owner); any other named handler is a violation,
// because what it does cannot be checked here.
//
// The rule: the handler's body, not counting code inside functions nested in it,
//   1. is not empty (a comment alone is still empty), and
//   2. either contains a `throw` statement (a rethrow, or the failure turned into a typed CamauditError;
//      a `throw` inside a condition counts: the other branch is then an outcome the code names),
//   3. or calls `reject(<caught>)` (a promise's rethrow),
//   4. or passes the caught value to one of the approved helpers, which turn it into a note or an outcome that
//      reaches the result, or narrow it to an expected error code and rethrow anything else:
//      src/core/failure.ts `failureNote`, `describeFailure`, `failureCode` (the code alone, where a message may
//      hold a secret), `rethrowUnless`; src/parsers/failure.ts
//      `parseFailure`; and in src/lab/emulator/ only, the emulator's error sink `onError` (its log, which the lab
//      keeps). "Passes" means the caught binding appears in one of the call's arguments.
// A catch without a binding (`catch { … }`) or a handler without a parameter can therefore pass only by
// throwing. Failures that are not exceptions (an `{ ok: false, reason }` outcome, parseJson in core/failure.ts,
// `URL.canParse`) need no catch at all.
//
// The second block proves the checker can fail: snippets that break the rule, and the forms that keep it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catchSites, catchViolations, SRC, tsFiles } from './catch-rule.js';

describe('every catch in src/ rethrows, records the failure, or narrows it to an expected code', () => {
  const files = tsFiles(SRC);

  it('no violation', () => {
    const found = files.flatMap((f) => catchViolations(path.relative(SRC, f), readFileSync(f, 'utf8')));
    expect(found.map((v) => `src/${v.file}:${v.line} ${v.what}`)).toEqual([]);
  });

  it('sees catch clauses and handlers at all (src/ has some, and the checker parses them)', () => {
    const clauses = files.reduce((n, f) => n + catchSites(f, readFileSync(f, 'utf8')).clauses, 0);
    expect(clauses).toBeGreaterThan(50);
  });
});

describe('the rule itself (snippets that must fail, and the forms that pass)', () => {
  const whats = (src: string) => catchViolations('snippet.ts', src).map((v) => v.what);

  it('fails an empty catch, even with a comment in it', () => {
    expect(whats('try { f(); } catch { /* ignore */ }')).toEqual(['catch: empty']);
    expect(whats('try { f(); } catch (e) {}')).toEqual(['catch: empty']);
  });

  it('fails a silent return [] / null, with or without a binding', () => {
    expect(whats('function p() { try { return f(); } catch { return []; } }')).toEqual(['catch: binds no error and does not rethrow']);
    expect(whats('function p() { try { return f(); } catch (err) { return null; } }')).toHaveLength(1);
  });

  it('fails a catch that only logs, or that uses the error outside an approved helper', () => {
    expect(whats('try { f(); } catch (err) { log.debug({ err: String(err) }, "failed"); }')).toHaveLength(1);
    expect(whats('try { f(); } catch (err) { return { error: (err as Error).message }; }')).toHaveLength(1);
  });

  it('fails a helper call that is not given the caught error, or sits in a nested function', () => {
    expect(whats('try { f(); } catch (err) { notes.push(failureNote("x", other)); }')).toHaveLength(1);
    expect(whats('try { f(); } catch (err) { later(() => { throw err; }); }')).toHaveLength(1);
  });

  it('fails swallowing promise handlers: .catch(() => undefined), .then(ok, () => []), a named handler', () => {
    expect(whats('p.catch(() => undefined);')).toEqual(['.catch() handler: binds no error and does not rethrow']);
    expect(whats('p.then(ok, () => []);')).toEqual(['.then() handler: binds no error and does not rethrow']);
    expect(whats('p.catch((e) => {});')).toEqual(['.catch() handler: empty']);
    expect(whats('p.catch(ignore);')).toHaveLength(1);
  });

  it('passes a rethrow, a typed error, a conditional rethrow, reject(err)', () => {
    expect(whats('try { f(); } catch (e) { cleanup(); throw e; }')).toEqual([]);
    expect(whats('try { f(); } catch { throw new UsageError("credentials file is not valid YAML"); }')).toEqual([]);
    expect(whats('try { f(); } catch (e) { if (!done()) throw e; }')).toEqual([]);
    expect(whats('new Promise((resolve, reject) => { try { g(); } catch (e) { s.close(); reject(e); } });')).toEqual([]);
    expect(whats('p.catch((e: unknown) => { throw new RuntimeError(oneLine(e)); });')).toEqual([]);
    expect(whats('p.then(ok, reject);')).toEqual([]);
  });

  it('approves the emulator error sink in src/lab/emulator/ only', () => {
    const src = 'try { answer(); } catch (e) { this.deps.onError("udp", e); }';
    expect(catchViolations('lab/emulator/udp.ts', src)).toEqual([]);
    expect(catchViolations('probes/rtsp.ts', src)).toHaveLength(1);
  });

  it('passes a note or outcome made from the caught error, and a narrowed expected absence', () => {
    expect(whats('try { f(); } catch (err) { notes.push(failureNote("body not decoded", err)); }')).toEqual([]);
    expect(whats('try { f(); } catch (err) { return { error: describeFailure(err) }; }')).toEqual([]);
    expect(whats('try { f(); } catch (err) { rethrowUnless(err, "ENOENT"); return null; }')).toEqual([]);
    expect(whats('try { f(); } catch (e) { return [parseFailure("http", input, e)]; }')).toEqual([]);
    expect(whats('p.catch((err) => stats.note("m", failureNote("x", err)));')).toEqual([]);
  });
});
