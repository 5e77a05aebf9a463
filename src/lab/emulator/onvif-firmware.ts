// ONVIF firmware families: the documented form in which a maker's firmware answers ONVIF (envelope and
// namespace style, service paths, profile/source tokens, stream URI layout, which calls need no login, how a
// refused or unknown call is answered). Profiles name a family in `onvif.firmware`; src/lab/emulator/onvif-service.ts
// builds every operation the profile does not store from it. Everything built here is synthetic: the form
// follows the public sources named per family, the values come from the profile.
import type { OnvifSpec } from '../profile.js';

export type FirmwareName = NonNullable<OnvifSpec['firmware']>;
export type ServiceName = 'device' | 'media';

/** One stream of one channel, as the firmware names it. */
export interface StreamRef {
  channel: number;
  /** 0 = main, 1 = sub. */
  stream: 0 | 1;
}

export interface OnvifFirmware {
  name: FirmwareName;
  /** Public sources of the form (cited in docs/lab-emulator.md and in profiles' `generated.source`). */
  sources: string[];
  /** The XML declaration and Envelope start tag; the body goes inside `<P:Body>` with `P` = `prefix`. */
  xmlHead: string;
  prefix: string;
  /** Emit an empty Header element before the Body (Dahua does). */
  emptyHeader: boolean;
  /** Extra HTTP header lines on every SOAP reply (after Content-Type). */
  httpHeaders: string[];
  /** Service paths on the ONVIF port; device is also the profile's `path`. */
  paths: Record<ServiceName, string>;
  /** Operations answered without credentials. */
  preAuth: string[];
  profileToken(ref: StreamRef): string;
  profileName(ref: StreamRef): string;
  videoSourceToken(channel: number): string;
  videoSourceConfigToken(channel: number): string;
  encoderToken(ref: StreamRef): string;
  /** Path (and query, XML-escaped) after rtsp://ip:port of a stream. */
  streamPath(ref: StreamRef, ctx: { password: string }): string;
  hostname: string;
  /** How a guarded call without valid credentials is refused. */
  refusal: 'http-401-digest' | 'soap-not-authorized';
  /** HTTP Digest realm when refusing with 401 (the profile's `realm` wins). */
  digestRealm?: string;
  /** Two challenges (MD5 and SHA-256) as the firmware sends them. */
  digestSha256?: boolean;
  /** Body of the 401 page when `refusal` is http-401-digest. */
  unauthorizedHtml?: string;
  /** GetStreamUri Timeout value and InvalidAfterConnect/Reboot flags as the firmware reports them. */
  uriTimeout: string;
  uriInvalidAfter: boolean;
}

const xmlEscape = (s: string): string => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

// Envelope of a Hikvision device's SOAP replies, namespace list verbatim from a Hikvision GetNTPResponse
// (fixtures/captures/dev/hikvision-onvif-11.json) — the same list the Hikvision ProbeMatches of
// fixtures/captures/shared/hikvision-ws-discovery-2.json carries.
const HIK_ENVELOPE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:soapenc="http://www.w3.org/2003/05/soap-encoding" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:timg="http://www.onvif.org/ver20/imaging/wsdl" xmlns:tev="http://www.onvif.org/ver10/events/wsdl" xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" xmlns:tan="http://www.onvif.org/ver20/analytics/wsdl" xmlns:tst="http://www.onvif.org/ver10/storage/wsdl" xmlns:ter="http://www.onvif.org/ver10/error" xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tns1="http://www.onvif.org/ver10/topics" xmlns:tmd="http://www.onvif.org/ver10/deviceIO/wsdl" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl" xmlns:wsoap12="http://schemas.xmlsoap.org/wsdl/soap12" xmlns:http="http://schemas.xmlsoap.org/wsdl/http" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:wsadis="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:wstop="http://docs.oasis-open.org/wsn/t-1" xmlns:wsrf-bf="http://docs.oasis-open.org/wsrf/bf-2" xmlns:wsntw="http://docs.oasis-open.org/wsn/bw-2" xmlns:wsrf-rw="http://docs.oasis-open.org/wsrf/rw-2" xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" xmlns:wsrf-r="http://docs.oasis-open.org/wsrf/r-2" xmlns:trc="http://www.onvif.org/ver10/recording/wsdl" xmlns:tse="http://www.onvif.org/ver10/search/wsdl" xmlns:trp="http://www.onvif.org/ver10/replay/wsdl" xmlns:tnshik="http://www.hikvision.com/2011/event/topics" xmlns:hikwsd="http://www.onvifext.com/onvif/ext/ver10/wsdl" xmlns:hikxsd="http://www.onvifext.com/onvif/ext/ver10/schema" xmlns:tas="http://www.onvif.org/ver10/advancedsecurity/wsdl" xmlns:tr2="http://www.onvif.org/ver20/media/wsdl" xmlns:axt="http://www.onvif.org/ver20/analytics">';

// The 401 page a Hikvision web server returns to an unauthenticated or refused ONVIF POST
// (fixtures/captures/shared/hikvision-http-2.json, body verbatim).
const HIK_401 =
  '<!DOCTYPE html>\r\n<html><head><title>Document Error: Unauthorized</title></head>\r\n<body><h2>Access Error: 401 -- Unauthorized</h2>\r\n<p>Authentication Error: Access Denied! Authorization required.</p>\r\n</body>\r\n</html>\r\n';

export const FIRMWARES: Record<FirmwareName, OnvifFirmware> = {
  hikvision: {
    name: 'hikvision',
    sources: [
      'fixtures/captures/dev/hikvision-onvif-11.json (envelope and namespaces of a Hikvision SOAP reply)',
      'fixtures/captures/shared/hikvision-http-2.json and https://github.com/home-assistant/core/issues/119024 (401 page to an unauthenticated or refused ONVIF call)',
      'agsh/onvif lib/cam.js 0.8.3 comments (Hikvision sends two Digest challenges, MD5 and SHA-256, qop="auth", stale="FALSE")',
      'public GitHub C++ ONVIF client onviflib (find_string id 27410971459; repository not recorded): a Hikvision iDS-2PT91JNLC GetCapabilities (/onvif/device_service, /onvif/Media, ...), GetStreamUri (/Streaming/Channels/101?transportmode=unicast&profile=Profile_101, Timeout PT60S), GetHostname, VideoSource_1 tokens',
    ],
    xmlHead: HIK_ENVELOPE,
    prefix: 'env',
    emptyHeader: false,
    httpHeaders: [],
    paths: { device: '/onvif/device_service', media: '/onvif/Media' },
    preAuth: ['GetSystemDateAndTime', 'GetCapabilities', 'GetServices', 'GetServiceCapabilities'],
    profileToken: (r) => `Profile_${r.channel}0${r.stream + 1}`,
    profileName: (r) => (r.stream === 0 ? 'mainStream' : 'subStream'),
    videoSourceToken: (c) => `VideoSource_${c}`,
    videoSourceConfigToken: (c) => `VideoSourceToken${c === 1 ? '' : c}`,
    encoderToken: (r) => `VideoEncoderToken_${r.channel}0${r.stream + 1}`,
    streamPath: (r) => `/Streaming/Channels/${r.channel}0${r.stream + 1}?transportmode=unicast&amp;profile=Profile_${r.channel}0${r.stream + 1}`,
    hostname: 'Hikvision',
    refusal: 'http-401-digest',
    digestRealm: 'IP Camera',
    digestSha256: true,
    unauthorizedHtml: HIK_401,
    uriTimeout: 'PT60S',
    uriInvalidAfter: false,
  },
  dahua: {
    name: 'dahua',
    sources: [
      'https://github.com/AlexxIT/go2rtc/blob/0de5bd2723958ed9d8a2e69cead54c145d859fdd/pkg/onvif/onvif_test.go (a Dahua GetCapabilities and GetStreamUri reply: envelope, /onvif/media_service paths, cam/realmonitor?channel=1&subtype=N&unicast=true&proto=Onvif, Timeout PT0S)',
      'ONVIF Core Specification 5.9.2 and 5.11.2 (NotAuthorized / ActionNotSupported faults; Dahua\'s own refusal not captured)',
    ],
    xmlHead:
      '<?xml version="1.0" encoding="utf-8" standalone="yes" ?><s:Envelope xmlns:sc="http://www.w3.org/2003/05/soap-encoding" xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:ter="http://www.onvif.org/ver10/error">',
    prefix: 's',
    emptyHeader: true,
    httpHeaders: [],
    paths: { device: '/onvif/device_service', media: '/onvif/media_service' },
    preAuth: ['GetSystemDateAndTime', 'GetCapabilities', 'GetServices', 'GetServiceCapabilities'],
    profileToken: (r) => `MediaProfile${String(r.channel - 1).padStart(3, '0')}${String(r.stream).padStart(2, '0')}`,
    profileName: (r) => (r.stream === 0 ? 'MediaProfile_Channel' + r.channel + '_MainStream' : 'MediaProfile_Channel' + r.channel + '_SubStream1'),
    videoSourceToken: (c) => String(c - 1).padStart(5, '0'),
    videoSourceConfigToken: (c) => String(c - 1).padStart(5, '0'),
    encoderToken: (r) => `${String(r.channel - 1).padStart(3, '0')}0${r.stream}`,
    streamPath: (r) => `/cam/realmonitor?channel=${r.channel}&amp;subtype=${r.stream}&amp;unicast=true&amp;proto=Onvif`,
    hostname: 'IPC',
    refusal: 'soap-not-authorized',
    uriTimeout: 'PT0S',
    uriInvalidAfter: true,
  },
  xiongmai: {
    name: 'xiongmai',
    sources: [
      'https://github.com/KostasEreksonas/Besder-6024PB-XMA501-ip-camera-security-investigation (commit bf343b23): XM530 ONVIF on TCP 8899 answers every call without authentication (CVE-2025-65856); assets/SOAP_declarations.xml envelope, assets/supported_capabilities.xml service paths (/onvif/media_service, ...), assets/device_profiles.xml tokens PROFILE_000/V_SRC_000, GetStreamUri rtsp://ip:554/user=admin_password=<hash>_channel=0_stream=0.sdp?real_stream (CVE-2025-65857)',
    ],
    xmlHead:
      '<?xml version="1.0" encoding="UTF-8"?>\n<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:e="http://www.w3.org/2003/05/soap-encoding" xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:ter="http://www.onvif.org/ver10/error">',
    prefix: 's',
    emptyHeader: false,
    httpHeaders: ['Server: hsoap/2.8'],
    paths: { device: '/onvif/device_service', media: '/onvif/media_service' },
    preAuth: ['*'],
    profileToken: (r) => `PROFILE_${String((r.channel - 1) * 2 + r.stream).padStart(3, '0')}`,
    profileName: (r) => (r.stream === 0 ? 'mainStream' : 'subStream'),
    videoSourceToken: (c) => `V_SRC_${String(c - 1).padStart(3, '0')}`,
    videoSourceConfigToken: (c) => `V_SRC_${String(c - 1).padStart(3, '0')}`,
    encoderToken: (r) => `V_ENC_${String((r.channel - 1) * 2 + r.stream).padStart(3, '0')}`,
    streamPath: (r, ctx) => `/user=admin_password=${ctx.password}_channel=${r.channel - 1}_stream=${r.stream}.sdp?real_stream`,
    hostname: 'IPC',
    refusal: 'soap-not-authorized',
    uriTimeout: 'PT60S',
    uriInvalidAfter: false,
  },
  tplink: {
    name: 'tplink',
    sources: [
      'Tapo/VIGI ONVIF on port 2020 as several independent public client test fixtures show it (device service /onvif/device_service, every other service at /onvif/service, profile tokens profile_1/profile_2 named mainStream/minorStream, SOAP-ENV envelope)',
      'TP-Link FAQ 2680 (RTSP stream URLs rtsp://ip:554/stream1 and /stream2)',
    ],
    xmlHead:
      '<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:SOAP-ENC="http://www.w3.org/2003/05/soap-encoding" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:ter="http://www.onvif.org/ver10/error">',
    prefix: 'SOAP-ENV',
    emptyHeader: false,
    httpHeaders: [],
    paths: { device: '/onvif/device_service', media: '/onvif/service' },
    preAuth: ['GetSystemDateAndTime', 'GetCapabilities', 'GetServices', 'GetServiceCapabilities'],
    profileToken: (r) => `profile_${(r.channel - 1) * 2 + r.stream + 1}`,
    profileName: (r) => (r.stream === 0 ? 'mainStream' : 'minorStream'),
    videoSourceToken: (c) => `vsrc_${c}`,
    videoSourceConfigToken: (c) => `vsconf_${c}`,
    encoderToken: (r) => `main_${(r.channel - 1) * 2 + r.stream + 1}`,
    streamPath: (r) => `/stream${r.stream + 1}`,
    hostname: 'IPC',
    refusal: 'soap-not-authorized',
    uriTimeout: 'PT0S',
    uriInvalidAfter: false,
  },
  'gsoap-generic': {
    name: 'gsoap-generic',
    sources: [
      'gSOAP SOAP-ENV envelope as in fixtures/captures/dev/unknown-ws-discovery-11.json; ONVIF Core and Media specifications for the operations (no maker-specific form documented for these devices)',
    ],
    xmlHead:
      '<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:SOAP-ENC="http://www.w3.org/2003/05/soap-encoding" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:ter="http://www.onvif.org/ver10/error">',
    prefix: 'SOAP-ENV',
    emptyHeader: false,
    httpHeaders: ['Server: gSOAP/2.8'],
    paths: { device: '/onvif/device_service', media: '/onvif/media_service' },
    preAuth: ['GetSystemDateAndTime', 'GetCapabilities', 'GetServices', 'GetServiceCapabilities'],
    profileToken: (r) => `Profile_${(r.channel - 1) * 2 + r.stream + 1}`,
    profileName: (r) => (r.stream === 0 ? 'Profile_main' : 'Profile_sub'),
    videoSourceToken: (c) => `VideoSource_${c}`,
    videoSourceConfigToken: (c) => `VideoSourceConfig_${c}`,
    encoderToken: (r) => `VideoEncoder_${(r.channel - 1) * 2 + r.stream + 1}`,
    streamPath: (r) => `/${r.stream === 0 ? 'main' : 'sub'}${r.channel > 1 ? `_${r.channel}` : ''}`,
    hostname: 'IPCAM',
    refusal: 'soap-not-authorized',
    uriTimeout: 'PT0S',
    uriInvalidAfter: false,
  },
};

export function firmware(name: FirmwareName): OnvifFirmware {
  return FIRMWARES[name];
}

/** `<P:Envelope …>[<P:Header/>]<P:Body>inner</P:Body></P:Envelope>` in the family's form. */
export function envelope(fw: OnvifFirmware, inner: string): string {
  const p = fw.prefix;
  return `${fw.xmlHead}${fw.emptyHeader ? `<${p}:Header/>` : ''}<${p}:Body>${inner}</${p}:Body></${p}:Envelope>\n`;
}

/** SOAP 1.2 fault in the family's envelope (ONVIF Core 5.11: Sender faults → HTTP 400, Receiver faults → 500). */
export function faultBody(fw: OnvifFirmware, code: 'Sender' | 'Receiver', subcode: string, text: string): string {
  const p = fw.prefix;
  return envelope(
    fw,
    `<${p}:Fault><${p}:Code><${p}:Value>${p}:${code}</${p}:Value><${p}:Subcode><${p}:Value>ter:${subcode}</${p}:Value></${p}:Subcode></${p}:Code>` +
      `<${p}:Reason><${p}:Text xml:lang="en">${xmlEscape(text)}</${p}:Text></${p}:Reason></${p}:Fault>`,
  );
}

export { xmlEscape };
