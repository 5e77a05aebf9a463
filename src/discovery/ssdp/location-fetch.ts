// UPnP LOCATION fetch: after an SSDP reply, GET its device description once and emit it as a `upnp`
// observation (src/parsers/upnp-xml.ts), with the `location` it came from.
// Fetched only when the URL is plain http, names the address that replied (no DNS names, no other hosts:
// a reply must not steer the scanner elsewhere), that address is in scope, the port is 1–65535, there are
// no credentials in the URL, and the never-send guard allows the request (a hostile device could put an
// exploit path in its LOCATION). Anything else becomes a note on the SSDP observation. Each fetch goes
// through ctx.limiter, with no keep-alive, no proxy, no redirects, a 256 KiB body cut and a deadline that
// ends before the module's own (window + 0.5 s).
import { readCapped } from '../../core/read-capped.js';
import http from 'node:http';
import type { Readable } from 'node:stream';
import axios from 'axios';
import type { ScanContext } from '../../core/module.js';
import { makeObservation, type Observation } from '../../core/observation.js';
import { failureCode, failureNote, probeOutcome, rethrowUnless } from '../../core/failure.js';
import { parse as parseUpnp } from '../../parsers/upnp-xml.js';
import { inspectParts } from '../../probes/never-send.js';

export const LOCATION_BODY_MAX = 256 * 1024;
export const LOCATION_FETCHES_MAX = 64;
export const LOCATION_TIMEOUT_MAX_MS = 3000;
const MODULE = 'ssdp';
const USER_AGENT = 'camaudit UPnP description fetch';

export interface LocationFetcherOptions {
  /** Epoch ms by which every fetch has ended (the module resolves right after). */
  deadlineAt: number;
  maxFetches?: number;
}

export interface LocationFetcher {
  /** Looks at an observation about to be emitted; an SSDP reply with a LOCATION may start a fetch. */
  consider(obs: Observation): void;
  /** Resolves when every started fetch has ended (each is bounded by the deadline). */
  settle(): Promise<void>;
}

/** Why a LOCATION is not fetched, or null when it may be. */
export function locationRefusal(location: string, replier: string, inScope: (ip: string) => boolean): string | null {
  if (!URL.canParse(location)) return 'LOCATION is not a URL';
  const u = new URL(location);
  if (u.protocol !== 'http:') return `LOCATION scheme ${u.protocol.replace(/:$/, '').slice(0, 20)} not fetched (http only)`;
  if (u.username || u.password) return 'LOCATION carries credentials, not fetched';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host !== replier) return `LOCATION points at another host (${host.slice(0, 100)}), not fetched`;
  if (!inScope(host)) return `LOCATION host ${host} is out of scope, not fetched`;
  const port = u.port === '' ? 80 : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `LOCATION port ${u.port} not fetched`;
  const verdict = inspectParts({ method: 'GET', url: u.toString() });
  if (!verdict.allowed) return `LOCATION refused by never-send guard: ${verdict.reason ?? ''}`;
  return null;
}

interface FetchResult {
  status?: number;
  body: Buffer;
  truncated: boolean;
  timedOut: boolean;
  error?: string;
  redirect?: string;
}

/**
 * `outer` or `ms` elapsed, whichever first. A plain timer: AbortSignal.timeout fires tens of ms late
 * (measured 60 ms on 800), which would eat into the module's 0.5 s grace.
 */
function deadlineSignal(ms: number, outer: AbortSignal): { signal: AbortSignal; clear: () => void } {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), Math.max(0, ms));
  const onOuter = (): void => ac.abort();
  if (outer.aborted) ac.abort();
  else outer.addEventListener('abort', onOuter, { once: true });
  return {
    signal: ac.signal,
    clear: () => {
      clearTimeout(timer);
      outer.removeEventListener('abort', onOuter);
    },
  };
}

async function fetchBody(url: string, timeoutMs: number, outer: AbortSignal): Promise<FetchResult> {
  const { signal, clear } = deadlineSignal(timeoutMs, outer);
  const agent = new http.Agent({ keepAlive: false, maxSockets: 1 });
  try {
    const res = await axios.get<Readable>(url, {
      proxy: false,
      maxRedirects: 0,
      // The body is cut by hand below (keeping the first 256 KiB); axios' own limit would error the stream instead.
      maxContentLength: LOCATION_BODY_MAX * 4,
      responseType: 'stream',
      validateStatus: () => true,
      insecureHTTPParser: true,
      httpAgent: agent,
      signal,
      timeout: timeoutMs,
      decompress: false,
      headers: { 'User-Agent': USER_AGENT, Accept: 'text/xml, application/xml, */*', Connection: 'close' },
      transformResponse: (x: unknown) => x,
    });
    const { body, truncated } = await readCapped(res.data, LOCATION_BODY_MAX, signal);
    const location = res.headers.location;
    return {
      status: res.status,
      body,
      truncated,
      timedOut: signal.aborted && !truncated,
      ...(res.status >= 300 && res.status < 400 && typeof location === 'string' ? { redirect: location.slice(0, 200) } : {}),
    };
  } catch (e) {
    // The code alone becomes the probe outcome ("error: ECONNRESET"): short and from a fixed set.
    return { body: Buffer.alloc(0), truncated: false, timedOut: signal.aborted, error: failureCode(e, 'request failed').slice(0, 100) };
  } finally {
    clear();
    agent.destroy();
  }
}

/**
 * Per-scan record of LOCATION fetches, shared by the SSDP module (window phase) and the host-stage retry
 * (location-host.ts): `pending` while a fetch runs, `done` once a request went out (whatever came back),
 * `late` when no slot or time was left in the window, so the host stage may try again. Keyed by the scan's
 * Stats object, which every module of one scan shares (contexts are copied, Stats is not).
 */
type FetchState = 'pending' | 'done' | 'late';
const registry = new WeakMap<object, Map<string, FetchState>>();
export function locationStates(ctx: ScanContext): Map<string, FetchState> {
  let m = registry.get(ctx.stats);
  if (!m) {
    m = new Map();
    registry.set(ctx.stats, m);
  }
  return m;
}

/**
 * One fetch of an allowed LOCATION (check `locationRefusal` first), ended by `deadlineAt`: emits a `upnp`
 * observation, or a `probe` observation saying why there is none. Returns `late` when it never got to send.
 */
export async function fetchLocation(ctx: ScanContext, o: { host: string; location: string; deadlineAt: number; module: string }): Promise<'done' | 'late'> {
  const { host, location, module } = o;
  const url = new URL(location);
  const port = url.port === '' ? 80 : Number(url.port);
  const probeNote = (outcome: string, note: string): void => {
    ctx.emit(makeObservation(host, module, { kind: 'probe', fields: { probe: 'upnp-location', outcome, location } }, { port, notes: [note] }));
  };
  const remaining = o.deadlineAt - Date.now();
  if (remaining <= 50) {
    ctx.stats.count(module, 'locationLate');
    return 'late';
  }
  const timeoutMs = Math.min(LOCATION_TIMEOUT_MAX_MS, remaining);
  const wait = deadlineSignal(timeoutMs, ctx.signal);
  let release: (() => void) | undefined;
  try {
    release = await ctx.limiter.acquire(host, wait.signal);
  } catch (err) {
    rethrowUnless(err, 'ABORT_ERR'); // no slot before the deadline: the host stage may try again
    ctx.stats.count(module, 'locationLate');
    return 'late';
  } finally {
    wait.clear();
  }
  try {
    const left = Math.min(timeoutMs, o.deadlineAt - Date.now());
    if (left <= 20) {
      ctx.stats.count(module, 'locationLate');
      return 'late';
    }
    ctx.stats.count(module, 'locationFetched');
    const r = await fetchBody(url.toString(), left, ctx.signal);
    if (r.redirect !== undefined) {
      ctx.stats.count(module, 'locationRedirect');
      probeNote('redirect not followed', `LOCATION answered ${r.status} to ${r.redirect}; redirect not followed`);
      return 'done';
    }
    const evidence = r.body.length ? parseUpnp(r.body) : [];
    const notes: string[] = [];
    if (r.truncated) notes.push(`body truncated at ${LOCATION_BODY_MAX} bytes`);
    if (r.timedOut) notes.push(`deadline ${left} ms reached`);
    if (r.status !== undefined && r.status !== 200) notes.push(`HTTP status ${r.status}`);
    if (!evidence.length) {
      ctx.stats.count(module, r.timedOut ? 'locationTimeout' : 'locationUnreadable');
      const outcome = r.timedOut ? 'timeout' : r.error ? `error: ${r.error}` : 'not a UPnP description';
      probeNote(outcome, notes.length ? notes.join('; ') : `LOCATION fetch: ${outcome}`);
      return 'done';
    }
    for (const ev of evidence) {
      ev.fields = { ...ev.fields, location };
      ctx.emit(makeObservation(host, module, ev, { port, raw: r.body, notes }));
    }
    return 'done';
  } catch (err) {
    ctx.stats.count(module, 'locationUnreadable');
    probeNote('error', failureNote('LOCATION description not read', err));
    return 'done';
  } finally {
    release?.();
  }
}

export function createLocationFetcher(ctx: ScanContext, opts: LocationFetcherOptions): LocationFetcher {
  const max = opts.maxFetches ?? LOCATION_FETCHES_MAX;
  const states = locationStates(ctx);
  const seen = new Set<string>();
  const pending: Array<Promise<void>> = [];

  return {
    consider(obs: Observation): void {
      try {
        if (obs.kind !== 'ssdp' || typeof obs.fields.location !== 'string') return;
        const location = obs.fields.location;
        if (seen.has(location)) return;
        seen.add(location);
        const refusal = locationRefusal(location, obs.host, ctx.inScope);
        if (refusal) {
          ctx.stats.count(MODULE, 'locationNotFetched');
          obs.notes = [...(obs.notes ?? []), refusal];
          return;
        }
        if (pending.length >= max) {
          ctx.stats.count(MODULE, 'locationCapped');
          obs.notes = [...(obs.notes ?? []), `LOCATION not fetched: ${max} fetches per scan reached`];
          return;
        }
        if (ctx.signal.aborted || states.has(location)) return;
        states.set(location, 'pending');
        pending.push(
          fetchLocation(ctx, { host: obs.host, location, deadlineAt: opts.deadlineAt, module: MODULE }).then(
            (st) => void states.set(location, st),
            (err: unknown) => {
              states.set(location, 'done');
              ctx.emit(makeObservation(obs.host, MODULE, probeOutcome('upnp-location', 'error', failureNote('LOCATION fetch failed', err), { location })));
            },
          ),
        );
      } catch (err) {
        ctx.stats.count(MODULE, 'locationUnreadable');
        obs.notes = [...(obs.notes ?? []), failureNote('LOCATION not considered', err)];
      }
    },
    async settle(): Promise<void> {
      await Promise.allSettled(pending);
    },
  };
}
