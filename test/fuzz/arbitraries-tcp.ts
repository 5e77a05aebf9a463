// fast-check arbitraries for TCP service replies: HTTP/RTSP messages with device quirks, SOAP and
// ISAPI XML with hostile content, DN strings, CGI key=value bodies. Reused by the TCP parser fuzz tests.
import fc from 'fast-check';

const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
const value = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }));
const eol = fc.constantFrom('\r\n', '\n', '\r', '');

export const headerLine = fc.oneof(
  fc.tuple(token, value, eol).map(([k, v, e]) => `${k}: ${v}${e}`),
  fc.tuple(token, value, eol).map(([k, v, e]) => `${k} : ${v}${e}`), // space before the colon
  fc.tuple(value, eol).map(([v, e]) => ` ${v}${e}`), // obs-fold
  fc.tuple(value, eol).map(([v, e]) => `${v}${e}`),
);

/** An HTTP or RTSP response as a broken device might send it. */
export const serviceReply = fc
  .tuple(
    fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'RTSP/1.0', 'HTTP/2', 'http/1.1', '', 'HTTP/'),
    fc.oneof(fc.integer({ min: 0, max: 999 }).map(String), fc.string({ maxLength: 5 })),
    fc.array(headerLine, { maxLength: 30 }),
    eol,
    fc.oneof(fc.string({ maxLength: 2000 }), fc.constantFrom('<html><title>', '<title></title>', '<meta name=generator content=', '<script src=', 'v=0\ns=x\nm=video', '0\r\n\r\n', 'ffffffff\r\n')),
  )
  .map(([v, code, hs, e, body]) => `${v} ${code} X${e}${hs.join('')}${e}${e}${body}`);

/** XML of the shapes the ONVIF/ISAPI parsers read, plus bombs, deep nesting and cut documents. */
export const hostileXml = fc.oneof(
  fc.tuple(fc.constantFrom('GetDeviceInformationResponse', 'DeviceInfo', 'userCheck', 'Fault', 'GetCapabilitiesResponse'), fc.string({ maxLength: 200 }), fc.nat(300)).map(
    ([root, inner, depth]) => `<s:Envelope><s:Body><${root}>${'<a>'.repeat(depth)}<Model>${inner}</Model><XAddr>${inner}</XAddr></${root}>`,
  ),
  fc.nat(5000).map((n) => '<!DOCTYPE x [<!ENTITY a "' + 'a'.repeat(n) + '">]><DeviceInfo><model>&a;</model></DeviceInfo>'),
  fc.nat(20000).map((n) => '<DeviceInfo>' + '<x>'.repeat(n)),
  fc.string({ maxLength: 500 }).map((s) => `<GetDeviceInformationResponse><Manufacturer>${s}`),
);

export const dnString = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom('CN', 'O', 'OU', 'C', 'L', 'ST', 'x', ''), fc.string({ maxLength: 30 })), { maxLength: 10 }), fc.constantFrom(',', '+', ';', '\n'))
  .map(([p, sep]) => p.map(([k, v]) => `${k}=${v}`).join(sep));

export const cgiBody = fc.array(fc.tuple(fc.stringMatching(/^[a-zA-Z_][\w.[\]]{0,20}$/), fc.string({ maxLength: 40 })), { maxLength: 40 }).map((p) => p.map(([k, v]) => `${k}=${v}`).join('\n'));

export const anyTcpInput = fc.oneof(serviceReply, hostileXml, dnString, cgiBody, fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)));
