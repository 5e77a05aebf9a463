// ONVIF pre-auth: SOAP 1.2 over axios (limits of libraries.md §6) to the device service:
// GetSystemDateAndTime, GetCapabilities, GetServices (PRE_AUTH by the ONVIF Core spec) and one
// unauthenticated GetDeviceInformation (some devices answer it; one try is not a password guess).
import { readCapped } from '../core/read-capped.js';
import http from 'node:http';
import https from 'node:https';
import axios from 'axios';
import type { Readable } from 'node:stream';
import type { DiscoveryModule, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import { failureCode, failureNote, probeOutcome, rethrowUnless } from '../core/failure.js';
import { parse as parseOnvif } from '../parsers/onvif.js';
import { inspectParts } from './never-send.js';
import { PER_HOST_MAX, hostSlot } from './raw-client.js';

const MODULE = 'onvif';
const ONVIF_PORTS = [80, 8899, 8000, 8080, 2020, 10080, 5000, 8081, 888];
const BODY_MAX = 256 * 1024;
export const PREAUTH_METHODS = ['GetSystemDateAndTime', 'GetCapabilities', 'GetServices', 'GetDeviceInformation'] as const;
type Method = (typeof PREAUTH_METHODS)[number];

// The device-service namespace as the operation element's default namespace, with xsi/xsd declared on the Body:
// the form agsh/onvif and ONVIF Device Manager send, which string-matching SOAP servers (and agsh's own test
// mockup) expect; an XML-reading device reads either form.
const TDS = 'http://www.onvif.org/ver10/device/wsdl';
const BODIES: Record<Method, string> = {
  GetSystemDateAndTime: `<GetSystemDateAndTime xmlns="${TDS}"/>`,
  GetCapabilities: `<GetCapabilities xmlns="${TDS}"><Category>All</Category></GetCapabilities>`,
  GetServices: `<GetServices xmlns="${TDS}"><IncludeCapability>false</IncludeCapability></GetServices>`,
  GetDeviceInformation: `<GetDeviceInformation xmlns="${TDS}"/>`,
};

export const SOAP_BODY_OPEN = '<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">';

export function soapEnvelope(method: Method): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">' +
    `${SOAP_BODY_OPEN}${BODIES[method]}</s:Body></s:Envelope>`
  );
}

interface SoapReply {
  status: number;
  server?: string;
  body: Buffer;
  truncated: boolean;
}

const httpAgent = new http.Agent({ keepAlive: false });
const httpsAgent = new https.Agent({ keepAlive: false, rejectUnauthorized: false });

async function soapCall(ctx: ScanContext, url: string, method: Method): Promise<SoapReply | { error: string }> {
  const body = soapEnvelope(method);
  const headers = { 'Content-Type': `application/soap+xml; charset=utf-8; action="http://www.onvif.org/ver10/device/wsdl/${method}"` };
  const verdict = inspectParts({ method: 'POST', url, headers, body });
  if (!verdict.allowed) {
    ctx.stats.count(MODULE, 'refusedNeverSend');
    return { error: `refused by never-send guard: ${verdict.reason}` };
  }
  const host = new URL(url).hostname;
  let release: (() => void) | null = null;
  let releaseHost: (() => void) | null = null;
  try {
    releaseHost = await hostSlot(host, Math.min(PER_HOST_MAX, ctx.limits.perHostConnections), ctx.signal);
    release = await ctx.limiter.acquire(host, ctx.signal);
  } catch (err) {
    releaseHost?.();
    rethrowUnless(err, 'ABORT_ERR'); // the scan stopped while this waited for a slot
    return { error: 'aborted' };
  }
  const deadline = ctx.limits.probeDeadlineMs;
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(deadline)]);
  ctx.stats.count(MODULE, 'requests');
  try {
    const res = await axios.post<Readable>(url, body, {
      headers,
      proxy: false,
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: 'stream',
      timeout: ctx.limits.connectTimeoutMs + deadline,
      signal,
      insecureHTTPParser: true,
      httpAgent,
      httpsAgent,
      maxContentLength: BODY_MAX * 4,
      transformResponse: (x: unknown) => x,
    });
    const reply = await readCapped(res.data as Readable, BODY_MAX, signal);
    const server = res.headers.server;
    return { status: res.status, ...(typeof server === 'string' ? { server } : {}), body: reply.body, truncated: reply.truncated };
  } catch (e) {
    // The code alone (an axios error's message may carry the request config).
    return { error: signal.aborted ? `deadline ${deadline} ms reached` : failureCode(e, 'request failed') };
  } finally {
    release();
    releaseHost();
  }
}

/** Device-service URLs to try: XAddrs this host announced (own address only), else the usual path on web ports. */
export function deviceServiceUrls(t: HostTarget): string[] {
  const urls = new Set(announcedServiceUrls(t));
  if (!urls.size) for (const p of t.openPorts.filter((x) => ONVIF_PORTS.includes(x)).slice(0, 3)) urls.add(`http://${t.ip}${p === 80 ? '' : ':' + p}/onvif/device_service`);
  return [...urls].slice(0, 3);
}

/** `a` as an http(s) URL on the host's own address (IPv6 brackets aside), else null: never another host. */
export function sameHostUrl(a: unknown, ip: string): string | null {
  if (typeof a !== 'string' || !URL.canParse(a)) return null; // not a URL
  const u = new URL(a);
  return u.hostname.replace(/^\[|\]$/g, '') === ip && (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
}

/** Device-service URLs the host announced itself (XAddrs of any observation), own address only. */
export function announcedServiceUrls(t: HostTarget): string[] {
  const urls = new Set<string>();
  for (const o of t.observations) {
    const x = o.fields.xaddrs;
    if (!Array.isArray(x)) continue;
    for (const a of x) {
      const u = sameHostUrl(a, t.ip);
      if (u) urls.add(u);
    }
  }
  return [...urls];
}

/**
 * The pre-auth calls at one device-service URL. `announced`: the device named this URL itself (XAddrs), so a
 * first call that fails is noted (a guessed URL that fails is just not ONVIF).
 */
export async function probeDeviceService(ctx: ScanContext, ip: string, url: string, o: { announced?: boolean } = {}): Promise<void> {
  const port = Number(new URL(url).port || (url.startsWith('https') ? 443 : 80));
  for (const method of PREAUTH_METHODS) {
    if (ctx.signal.aborted) return;
    const r = await soapCall(ctx, url, method);
    if ('error' in r) {
      if (method !== 'GetSystemDateAndTime') continue;
      if (o.announced && r.error !== 'aborted') ctx.emit(makeObservation(ip, MODULE, probeOutcome(MODULE, 'error', `${url.slice(0, 200)} (announced): ${method}: ${r.error}`, { url: url.slice(0, 200) }), { port }));
      return;
    }
    const ev = parseOnvif(r.body);
    if (!ev.length) {
      // Not ONVIF here (an HTML 404, a login page): stop after the first call.
      if (method === 'GetSystemDateAndTime') return;
      continue;
    }
    for (const e of ev) {
      e.fields = { ...e.fields, method: (e.fields.method as string | undefined) ?? method, status: r.status, url };
      if (r.server !== undefined) e.fields.server = r.server;
      if (method === 'GetDeviceInformation') e.fields.authenticated = false;
      if (r.status === 401 || r.status === 403) e.fields.authenticated = false;
      ctx.emit(makeObservation(ip, MODULE, e, { port, raw: r.body, notes: r.truncated ? [`body truncated at ${BODY_MAX} bytes`] : [] }));
    }
  }
}

export const onvifPreauthModule: DiscoveryModule = {
  name: MODULE,
  description: 'ONVIF pre-auth SOAP: GetSystemDateAndTime, GetCapabilities, GetServices, one unauthenticated GetDeviceInformation',
  type: 'host',
  stage: 1,
  async probeHost(ctx: ScanContext, t: HostTarget): Promise<void> {
    const urls = deviceServiceUrls(t).slice(0, PER_HOST_MAX);
    const announced = new Set(announcedServiceUrls(t));
    await Promise.all(
      urls.map((u) =>
        probeDeviceService(ctx, t.ip, u, { announced: announced.has(u) }).catch((e: unknown) =>
          ctx.emit(makeObservation(t.ip, MODULE, probeOutcome(MODULE, 'error', failureNote(`${u.slice(0, 200)}: ONVIF probe stopped`, e)))),
        ),
      ),
    );
  },
};
