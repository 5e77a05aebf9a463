// Vendor paths: read-only GETs (fingerprints/probes/http-paths.json) whose status, realm or body
// is evidence. Runs on every open web port, a few at a time, within a per-host time budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DiscoveryModule, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import { failureNote, probeOutcome, rethrowUnless } from '../core/failure.js';
import { FINGERPRINTS_DIR } from '../core/paths.js';
import { splitMessage, dechunk, header } from '../parsers/http.js';
import { parse as parseIsapi } from '../parsers/isapi.js';
import { parse as parseDahuaCgi } from '../parsers/dahua-cgi.js';
import { inspectRequest } from './never-send.js';
import { browserRequest, documentObservation, get, getWithSchemeDetection, httpObservation, webPorts, type Scheme } from './web.js';

const MODULE = 'http-paths';

export interface VendorPath {
  id: string;
  path: string;
  vendors: string[];
  why: string;
  parse?: 'isapi' | 'dahua-cgi';
}

/**
 * Loads the path list; entries the never-send guard refuses are dropped (and cannot be sent anyway). No list
 * file: no paths. A list that is not JSON is a broken database: it throws (the engine notes it on the host).
 */
export function loadVendorPaths(file = path.join(FINGERPRINTS_DIR, 'probes/http-paths.json')): VendorPath[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    rethrowUnless(err, 'ENOENT');
    return [];
  }
  const data = JSON.parse(text) as { paths?: unknown } | null;
  if (!data || !Array.isArray(data.paths)) return [];
  return (data.paths as VendorPath[])
    .filter((p) => p && typeof p.path === 'string' && p.path.startsWith('/') && p.path.length < 512 && typeof p.id === 'string')
    .filter((p) => inspectRequest(browserRequest('192.0.2.1', 80, 'http', p.path)).allowed)
    .slice(0, 32);
}

function bodyOf(data: Buffer): { status: number; body: Buffer } | null {
  const msg = splitMessage(data, /^HTTP\//i);
  const m = /^HTTP\/\S+\s+(\d{3})/.exec(msg.startLine ?? '');
  if (!m) return null;
  const body = /chunked/i.test(header(msg.headers, 'transfer-encoding') ?? '') ? dechunk(msg.body) : msg.body;
  return { status: Number(m[1]), body };
}

async function probePath(ctx: ScanContext, ip: string, port: number, scheme: Scheme, vp: VendorPath): Promise<void> {
  const r = await get(ctx, MODULE, ip, port, scheme, vp.path);
  const obs = httpObservation(ip, MODULE, port, scheme, vp.path, r, { probe: vp.id });
  if (!obs) return;
  ctx.emit(obs);
  const b = bodyOf(r.data);
  const ev = !b || !b.body.length || !vp.parse ? [] : vp.parse === 'isapi' ? parseIsapi(b.body) : b.status === 200 ? parseDahuaCgi(b.body) : [];
  // A body the path's own parser did not read is read as a generic document (one fact, one observation).
  const doc = ev.length ? null : documentObservation(ip, MODULE, port, obs);
  if (doc) ctx.emit(doc);
  if (!b) return;
  for (const e of ev) {
    if (b.status === 401 || b.status === 403) e.fields.authenticated = false;
    else if (e.kind === 'isapi' || e.kind === 'dahuacgi') e.fields.authenticated = false; // answered without credentials
    e.fields.status = b.status;
    ctx.emit(makeObservation(ip, MODULE, e, { port, raw: b.body }));
  }
}

export const vendorPathsModule: DiscoveryModule = {
  name: MODULE,
  description: 'Read-only vendor paths (login pages, ISAPI, magicBox, ONVIF endpoint) whose status or realm is evidence',
  type: 'host',
  stage: 1,
  async probeHost(ctx: ScanContext, t: HostTarget): Promise<void> {
    const paths = loadVendorPaths();
    const budget = AbortSignal.timeout(ctx.limits.probeDeadlineMs * 4);
    await Promise.all(
      webPorts(t.openPorts).map(async (port) => {
        try {
          // Scheme from the banner probe when it ran first, else detected with the first path.
          const seen = t.observations.find((o) => o.kind === 'http' && o.port === port && typeof o.fields.scheme === 'string');
          let scheme = seen?.fields.scheme as Scheme | undefined;
          let rest = paths;
          if (!scheme && paths.length) {
            const first = await getWithSchemeDetection(ctx, MODULE, ip(t), port, paths[0].path);
            scheme = first.scheme;
            const obs = httpObservation(t.ip, MODULE, port, scheme, paths[0].path, first.result, { probe: paths[0].id });
            const doc = obs ? documentObservation(t.ip, MODULE, port, obs) : null;
            if (obs) ctx.emit(obs);
            if (doc) ctx.emit(doc);
            // Refused, or silent until the deadline (a port such as Hikvision's SDK port 8000 waits for its own binary
            // header): the other paths would each wait out the deadline too (20 s per such port in the lab).
            else if (!first.result.connected || first.result.timedOut) {
              ctx.stats.count(MODULE, 'portSkippedNoReply');
              return;
            }
            rest = paths.slice(1);
          }
          // Two at a time per port; the host-wide cap of 4 connections holds across ports.
          for (let i = 0; i < rest.length; i += 2) {
            if (ctx.signal.aborted || budget.aborted) {
              ctx.stats.count(MODULE, 'budgetReached');
              return;
            }
            await Promise.all(rest.slice(i, i + 2).map((vp) => probePath(ctx, t.ip, port, scheme as Scheme, vp)));
          }
        } catch (e) {
          ctx.emit(makeObservation(t.ip, MODULE, probeOutcome(MODULE, 'error', failureNote(`port ${port}: vendor paths stopped`, e)), { port }));
        }
      }),
    );
  },
};

function ip(t: HostTarget): string {
  return t.ip;
}
