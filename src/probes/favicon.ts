// Favicon hashes: `/favicon.ico` and the icon the page links to. Shodan-style mmh3 and MD5 of the
// icon bytes (body after de-chunking). Run by the HTTP banner probe once it knows the port's
// scheme and the page's icon link; also usable as its own host module.
import { createHash } from 'node:crypto';
import type { DiscoveryModule, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import { failureNote, probeOutcome } from '../core/failure.js';
import { dechunk, header, splitMessage } from '../parsers/http.js';
import { shodanFaviconHash } from './mmh3.js';
import { get, webPorts, type Scheme } from './web.js';

const MODULE = 'favicon';
const ICON_MAX = 256 * 1024;

/** Resolves a page's icon href to a same-host path, or null when it points elsewhere. */
export function sameHostPath(href: string, ip: string, port: number, scheme: Scheme): string | null {
  const base = `${scheme}://${ip}:${port}/`;
  if (!URL.canParse(href, base)) return null; // not a URL: no icon to fetch
  const u = new URL(href, base);
  if (u.hostname !== ip || (u.port || (u.protocol === 'https:' ? '443' : '80')) !== String(port)) return null;
  if (u.protocol !== `${scheme}:`) return null;
  return (u.pathname + u.search).slice(0, 512);
}

/** Icon bytes of a reply: the body of a 200 that is not an HTML page. */
function iconBytes(data: Buffer): Buffer | null {
  const msg = splitMessage(data, /^HTTP\//i);
  if (!msg.startLine || !/^HTTP\/\S+\s+200/.test(msg.startLine)) return null;
  let body = msg.body;
  if (/chunked/i.test(header(msg.headers, 'transfer-encoding') ?? '')) body = dechunk(body);
  if (!body.length) return null;
  if (/^\s*<(!doctype|html)/i.test(body.subarray(0, 64).toString('latin1'))) return null;
  return body;
}

export async function fetchFavicons(ctx: ScanContext, ip: string, port: number, scheme: Scheme, iconHref?: string): Promise<void> {
  const paths = ['/favicon.ico'];
  const linked = iconHref ? sameHostPath(iconHref, ip, port, scheme) : null;
  if (linked && !paths.includes(linked)) paths.push(linked);
  for (const path of paths) {
    if (ctx.signal.aborted) return;
    const r = await get(ctx, MODULE, ip, port, scheme, path);
    const icon = r.data.length ? iconBytes(r.data.subarray(0, ICON_MAX + 64 * 1024)) : null;
    if (!icon) continue;
    const notes = [...r.notes];
    if (r.truncated) notes.push('icon truncated: hash covers the bytes kept');
    ctx.emit(
      makeObservation(
        ip,
        MODULE,
        {
          kind: 'favicon',
          fields: { path, scheme, mmh3: String(shodanFaviconHash(icon)), md5: createHash('md5').update(icon).digest('hex'), size: icon.length },
        },
        { port, notes },
      ),
    );
  }
}

/** Standalone form: uses the icon link from an earlier `http` observation when there is one. */
export const faviconModule: DiscoveryModule = {
  name: MODULE,
  description: 'Favicon hashes (Shodan mmh3 and MD5) of /favicon.ico and the linked icon',
  type: 'host',
  stage: 1,
  async probeHost(ctx: ScanContext, t: HostTarget): Promise<void> {
    for (const port of webPorts(t.openPorts)) {
      try {
        const seen = t.observations.find((o) => o.kind === 'http' && o.port === port && o.fields.path === '/');
        const scheme = (seen?.fields.scheme as Scheme | undefined) ?? (port === 443 || port === 8443 ? 'https' : 'http');
        await fetchFavicons(ctx, t.ip, port, scheme, typeof seen?.fields.iconHref === 'string' ? seen.fields.iconHref : undefined);
      } catch (e) {
        ctx.emit(makeObservation(t.ip, MODULE, probeOutcome(MODULE, 'error', failureNote(`port ${port}: favicon not read`, e)), { port }));
      }
    }
  },
};
