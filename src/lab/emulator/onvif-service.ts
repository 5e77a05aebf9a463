// Generated ONVIF device and media service of one emulated device (issue 23): every operation a profile does
// not store is built here in its firmware family's form (./onvif-firmware.ts) from the profile's `onvif.device`,
// `channels` and `onvif.clock`. The service lists exactly what the lab serves: the device and media services,
// one video source per channel, a main and (optionally) a sub profile per channel, stream URIs on the device's
// own RTSP port. Recorders (issue 19) are devices with several channels.
import type { Channel, OnvifSpec, Profile, RawResponse } from '../profile.js';
import { envelope, faultBody, firmware, xmlEscape, type OnvifFirmware, type ServiceName, type StreamRef } from './onvif-firmware.js';

export const DEFAULT_CHANNELS: Channel[] = [
  { id: 1, main: { encoding: 'H264', width: 1920, height: 1080, framerate: 25, bitrate: 4096 }, sub: { encoding: 'H264', width: 640, height: 360, framerate: 25, bitrate: 512 } },
];

export function channelsOf(p: Pick<Profile, 'channels'>): Channel[] {
  return p.channels?.length ? p.channels : DEFAULT_CHANNELS;
}

/** Every stream the device offers, in profile order (channel by channel, main before sub). */
export function streamsOf(p: Pick<Profile, 'channels'>): Array<StreamRef & { spec: Channel['main'] }> {
  const out: Array<StreamRef & { spec: Channel['main'] }> = [];
  for (const c of channelsOf(p)) {
    out.push({ channel: c.id, stream: 0, spec: c.main });
    if (c.sub) out.push({ channel: c.id, stream: 1, spec: c.sub });
  }
  return out;
}

/** Service paths the device answers SOAP on: device at the profile's path, the rest per firmware. */
export function onvifPaths(spec: OnvifSpec): Map<string, ServiceName> {
  const m = new Map<string, ServiceName>([[spec.path, 'device']]);
  if (spec.firmware) {
    const fw = firmware(spec.firmware);
    if (!m.has(fw.paths.media)) m.set(fw.paths.media, 'media');
  }
  return m;
}

/** XAddr of a service path on the device's ONVIF port. */
export function xaddr(spec: OnvifSpec, path: string): string {
  return `http://{{ip}}${spec.port === 80 ? '' : `:${spec.port}`}${path}`;
}

/** Password the Xiongmai stream URI carries: XM's "sofia" hash of the password (python-dvr sofia_hash). */
export function sofiaHash(password: string, md5: (s: string) => Buffer): string {
  const h = md5(password);
  const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (let i = 0; i < 8; i++) out += chars[(h[2 * i]! + h[2 * i + 1]!) % 62];
  return out;
}

export function streamUri(spec: OnvifSpec, p: Profile, ref: StreamRef, md5: (s: string) => Buffer): string {
  const fw = firmware(spec.firmware!);
  const port = spec.rtspPort ?? 554;
  return `rtsp://{{ip}}:${port}${fw.streamPath(ref, { password: sofiaHash(p.credentials?.password ?? '', md5) })}`;
}

// ---- clock ----

/** POSIX TZ offset east of UTC in minutes (`CST-8` → +480, `EST5EDT` → -300); 0 when unreadable. */
export function tzOffsetMinutes(tz: string): number {
  const m = /^[A-Za-z]{3,}([+-]?)(\d{1,2})(?::(\d{2}))?/.exec(tz);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? minutes : minutes === 0 ? 0 : -minutes;
}

export function deviceNow(spec: OnvifSpec, hostNow = Date.now()): Date {
  return new Date(hostNow + (spec.clock?.offsetSeconds ?? 0) * 1000);
}

function dateTimeXml(tag: string, d: Date): string {
  return (
    `<tt:${tag}><tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute><tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date></tt:${tag}>`
  );
}

// ---- operation bodies ----

function systemDateAndTime(spec: OnvifSpec): string {
  const c = { offsetSeconds: 0, timezone: 'GMT0', dateTimeType: 'Manual', daylightSavings: false, ...spec.clock };
  const utc = deviceNow(spec);
  const local = new Date(utc.getTime() + tzOffsetMinutes(c.timezone) * 60_000);
  return (
    `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>${c.dateTimeType}</tt:DateTimeType>` +
    `<tt:DaylightSavings>${c.daylightSavings}</tt:DaylightSavings><tt:TimeZone><tt:TZ>${xmlEscape(c.timezone)}</tt:TZ></tt:TimeZone>` +
    `${dateTimeXml('UTCDateTime', utc)}${dateTimeXml('LocalDateTime', local)}</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`
  );
}

function deviceCapabilities(spec: OnvifSpec): string {
  return (
    `<tt:Device><tt:XAddr>${xaddr(spec, spec.path)}</tt:XAddr>` +
    '<tt:Network><tt:IPFilter>false</tt:IPFilter><tt:ZeroConfiguration>false</tt:ZeroConfiguration><tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network>' +
    '<tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve><tt:DiscoveryBye>true</tt:DiscoveryBye><tt:RemoteDiscovery>false</tt:RemoteDiscovery><tt:SystemBackup>false</tt:SystemBackup><tt:SystemLogging>false</tt:SystemLogging><tt:FirmwareUpgrade>false</tt:FirmwareUpgrade>' +
    '<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>40</tt:Minor></tt:SupportedVersions></tt:System>' +
    '<tt:IO><tt:InputConnectors>0</tt:InputConnectors><tt:RelayOutputs>0</tt:RelayOutputs></tt:IO>' +
    '<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>false</tt:TLS1.2><tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration><tt:AccessPolicyConfig>false</tt:AccessPolicyConfig><tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken><tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken></tt:Security></tt:Device>'
  );
}

function mediaCapabilities(spec: OnvifSpec, fw: OnvifFirmware, p: Profile): string {
  return (
    `<tt:Media><tt:XAddr>${xaddr(spec, fw.paths.media)}</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities>` +
    `<tt:Extension><tt:ProfileCapabilities><tt:MaximumNumberOfProfiles>${streamsOf(p).length}</tt:MaximumNumberOfProfiles></tt:ProfileCapabilities></tt:Extension></tt:Media>`
  );
}

function capabilities(spec: OnvifSpec, fw: OnvifFirmware, p: Profile, request: string): string {
  const cat = /<(?:[\w-]+:)?Category>\s*(\w+)\s*</.exec(request)?.[1] ?? 'All';
  const parts = cat === 'Device' ? deviceCapabilities(spec) : cat === 'Media' ? mediaCapabilities(spec, fw, p) : deviceCapabilities(spec) + mediaCapabilities(spec, fw, p);
  return `<tds:GetCapabilitiesResponse><tds:Capabilities>${parts}</tds:Capabilities></tds:GetCapabilitiesResponse>`;
}

const DEVICE_SERVICE_CAPS =
  '<tds:Capabilities><tds:Network IPFilter="false" ZeroConfiguration="false" IPVersion6="false" DynDNS="false" NTP="1" HostnameFromDHCP="false"/>' +
  '<tds:Security TLS1.0="false" TLS1.1="false" TLS1.2="false" OnboardKeyGeneration="false" AccessPolicyConfig="false" DefaultAccessPolicy="false" Dot1X="false" RemoteUserHandling="false" X.509Token="false" SAMLToken="false" KerberosToken="false" UsernameToken="true" HttpDigest="true" RELToken="false"/>' +
  '<tds:System DiscoveryResolve="false" DiscoveryBye="true" RemoteDiscovery="false" SystemBackup="false" SystemLogging="false" FirmwareUpgrade="false"/></tds:Capabilities>';

function mediaServiceCaps(p: Profile): string {
  return `<trt:Capabilities SnapshotUri="false" Rotation="false" VideoSourceMode="false" OSD="false"><trt:ProfileCapabilities MaximumNumberOfProfiles="${streamsOf(p).length}"/><trt:StreamingCapabilities RTPMulticast="false" RTP_TCP="true" RTP_RTSP_TCP="true" NonAggregateControl="false" NoRTSPStreaming="false"/></trt:Capabilities>`;
}

function services(spec: OnvifSpec, fw: OnvifFirmware, p: Profile, request: string): string {
  const withCaps = /<(?:[\w-]+:)?IncludeCapability>\s*true\s*</i.test(request);
  const svc = (ns: string, path: string, caps: string, major: number, minor: number): string =>
    `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${xaddr(spec, path)}</tds:XAddr>${withCaps ? caps : ''}<tds:Version><tt:Major>${major}</tt:Major><tt:Minor>${minor}</tt:Minor></tds:Version></tds:Service>`;
  return (
    '<tds:GetServicesResponse>' +
    svc('http://www.onvif.org/ver10/device/wsdl', spec.path, DEVICE_SERVICE_CAPS, 2, 40) +
    svc('http://www.onvif.org/ver10/media/wsdl', fw.paths.media, mediaServiceCaps(p), 2, 40) +
    '</tds:GetServicesResponse>'
  );
}

function deviceInformation(d: NonNullable<OnvifSpec['device']>): string {
  return (
    `<tds:GetDeviceInformationResponse><tds:Manufacturer>${xmlEscape(d.manufacturer)}</tds:Manufacturer><tds:Model>${xmlEscape(d.model)}</tds:Model>` +
    `<tds:FirmwareVersion>${xmlEscape(d.firmwareVersion)}</tds:FirmwareVersion><tds:SerialNumber>${xmlEscape(d.serialNumber)}</tds:SerialNumber>` +
    `<tds:HardwareId>${xmlEscape(d.hardwareId)}</tds:HardwareId></tds:GetDeviceInformationResponse>`
  );
}

/** Scopes the device announces in WS-Discovery (so GetScopes and the ProbeMatch agree). */
export function scopesOf(p: Profile): string[] {
  const m = /<(?:[\w-]+:)?Scopes(?:\s[^>]*)?>([^<]*)</.exec(p.wsDiscovery?.template ?? '');
  return m ? m[1]!.split(/\s+/).filter(Boolean) : [];
}

function scopes(p: Profile): string {
  return `<tds:GetScopesResponse>${scopesOf(p).map((s) => `<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>${s}</tt:ScopeItem></tds:Scopes>`).join('')}</tds:GetScopesResponse>`;
}

function networkInterfaces(): string {
  return (
    '<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"><tt:Enabled>true</tt:Enabled><tt:Info><tt:Name>eth0</tt:Name><tt:HwAddress>{{mac}}</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info>' +
    '<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config><tt:Manual><tt:Address>{{ip}}</tt:Address><tt:PrefixLength>24</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>'
  );
}

function videoSourceConfiguration(fw: OnvifFirmware, c: Channel, useCount: number): string {
  return (
    `<tt:VideoSourceConfiguration token="${fw.videoSourceConfigToken(c.id)}"><tt:Name>${fw.videoSourceConfigToken(c.id)}</tt:Name><tt:UseCount>${useCount}</tt:UseCount>` +
    `<tt:SourceToken>${fw.videoSourceToken(c.id)}</tt:SourceToken><tt:Bounds x="0" y="0" width="${c.main.width}" height="${c.main.height}"/></tt:VideoSourceConfiguration>`
  );
}

function profileXml(fw: OnvifFirmware, p: Profile, ref: StreamRef): string {
  const c = channelsOf(p).find((x) => x.id === ref.channel)!;
  const s = ref.stream === 0 ? c.main : c.sub!;
  const uses = c.sub ? 2 : 1;
  return (
    `<trt:Profiles token="${fw.profileToken(ref)}" fixed="true"><tt:Name>${fw.profileName(ref)}</tt:Name>${videoSourceConfiguration(fw, c, uses)}` +
    `<tt:VideoEncoderConfiguration token="${fw.encoderToken(ref)}"><tt:Name>${fw.encoderToken(ref)}</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>${s.encoding === 'JPEG' ? 'JPEG' : 'H264'}</tt:Encoding>` +
    `<tt:Resolution><tt:Width>${s.width}</tt:Width><tt:Height>${s.height}</tt:Height></tt:Resolution><tt:Quality>3</tt:Quality>` +
    `<tt:RateControl><tt:FrameRateLimit>${s.framerate}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>${s.bitrate}</tt:BitrateLimit></tt:RateControl>` +
    `<tt:H264><tt:GovLength>${s.framerate * 2}</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>` +
    '<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address><tt:Port>0</tt:Port><tt:TTL>1</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast>' +
    `<tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration></trt:Profiles>`
  );
}

function videoSources(fw: OnvifFirmware, p: Profile): string {
  return `<trt:GetVideoSourcesResponse>${channelsOf(p)
    .map(
      (c) =>
        `<trt:VideoSources token="${fw.videoSourceToken(c.id)}"><tt:Framerate>${c.main.framerate}</tt:Framerate><tt:Resolution><tt:Width>${c.main.width}</tt:Width><tt:Height>${c.main.height}</tt:Height></tt:Resolution></trt:VideoSources>`,
    )
    .join('')}</trt:GetVideoSourcesResponse>`;
}

function tokenIn(request: string, el: string): string | undefined {
  return new RegExp(`<(?:[\\w-]+:)?${el}(?:\\s[^>]*)?>\\s*([^<\\s]{1,128})\\s*</`).exec(request)?.[1];
}

/** What a generated call produces: a SOAP body, or a fault (code, subcode, reason). */
type Built = { body: string } | { fault: ['Sender' | 'Receiver', string, string] };

function build(op: string, service: ServiceName, spec: OnvifSpec, fw: OnvifFirmware, p: Profile, request: string, md5: (s: string) => Buffer): Built | undefined {
  const refs = streamsOf(p);
  const byToken = (t: string | undefined) => refs.find((r) => fw.profileToken(r) === t);
  switch (op) {
    case 'GetSystemDateAndTime':
      return { body: systemDateAndTime(spec) };
    case 'GetCapabilities':
      return { body: capabilities(spec, fw, p, request) };
    case 'GetServices':
      return { body: services(spec, fw, p, request) };
    case 'GetServiceCapabilities':
      return service === 'media'
        ? { body: `<trt:GetServiceCapabilitiesResponse>${mediaServiceCaps(p)}</trt:GetServiceCapabilitiesResponse>` }
        : { body: `<tds:GetServiceCapabilitiesResponse>${DEVICE_SERVICE_CAPS}</tds:GetServiceCapabilitiesResponse>` };
    case 'GetDeviceInformation':
      return spec.device ? { body: deviceInformation(spec.device) } : undefined;
    case 'GetHostname':
      return { body: `<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP><tt:Name>${xmlEscape(spec.hostname ?? fw.hostname)}</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>` };
    case 'GetScopes':
      return { body: scopes(p) };
    case 'GetNetworkInterfaces':
      return { body: networkInterfaces() };
  }
  if (service !== 'media') return undefined;
  switch (op) {
    case 'GetProfiles':
      return { body: `<trt:GetProfilesResponse>${refs.map((r) => profileXml(fw, p, r)).join('')}</trt:GetProfilesResponse>` };
    case 'GetProfile': {
      const r = byToken(tokenIn(request, 'ProfileToken'));
      return r ? { body: `<trt:GetProfileResponse>${profileXml(fw, p, r).replace(/^<trt:Profiles /, '<trt:Profile ').replace(/<\/trt:Profiles>$/, '</trt:Profile>')}</trt:GetProfileResponse>` } : { fault: ['Sender', 'NoProfile', 'The requested profile token ProfileToken does not exist.'] };
    }
    case 'GetVideoSources':
      return { body: videoSources(fw, p) };
    case 'GetVideoSourceConfigurations':
      return { body: `<trt:GetVideoSourceConfigurationsResponse>${channelsOf(p).map((c) => videoSourceConfiguration(fw, c, c.sub ? 2 : 1).replace(/^<tt:VideoSourceConfiguration/, '<trt:Configurations').replace(/<\/tt:VideoSourceConfiguration>$/, '</trt:Configurations>')).join('')}</trt:GetVideoSourceConfigurationsResponse>` };
    case 'GetStreamUri': {
      const r = byToken(tokenIn(request, 'ProfileToken'));
      if (!r) return { fault: ['Sender', 'NoProfile', 'The requested profile token ProfileToken does not exist.'] };
      return {
        body:
          `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${streamUri(spec, p, r, md5)}</tt:Uri><tt:InvalidAfterConnect>${fw.uriInvalidAfter}</tt:InvalidAfterConnect>` +
          `<tt:InvalidAfterReboot>${fw.uriInvalidAfter}</tt:InvalidAfterReboot><tt:Timeout>${fw.uriTimeout}</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>`,
      };
    }
  }
  return undefined;
}

const soapHeaders = (fw: OnvifFirmware): string[] => ['Content-Type: application/soap+xml; charset=utf-8', ...fw.httpHeaders, 'Content-Length: {{contentLength}}', 'Connection: close'];

/** The firmware's response to `op` on `service`, or undefined when the firmware does not implement it. */
export function generatedResponse(op: string, service: ServiceName, spec: OnvifSpec, p: Profile, request: string, md5: (s: string) => Buffer): RawResponse | undefined {
  if (!spec.firmware || !spec.generated) return undefined;
  const fw = firmware(spec.firmware);
  const b = build(op, service, spec, fw, p, request, md5);
  if (!b) return undefined;
  const prov = { source: spec.generated.source, synthetic: true, syntheticNote: spec.generated.syntheticNote, lineEnding: 'crlf' as const };
  if ('fault' in b) {
    const [code, sub, text] = b.fault;
    return { statusLine: code === 'Sender' ? 'HTTP/1.1 400 Bad Request' : 'HTTP/1.1 500 Internal Server Error', headers: soapHeaders(fw), body: faultBody(fw, code, sub, text), ...prov };
  }
  return { statusLine: 'HTTP/1.1 200 OK', headers: soapHeaders(fw), body: envelope(fw, b.body), ...prov };
}

/** The firmware's answer to an operation it does not implement (ter:ActionNotSupported, a Receiver fault). */
export function firmwareActionNotSupported(spec: OnvifSpec): RawResponse | undefined {
  if (!spec.firmware || !spec.generated) return undefined;
  const fw = firmware(spec.firmware);
  return {
    statusLine: 'HTTP/1.1 500 Internal Server Error',
    headers: soapHeaders(fw),
    body: faultBody(fw, 'Receiver', 'ActionNotSupported', 'Optional Action Not Implemented'),
    source: spec.generated.source,
    synthetic: true,
    syntheticNote: spec.generated.syntheticNote,
    lineEnding: 'crlf',
  };
}

/** Realm of the device's HTTP Digest challenge on the ONVIF port. */
export function onvifRealm(spec: OnvifSpec, profileId: string): string {
  return spec.realm ?? (spec.firmware ? firmware(spec.firmware).digestRealm : undefined) ?? profileId;
}

/** The firmware's refusal of a guarded call without valid credentials. */
export function firmwareRefusal(spec: OnvifSpec, realm: string): RawResponse | undefined {
  if (!spec.firmware || !spec.generated) return undefined;
  const fw = firmware(spec.firmware);
  const prov = { source: spec.generated.source, synthetic: true, syntheticNote: spec.generated.syntheticNote, lineEnding: 'crlf' as const };
  const digestWanted = spec.guard === 'http-digest' || (spec.guard === 'wsse-or-http-digest' && fw.refusal === 'http-401-digest');
  if (digestWanted) {
    const challenges = [`WWW-Authenticate: Digest qop="auth", realm="${realm}", nonce="{{nonce}}", stale="FALSE"`];
    if (fw.digestSha256) challenges.push(`WWW-Authenticate: Digest qop="auth", realm="${realm}", nonce="{{nonce}}", algorithm="SHA-256", stale="FALSE"`);
    const html = fw.unauthorizedHtml;
    return {
      statusLine: 'HTTP/1.1 401 Unauthorized',
      headers: [html ? 'Content-Type: text/html' : 'Content-Type: application/soap+xml; charset=utf-8', 'Content-Length: {{contentLength}}', 'Connection: close', ...challenges],
      body: html ?? faultBody(fw, 'Sender', 'NotAuthorized', 'Sender not Authorized'),
      ...prov,
    };
  }
  return { statusLine: 'HTTP/1.1 400 Bad Request', headers: soapHeaders(fw), body: faultBody(fw, 'Sender', 'NotAuthorized', 'Sender not Authorized'), ...prov };
}
