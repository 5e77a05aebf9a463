// Consistency checks a schema cannot express: things that would make an emulated device misbehave in a
// way no real one did (a Content-Length longer than the body hangs clients; an SSDP LOCATION nobody serves;
// a WS-Discovery reply that ignores the probe it answers).
import type { Profile, RawResponse } from '../profile.js';
import { headerValue } from './wire.js';
import { describeFailure } from '../../core/failure.js';
import { httpPlans } from './emulator.js';

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
    else if (!plan.behaviour) out.push({ level: 'warning', where: `http:${plan.port}`, message: 'no default response: unknown paths get a silent close, which real web servers rarely do' });
    if (plan.onvif) for (const [op, r] of Object.entries(plan.onvif.operations)) if (r) checkResponse(r, `onvif ${op}`, out);
  }
  for (const r of p.rtsp ?? []) for (const [m, resp] of Object.entries(r.responses)) checkResponse(resp, `rtsp:${r.port} ${m}`, out);
  for (const [i, r] of (p.ssdp?.replies ?? []).entries()) {
    const loc = headerValue(r.headers, 'location');
    const m = loc && /^https?:\/\/\{\{ip\}\}(?::(\d+))?(\/[^\s]*)?$/.exec(loc);
    if (loc && !m) out.push({ level: 'warning', where: `ssdp.replies[${i}]`, message: `LOCATION ${loc} does not point at {{ip}}` });
    if (m) {
      const port = Number(m[1] ?? 80);
      const path = m[2] ?? '/';
      const served = plans.some((pl) => pl.port === port && pl.routes.some((rt) => rt.path === path || (rt.match === 'prefix' && path.startsWith(rt.path))));
      if (!served) out.push({ level: 'warning', where: `ssdp.replies[${i}]`, message: `LOCATION port ${port} path ${path} is not served (add ssdp.description)` });
    }
  }
  if (p.wsDiscovery && !p.wsDiscovery.template.includes('{{relatesTo}}')) out.push({ level: 'error', where: 'wsDiscovery', message: 'template has no {{relatesTo}}: the reply would not answer the probe' });
  if (p.sadp && !p.sadp.template.includes('{{uuid}}')) out.push({ level: 'warning', where: 'sadp', message: 'template has no {{uuid}}: the reply does not echo the probe Uuid as devices do' });
  if (p.wsDiscovery && /<\w*:?XAddrs>[^<]*\b\d{1,3}(\.\d{1,3}){3}\b/.test(p.wsDiscovery.template.replace(/\{\{ip\}\}/g, ''))) {
    out.push({ level: 'warning', where: 'wsDiscovery', message: 'XAddrs keeps a captured IPv4 address; use {{ip}} so the scanner can follow it' });
  }
  if (p.truth.manufacturer && p.truth.basis.length === 0) out.push({ level: 'warning', where: 'truth.basis', message: 'a manufacturer is claimed but no response is named as its evidence' });
  return out;
}
