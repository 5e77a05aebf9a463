// Round 6 (attr-e): Hikvision ISAPI documents that reach identify without their namespace: the ResponseStatus of the
// `?format=json` APIs (statusCode + lowerCamel subStatusCode) and the session-login capability (<SessionLoginCap>).
// The JSON and XML bodies are the public forms named in the rules' examples (Hikvision's ISAPI guide, integrators'
// notes); the HTTP status lines around some of them are synthetic.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText } from '../helpers/identify.js';

const guideJson =
  '{\n"requestURL": "/ISAPI/Event/triggers/notifications/channels/whiteLightAlarm",\n"statusCode": 4,\n"statusString": "Invalid Operation",\n"subStatusCode": "notSupport",\n"errorCode": 1073741825,\n"errorMsg": "notSupport"\n}';

describe('ISAPI ResponseStatus without a namespace', () => {
  it('the JSON error of the ISAPI guide (4.2.6), as a whole 403 reply, names Hikvision', () => {
    const r = identifyText('http', `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json; charset="UTF-8"\r\nConnection: Keep-Alive\r\n\r\n${guideJson}`);
    expectNamed(r, 'hikvision', 'doc.hikvision-isapi-status');
    expect(r.confidence).toBe('probable');
  });

  it('the bare JSON body labelled isapi, and the compact 401 form with only statusCode and subStatusCode', () => {
    expectNamed(identifyText('isapi', guideJson), 'hikvision', 'doc.hikvision-isapi-status');
    expectNamed(identifyText('isapi', '{"statusCode":4,"subStatusCode":"badAuthorization"}'), 'hikvision', 'doc.hikvision-isapi-status');
  });

  it('the XML ResponseStatus with its namespace dropped, through the ISAPI reader (isapi.subStatusCode)', () => {
    const xml = '<?xml version="1.0"?><ResponseStatus><statusCode>4</statusCode><statusString>Invalid Operation</statusString><subStatusCode>notSupport</subStatusCode></ResponseStatus>';
    expectNamed(identifyText('isapi', xml), 'hikvision', 'doc.hikvision-isapi-status');
  });

  it("PSIA's ResponseStatus (no subStatusCode), numeric or capitalised sub-statuses and Uniview LAPI name no Hikvision", () => {
    const psia = '<ResponseStatus version="1.0" xmlns="urn:psialliance-org"><requestURL>/PSIA/System/reboot</requestURL><statusCode>4</statusCode><statusString>Invalid Operation</statusString></ResponseStatus>';
    expect(identifyText('isapi', psia).manufacturer).toBeNull();
    expect(identifyText('http', '{"statusCode": 409, "subStatusCode": 1003}').manufacturer).toBeNull();
    expect(identifyText('http', '{"statusCode": 0, "subStatusCode": "none"}').manufacturer).toBeNull();
    expectNamed(identifyText('http', '{"statusCode": 1, "statusString": "OK", "subStatusCode": "ok"}'), 'hikvision', 'doc.hikvision-isapi-status');
    expect(identifyText('http', '{"StatusCode": "Created", "SubStatusCode": "Unknown"}').manufacturer).toBeNull();
    const lapi = '{\n  "Response": {\n    "ResponseURL": "/LAPI/V1.0/System/DeviceBasicInfo",\n    "ResponseCode": 3,\n    "SubResponseCode": 0,\n    "ResponseString": "Not Authorized",\n    "StatusCode": 3,\n    "StatusString": "Not Authorized"\n  }\n}';
    expect(identifyText('http', lapi).manufacturer).toBe('uniview');
  });
});

describe('ISAPI session-login capability without a namespace', () => {
  const cap = '<SessionLoginCap>\n  <sessionID>c00c74f9e6d247e8</sessionID>\n  <challenge>8c6604161cf660ae</challenge>\n  <iterations>100</iterations>\n  <isIrreversible>true</isIrreversible>\n  <salt>OGJPE4PRYYUJ7SZWYKKCWQKLLQ5A76CV</salt>\n  <sessionIDVersion>2</sessionIDVersion>\n</SessionLoginCap>';

  it('<SessionLoginCap> with challenge and salt names Hikvision, alone at probable', () => {
    const r = identifyText('isapi', cap);
    expectNamed(r, 'hikvision', 'doc.hikvision-session-login-cap');
    expect(r.confidence).toBe('probable');
  });

  it('the namespaced document stays with the namespace rule; an empty or unrelated capability root names nobody', () => {
    const ns = cap.replace('<SessionLoginCap>', '<SessionLoginCap version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">');
    expectNamed(identifyText('isapi', ns), 'hikvision', 'isapi.hikvision-namespace');
    expect(identifyText('isapi', '<SessionLoginCap>\n  <iterations>100</iterations>\n</SessionLoginCap>').manufacturer).toBeNull();
    expect(identifyText('isapi', cap.replace(/SessionLoginCap/g, 'LoginCap')).manufacturer).toBeNull();
  });
});

describe('ISAPI event alert without a namespace: dynChannelID', () => {
  const alert = (channel: string) =>
    `<EventNotificationAlert>\n  <ipAddress>1.0.0.255</ipAddress>\n  <portNo>8123</portNo>\n  <protocol>HTTP</protocol>\n  ${channel}\n  <dateTime>2024-11-13T20:20:52+01:00</dateTime>\n  <activePostCount>1</activePostCount>\n  <eventType>VMD</eventType>\n  <eventState>active</eventState>\n  <eventDescription>Motion alarm</eventDescription>\n</EventNotificationAlert>`;

  it('an alert carrying dynChannelID names Hikvision, alone at probable (the hikvision_next alert form)', () => {
    const r = identifyText('isapi', alert('<dynChannelID>2</dynChannelID>\n  <channelID>2</channelID>'));
    expectNamed(r, 'hikvision', 'body.hikvision-dyn-channel-id');
    expect(r.confidence).toBe('probable');
  });

  it("PSIA's own alert (channelID only) names nobody", () => {
    expect(identifyText('isapi', alert('<channelID>2</channelID>')).manufacturer).toBeNull();
  });
});

describe('Hikvision Digest challenge with domain="::" and a millisecond-timestamp nonce', () => {
  const unauthorized = (www: string, server = 'DNVRS-Webs') =>
    identifyText('http', `HTTP/1.1 401 Unauthorized\r\nServer: ${server}\r\nContent-Type: text/html\r\nWWW-Authenticate: ${www}\r\n\r\n`);

  it('the challenge names Hikvision whatever the realm, even behind a stock Server header', () => {
    const r = unauthorized('Digest realm="DVRNVRDVS", domain="::", qop="auth", nonce="16c2671a88d919b48d011bfe56765a0e:1540569274326", opaque="", algorithm="MD5", stale="FALSE"', 'Webs');
    expectNamed(r, 'hikvision', 'realm.hikvision-domain-timestamp-nonce');
    const r2 = unauthorized('Digest realm="c504892f438ee5f2114e9fdd", domain="::", qop="auth", nonce="158ca9b5cb4b32a578432756aef2a189:1669838955551", opaque="", algorithm="MD5", stale="FALSE"', 'Webs');
    expectNamed(r2, 'hikvision', 'realm.hikvision-domain-timestamp-nonce');
  });

  it('a bare MD5 nonce, another domain or Dahua\'s challenge does not read as this form', () => {
    const ids = (www: string) => unauthorized(www, 'lighttpd').evidence.map((e) => e.rule);
    expect(ids('Digest realm="x", domain="::", qop="auth", nonce="16c2671a88d919b48d011bfe56765a0e"')).not.toContain('realm.hikvision-domain-timestamp-nonce');
    expect(ids('Digest realm="x", domain="/", qop="auth", nonce="16c2671a88d919b48d011bfe56765a0e:1540569274326"')).not.toContain('realm.hikvision-domain-timestamp-nonce');
    expect(unauthorized('Digest realm="Login to 4K01FD2PAJ6E3FF", nonce="203c8d27b595204504dfa65fd22586bd"', 'lighttpd').manufacturer).not.toBe('hikvision');
  });
});

describe('ISAPI adminAccesses: the DEV_MANAGE protocol', () => {
  const list = (protocol: string) =>
    `<AdminAccessProtocolList version="1.0">\n<AdminAccessProtocol version="1.0">\n<id>1</id>\n<enabled opt="true,false">true</enabled>\n<protocol opt="HTTP">HTTP</protocol>\n<portNo min="1" max="65535">80</portNo>\n</AdminAccessProtocol>\n<AdminAccessProtocol version="1.0">\n<id>4</id>\n${protocol}\n<portNo min="2000" max="65535">8000</portNo>\n</AdminAccessProtocol>\n</AdminAccessProtocolList>`;

  it('an un-namespaced list with DEV_MANAGE names Hikvision (the centreon-plugins #3211 NVR form)', () => {
    expectNamed(identifyText('isapi', list('<protocol opt="DEV_MANAGE">DEV_MANAGE</protocol>')), 'hikvision', 'body.hikvision-dev-manage-protocol');
  });

  it('the same list with only stock protocols names nobody', () => {
    expect(identifyText('isapi', list('<protocol opt="RTSP">RTSP</protocol>')).manufacturer).toBeNull();
  });
});
