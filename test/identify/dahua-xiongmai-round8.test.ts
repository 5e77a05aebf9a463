// Issue 14, round 8 (h8-xmd): Dahua, Xiongmai and Uniview ONVIF forms end to end through identify.
// - Dahua's ONVIF/WS-Discovery template: `<s:Envelope xmlns:sc="…soap-encoding" xmlns:s="…soap-envelope" …>`, the
//   encoding namespace first under `sc` (go2rtc pkg/onvif/onvif_test.go 'Dahua stream default'; a Chinese ONVIF
//   note's '大华response'; WS-Discovery client fixtures of a Dahua/Amcrest ProbeMatch). The bodies below are
//   synthetic: only the envelope head is the documented form.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const DAHUA_HEAD =
  '<?xml version="1.0" encoding="utf-8" standalone="yes" ?><s:Envelope xmlns:sc="http://www.w3.org/2003/05/soap-encoding" xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">';

/** A synthetic GetSystemDateAndTime reply under the given envelope start (prefix s). */
const dateReply = (head: string): string =>
  `${head}<s:Header/><s:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>GMT+08:00</tt:TZ></tt:TimeZone></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></s:Body></s:Envelope>`;

describe("Dahua's ONVIF envelope template, round 8", () => {
  it('a reply that carries nothing but the template (GetSystemDateAndTime) names Dahua', () => {
    for (const protocol of ['onvif', 'text']) expectNamed(identifyText(protocol, dateReply(DAHUA_HEAD)), 'dahua', 'onvif.dahua-envelope-head', protocol);
  });

  it('the same reply behind its HTTP status line and headers names Dahua', () => {
    const http = `HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml; charset=utf-8\r\nConnection: close\r\n\r\n${dateReply(DAHUA_HEAD)}`;
    expectNamed(identifyText('http', http), 'dahua', 'onvif.dahua-envelope-head');
  });

  it('a WS-Discovery ProbeMatch in the template names Dahua through the same rule', () => {
    const probe =
      '<?xml version="1.0" encoding="utf-8" standalone="yes" ?><s:Envelope xmlns:sc="http://www.w3.org/2003/05/soap-encoding" xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"><s:Header/><s:Body><d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>uuid:00000000-0000-0000-0000-000000000000</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types><d:Scopes>onvif://www.onvif.org/Profile/Streaming</d:Scopes><d:XAddrs>http://192.0.2.8/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>';
    expectNamed(identifyText('ws-discovery', probe), 'dahua', 'onvif.dahua-envelope-head');
    // A Hello of the same firmware declares s first, then sc and dn (an Elixir ONVIF library's stored Hello of an
    // IPC-HFW2228M-I1-V2); scopes left out here, so only the envelope names the maker.
    const hello = probe
      .replace('xmlns:sc="http://www.w3.org/2003/05/soap-encoding" xmlns:s="http://www.w3.org/2003/05/soap-envelope"', 'xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:sc="http://www.w3.org/2003/05/soap-encoding"')
      .replace(/ProbeMatches>/g, 'Hellos>').replace(/ProbeMatch>/g, 'Hello>').replace(/<\/?d:Hellos>/g, '');
    expectNamed(identifyText('ws-discovery', hello), 'dahua', 'onvif.dahua-envelope-head', 'Hello');
  });

  it("other servers' templates name nobody: Happytime/Xiongmai (s, e), gSOAP (SOAP-ENV), the prefixes in another order", () => {
    const heads = [
      '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:e="http://www.w3.org/2003/05/soap-encoding" xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">',
      '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:sc="http://www.w3.org/2003/05/soap-encoding" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">',
    ];
    for (const head of heads) {
      const r = identifyText('onvif', dateReply(head));
      expect(ruleIds(r)).not.toContain('onvif.dahua-envelope-head');
      expect(r.manufacturer).toBeNull();
    }
    const gsoap = dateReply(
      '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:SOAP-ENC="http://www.w3.org/2003/05/soap-encoding" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">',
    ).replace(/<s:/g, '<SOAP-ENV:').replace(/<\/s:/g, '</SOAP-ENV:');
    expect(ruleIds(identifyText('onvif', gsoap))).not.toContain('onvif.dahua-envelope-head');
  });
});
