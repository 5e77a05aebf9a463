// Shared checks of the identify tests (test/identify): a sample through identifySample end to end, the ids of the
// rules that fired, and the one assertion most of them make: this maker, through this rule.
import { expect } from 'vitest';
import { identifySample, type IdentifyResult } from '../../src/identify/identify.js';

/** One sample ({protocol, payload}) through identify, as `camaudit identify` reads a capture file. */
export const identifyText = (protocol: string, payload: unknown): IdentifyResult => identifySample('t.json', { protocol, payload });

/** The ids of the rules behind a verdict's evidence, in order. */
export const ruleIds = (r: IdentifyResult): Array<string | null> => r.evidence.map((e) => e.rule);

/** Asserts the verdict names `maker` and that `rule` is among the rules that fired; returns the verdict. */
export function expectNamed(r: IdentifyResult, maker: string, rule: string, label?: string): IdentifyResult {
  expect(r.manufacturer, label).toBe(maker);
  expect(ruleIds(r), label).toContain(rule);
  return r;
}

/** An ONVIF service's 401 (SOAP content type, no body) carrying this WWW-Authenticate value, through identify. */
export const onvif401 = (wwwAuthenticate: string): IdentifyResult =>
  identifyText('http', `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/soap+xml; charset=utf-8\r\nWWW-Authenticate: ${wwwAuthenticate}\r\nContent-Length: 0\r\n\r\n`);
