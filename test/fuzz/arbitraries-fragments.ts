// fast-check arbitraries for the fragment forms `camaudit identify` reads (issue 14 item 4): wrappers (curl -v,
// logger prefixes, http.client debug, nmap service fingerprints and fingerprint-strings, transcripts, quoted
// literals), fragments (header lines, bare values, bodies, cut XML/JSON), printed structures (Python dicts,
// OrderedDicts), DNs and certificate text, vendor API documents and banners, each around hostile content.
// Everything here is synthetic; nothing is presented as a real capture.
import fc from 'fast-check';
import { BIG, hostileName } from './hostile-arbitraries.js';

const short = fc.oneof(fc.string({ maxLength: 40 }), hostileName.map((s) => s.slice(0, 300)));
const value = fc.oneof({ weight: 5, arbitrary: short }, { weight: 1, arbitrary: fc.constantFrom(BIG.ascii.slice(0, 200_000), BIG.nul) });

const headerName = fc.oneof(fc.constantFrom('Server', 'WWW-Authenticate', 'Content-Type', 'Date', 'Set-Cookie', 'Location', 'X-Powered-By'), fc.stringMatching(/^[A-Za-z][\w-]{0,20}$/));
const headerLines = fc.array(fc.tuple(headerName, value), { minLength: 1, maxLength: 12 }).map((hs) => hs.map(([k, v]) => `${k}: ${v}`).join('\r\n'));
const statusLine = fc.oneof(fc.constantFrom('HTTP/1.1 200 OK', 'HTTP/1.1 401 Unauthorized', 'RTSP/1.0 401 Unauthorized', 'HTTP/1.0 403 Forbidden', 'SIP/2.0 200 OK'), short);
const body = fc.oneof(
  value,
  fc.constantFrom('<userCheck><statusValue>401</statusValue></userCheck>', '{"Response":{"ResponseURL":"/LAPI/V1.0/x","ResponseCode":0,"SubResponseCode":0,"ResponseString":"x"}}', '<html><title>x</title></html>'),
);
const message = fc.tuple(statusLine, headerLines, body).map(([s, h, b]) => `${s}\r\n${h}\r\n\r\n${b}`);

/** A curl -v dump of a message: `< ` response lines, `> ` request, `* ` notes with TLS lines. */
const curlDump = fc.tuple(message, short, fc.boolean()).map(([m, note, tls]) => {
  const [head, ...rest] = m.split('\r\n\r\n');
  const resp = head!.split('\r\n').map((l) => `< ${l}`).join('\n');
  const tlsLines = tls ? `*  subject: C=CN; O=${note}; CN=x\n*  issuer: CN=${note}; O=HIKVISION\n` : '';
  return `*   Trying 198.18.0.2...\n${tlsLines}> GET / HTTP/1.1\n> Host: x\n>\n${resp}\n<\n${rest.join('\r\n\r\n')}\n* Connection #0 to host x left intact`;
});

/** Logger prefixes on every line of a message. */
const logged = fc.tuple(message, fc.constantFrom('2023-01-01 10:00:00.123 DEBUG (MainThread) [custom_components.x] ', '[debug] ', 'DEBUG:urllib3.connectionpool:', 'Mar  4 12:00:01 host prog[12]: ', '12:00:01.5 ', '<<< RESPONSE <<<\n')).map(([m, p]) =>
  p.endsWith('\n') ? p + m : m.split('\n').map((l) => p + l).join('\n'),
);

/** Python http.client debug output. */
const httpClientDebug = fc.tuple(short, headerLines).map(([s, h]) => `send: b'GET / HTTP/1.1\\r\\n\\r\\n'\nreply: 'HTTP/1.1 ${s}\\r\\n'\n${h.split('\r\n').map((l) => `header: ${l}`).join('\n')}`);

/** nmap escaping of a reply: \xHH for bytes, \r \n \0, backslash before . ( ) " and |. */
function nmapEscape(s: string): string {
  return [...s].map((c) => (c === '\r' ? '\\r' : c === '\n' ? '\\n' : c === '\0' ? '\\0' : c === ' ' ? '\\x20' : /[."()|\\]/.test(c) ? `\\${c}` : c.charCodeAt(0) < 32 || c.charCodeAt(0) > 126 ? `\\x${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}` : c)).join('');
}

/** An nmap service fingerprint wrapped at 71 characters on SF: lines, sometimes cut or with a broken escape. */
const nmapSf = fc.tuple(fc.array(fc.tuple(fc.constantFrom('GetRequest', 'RTSPRequest', 'NULL', 'HTTPOptions', 'GenericLines'), message), { minLength: 1, maxLength: 4 }), fc.nat(), fc.boolean()).map(([replies, cut, broken]) => {
  const joined = `SF-Port80-TCP:V=7.98%I=7%D=1/1%Time=1%P=x86_64-pc-linux-gnu` + replies.map(([p, r]) => `%r(${p},${r.length.toString(16).toUpperCase()},"${nmapEscape(r)}")`).join('') + ';';
  const lines: string[] = [];
  for (let i = 0; i < joined.length; i += 71) lines.push((i ? 'SF:' : '') + joined.slice(i, i + 71));
  let t = lines.join('\n');
  if (broken) t = t.replace('\\x', '\\x\\');
  return cut % 3 === 0 ? t.slice(0, cut % (t.length + 1)) : t;
});

const nmapStrings = fc.array(fc.tuple(fc.constantFrom('GetRequest', 'RTSPRequest, FourOhFourRequest', 'NULL'), fc.array(short, { minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 4 }).map((blocks) =>
  '80/tcp open http\n| fingerprint-strings: \n' + blocks.map(([p, ls]) => `|   ${p}: \n` + ls.map((l) => `|     ${l}`).join('\n')).join('\n').replace(/\n\|(?=[^\n]*$)/, '\n|_'),
);

/** A Python repr of a nested dict (single quotes, True/False/None, OrderedDict pairs), sometimes cut off. */
const pyDict = fc.tuple(fc.jsonValue({ maxDepth: 5 }), fc.boolean(), fc.nat()).map(([v, ordered, cut]) => {
  const py = (x: unknown): string =>
    x === null ? 'None' : x === true ? 'True' : x === false ? 'False' : typeof x === 'string' ? `'${x.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : typeof x === 'number' ? String(x) : Array.isArray(x) ? `[${x.map(py).join(', ')}]` : ordered ? `OrderedDict([${Object.entries(x as object).map(([k, y]) => `('${k}', ${py(y)})`).join(', ')}])` : `{${Object.entries(x as object).map(([k, y]) => `'${k}': ${py(y)}`).join(', ')}}`;
  const t = `ERROR:root:Got the response: ${py({ userCheck: v, Ret: 100, SessionID: '0x1' })}`;
  return cut % 2 ? t.slice(0, cut % (t.length + 1)) : t;
});

/** JSON or XML cut at any point, and deeply nested open brackets. */
const cutDoc = fc.tuple(fc.oneof(fc.json({ maxDepth: 6 }), fc.constantFrom('<DeviceInfo xmlns="http://www.isapi.org/ver20/XMLSchema"><model>DS-2CD</model><serialNumber>DS-2CD20170101AAWR123456789</serialNumber></DeviceInfo>', '{"result":false,"params":{"realm":"Login to 4C11BF123ABC","random":"1","encryption":"Default"},"error":{"code":268632079,"message":"x"},"id":0,"session":1}')), fc.nat()).map(([d, n]) => d.slice(0, n % (d.length + 1)));
const deepJson = fc.constantFrom('{"a":'.repeat(20_000), '['.repeat(100_000), "{'a': ".repeat(20_000), '('.repeat(50_000));

/** Distinguished names and certificate text in every printed form. */
const dn = fc.tuple(short, short).chain(([o, cn]) =>
  fc.constantFrom(
    `subject=C = CN, O = ${o}, CN = ${cn}`,
    `/C=CN/O=${o}/CN=${cn}`,
    `CN=${cn},O=${o},C=CN`,
    `C=CN; O=${o}; CN=${cn}`,
    `| ssl-cert: Subject: commonName=${cn}/organizationName=${o}`,
    `Certificate:\n    Data:\n        Serial Number:\n            0a:${o}\n        Issuer: C = CN, O = ${o}\n        Validity\n            Not Before: ${cn}\n        Subject: CN = ${cn}\n            Public-Key: (${o} bit)\n            X509v3 Subject Alternative Name: \n                DNS:${cn}, IP Address:${o}`,
    `-----BEGIN CERTIFICATE-----\n${o}\n-----END CERTIFICATE-----`,
  ),
);

/** Banners of other services, and their tool renderings. */
const banner = fc.tuple(short, short).chain(([a, b]) =>
  fc.constantFrom(
    `SSH-2.0-${a}\r\n`,
    `220 ${a}\r\n220-${b}\r\n`,
    `\xff\xfb\x01\xff\xfb\x03${a}\r\n${b} login: `,
    `SNMPv2-MIB::sysDescr.0 = STRING: ${a}\nSNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.${b}`,
    `SIP/2.0 200 OK\r\nServer: ${a}\r\nUser-Agent: ${b}\r\n\r\n`,
    `  Vendor-Class (60), length 1: "${a}"\n  Hostname (12), length 1: "${b}"\n  Parameter-Request (55), length 2: ${b}`,
    `OPTION:  55 (  4) Parameter Request List      ${a}\n${b}`,
    `'${a}\\r\\n${b}'`,
    `DESCRIBE rtsp://x RTSP/1.0\\r\\n\nCSeq: 1\\r\\n\n\\r\\n\nRTSP/1.0 401 ${a}\\r\\n\nWWW-Authenticate: Digest realm="${b}"\\r\\n\n`,
  ),
);

/** JSON a tool wrote around a reply: a HAR entry, a scanner's header map, a banner string, a printed header dict. */
const toolJson = fc.tuple(message, headerLines, short).chain(([m, h, v]) => {
  const pairs = h.split('\r\n').map((l) => [l.slice(0, Math.max(0, l.indexOf(':'))), l.slice(l.indexOf(':') + 1).trim()]);
  return fc.constantFrom(
    JSON.stringify({ log: { entries: [{ response: { status: 401, statusText: v, headers: pairs.map(([name, value]) => ({ name, value })), content: { text: m } } }] } }),
    JSON.stringify({ data: { http: { result: { response: { status_code: 200, headers: Object.fromEntries(pairs.map(([k, x]) => [k!.toLowerCase().replace(/-/g, '_'), [x]])) } } } } }),
    JSON.stringify({ ip_str: v, port: 80, data: m, http: { server: v, title: v, html: m } }),
    `{${pairs.map(([k, x]) => `'${k}': '${String(x).replace(/'/g, "\\'")}'`).join(', ')}}`,
    `CaseInsensitiveDict({'Server': '${v.replace(/'/g, '')}', ${v}`,
    `{ server: '${v}', ${v}: ${v} }`,
    `map[Server:[${v}] ${v}:[${v}]]`,
  );
});

/** Packet bytes in hex: an xxd / tcpdump -X style dump and a hex stream of a message, sometimes with broken offsets. */
const hexDump = fc.tuple(message, fc.boolean(), fc.nat()).map(([m, stream, skew]) => {
  const b = Buffer.from(m, 'latin1').subarray(0, 4096);
  if (stream) return b.toString('hex');
  const out: string[] = [];
  for (let i = 0; i < b.length; i += 16) out.push(`${(i + (skew % 3 === 0 ? 0 : skew % 17)).toString(16).padStart(8, '0')}: ${(b.subarray(i, i + 16).toString('hex').match(/.{1,4}/g) ?? []).join(' ')}  ${b.subarray(i, i + 16).toString('latin1')}`);
  return out.join('\n');
});

/** Client logs and scanner outputs: ssh -v, PuTTY, paramiko, ssh-audit, avahi-browse, devtools, WhatWeb, masscan, Metasploit, Nikto, wget -S. */
const toolText = fc.tuple(short, short, message).chain(([a, b, m]) =>
  fc.constantFrom(
    `debug1: Local version string SSH-2.0-OpenSSH_9.6\ndebug1: Remote protocol version 2.0, remote software version ${a}\n${b}`,
    `2024-01-01 10:00:00 Remote version: SSH-2.0-${a}\n${b}`,
    `DEBUG:paramiko.transport:Remote version/idstring: SSH-2.0-${a}\nINFO:paramiko.transport:Connected (version 2.0, client ${a})\n${b}`,
    `[I 240102 10:00:01 transport:1944] Connected (version 1.99, client ${a})\n${b}`,
    `# general\n(gen) banner: SSH-2.0-${a}\n(gen) software: ${b}\n`,
    `=   eth0 IPv4 ${a}   _http._tcp   local\n   hostname = [${b}]\n   address = [${b}]\n   port = [80]\n   txt = ["${a}" "${b}"]`,
    `=;eth0;IPv4;${a};_http._tcp;local;${b};${b};80;"${a}"`,
    `Status Code: 401 ${a}\nResponse Headers\n${b}:\n${a}\nServer: ${a}\nRequest Headers\n${b}`,
    `http://${a} [200 OK] HTTPServer[${b}], Title[${a}], WWW-Authenticate[${b}][Digest], Cookies[${a}]`,
    `Banner on port 80/tcp on ${a}: [http] ${m.replace(/\r\n/g, '\\x0d\\x0a')}`,
    `[+] ${a}:80 ${b} ( ${a} )\n[+] ${a}:22 - SSH server version: SSH-2.0-${b} ( x )`,
    `+ Target IP: ${a}\n+ Server: ${b}\n+ Retrieved ${a} header: ${b}`,
    `HTTP request sent, awaiting response...\n  ${m.split('\r\n').join('\n  ')}`,
    `[00007f] live555 demux debug: RTSP response: ${m}`,
    `13:45:01.1 IP ${a} > ${b}: Flags [P.]\nE..4..@.${m}`,
    `[client:rtsp] RTSP/1.0 401 ${a} CSeq: 1 WWW-Authenticate: Digest realm="${b}" Server: ${a}\n${m.split('\r\n').join(' ')}`,
  ),
);

/** Every fragment form, for identify. */
export const fragmentInput: fc.Arbitrary<string> = fc.oneof(
  message,
  headerLines,
  short,
  curlDump,
  logged,
  httpClientDebug,
  nmapSf,
  nmapStrings,
  pyDict,
  cutDoc,
  deepJson,
  dn,
  banner,
  toolJson,
  hexDump,
  toolText,
);

/** Protocol labels: known routes, synonyms, Recog file names, and arbitrary text. */
export const protocolLabel = (known: readonly string[]): fc.Arbitrary<string> => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: hostileName.map((s) => s.slice(0, 200)) });
