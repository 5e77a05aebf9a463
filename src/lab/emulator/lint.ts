// Consistency checks a schema cannot express: things that would make an emulated device misbehave in a
// way no real one did (a Content-Length longer than the body hangs clients; an SSDP LOCATION nobody serves;
// a WS-Discovery reply that ignores the probe it answers).
import { XMLValidator } from 'fast-xml-parser';
import type { Profile, RawResponse } from '../profile.js';
import { headerValue } from './wire.js';
import { describeFailure } from '../../core/failure.js';
import { httpPlans } from './emulator.js';
import { routeFor } from './http-device.js';
import { onvifPaths, streamsOf } from './onvif-service.js';
import { firmware } from './onvif-firmware.js';

export interface LintItem {
  level: 'error' | 'warning';
  where: string;
  message: string;
}

function bodyLength(r: RawResponse): number {
  if (r.bodyBase64 !== undefined) return Buffer.from(r.bodyBase64, 'base64').length;
  return Buffer.byteLength((r.body ?? '').replace(/\{\{ip\}\}/g, '198.18.0.10'));
}

function checkResponse(r: RawResponse, where: string, out: LintItem[]): void {
  const cl = headerValue(r.headers, 'content-length');
  if (cl !== undefined && /^\d+$/.test(cl)) {
    const n = Number(cl);
    const have = bodyLength(r);
    if (n > have && !r.behaviour) out.push({ level: 'error', where, message: `Content-Length ${n} but the body has ${have} bytes: clients would wait for bytes that never come (use {{contentLength}} and note it)` });
    else if (n < have) out.push({ level: 'warning', where, message: `Content-Length ${n} is shorter than the ${have}-byte body` });
  }
  if (/\{\{ip\}\}/.test(r.body ?? '') && /^content-length:\s*\d+$/im.test(r.headers.join('\n'))) {
    out.push({ level: 'warning', where, message: 'body has {{ip}} but Content-Length is literal; the length changes with the address' });
  }
}

export function lintProfile(p: Profile): LintItem[] {
  const out: LintItem[] = [];
  let plans: ReturnType<typeof httpPlans> = [];
  try {
    plans = httpPlans(p);
  } catch (e) {
    out.push({ level: 'error', where: 'http', message: describeFailure(e, { allLines: true, max: 2000 }) });
  }
  for (const plan of plans) {
    plan.routes.forEach((r, i) => {
      checkResponse(r.response, `http:${plan.port} ${r.path}`, out);
      if (r.guard) checkResponse(r.guard.unauthorized, `http:${plan.port} ${r.path} (401)`, out);
      if (r.guard && !p.credentials) out.push({ level: 'warning', where: `http:${plan.port} routes[${i}]`, message: 'guarded route but the profile has no credentials: it can never be opened' });
    });
    if (plan.default) checkResponse(plan.default, `http:${plan.port} default`, out);
    else if (!plan.behaviour) out.push({ level: 'error', where: `http:${plan.port}`, message: 'no default response: unknown paths would get a silent close, which web servers do not do (give the maker\'s 404/401/redirect, or a `close` behaviour citing the capture that shows one)' });
    if (plan.onvif) for (const [op, r] of Object.entries(plan.onvif.operations)) if (r) checkResponse(r, `onvif ${op}`, out);
  }
  for (const r of p.rtsp ?? []) for (const [m, resp] of Object.entries(r.responses)) checkResponse(resp, `rtsp:${r.port} ${m}`, out);
  for (const [i, r] of (p.ssdp?.replies ?? []).entries()) {
    const loc = headerValue(r.headers, 'location');
    const m = loc && /^https?:\/\/\{\{ip\}\}(?::(\d+))?(\/[^\s]*)?$/.exec(loc);
    if (loc && !m) out.push({ level: 'error', where: `ssdp.replies[${i}]`, message: `LOCATION ${loc} does not point at {{ip}}` });
    if (m) {
      const port = Number(m[1] ?? 80);
      const path = m[2] ?? '/';
      const plan = plans.find((pl) => pl.port === port);
      const route = plan && routeFor(plan, 'GET', path);
      if (!route) out.push({ level: 'error', where: `ssdp.replies[${i}]`, message: `LOCATION port ${port} path ${path} is not served (add ssdp.description)` });
      else if (!route.guard && route.response.body !== undefined) {
        const v = XMLValidator.validate(route.response.body.replace(/\{\{\w+\}\}/g, 'x'));
        if (v !== true) out.push({ level: 'error', where: `ssdp.replies[${i}]`, message: `the description at ${path} is not well-formed XML (${v.err.msg}, line ${v.err.line})` });
      }
    }
    if (r.lineEnding === 'lf' && r.synthetic === false) out.push({ level: 'warning', where: `ssdp.replies[${i}]`, message: 'LF line endings: SSDP clients split headers on CRLF; keep LF only when a wire capture shows it' });
  }
  for (const r of p.rtsp ?? []) {
    const opts = r.responses.OPTIONS;
    if (!r.behaviour) {
      if (!opts || opts.behaviour) out.push({ level: 'error', where: `rtsp:${r.port}`, message: 'no OPTIONS response: every RTSP server answers OPTIONS with a Public header' });
      else if (/^RTSP\/1\.0 200/.test(opts.statusLine) && headerValue(opts.headers, 'public') === undefined) out.push({ level: 'error', where: `rtsp:${r.port} OPTIONS`, message: 'a 200 to OPTIONS without a Public header' });
      if (!r.responses.DESCRIBE) out.push({ level: 'error', where: `rtsp:${r.port}`, message: "no DESCRIBE response: give the maker's 401 (its realm) or an SDP" });
      if (!r.default) out.push({ level: 'error', where: `rtsp:${r.port}`, message: 'no default response: other methods would get a silent close' });
    }
  }
  const tcpPorts = new Set([...plans.map((pl) => pl.port), ...(p.rtsp ?? []).map((r) => r.port), ...(p.tcp ?? []).map((t) => t.port)]);
  for (const s of p.mdns?.services ?? []) {
    if (s.type.endsWith('._tcp') && s.port > 0 && !tcpPorts.has(s.port)) out.push({ level: 'error', where: `mdns ${s.type}`, message: `SRV port ${s.port} is not open on the device` });
  }
  if (p.wsDiscovery) {
    const xaddrs = /<(?:[\w-]+:)?XAddrs(?:\s[^>]*)?>([^<]*)</.exec(p.wsDiscovery.template)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
    if (!xaddrs.length) out.push({ level: 'error', where: 'wsDiscovery', message: 'ProbeMatch without XAddrs' });
    const mine = xaddrs.filter((x) => x.includes('{{ip}}'));
    if (xaddrs.length && !mine.length) out.push({ level: 'error', where: 'wsDiscovery', message: 'no XAddr at {{ip}}' });
    for (const x of mine) {
      const m = /^http:\/\/\{\{ip\}\}(?::(\d+))?(\/\S*)$/.exec(x);
      const port = Number(m?.[1] ?? 80);
      const served = m && p.onvif && p.onvif.port === port && onvifPaths(p.onvif).get(m[2]!) === 'device';
      if (!served) out.push({ level: 'error', where: 'wsDiscovery', message: `XAddr ${x} is not an ONVIF device service of this device (add onvif on that port and path)` });
    }
  }
  if (p.onvif && !p.wsDiscovery) out.push({ level: 'error', where: 'onvif', message: 'an ONVIF device service that never answers WS-Discovery (ONVIF devices are discoverable; add wsDiscovery)' });
  if (p.onvif?.firmware) {
    const rtspPort = p.onvif.rtspPort ?? 554;
    if (!(p.rtsp ?? []).some((r) => r.port === rtspPort)) out.push({ level: 'error', where: 'onvif', message: `stream URIs name RTSP port ${rtspPort}, which the device does not serve` });
    if (streamsOf(p).length === 0) out.push({ level: 'error', where: 'channels', message: 'no stream to offer' });
    const fw = firmware(p.onvif.firmware);
    if (!p.onvif.device && !p.onvif.operations.GetDeviceInformation) out.push({ level: 'error', where: 'onvif', message: `firmware ${fw.name}: give onvif.device (or a stored GetDeviceInformation)` });
    if (p.onvif.guard !== 'none' && !p.credentials && !fw.preAuth.includes('*')) out.push({ level: 'warning', where: 'onvif', message: 'guarded ONVIF without lab credentials: no client can reach the media service' });
  }
  if (p.wsDiscovery && !p.wsDiscovery.template.includes('{{relatesTo}}')) out.push({ level: 'error', where: 'wsDiscovery', message: 'template has no {{relatesTo}}: the reply would not answer the probe' });
  if (p.sadp && !p.sadp.template.includes('{{uuid}}')) out.push({ level: 'warning', where: 'sadp', message: 'template has no {{uuid}}: the reply does not echo the probe Uuid as devices do' });
  if (p.wsDiscovery && /<\w*:?XAddrs>[^<]*\b\d{1,3}(\.\d{1,3}){3}\b/.test(p.wsDiscovery.template.replace(/\{\{ip\}\}/g, ''))) {
    out.push({ level: 'error', where: 'wsDiscovery', message: 'XAddrs keeps a captured IPv4 address; use {{ip}} so the scanner can follow it' });
  }
  if (p.truth.manufacturer && p.truth.basis.length === 0) out.push({ level: 'warning', where: 'truth.basis', message: 'a manufacturer is claimed but no response is named as its evidence' });
  return out;
}
