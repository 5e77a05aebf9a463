// False-flag audit of the rules added in round 7 (issue 14): values a high-risk maker's devices send that another
// maker's device sends too. Each case states whether the input is a real public value (cited) or synthetic.
import { describe, expect, it } from 'vitest';
import { identifyText, ruleIds } from '../helpers/identify.js';

const HIGH_RISK = ['hikvision', 'dahua', 'uniview', 'xiongmai', 'huawei', 'zte', 'tvt', 'tiandy', 'kedacom', 'hytera'];

describe('rtsp.hikvision-public-methods: the method list alone names no maker', () => {
  // Synthetic reply assembled from the strings of the Eyenix EN673 camera SoC SDK's RTSP server
  // (rtsp_command.h, Copyright Eyenix Corporation: RTSP_MSG "RTSP/1.0 %s\r\nCSeq: %d\r\n", the active
  // HDR_OPTION_REPLY1 and RTSP_MSG_DATE "Date: %s, %s %02d %04d %02d:%02d:%02d GMT"; GitHub code search
  // "EN673 RTSP Server"). The date is illustrative.
  const eyenixOptions =
    'RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\nDate: Wed, Jul 27 2022 10:37:06 GMT\r\n\r\n';

  it('an Eyenix EN673 camera OPTIONS reply (synthetic from the SDK source) names no high-risk maker', () => {
    const r = identifyText('rtsp', eyenixOptions);
    expect(ruleIds(r)).toContain('rtsp.hikvision-public-methods');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
    expect(r.manufacturer).toBeNull();
  });

  it("Hikvision's double-space Date line still names Hikvision beside the same list", () => {
    const r = identifyText('rtsp', eyenixOptions.replace('Date: ', 'Date:  '));
    expect(r.manufacturer).toBe('hikvision');
    expect(ruleIds(r)).toContain('rtsp.hikvision-date-double-space');
  });
});

describe('rtsp.xiongmai-sdp-origin: a copied constant under another origin user is not read', () => {
  // Real: the "Cameron" Qt RTSP restream server sets origin.creatorName="Cameron" and sessionID/sessionVer
  // 38990265062388 (GitHub code search "sessionID=38990265062388"); the SDP below is synthetic, built as that
  // code writes it. The rule requires the "o=- " user Xiongmai's firmware writes.
  it('o=Cameron 38990265062388 … names nobody', () => {
    const sdp = 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: 120\r\n\r\nv=0\r\no=Cameron 38990265062388 38990265062388 IN IP4 192.168.1.5\r\ns=RTSP Session\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n';
    const r = identifyText('rtsp', sdp);
    expect(ruleIds(r)).not.toContain('rtsp.xiongmai-sdp-origin');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
  });
});

describe('body.hikvision-isapi-timezone: POSIX "CST-8" of other devices is not read', () => {
  // Real value: ESP32 camera/firmware configuration APIs write the POSIX zone "timezone": "CST-8" (GitHub code
  // search '"timezone": "CST-8"', an ESP32-CAM status API and an ESP32 S3 camera's /api/config); the JSON around it
  // is synthetic. Hikvision's ISAPI writes the offset with minutes and seconds (CST-8:00:00).
  it('an ESP32 camera status body with "timezone": "CST-8" names nobody', () => {
    const body = '{"status":"running","hostname":"ai-thinker-cam","system":{"time":"2024-12-30T14:35:42Z","timezone":"CST-8"}}';
    const r = identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    expect(ruleIds(r)).not.toContain('body.hikvision-isapi-timezone');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
  });
});

describe('body.huawei-hilink-status-keys: Heroicons names and quoted lists are not HiLink keys', () => {
  const page = (body: string): string => `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

  // Real code forms (GitHub code search '"SignalIcon",': a Vue dashboard's stats array `icon: "SignalIcon",`;
  // a Chinese icon picker's `{ name: 'SignalIcon', displayName: '信号', icon: SignalIcon }`); the page around them is synthetic.
  it('a web app page using the Heroicons SignalIcon name names no high-risk maker', () => {
    const body = '<html><body><div id="app"></div><script>const stats = [{ name: "Presión Actual", value: "42", icon: "SignalIcon", trend: "up" }];\nconst icons = [{ name: \'SignalIcon\', displayName: \'信号\', icon: SignalIcon }];</script></body></html>';
    const r = identifyText('http', page(body));
    expect(ruleIds(r)).not.toContain('body.huawei-hilink-status-keys');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
  });

  // Real code form (GitHub code search '"showtraffic"': a flight simulator's settings table); the page is synthetic.
  it('a quoted "showtraffic" in a list is not a HiLink key', () => {
    const r = identifyText('http', page('<script>var rows = [{"showtraffic", "Draw other aircraft", 2}];</script>'));
    expect(ruleIds(r)).not.toContain('body.huawei-hilink-status-keys');
  });

  it('HiLink status replies still name Huawei (XML element; JSON key with a digit value)', () => {
    // synthetic envelopes around HiLink element names the rule cites
    const xml = identifyText('http', page('<?xml version="1.0" encoding="UTF-8"?><response><ConnectionStatus>901</ConnectionStatus><SignalIcon>4</SignalIcon></response>'));
    expect(ruleIds(xml)).toContain('body.huawei-hilink-status-keys');
    const json = identifyText('http', page('{"ConnectionStatus": "901", "SignalIcon": "4"}'));
    expect(ruleIds(json)).toContain('body.huawei-hilink-status-keys');
  });
});

describe('body.hikvision-encoder-version: a bare version string in an HTTP body is a broad value', () => {
  it('an HTTP body that is only "V2.1" (synthetic: a version endpoint) names nobody; the ISAPI field still names Hikvision', () => {
    const r = identifyText('http', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nV2.1');
    expect(ruleIds(r)).not.toContain('body.hikvision-encoder-version');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
    // synthetic DeviceInfo without its namespace, encoderVersion read by the ISAPI reader
    const isapi = identifyText('isapi', '<DeviceInfo version="2.0"><encoderVersion>V1.0</encoderVersion></DeviceInfo>');
    expect(isapi.manufacturer).toBe('hikvision');
  });
});
