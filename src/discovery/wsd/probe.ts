// WS-Discovery Probe (2005/04 dialect, UDP 3702, 239.255.255.250): one with ONVIF Types, one without.
import { randomUUID } from 'node:crypto';

export const WSD_PORT = 3702;
export const WSD_GROUP = '239.255.255.250';

export function wsdProbe(withTypes: boolean, id = randomUUID()): Buffer {
  const types = withTypes ? '<d:Types xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">dn:NetworkVideoTransmitter tds:Device</d:Types>' : '';
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>' +
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
      `<s:Header><a:MessageID>uuid:${id}</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>` +
      '<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action></s:Header>' +
      `<s:Body><d:Probe>${types}</d:Probe></s:Body></s:Envelope>`,
  );
}
