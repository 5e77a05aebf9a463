// Issue 14: the unauthenticated API replies of Huawei HiLink routers/modems (their error document)
// and of ZTE's newer ONT/router web UI (the login_entry state), end to end through identify; and the ONVIF port
// 8899, which a non-Xiongmai camera serves too, no longer names Xiongmai. Bodies are the public ones the rules cite.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { readCapture } from '../helpers/captures.js';
import { expectNamed } from '../helpers/identify.js';

const http = (body: string) => identifySample('t.json', { protocol: 'http', payload: `HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n${body}` });
const bodyOnly = (body: string) => identifySample('t.json', { protocol: 'http', payload: body });

describe('Huawei HiLink API error document', () => {
  it("an E3372's reply to /api/webserver/token (trick77/huawei-hilink-status #3) is Huawei", () => {
    const r = bodyOnly('<?xml version="1.0" encoding="UTF-8"?>\n<error>\n<code>125002</code>\n<message></message>\n</error>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-error');
  });

  it('other error documents name nobody', () => {
    expect(http('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>').manufacturer).toBeNull();
    expect(http('<error><code>404</code><message>Not Found</message></error>').manufacturer).toBeNull();
  });
});

describe("ZTE web UI login_entry", () => {
  it('the reply before login (juacas/zte_tracker zteclient README) is ZTE', () => {
    const r = http('{"lockingTime":0,"loginErrMsg":"","promptMsg":"","sess_token":"oCh5FugQaTDj5rSvKUHHKZ15"}');
    expectNamed(r, 'zte', 'body.zte-login-entry');
  });

  it('generic login states name nobody', () => {
    expect(http('{"locked":0,"error":"","token":"x"}').manufacturer).toBeNull();
    expect(http('{"loginErrMsg":"","sess_token":"x"}').manufacturer).toBeNull();
  });
});

describe('ONVIF on TCP 8899', () => {
  it("a Bessky camera's GetCapabilities (dev/bessky-onvif-31) names no high-risk maker", () => {
    const c = readCapture('bessky-onvif-31', 'dev');
    const r = identifySample('bessky-onvif-31.json', { protocol: c.protocol, payload: c.payload });
    expect(r.manufacturer).toBeNull();
  });

  it('a WS-Discovery reply on 8899 with the stock XM scopes is a camera of no named maker (shared xiongmai-ws-discovery-1)', () => {
    const c = readCapture('xiongmai-ws-discovery-1', 'shared');
    const r = identifySample('xiongmai-ws-discovery-1.json', { protocol: c.protocol, payload: c.payload });
    expect(r.manufacturer).toBeNull();
    expect(r.deviceType).toBe('camera');
  });
});

describe('Huawei ONT web token', () => {
  // A synthetic page around the token input the rule cites (the value is a made-up 32-hex token).
  it("a page carrying the ONT's hidden token input is Huawei", () => {
    const page = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><form><input type="hidden" name="onttoken" id="hwonttoken" value="8f14e45fceea167a5a36dedd4bea2543"></form></body></html>';
    const r = identifySample('t.json', { protocol: 'http', payload: page });
    expectNamed(r, 'huawei', 'body.huawei-ont-token');
  });

  it('other vendors\u2019 token names name nobody', () => {
    expect(http("<script>Form.addParameter('x.X_TP_Token', token);</script>").manufacturer).toBeNull();
    expect(http('<meta name="csrf_token" content="abc">').manufacturer).toBeNull();
  });
});
