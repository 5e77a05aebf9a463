// Hostile UDP discovery behaviours (datagram phase). All synthetic. Every reply stays within one datagram and
// every flood has a bounded duration.
import { registerBehaviour, type BehaviourContext } from '../behaviours.js';
import { clamp, datagramDepth, hugeSadp, lyingDhip, lyingXiongmai, malformedDns, xmlBomb, MAX_DATAGRAM } from './payloads.js';

/** A probe's identifier reflected into our reply, kept to URI characters (the prober is not trusted either). */
function probeTag(request: Buffer, tag: string): string {
  const m = new RegExp(`<(?:\\w+:)?${tag}[^>]*>([^<]{1,200})<`).exec(request.subarray(0, 8192).toString('latin1'));
  return (m?.[1] ?? '').replace(/[^A-Za-z0-9:._/-]/g, '');
}

function fill(text: string, ctx: BehaviourContext): string {
  return text.replaceAll('{{ip}}', ctx.device.ip).replaceAll('{{mac}}', ctx.device.mac).replaceAll('{{uuid}}', probeTag(ctx.request, 'Uuid'));
}

function wsdEnvelope(ctx: BehaviourContext, inner: string): [string, string] {
  const relates = probeTag(ctx.request, 'MessageID');
  return [
    `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><SOAP-ENV:Header><wsa:MessageID>urn:uuid:00000000-0000-4000-8000-${Date.now().toString().padStart(12, '0').slice(-12)}</wsa:MessageID><wsa:RelatesTo>${relates}</wsa:RelatesTo><wsa:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To><wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></SOAP-ENV:Header><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference><wsa:Address>urn:uuid:synthetic-hostile-${ctx.device.id}</wsa:Address></wsa:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/name/${inner}`,
    `</d:Scopes><d:XAddrs>http://${ctx.device.ip}/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
  ];
}

/**
 * `{ kind: 'hostile-xml', shape: 'bomb'|'deep', close?: boolean }` on wsDiscovery or sadp: an entity bomb, or as many
 * nested elements as one datagram holds (~9,000 closed, ~21,000 unclosed; the 100k-deep case is served over HTTP).
 */
function xmlDatagram(ctx: BehaviourContext): void {
  const close = ctx.behaviour.close !== false;
  if (ctx.protocol === 'wsd') {
    if (ctx.behaviour.shape === 'bomb') {
      const [pre, post] = wsdEnvelope(ctx, '&e9;');
      const bomb = xmlBomb('SOAP-ENV:Envelope');
      const dtd = bomb.slice(bomb.indexOf('<!DOCTYPE'), bomb.indexOf(']>') + 2);
      ctx.send(pre.replace('?>', `?>${dtd}`) + post);
    } else {
      const [pre, post] = wsdEnvelope(ctx, 'deep');
      const depth = datagramDepth(pre, post, close);
      ctx.send(pre + '<a>'.repeat(depth) + (close ? '</a>'.repeat(depth) : '') + post);
    }
    return;
  }
  if (ctx.protocol === 'sadp') {
    const pre = `<?xml version="1.0" encoding="UTF-8"?><ProbeMatch><Uuid>${probeTag(ctx.request, 'Uuid')}</Uuid><Types>inquiry</Types><IPv4Address>${ctx.device.ip}</IPv4Address><DeviceDescription>`;
    const post = '</DeviceDescription></ProbeMatch>';
    if (ctx.behaviour.shape === 'bomb') {
      const bomb = xmlBomb('ProbeMatch');
      ctx.send(bomb.slice(0, bomb.indexOf('<ProbeMatch>')) + pre + '&e9;' + post);
    } else {
      const depth = datagramDepth(pre, post, close);
      ctx.send(pre + '<a>'.repeat(depth) + (close ? '</a>'.repeat(depth) : '') + post);
    }
    return;
  }
  ctx.serveDefault();
}

registerBehaviour('hostile-xml-datagram', xmlDatagram);

/** Floods in progress per device+protocol: a scan's repeated probes may not stack floods without bound. */
const activeFloods = new Map<string, number>();
const FLOODS_PER_DEVICE_MAX = 4;

/**
 * `{ kind: 'hostile-udp-flood', rate?: number (per second, ≤ 20000, default 10000), seconds?: number (≤ 10, default 2) }`:
 * after each probe, the normal reply `rate` times a second for `seconds`.
 */
registerBehaviour('hostile-udp-flood', (ctx) => {
  const key = `${ctx.device.id}|${ctx.protocol}`;
  const active = activeFloods.get(key) ?? 0;
  ctx.serveDefault();
  if (active >= FLOODS_PER_DEVICE_MAX) return;
  activeFloods.set(key, active + 1);
  const rate = clamp(ctx.behaviour.rate, 1, 20_000, 10_000);
  const seconds = clamp(ctx.behaviour.seconds, 1, 10, 2);
  const perTick = Math.max(1, Math.round(rate / 100));
  const endAt = Date.now() + seconds * 1000;
  let sent = 0;
  const tick = setInterval(() => {
    if (ctx.signal.aborted || Date.now() >= endAt) return finish();
    for (let i = 0; i < perTick; i++) ctx.serveDefault();
    sent += perTick;
  }, 10);
  const finish = (): void => {
    clearInterval(tick);
    ctx.signal.removeEventListener('abort', finish);
    activeFloods.set(key, (activeFloods.get(key) ?? 1) - 1);
    ctx.note(`udp flood: ${sent} replies in ${seconds} s`);
  };
  ctx.signal.addEventListener('abort', finish, { once: true });
});

/** `{ kind: 'hostile-dns', shape?: 'loop'|'counts'|'both' }` on mdns: a compression loop and/or counts larger than the packet. */
registerBehaviour('hostile-dns', (ctx) => {
  const id = ctx.request.length >= 2 ? ctx.request.readUInt16BE(0) : 0;
  const shape = String(ctx.behaviour.shape ?? 'both');
  if (shape === 'loop' || shape === 'both') ctx.send(malformedDns('loop', id));
  if (shape === 'counts' || shape === 'both') ctx.send(malformedDns('counts', id));
});

/** `{ kind: 'hostile-lying-length', lie?: 'huge'|'zero'|'short'|'mismatch' }` on dhip or xiongmai: the profile's JSON with a lying header. */
registerBehaviour('hostile-lying-length', (ctx) => {
  const lie = String(ctx.behaviour.lie ?? 'huge');
  const p = ctx.device.profile;
  if (ctx.protocol === 'dhip' && p.dhip) return ctx.send(lyingDhip(fill(p.dhip.json, ctx), lie));
  if (ctx.protocol === 'xiongmai' && p.xiongmai) return ctx.send(lyingXiongmai(fill(p.xiongmai.json, ctx), lie));
  ctx.serveDefault();
});

/** `{ kind: 'hostile-sadp-huge', fields?: string[] }`: a SADP ProbeMatch whose fields fill a whole datagram. */
registerBehaviour('hostile-sadp-huge', (ctx) => {
  const fields = Array.isArray(ctx.behaviour.fields) ? (ctx.behaviour.fields as unknown[]).map(String).filter((f) => /^[A-Za-z]{1,40}$/.test(f)).slice(0, 20) : [];
  const xml = hugeSadp(probeTag(ctx.request, 'Uuid'), ctx.device.ip, fields);
  ctx.send(xml.length > MAX_DATAGRAM ? xml.slice(0, MAX_DATAGRAM) : xml);
});

/** `{ kind: 'hostile-raw-datagram', text: string }`: send `text` with `{{bad}}` → invalid UTF-8/NUL, `{{ip}}`, `{{mac}}`, `{{uuid}}` filled. */
registerBehaviour('hostile-raw-datagram', (ctx) => {
  const text = fill(String(ctx.behaviour.text ?? ''), ctx).slice(0, MAX_DATAGRAM);
  const bad = Buffer.from([0x00, 0xc3, 0x28, 0xff, 0xfe, 0x00]);
  const parts = text.split('{{bad}}').map((p) => Buffer.from(p));
  const out: Buffer[] = [];
  parts.forEach((p, i) => out.push(...(i ? [bad, p] : [p])));
  ctx.send(Buffer.concat(out).subarray(0, MAX_DATAGRAM));
});
