import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../src/parsers/sadp.js';
import { readCapture } from '../helpers/captures.js';

const corpus = (name: string) => readCapture(name);

describe('sadp parser', () => {
  it('reads every ProbeMatch field of the Ezviz corpus sample', () => {
    const s = corpus('ezviz-sadp-1.json');
    expect(s.source).toContain('lwIP');
    const [ev] = parse(s.payload);
    expect(ev.kind).toBe('sadp');
    expect(ev.fields.DeviceDescription).toBe('CS-C6TC-32WFR');
    expect(ev.fields.DeviceSN).toBe('CS-C6TC-32WFR0120170327CCCH738231995');
    expect(ev.fields.MAC).toBe('54-c4-15-9a-38-74');
    expect(ev.fields.CommandPort).toBe('8000');
    expect(ev.fields.SoftwareVersion).toBe('V5.2.3build 180804');
    expect(ev.fields.Types).toBe('inquiry');
    expect(Object.keys(ev.fields)).toHaveLength(10);
  });

  it('accepts a Buffer and decodes basic entities', () => {
    const [ev] = parse(Buffer.from('<ProbeMatch><OEMInfo>A&amp;B</OEMInfo><Activated>true</Activated></ProbeMatch>'));
    expect(ev.fields).toEqual({ OEMInfo: 'A&B', Activated: 'true' });
  });

  it('returns [] for other protocols and for a DOCTYPE (XML bomb)', () => {
    expect(parse('HTTP/1.1 200 OK\r\n\r\n')).toEqual([]);
    expect(parse('<Probe><Types>inquiry</Types></Probe>')).toEqual([]);
    const bomb = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><ProbeMatch><MAC>&b;</MAC></ProbeMatch>';
    expect(parse(bomb)).toEqual([]);
  });

  it('survives 100k-deep nesting, truncation and huge values within bounds', () => {
    const deep = '<ProbeMatch>' + '<a>'.repeat(100_000) + '<MAC>x</MAC>' + '</a>'.repeat(100_000) + '</ProbeMatch>';
    const t0 = Date.now();
    expect(parse(deep)[0].fields.MAC).toBe('x');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(parse('<ProbeMatch><DeviceSN>abc</DeviceSN><MAC>12-')[0].fields).toEqual({ DeviceSN: 'abc' });
    const [big] = parse('<ProbeMatch><DeviceSN>' + 'A'.repeat(5000) + '</DeviceSN></ProbeMatch>');
    expect((big.fields.DeviceSN as string).length).toBe(1024);
    expect(big.notes).toContain('sadp DeviceSN cut at 1024 chars');
  });

  it('never throws on arbitrary input (3000 cases)', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a))), (x) => Array.isArray(parse(x))), { numRuns: 3000 });
  });
});
