// HTTP(S) banner on every open web port (the known web ports, and any open port not known to speak another
// protocol): a plain browser-like `GET /` over a raw socket, the status line, headers in original order and case,
// the first 256 KiB of body; at most 3 redirects followed, only on the same host, each hop recorded. Then the
// favicon hashes of that port.
import type { DiscoveryModule, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import { failureNote, probeOutcome } from '../core/failure.js';
import { fetchFavicons } from './favicon.js';
import type { Observation } from '../core/observation.js';
import { bannerPorts, documentObservation, getWithSchemeDetection, httpObservation, type Scheme } from './web.js';

const MODULE = 'http';
export const MAX_REDIRECTS = 3;

/** Next hop of a redirect, only when it stays on the probed address. */
export function sameHostHop(location: string, ip: string, port: number, scheme: Scheme): { port: number; scheme: Scheme; path: string } | null {
  const base = `${scheme}://${ip}:${port}/`;
  if (!URL.canParse(location, base)) return null; // not a URL: the redirect is noted as not followed
  const u = new URL(location, base);
  if (u.hostname !== ip && u.hostname !== `[${ip}]`) return null;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const s: Scheme = u.protocol === 'https:' ? 'https' : 'http';
  const p = u.port ? Number(u.port) : s === 'https' ? 443 : 80;
  return { port: p, scheme: s, path: (u.pathname + u.search).slice(0, 1024) || '/' };
}

/** The reply, and its body read as a vendor document when it is one (web.ts documentObservation). */
function emitWithDocument(ctx: ScanContext, ip: string, port: number, obs: Observation): void {
  ctx.emit(obs);
  const doc = documentObservation(ip, MODULE, port, obs);
  if (doc) ctx.emit(doc);
}

export async function bannerPort(ctx: ScanContext, ip: string, port: number): Promise<void> {
  let { scheme, result } = await getWithSchemeDetection(ctx, MODULE, ip, port, '/');
  let cur = { port, scheme, path: '/' };
  const hops: string[] = [];
  const visited = new Set([`${scheme}://${port}/`]);
  let rootObs = null as ReturnType<typeof httpObservation>;
  // A port that could not answer GET / inside the deadline gets no further requests (favicon).
  const rootTimedOut = result.timedOut;
  for (let hop = 0; ; hop++) {
    const obs = httpObservation(ip, MODULE, cur.port, cur.scheme, cur.path, result, hops.length ? { redirects: [...hops] } : {});
    if (!obs) {
      if (hop === 0 && result.notes.length && result.connected) ctx.stats.count(MODULE, 'noReply');
      break;
    }
    if (hop === 0) rootObs = obs;
    const status = obs.fields.status as number | undefined;
    const location = obs.fields.location as string | undefined;
    if (!status || status < 300 || status > 399 || !location) {
      emitWithDocument(ctx, ip, cur.port, obs);
      break;
    }
    const next = sameHostHop(location, ip, cur.port, cur.scheme);
    const key = next ? `${next.scheme}://${next.port}${next.path}` : '';
    if (!next || visited.has(key) || hop >= MAX_REDIRECTS) {
      obs.notes = [...(obs.notes ?? []), !next ? 'redirect to another host not followed' : visited.has(key) ? 'redirect loop stopped' : `redirects stopped after ${MAX_REDIRECTS}`];
      emitWithDocument(ctx, ip, cur.port, obs);
      break;
    }
    emitWithDocument(ctx, ip, cur.port, obs);
    hops.push(`${next.scheme}://${ip}:${next.port}${next.path}`);
    visited.add(key);
    cur = next;
    if (ctx.signal.aborted) return;
    ({ scheme, result } = await getWithSchemeDetection(ctx, MODULE, ip, cur.port, cur.path, cur.scheme));
  }
  if (rootObs && !rootTimedOut && !ctx.signal.aborted) {
    const icon = typeof rootObs.fields.iconHref === 'string' ? rootObs.fields.iconHref : undefined;
    await fetchFavicons(ctx, ip, port, rootObs.fields.scheme as Scheme, icon);
  }
}

export const httpBannerModule: DiscoveryModule = {
  name: MODULE,
  description: 'HTTP(S) banner of every open web port (GET /, ≤ 3 same-host redirects) and favicon hashes',
  type: 'host',
  stage: 1,
  async probeHost(ctx: ScanContext, t: HostTarget): Promise<void> {
    await Promise.all(
      bannerPorts(t.openPorts).map((port) =>
        bannerPort(ctx, t.ip, port).catch((e: unknown) => ctx.emit(makeObservation(t.ip, MODULE, probeOutcome(MODULE, 'error', failureNote(`port ${port}: banner not read`, e)), { port }))),
      ),
    );
  },
};
