// Raw-socket clients and expected-bytes patterns for checking that the emulator serves a profile as stored.
// Used by the emulator tests; also usable by the lab to self-check a running emulator.
import dgram from 'node:dgram';
import net from 'node:net';
import tls from 'node:tls';
import { randomUUID } from 'node:crypto';

/**
 * A RegExp matching `template` exactly after placeholder substitution: names in `known` become their
 * values; dynamic ones ({{date}}, {{nonce}}, {{messageId}}) match their shape. Anchored at both ends.
 */
export function expectedPattern(template: string, known: Record<string, string>): RegExp {
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const dynamic: Record<string, string> = {
    date: '[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT',
    rtspDate: '[A-Z][a-z]{2}, [A-Z][a-z]{2} \\d{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT',
    nonce: '[0-9a-f]{32}',
    messageId: 'urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  };
  let out = '';
  let last = 0;
  for (const m of template.matchAll(/\{\{([A-Za-z]+)\}\}/g)) {
    out += esc(template.slice(last, m.index));
    const name = m[1];
    out += Object.prototype.hasOwnProperty.call(known, name) ? esc(known[name]) : dynamic[name] ?? esc(m[0]);
    last = (m.index ?? 0) + m[0].length;
  }
  out += esc(template.slice(last));
  return new RegExp(`^${out}$`, 's');
}

export interface UdpResult {
  from: string;
  data: Buffer;
}

/** Send one datagram from `bindAddress` and collect replies for `waitMs`. */
export function udpExchange(opts: {
  to: string;
  port: number;
  payload: Buffer;
  waitMs?: number;
  bindAddress?: string;
  bindPort?: number;
  multicastInterface?: string;
  broadcast?: boolean;
  /** Also listen on a group (joined on multicastInterface) e.g. mDNS answers sent to 224.0.0.251. */
  join?: string;
}): Promise<UdpResult[]> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    const out: UdpResult[] = [];
    s.on('message', (m, r) => out.push({ from: `${r.address}:${r.port}`, data: m }));
    s.on('error', (e) => {
      s.close();
      reject(e);
    });
    s.bind(opts.bindPort ?? 0, opts.join ? undefined : opts.bindAddress, () => {
      try {
        if (opts.broadcast) s.setBroadcast(true);
        if (opts.multicastInterface) s.setMulticastInterface(opts.multicastInterface);
        if (opts.join) s.addMembership(opts.join, opts.multicastInterface);
      } catch (e) {
        s.close();
        reject(e);
        return;
      }
      s.send(opts.payload, opts.port, opts.to, (e) => {
        if (e) {
          s.close();
          reject(e);
        }
      });
      setTimeout(() => {
        s.close();
        resolve(out);
      }, opts.waitMs ?? 400);
    });
  });
}

/**
 * Write `request` on a TCP (or TLS) connection and read until the peer closes, `done(bytes)` says the reply is
 * complete, or `timeoutMs`. Resolves with the bytes and, for TLS, the peer certificate.
 */
export function tcpExchange(opts: {
  host: string;
  port: number;
  request: Buffer | string;
  tls?: boolean;
  timeoutMs?: number;
  done?: (got: Buffer) => boolean;
  maxBytes?: number;
}): Promise<{ data: Buffer; cert?: tls.PeerCertificate; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const sock: net.Socket = opts.tls
      ? tls.connect({ host: opts.host, port: opts.port, rejectUnauthorized: false, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' })
      : net.connect({ host: opts.host, port: opts.port });
    const finish = (closed: boolean): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const cert = opts.tls ? (sock as tls.TLSSocket).getPeerCertificate(false) : undefined;
      sock.destroy();
      resolve({ data: Buffer.concat(chunks), cert, closed });
    };
    const timer = setTimeout(() => finish(false), opts.timeoutMs ?? 3000);
    sock.once(opts.tls ? 'secureConnect' : 'connect', () => sock.write(opts.request));
    sock.on('data', (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size > (opts.maxBytes ?? 8 << 20) || opts.done?.(Buffer.concat(chunks))) finish(false);
    });
    sock.on('end', () => finish(true));
    sock.on('close', () => finish(true));
    sock.on('error', (e) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      reject(e);
    });
  });
}

/**
 * A WS-Discovery Probe. `types`: the QName list of its Types element, with `dn:` (ONVIF network) and `tds:` (ONVIF
 * device) declared; the default asks for ONVIF video transmitters, `null` sends no Types (every device matches).
 */
export function wsdProbe(messageId = `urn:uuid:${randomUUID()}`, types: string | null = 'dn:NetworkVideoTransmitter'): { messageId: string; payload: Buffer } {
  const typesXml = types === null ? '' : `<d:Types xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">${types}</d:Types>`;
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
    `<s:Header><a:MessageID>${messageId}</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action></s:Header>` +
    `<s:Body><d:Probe>${typesXml}</d:Probe></s:Body></s:Envelope>`;
  return { messageId, payload: Buffer.from(xml) };
}

export function ssdpSearch(st = 'ssdp:all'): Buffer {
  return Buffer.from(`M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\nST: ${st}\r\n\r\n`);
}

export function sadpProbe(uuid = randomUUID().toUpperCase()): { uuid: string; payload: Buffer } {
  return { uuid, payload: Buffer.from(`<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>${uuid}</Uuid><Types>inquiry</Types></Probe>`) };
}

export function dhipSearch(): Buffer {
  const body = Buffer.from('{"method":"DHDiscover.search","params":{"mac":"","uni":1}}');
  const h = Buffer.alloc(32);
  h.writeUInt32LE(0x20, 0);
  h.write('DHIP', 4, 'latin1');
  h.writeUInt32LE(body.length, 16);
  h.writeUInt32LE(body.length, 24);
  return Buffer.concat([h, body]);
}

export function dvripSearch(): Buffer {
  const b = Buffer.alloc(32);
  b.writeUInt32BE(0xa3010001, 0);
  b.writeUInt32BE(0x02000000, 16);
  return b;
}

export function xiongmaiSearch(): Buffer {
  const b = Buffer.alloc(20);
  b[0] = 0xff;
  b.writeUInt16LE(1530, 14);
  return b;
}

/** mDNS query (one question) with the given id; `unicastResponse` sets the QU bit. */
export function mdnsQuery(name: string, type: number, id = 0, unicastResponse = false): Buffer {
  const labels = name.split('.').filter(Boolean);
  const parts = [Buffer.from([id >> 8, id & 0xff, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0])];
  for (const l of labels) {
    const b = Buffer.from(l);
    parts.push(Buffer.from([b.length]), b);
  }
  parts.push(Buffer.from([0, type >> 8, type & 0xff, unicastResponse ? 0x80 : 0, 1]));
  return Buffer.concat(parts);
}

export interface DnsRecord {
  name: string;
  type: number;
  data: Buffer;
  /** PTR/SRV target, TXT strings, A address. */
  value: string | string[];
  port?: number;
}

/** Decode answer + additional records of a DNS message (for checks; bounded). */
export function decodeDnsRecords(b: Buffer): DnsRecord[] {
  const name = (off: number): [string, number] => {
    const labels: string[] = [];
    let next = -1;
    for (let hops = 0; hops < 64 && off < b.length; hops++) {
      const len = b[off];
      if (len === 0) return [labels.join('.'), next < 0 ? off + 1 : next];
      if ((len & 0xc0) === 0xc0) {
        if (next < 0) next = off + 2;
        off = ((len & 0x3f) << 8) | b[off + 1];
        continue;
      }
      labels.push(b.toString('utf8', off + 1, off + 1 + len));
      off += 1 + len;
    }
    throw new Error('bad name');
  };
  const qd = b.readUInt16BE(4);
  const count = b.readUInt16BE(6) + b.readUInt16BE(8) + b.readUInt16BE(10);
  let off = 12;
  for (let i = 0; i < qd; i++) off = name(off)[1] + 4;
  const out: DnsRecord[] = [];
  for (let i = 0; i < Math.min(count, 200); i++) {
    const [n, p] = name(off);
    const type = b.readUInt16BE(p);
    const len = b.readUInt16BE(p + 8);
    const data = b.subarray(p + 10, p + 10 + len);
    let value: string | string[] = data.toString('hex');
    let port: number | undefined;
    if (type === 12) value = name(p + 10)[0];
    if (type === 33) {
      port = data.readUInt16BE(4);
      value = name(p + 16)[0];
    }
    if (type === 1) value = [...data].join('.');
    if (type === 16) {
      const strs: string[] = [];
      for (let j = 0; j < data.length; ) {
        strs.push(data.toString('utf8', j + 1, j + 1 + data[j]));
        j += 1 + data[j];
      }
      value = strs;
    }
    out.push({ name: n, type, data, value, port });
    off = p + 10 + len;
  }
  return out;
}
