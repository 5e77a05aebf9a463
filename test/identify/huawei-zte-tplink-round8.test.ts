// Round 8 (issue 14): more of what Huawei's home routers and HiLink modems, and TP-Link's camera RTSP server, show in
// general, end to end through identify. Values are the public ones the rules cite (fingerprints/rules/) unless marked
// synthetic.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const http = (body: string, type = 'text/xml') => identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\n\r\n${body}`);
const bodyOnly = (body: string) => identifyText('http', body);

describe('Huawei HiLink /api/device/signal value forms (earfcn, transmode, kHz frequencies)', () => {
  it('a reply without txpower or mcs values is Huawei through earfcn and transmode', () => {
    const r = http('<?xml version="1.0" encoding="UTF-8"?>\n<response>\n<rsrp>-95dBm</rsrp>\n<rsrq>-11.0dB</rsrq>\n<earfcn>DL:3200 UL:21200</earfcn>\n<band>7</band>\n<transmode>TM[3]</transmode>\n</response>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-signal');
  });

  it('device.signal() as huawei-lte-api prints it (a B535-932 exporter) is Huawei', () => {
    const r = bodyOnly("{'pci': '266',\n 'rsrp': '-79dBm',\n 'transmode': 'TM[4]',\n 'ulbandwidth': '10MHz',\n 'ulfrequency': '1767600kHz'}");
    expectNamed(r, 'huawei', 'body.huawei-hilink-signal');
  });

  it('bare numbers and generic labels name nobody (synthetic)', () => {
    expect(bodyOnly('{"earfcn":"1300","transmode":"3","ulfrequency":"1747.5 MHz"}').manufacturer).toBeNull();
    expect(bodyOnly('DL: 1300, UL: 19300').manufacturer).toBeNull();
  });
});

describe('Huawei HiLink SMS list and PIN status', () => {
  it('an /api/sms/sms-list reply is Huawei through Smstat', () => {
    const r = http('<?xml version="1.0" encoding="UTF-8"?>\n<response>\n<Count>5</Count>\n<Messages>\n<Message>\n<Smstat>3</Smstat>\n<Index>40000</Index>\n<Phone>+48500500500</Phone>\n</Message>\n</Messages>\n</response>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-status-keys');
  });

  it('an /api/pin/status reply is Huawei', () => {
    const r = http('<response>\n<SimState>257</SimState>\n<PinOptState>258</PinOptState>\n<SimPinTimes>3</SimPinTimes>\n<SimPukTimes>10</SimPukTimes>\n</response>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-status-keys');
  });

  it('a lower-case smstat and a generic PIN element name nobody (synthetic)', () => {
    expect(http('<message><smstat>0</smstat><PinState>READY</PinState></message>').manufacturer).toBeNull();
  });
});

describe("Huawei ATP web UI's csrf_param meta tag", () => {
  it('the index page with the csrf_param/csrf_token pair is Huawei (synthetic token values)', () => {
    const r = http('<!DOCTYPE html>\n<html><head>\n<meta name="csrf_param" content="JDTCq6ZbOOhcYkqMH8DtS6y2m2hbqdsB"/>\n<meta name="csrf_token" content="S0vTgz3Q1yGdsTlxyeGTs1bJd0RtlWsN"/>\n</head><body></body></html>', 'text/html');
    expectNamed(r, 'huawei', 'body.huawei-atp-csrf-meta');
  });

  it("Rails' csrf-param and a Laravel csrf_token tag name nobody", () => {
    const r = http('<html><head><meta name="csrf-param" content="authenticity_token" />\n<meta name="csrf_token" content="{{ csrf_token() }}"></head></html>', 'text/html');
    expect(r.manufacturer).toBeNull();
    expect(ruleIds(r)).not.toContain('body.huawei-atp-csrf-meta');
  });
});

describe("TP-Link's RTSP smart track", () => {
  it("an SDP that keeps only the smart track's rtpmap (re-served, m= line rewritten) is TP-Link", () => {
    const r = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Stream\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=application 0 RTP/AVP 95\r\na=control\r\na=rtpmap:95 TP-LINK/90000\r\n');
    expectNamed(r, 'tp-link', 'tp-link.rtsp-sdp');
  });

  it('a codec rtpmap names nobody (synthetic)', () => {
    const r = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Stream\r\nt=0 0\r\nm=video 0 RTP/AVP 95\r\na=rtpmap:95 H264/90000\r\n');
    expect(r.manufacturer).toBeNull();
  });
});
