// Issue 14, round 8 false-flag audit (h8-audit): each rule added or changed this round (efe969d..main) checked for
// another maker's device, a white label, a third-party server or a client producing what it reads. One test per fix;
// each fails without it. Counter-examples are public (cited) or say "synthetic" in their name.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';
import { capturePayload, type CaptureSet } from '../helpers/captures.js';

/** A capture's payload by 'set/file', through the capture helper (tests never build fixture paths by hand). */
const payloadOf = (file: string): string => {
  const [set, name] = file.split('/') as [CaptureSet, string];
  return capturePayload(name, set);
};

/**
 * A WS-Discovery client's Probe as cogini/onvif sends it (lib/onvif/discovery.ex, `probe/0`'s template: s, sc, dn,
 * tds, d, a — the head Dahua's Hello also has), uuid filled in.
 */
const COGINI_PROBE =
  '<?xml version="1.0" encoding="utf-8"?>\n<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:sc="http://www.w3.org/2003/05/soap-encoding"\n    xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"\n    xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing">\n  <s:Header>\n    <a:MessageID>uuid:6f1c2d3e-0000-11ee-8000-000000000001</a:MessageID>\n    <a:To s:mustUnderstand="true">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>\n    <a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>\n  </s:Header>\n  <s:Body>\n    <d:Probe>\n      <d:Types>tds:Device</d:Types>\n    </d:Probe>\n  </s:Body>\n</s:Envelope>\n';

describe('onvif.dahua-envelope-head reads the envelope of the reply, not of a request above it', () => {
  it("a client's Probe in Dahua's Hello template above a white-label camera's ProbeMatch names nobody (cogini/onvif + dev/unknown-ws-discovery-11)", () => {
    const transcript = `${COGINI_PROBE}${payloadOf('dev/unknown-ws-discovery-11.json')}`;
    const r = identifyText('ws-discovery', transcript);
    expect(ruleIds(r)).not.toContain('onvif.dahua-envelope-head');
    expect(r.manufacturer).toBeNull();
  });

  it("the same Probe above an Axis camera's ProbeMatch leaves Axis unchallenged (dev/axis-ws-discovery-108)", () => {
    const r = identifyText('ws-discovery', `${COGINI_PROBE}${payloadOf('dev/axis-ws-discovery-108.json')}`);
    expect(ruleIds(r)).not.toContain('onvif.dahua-envelope-head');
    expect(r.conflicts.join(' ')).not.toMatch(/Dahua/);
  });

  it('synthetic: an ONVIF request written in the sc-first template above a gSOAP reply is not read as Dahua', () => {
    const request =
      '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:sc="http://www.w3.org/2003/05/soap-encoding" xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><s:Body><tds:GetSystemDateAndTime/></s:Body></s:Envelope>\n';
    const reply =
      '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:SOAP-ENC="http://www.w3.org/2003/05/soap-encoding" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><SOAP-ENV:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>';
    const r = identifyText('onvif', request + reply);
    expect(ruleIds(r)).not.toContain('onvif.dahua-envelope-head');
    expect(r.manufacturer).toBeNull();
  });

  it("Dahua's own Hello still names Dahua, alone and after a client's Probe (dev/dahua-ws-discovery-130)", () => {
    const hello = payloadOf('dev/dahua-ws-discovery-130.json');
    expectNamed(identifyText('ws-discovery', hello), 'dahua', 'onvif.dahua-envelope-head');
    expectNamed(identifyText('ws-discovery', `${COGINI_PROBE}${hello}`), 'dahua', 'onvif.dahua-envelope-head');
  });
});

describe('vivotek.snmp-enterprise-oid: one source, so possible alone', () => {
  it("synthetic snmpget lines: Vivotek's enterprise number alone names Vivotek, possible only", () => {
    const r = identifyText('snmp', 'SNMPv2-MIB::sysDescr.0 = STRING: Linux\nSNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.23465\n');
    expectNamed(r, 'vivotek', 'vivotek.snmp-enterprise-oid');
    expect(r.confidence).toBe('possible');
  });
});

describe("onvif.hikvision-profile-pair: SharpOnvif's default profile is not Hikvision's", () => {
  // Synthetic reply in the default profile of jimm98y/SharpOnvif's ONVIF server (src/OnvifService/Onvif/MediaImpl.cs:
  // one profile, token Profile_1, Name mainStream, VideoSource_1, VideoEncoder_1); the envelope is a plain s: one.
  const sharpOnvifProfiles =
    '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"><s:Body><trt:GetProfilesResponse>' +
    '<trt:Profiles token="Profile_1"><tt:Name>mainStream</tt:Name><tt:VideoSourceConfiguration token=""><tt:Name>VideoSourceConfig</tt:Name><tt:UseCount>1</tt:UseCount><tt:SourceToken>VideoSource_1</tt:SourceToken><tt:Bounds x="0" y="0" width="640" height="360"/></tt:VideoSourceConfiguration>' +
    '</trt:Profiles></trt:GetProfilesResponse></s:Body></s:Envelope>';

  it('synthetic SharpOnvif GetProfiles (Profile_1 mainStream alone) names nobody', () => {
    const r = identifyText('onvif', sharpOnvifProfiles);
    expect(ruleIds(r)).not.toContain('onvif.hikvision-profile-pair');
    expect(r.manufacturer).toBeNull();
  });

  it("synthetic Hikvision-shaped reply with its sub stream still names Hikvision, possible", () => {
    const hik = sharpOnvifProfiles.replace('</trt:Profiles></trt:GetProfilesResponse>', '</trt:Profiles><trt:Profiles token="Profile_2"><tt:Name>subStream</tt:Name></trt:Profiles></trt:GetProfilesResponse>');
    const r = expectNamed(identifyText('onvif', hik), 'hikvision', 'onvif.hikvision-profile-pair');
    expect(r.confidence).toBe('possible');
  });
});
