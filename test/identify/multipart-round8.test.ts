// Multipart bodies (issue 14 item 4, round 8): a Hikvision alertStream part (`--boundary`, part headers, the
// EventNotificationAlert XML) is read part by part, so the ISAPI namespace and the event fields reach the rules.
// Real parts: dev/hikvision-isapi-232, -241, -250 (cut off inside the XML), -254. The hostile and edge inputs are SYNTHETIC.
import { describe, expect, it } from 'vitest';
import { readCapture } from '../helpers/captures.js';
import { identifyText, ruleIds } from '../helpers/identify.js';
import { multipartParts } from '../../src/identify/unwrap-multipart.js';

describe('multipart bodies through identify', () => {
  it.each(['hikvision-isapi-232', 'hikvision-isapi-241', 'hikvision-isapi-250', 'hikvision-isapi-254'])('%s: an alertStream part names Hikvision', (name) => {
    const c = readCapture(`${name}.json`, 'dev');
    const r = identifyText(c.protocol, c.payload);
    expect(r.manufacturer).toBe('hikvision');
    expect(r.evidence.some((e) => e.field.startsWith('isapi.') || e.field.startsWith('doc.'))).toBe(true);
    // The same part under a label that says nothing (a pasted file) is read the same way.
    expect(identifyText('raw', c.payload).manufacturer).toBe('hikvision');
  });

  it('a whole HTTP reply with a multipart body: its headers and each part are read (SYNTHETIC reply)', () => {
    const reply = [
      'HTTP/1.1 200 OK',
      'Content-Type: multipart/mixed; boundary=boundary',
      '',
      '--boundary',
      'Content-Type: application/xml; charset="UTF-8"',
      'Content-Length: 10',
      '',
      '<EventNotificationAlert version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema"><eventType>videoloss</eventType></EventNotificationAlert>',
      '--boundary--',
      '',
    ].join('\r\n');
    const r = identifyText('http', reply);
    expect(r.manufacturer).toBe('hikvision');
    expect(ruleIds(r).length).toBeGreaterThan(0);
  });

  it('a line of dashes in a post is not a multipart delimiter; a part needs Content-* headers', () => {
    expect(multipartParts('Some text\n--------\nmore text')).toBeNull();
    expect(multipartParts('--boundary\n<xml/>\n')).toBeNull();
    expect(multipartParts('--b\nContent-Type: text/plain\n\nhello\n--b\nContent-Type: text/plain\n\nworld\n--b--')).toEqual([
      { body: 'hello', contentType: 'text/plain' },
      { body: 'world', contentType: 'text/plain' },
    ]);
  });

  it('bounds a hostile stream: 100,000 empty parts, a part open to the end (SYNTHETIC)', () => {
    const many = '--b\r\nContent-Type: x\r\n\r\n\r\n'.repeat(100_000);
    const t0 = performance.now();
    expect(multipartParts(many)).toBeNull();
    const open = multipartParts(`--b\nContent-Type: x\n\n${'a\n'.repeat(200_000)}`);
    expect(open?.length).toBe(1);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
