// What a sample's `protocol` label asks identify to read. People label captures their own way ("https",
// "onvif", "x509", "sofia") and Rapid7 Recog names its example files after the one field they hold
// ("http_servers", "x509_subjects"): each label maps to a route, and a label nobody knows is sniffed
// (every form tried, what parses kept). Identify only: the scan path knows what it asked and stays strict.

/** Routes that read a whole message or document of one protocol. */
export const PROTOCOLS = [
  'http',
  'rtsp',
  'tls',
  'onvif',
  'onvif-devinfo',
  'isapi',
  'dahua-cgi',
  'rpc2',
  'lapi',
  'ws-discovery',
  'ssdp',
  'upnp-xml',
  'mdns',
  'sadp',
  'dhip',
  'dvrip',
  'xiongmai',
  'ubiquiti-discovery',
  'homekit',
  'ftp',
  'telnet',
  'ssh',
  'snmp',
  'sip',
  'dhcp',
  'favicon',
  'banner',
] as const;

/** Routes that read one field's bare value (a Recog example file holds values of exactly one field). */
export const FIELD_ROUTES = [
  'http.server',
  'http.title',
  'http.wwwauth',
  'rtsp.server',
  'tls.subject',
  'tls.issuer',
  'ssh.banner',
  'ftp.banner',
  'telnet.banner',
  'snmp.sysDescr',
  'snmp.sysObjectID',
  'sip.server',
  'sip.userAgent',
  'mdns.txt',
  'dhcp.vendorClass',
] as const;

export type Route = (typeof PROTOCOLS)[number] | (typeof FIELD_ROUTES)[number] | 'sniff';

const SYNONYMS: Record<string, Route> = {
  // HTTP and web APIs
  https: 'http',
  web: 'http',
  www: 'http',
  html: 'http',
  'http-response': 'http',
  'http-headers': 'http',
  headers: 'http',
  curl: 'http',
  'hikvision-isapi': 'isapi',
  psia: 'isapi',
  cgi: 'dahua-cgi',
  'dahua-http': 'dahua-cgi',
  magicbox: 'dahua-cgi',
  'rpc2-login': 'rpc2',
  'dahua-rpc': 'rpc2',
  'dahua-rpc2': 'rpc2',
  'dahua-json': 'rpc2',
  'uniview-lapi': 'lapi',
  'lapi-json': 'lapi',
  // media
  rtsps: 'rtsp',
  sdp: 'rtsp',
  // certificates
  ssl: 'tls',
  x509: 'tls',
  cert: 'tls',
  certificate: 'tls',
  'ssl-cert': 'tls',
  'tls-cert': 'tls',
  openssl: 'tls',
  pem: 'tls',
  // ONVIF / SOAP
  soap: 'onvif',
  'onvif-soap': 'onvif',
  'onvif-device': 'onvif',
  'device-service': 'onvif',
  // discovery
  wsd: 'ws-discovery',
  'ws-discover': 'ws-discovery',
  wsdiscovery: 'ws-discovery',
  upnp: 'upnp-xml',
  'upnp-description': 'upnp-xml',
  'device-description': 'upnp-xml',
  'description-xml': 'upnp-xml',
  bonjour: 'mdns',
  'dns-sd': 'mdns',
  dnssd: 'mdns',
  zeroconf: 'mdns',
  'hikvision-sadp': 'sadp',
  'dahua-dhip': 'dhip',
  'dahua-discovery': 'dhip',
  'dahua-dvrip': 'dvrip',
  sofia: 'dvrip',
  'xiongmai-dvrip': 'dvrip',
  xm: 'xiongmai',
  ubiquiti: 'ubiquiti-discovery',
  ubnt: 'ubiquiti-discovery',
  'ubnt-discovery': 'ubiquiti-discovery',
  'unifi-discovery': 'ubiquiti-discovery',
  hap: 'homekit',
  'homekit-accessories': 'homekit',
  xmeye: 'xiongmai',
  netsurveillance: 'xiongmai',
  // other services
  telnetd: 'telnet',
  sshd: 'ssh',
  ftpd: 'ftp',
  'snmp-sysdescr': 'snmp.sysDescr',
  sysdescr: 'snmp.sysDescr',
  sysobjectid: 'snmp.sysObjectID',
  bootp: 'dhcp',
  'dhcp-fingerprint': 'dhcp',
  'service-banner': 'banner',
  tcp: 'banner',
  raw: 'banner',
  nmap: 'banner',
  'nmap-service': 'banner',
  // Rapid7 Recog database file names (xml/<name>.xml): each holds values of one field.
  http_servers: 'http.server',
  'http-server': 'http.server',
  server: 'http.server',
  html_title: 'http.title',
  'http-title': 'http.title',
  title: 'http.title',
  http_wwwauth: 'http.wwwauth',
  'www-authenticate': 'http.wwwauth',
  wwwauth: 'http.wwwauth',
  realm: 'http.wwwauth',
  rtsp_servers: 'rtsp.server',
  'rtsp-server': 'rtsp.server',
  x509_subjects: 'tls.subject',
  'x509-subject': 'tls.subject',
  subject: 'tls.subject',
  x509_issuers: 'tls.issuer',
  'x509-issuer': 'tls.issuer',
  issuer: 'tls.issuer',
  ssh_banners: 'ssh.banner',
  ftp_banners: 'ftp.banner',
  telnet_banners: 'telnet.banner',
  snmp_sysdescr: 'snmp.sysDescr',
  snmp_sysobjid: 'snmp.sysObjectID',
  sip_banners: 'sip.server',
  sip_user_agents: 'sip.userAgent',
  'mdns_device-info_txt': 'mdns.txt',
  dhcp_vendor_class: 'dhcp.vendorClass',
  favicons: 'favicon',
  'favicon-hash': 'favicon',
};

/**
 * The route for a protocol label: exact names first, then the label lower-cased with `.xml` and spaces
 * dropped (`HTTP`, `x509_subjects.xml`, `WS Discovery`), then its `_`/`-` spelling variants. Unknown → sniff.
 */
export function routeOf(protocol: string): Route {
  const raw = protocol.trim();
  if ((PROTOCOLS as readonly string[]).includes(raw) || (FIELD_ROUTES as readonly string[]).includes(raw)) return raw as Route;
  const p = raw.toLowerCase().replace(/\.xml$/, '').replace(/\s+/g, '-');
  const candidates = [p, p.replace(/_/g, '-'), p.replace(/-/g, '_')];
  for (const c of candidates) {
    if ((PROTOCOLS as readonly string[]).includes(c)) return c as Route;
    const field = (FIELD_ROUTES as readonly string[]).find((f) => f.toLowerCase() === c);
    if (field) return field as Route;
    if (Object.hasOwn(SYNONYMS, c)) return SYNONYMS[c]!;
  }
  return 'sniff';
}

/** Every label routeOf knows by name (for tests and the fuzzer). */
export const KNOWN_LABELS: readonly string[] = [...PROTOCOLS, ...FIELD_ROUTES, ...Object.keys(SYNONYMS)];
