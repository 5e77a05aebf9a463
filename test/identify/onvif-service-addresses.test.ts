// Issue 14 (attr-f, round 6b): ONVIF service addresses (GetCapabilities / GetServices XAddr, onvif.xaddrs). Makers'
// stacks name their services differently, but every naming family found in public replies is shared across makers,
// so no XAddr set names a maker and these replies must stay unattributed (0 false flags):
// - Hikvision's capitalised names (/onvif/Events, /onvif/Imaging, /onvif/Media, /onvif/Analytics beside
//   /onvif/device_service; liyanhui1998/go-onvif examples/test.go, a HIKVISION DS-2CD3T45P1-I) are served as well
//   by Anyka-SoC white-label ONVIF code (Analytics, Events, Imaging, Media, DeviceIO; GitHub code search) and by a
//   camera sold by Bessky on TCP 8899 (/onvif/Media, /onvif/PTZ, /onvif/DeviceIO; capture dev/bessky-onvif-31).
// - Hikvision's extension block (hikxsd:hikCapabilities at /onvif/hik_ext) is answered by a white-label camera with
//   Manufacturer A_ONVIF_CAMERA beside Telex and hbgk extensions (ampretia/onvif-mqtt README).
// - The "_service" family (media_service, event_service, ptz_service, imaging_service, deviceIO_service,
//   media2_service …) is Dahua's, but gSOAP-generated servers, RTSP-to-ONVIF bridges and emulators use it too, and
//   Xiongmai's XM530 answers it on TCP 8899 with image_service (Besder investigation), a name gSOAP-based server code
//   uses as well.
import { describe, expect, it } from 'vitest';
import { capturePayload } from '../helpers/captures.js';
import { identifyText } from '../helpers/identify.js';

const HIGH_RISK = ['hikvision', 'dahua', 'xiongmai', 'uniview', 'tiandy', 'tvt', 'huawei', 'zte', 'hytera', 'kedacom'];

const envelope = (body: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:hikxsd="http://www.onvifext.com/onvif/ext/ver10/schema">' +
  `<SOAP-ENV:Header/><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;

/** GetServices with these (namespace, XAddr) pairs, as a device answers IncludeCapability=false. */
const services = (list: Array<[string, string]>): string =>
  envelope(`<tds:GetServicesResponse>${list.map(([ns, x]) => `<tds:Service><tds:Namespace>http://www.onvif.org/${ns}</tds:Namespace><tds:XAddr>${x}</tds:XAddr><tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>`).join('')}</tds:GetServicesResponse>`);

const unattributed = (payload: string): void => {
  const r = identifyText('onvif', payload);
  expect(r.manufacturer).toBeNull();
  expect(HIGH_RISK).not.toContain(r.manufacturer);
};

describe('ONVIF service addresses name no maker', () => {
  it("Hikvision's capitalised service names (liyanhui1998/go-onvif, DS-2CD3T45P1-I GetServices) without an identity", () => {
    const ip = 'http://10.1.1.200';
    unattributed(services([
      ['ver10/device/wsdl', `${ip}/onvif/device_service`], ['ver10/events/wsdl', `${ip}/onvif/Events`], ['ver20/imaging/wsdl', `${ip}/onvif/Imaging`],
      ['ver10/media/wsdl', `${ip}/onvif/Media`], ['ver20/analytics/wsdl', `${ip}/onvif/Analytics`],
    ]));
  });

  it('the same capitalised names on a Bessky-sold camera on TCP 8899 (capture dev/bessky-onvif-31)', () => {
    unattributed(capturePayload('bessky-onvif-31.json', 'dev'));
  });

  it("Hikvision's hikCapabilities block (/onvif/hik_ext) on a white-label camera (ampretia/onvif-mqtt README)", () => {
    const ip = 'http://192.168.1.183:80';
    unattributed(envelope('<tds:GetCapabilitiesResponse><tds:Capabilities>' +
      `<tt:Device><tt:XAddr>${ip}/onvif/device</tt:XAddr></tt:Device><tt:Events><tt:XAddr>${ip}/onvif/events</tt:XAddr></tt:Events>` +
      `<tt:Media><tt:XAddr>${ip}/onvif/media</tt:XAddr></tt:Media><tt:PTZ><tt:XAddr>${ip}/onvif/ptz</tt:XAddr></tt:PTZ>` +
      `<tt:Extension><hikxsd:hikCapabilities><hikxsd:XAddr>${ip}/onvif/hik_ext</hikxsd:XAddr><hikxsd:IOInputSupport>true</hikxsd:IOInputSupport></hikxsd:hikCapabilities>` +
      `<tt:DeviceIO><tt:XAddr>${ip}/onvif/deviceIO</tt:XAddr><tt:VideoSources>1</tt:VideoSources></tt:DeviceIO></tt:Extension>` +
      '</tds:Capabilities></tds:GetCapabilitiesResponse>'));
  });

  it('the "_service" family of a Dahua-OEM recorder (Manufacturer General, gBillal/ex_onvif test/support/factory.ex) without an identity', () => {
    const ip = 'http://192.168.254.89';
    unattributed(services([
      ['ver10/device/wsdl', `${ip}/onvif/device_service`], ['ver10/media/wsdl', `${ip}/onvif/media_service`], ['ver20/media/wsdl', `${ip}/onvif/media2_service`],
      ['ver10/events/wsdl', `${ip}/onvif/event_service`], ['ver20/ptz/wsdl', `${ip}/onvif/ptz_service`], ['ver20/imaging/wsdl', `${ip}/onvif/imaging_service`],
      ['ver10/deviceIO/wsdl', `${ip}/onvif/deviceIO_service`], ['ver10/recording/wsdl', `${ip}/onvif/recording_service`],
      ['ver10/search/wsdl', `${ip}/onvif/search_service`], ['ver10/replay/wsdl', `${ip}/onvif/replay_service`],
    ]));
  });

  it('the same family on TCP 8899 (a C# ONVIF client\'s notes: media2_service, deviceIO_service, image_service)', () => {
    const ip = 'http://192.168.1.150:8899';
    unattributed(services([
      ['ver10/device/wsdl', `${ip}/onvif/device_service`], ['ver20/media/wsdl', `${ip}/onvif/media2_service`], ['ver10/media/wsdl', `${ip}/onvif/media_service`],
      ['ver10/events/wsdl', `${ip}/onvif/event_service`], ['ver20/ptz/wsdl', `${ip}/onvif/ptz_service`], ['ver20/imaging/wsdl', `${ip}/onvif/image_service`],
      ['ver20/analytics/wsdl', `${ip}/onvif/analytics_service`], ['ver10/deviceIO/wsdl', `${ip}/onvif/deviceIO_service`],
    ]));
  });

  it('an XM530 on TCP 8899 (Besder investigation assets/supported_capabilities.xml, author-redacted <camera-ip>)', () => {
    const x = (kind: string, path: string): string => `<tt:${kind}><tt:XAddr>http://<camera-ip>:8899/onvif/${path}</tt:XAddr></tt:${kind}>`;
    unattributed(envelope('<tds:GetCapabilitiesResponse><tds:Capabilities>' + x('Analytics', 'analytics_service') + x('Device', 'device_service') +
      x('Events', 'event_service') + x('Imaging', 'image_service') + x('Media', 'media_service') + x('PTZ', 'ptz_service') +
      '<tt:Extension><tt:DeviceIO><tt:XAddr>http://<camera-ip>8899/onvif/deviceIO_service</tt:XAddr><tt:VideoSources>1</tt:VideoSources></tt:DeviceIO></tt:Extension>' +
      '</tds:Capabilities></tds:GetCapabilitiesResponse>'));
  });

  it('a Hikvision identity in the same reply still names Hikvision (the addresses take nothing away)', () => {
    const body = services([['ver10/media/wsdl', 'http://10.1.1.200/onvif/Media']]).replace('</tds:GetServicesResponse>',
      '</tds:GetServicesResponse><tds:GetDeviceInformationResponse><tds:Manufacturer>HIKVISION</tds:Manufacturer><tds:Model>DS-2CD3T45P1-I</tds:Model></tds:GetDeviceInformationResponse>');
    expect(identifyText('onvif', body).manufacturer).toBe('hikvision');
  });
});
