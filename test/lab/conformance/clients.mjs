// Third-party clients against the lab (issue 23), run inside the lab's scanner namespace by
// test/lab/conformance.test.ts. Prints one JSON object on stdout:
//   onvif: every WS-Discovery endpoint agsh `onvif` 0.8.3 found, then Cam.connect (the lab credentials of that
//          address where the profile has them) and GetStreamUri on each;
//   ssdp:  every M-SEARCH ssdp:all reply (raw, read the strict CRLF way), every LOCATION fetched and checked for
//          well-formed XML, and the ssdp:alive NOTIFY announcements heard on the group;
//   mdns:  every service bonjour-service browsed, and a TCP connect to each advertised address:port.
// Usage: node clients.mjs '<json: {scannerIp, creds: {ip: {username, password}}, waitMs}>'
import { createRequire } from 'node:module';
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { Bonjour } from 'bonjour-service';
import { XMLValidator } from 'fast-xml-parser';

const require = createRequire(import.meta.url);
const onvif = require('onvif');
const cfg = JSON.parse(process.argv[2] ?? '{}');
const waitMs = cfg.waitMs ?? 3000;

function withTimeout(p, ms, what) {
  return Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`${what}: no answer in ${ms} ms`)), ms))]);
}

// ---- ONVIF: agsh/onvif Discovery.probe, then Cam.connect + GetStreamUri per endpoint ----
async function onvifClients() {
  const found = new Map(); // endpoint address → { from, xaddr }
  const errors = [];
  onvif.Discovery.on('error', (e) => errors.push(String(e).slice(0, 200)));
  const onDevice = (data, rinfo) => {
    const m = data?.probeMatches?.probeMatch;
    if (!m) return;
    const xaddrs = String(m.XAddrs ?? '').split(/\s+/).filter(Boolean);
    // As agsh does with resolve on (matchXAddr): the XAddr on the address the reply came from, else the first.
    const xaddr = xaddrs.find((x) => { try { return new URL(x).hostname === rinfo.address; } catch { return false; } }) ?? xaddrs[0];
    found.set(String(m.endpointReference?.address ?? rinfo.address), { from: rinfo.address, xaddr });
  };
  onvif.Discovery.on('device', onDevice);
  await new Promise((resolve) => onvif.Discovery.probe({ timeout: waitMs, resolve: false, device: 'eth0' }, () => resolve()));
  onvif.Discovery.removeListener('device', onDevice);
  const walks = [];
  for (const [endpoint, { from, xaddr }] of found) {
    const u = new URL(xaddr);
    const c = cfg.creds?.[u.hostname];
    const r = { endpoint, from, xaddr, credentials: !!c };
    try {
      const cam = new onvif.Cam({ hostname: u.hostname, port: Number(u.port || 80), path: u.pathname, username: c?.username, password: c?.password, autoconnect: false, timeout: 8000 });
      const warnings = [];
      cam.on('warning', (w) => warnings.push(String(w).slice(0, 200)));
      await withTimeout(new Promise((res, rej) => cam.connect((e) => (e ? rej(e) : res()))), 20000, 'Cam.connect');
      r.connected = true;
      r.profiles = cam.profiles?.length ?? 0;
      r.videoSources = Array.isArray(cam.videoSources) ? cam.videoSources.length : cam.videoSources ? 1 : 0;
      r.warnings = warnings;
      const s = await withTimeout(new Promise((res, rej) => cam.getStreamUri({ protocol: 'RTSP' }, (e, v) => (e ? rej(e) : res(v)))), 10000, 'GetStreamUri');
      r.uri = s?.uri;
    } catch (e) {
      r.error = String(e?.message ?? e).slice(0, 300);
    }
    walks.push(r);
  }
  return { endpoints: found.size, walks, errors };
}

// ---- SSDP: a dgram client (libraries.md found node-ssdp and @achingbrain/ssdp unfit) ----
function parseSsdp(text) {
  // Strict reading: lines end in CRLF; a reply whose lines end in bare LF has no headers for such a client.
  const [head] = text.split('\r\n\r\n');
  const lines = head.split('\r\n');
  const headers = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { start: lines[0], headers, bareLf: /(^|[^\r])\n/.test(text), terminated: text.endsWith('\r\n\r\n') };
}

function fetchText(url, ms = 5000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: ms, headers: { Connection: 'close' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ error: e.code ?? e.message }));
  });
}

async function ssdpClient() {
  const replies = [];
  const notifies = [];
  const listen = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise((r) => listen.bind({ port: 1900, address: '0.0.0.0', exclusive: false }, r));
  listen.addMembership('239.255.255.250', cfg.scannerIp);
  listen.on('message', (m, rinfo) => {
    const t = m.toString('latin1');
    if (t.startsWith('NOTIFY ')) notifies.push({ from: rinfo.address, text: t });
  });
  const s = dgram.createSocket('udp4');
  await new Promise((r) => s.bind({ port: 0, address: '0.0.0.0' }, r));
  s.setMulticastInterface(cfg.scannerIp);
  s.on('message', (m, rinfo) => replies.push({ from: rinfo.address, text: m.toString('latin1') }));
  const search = Buffer.from('M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 2\r\nST: ssdp:all\r\n\r\n');
  s.send(search, 1900, '239.255.255.250');
  await new Promise((r) => setTimeout(r, Math.max(waitMs, 3500)));
  s.close();
  listen.close();
  const out = [];
  const fetched = new Map();
  for (const r of replies) {
    const p = parseSsdp(r.text);
    const loc = p.headers.location;
    let fetch;
    if (loc) {
      if (!fetched.has(loc)) {
        const f = await fetchText(loc);
        const valid = f.body !== undefined ? XMLValidator.validate(f.body) : false;
        fetched.set(loc, { status: f.status, error: f.error, wellFormed: valid === true, xmlError: valid === true ? undefined : valid?.err?.msg, root: /<root[\s>]/.test(f.body ?? '') && /<device[\s>]/.test(f.body ?? '') });
      }
      fetch = fetched.get(loc);
    }
    out.push({ from: r.from, start: p.start, st: p.headers.st, location: loc, headerCount: Object.keys(p.headers).length, bareLf: p.bareLf, terminated: p.terminated, fetch });
  }
  return { replies: out, notifies: notifies.map((n) => ({ from: n.from, ...parseSsdp(n.text) })) };
}

// ---- mDNS: bonjour-service browse of every type, TCP connect to each advertised port ----
async function mdnsClient() {
  const errors = [];
  const bonjour = new Bonjour({ interface: cfg.scannerIp, bind: '0.0.0.0' }, (e) => errors.push(String(e).slice(0, 200)));
  const services = [];
  const browser = bonjour.find(null, (s) => services.push(s));
  await new Promise((r) => setTimeout(r, 1000));
  browser.update();
  await new Promise((r) => setTimeout(r, Math.max(waitMs - 1000, 2000)));
  browser.stop();
  const out = [];
  for (const s of services) {
    const address = s.referer?.address ?? s.addresses?.[0];
    const connect = await new Promise((resolve) => {
      const sock = net.connect({ host: address, port: s.port, timeout: 3000 }, () => {
        sock.destroy();
        resolve('connected');
      });
      sock.on('timeout', () => { sock.destroy(); resolve('timeout'); });
      sock.on('error', (e) => resolve(e.code ?? e.message));
    });
    out.push({ name: s.name, type: s.type, protocol: s.protocol, address, port: s.port, addresses: s.addresses, connect });
  }
  await new Promise((r) => bonjour.destroy(r));
  return { services: out, errors };
}

const result = { onvif: await onvifClients(), ssdp: await ssdpClient(), mdns: await mdnsClient() };
process.stdout.write(JSON.stringify(result));
process.exit(0);
