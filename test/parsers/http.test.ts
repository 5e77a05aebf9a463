import { describe, it, expect } from 'vitest';
import { parse, parseHttpResponse } from '../../src/parsers/http.js';
import { evidenceFromSample } from '../../src/identify/input.js';
import { sample } from '../probes/corpus.js';

describe('http parser', () => {
  it('reads the real Axis 401 banner (axis-http-4): realm, scheme, header order and case', () => {
    const s = sample('axis-http-4.json');
    const [e] = parse(s.payload);
    expect(e.kind).toBe('http');
    expect(e.fields.status).toBe(401);
    expect(e.fields['auth.scheme']).toBe('Digest');
    expect(e.fields['auth.realm']).toBe('AXIS_ACCC8E270099');
    expect(e.fields.headerNames).toEqual(['WWW-Authenticate', 'Content-Length', 'Content-Type']);
    expect(e.fields.headerShape).toBe('WWW-Authenticate|Content-Length|Content-Type');
  });

  it('reads the real Hikvision NVR banner (hikvision-http-3): Server DNVRS-Webs, Date left out of the shape', () => {
    const [e] = parse(sample('hikvision-http-3.json').payload);
    expect(e.fields.server).toBe('DNVRS-Webs');
    expect(e.fields.version).toBe('HTTP/1.1');
    expect(e.fields.headerShape).toBe('Server|ETag|Content-Length|Content-Type|Connection');
    expect((e.fields.headerNames as string[])[0]).toBe('Date');
  });

  it('keeps every header with its value, in original order and case (hikvision-http-3, axis-http-4)', () => {
    const [hik] = parse(sample('hikvision-http-3.json').payload);
    const lines = hik.fields.headers as string[];
    expect(lines.map((l) => l.split(':')[0])).toEqual(hik.fields.headerNames);
    expect(lines).toContain('Server: DNVRS-Webs');
    const [axis] = parse(sample('axis-http-4.json').payload);
    expect((axis.fields.headers as string[])[0]).toMatch(/^WWW-Authenticate: Digest realm="AXIS_ACCC8E270099"/);
  });

  it('the headers field is bounded: 300 headers of 200 bytes are cut at 16 KiB with a note (synthetic)', () => {
    const raw = 'HTTP/1.1 200 OK\r\n' + Array.from({ length: 300 }, (_, i) => `X-H${i}: ${'v'.repeat(200)}\r\n`).join('') + '\r\n';
    const [e] = parse(raw);
    const lines = e.fields.headers as string[];
    expect(lines.join('').length).toBeLessThanOrEqual(16 * 1024);
    expect(lines[0]).toBe(`X-H0: ${'v'.repeat(200)}`);
    expect(e.notes?.join(' ')).toMatch(/headers field cut at 16384 bytes/);
  });

  it('bare LF, obs-fold, control bytes, `Name : value`, cookies, title, generator, scripts, BOM (synthetic)', () => {
    const body = '\ufeff<!doctype html><html><head><title>\n WEB  SERVICE </title><meta name="generator" content="Webs 2.0">' +
      '<script src="/js/jquery.js"></script><link rel="stylesheet" href="/css/a.css"><link rel="shortcut icon" href="/img/x.ico"></head></html>';
    const raw = `HTTP/1.0 200 OK\nCONNECTION: close\nX-Folded: a\n\tb\nServer : odd\x01\nSet-Cookie: sid=1; path=/\nSet-Cookie: lang=en\n\n${body}`;
    const [e] = parse(Buffer.from(raw));
    expect(e.fields.status).toBe(200);
    expect(e.fields.headerNames).toEqual(['CONNECTION', 'X-Folded', 'Server', 'Set-Cookie', 'Set-Cookie']);
    expect(e.fields.server).toBe('odd\x01');
    expect(e.fields.cookies).toEqual(['sid', 'lang']);
    expect(e.fields.title).toBe('WEB SERVICE');
    expect(e.fields.generator).toBe('Webs 2.0');
    expect(e.fields.scripts).toEqual(['/js/jquery.js']);
    expect(e.fields.stylesheets).toEqual(['/css/a.css']);
    expect(e.fields.iconHref).toBe('/img/x.ico');
    expect(e.fields.bom).toBe(true);
  });

  it('HTTP/0.9 replies are accepted when they look like markup or the probe knows it spoke HTTP', () => {
    expect(parse('<html><title>old</title></html>')[0].fields.version).toBe('HTTP/0.9');
    expect(parse('just text')).toEqual([]);
    expect(parseHttpResponse('just text', { assumeHttp: true })[0].fields.body).toBe('just text');
  });

  it('dechunks and caps: body field at 16 KiB, bodyBytes counts all', () => {
    const big = 'x'.repeat(40000);
    const raw = `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${(20000).toString(16)}\r\n${big.slice(0, 20000)}\r\n${(20000).toString(16)}\r\n${big.slice(20000)}\r\n0\r\n\r\n`;
    const [e] = parse(raw);
    expect(e.fields.bodyBytes).toBe(40000);
    expect((e.fields.body as string).length).toBe(16384);
  });

  it('decoded forms, read by identify: WWW-Authenticate value only (tplink-http-1), logger dump (uniview-http-2), body only (hikvision-http-2)', () => {
    expect(evidenceFromSample('http', sample('tplink-http-1.json').payload)[0].fields['auth.realm']).toBe('TP-LINK Wireless N Router WR841N');
    const u = evidenceFromSample('http', sample('uniview-http-2.json').payload)[0];
    expect(u.fields.server).toBe('gSOAP/2.7');
    expect(u.fields.contentType).toBe('application/soap+xml; charset=utf-8');
    expect(evidenceFromSample('http', sample('hikvision-http-2.json').payload)[0].fields.title).toBe('Document Error: Unauthorized');
    expect(evidenceFromSample('http', sample('dahua-http-2.json').payload)[0]).toMatchObject({ kind: 'dahuacgi', fields: { type: 'DH-XVR5108C-X', action: 'getDeviceType' } });
  });

  it("a curl -v '< ' dump is not an HTTP/0.9 body (issue 20: the adapter never got it)", () => {
    expect(parse('< HTTP/1.1 200 OK\n< Server: uc-httpd 1.0.0\n')).toEqual([]);
  });
});
