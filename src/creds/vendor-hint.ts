// Whether what a host showed (not what we asked it) hints at a vendor. The vendor-path probe records its own
// request path (`/cgi-bin/magicBox.cgi…`, `/ISAPI/…`) in the observation; matching on that made every web host
// "look Dahua/Hikvision" and offered it the user's credentials for another maker.
import type { Observation } from '../core/observation.js';

/** Fields that echo our own request, not the device's reply. */
const OWN_REQUEST_FIELDS = new Set(['path', 'probe', 'method', 'url']);

export function replyText(o: Observation, max = 4000): string {
  const shown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o.fields)) if (!OWN_REQUEST_FIELDS.has(k)) shown[k] = v;
  return JSON.stringify(shown).slice(0, max);
}

/** True when a reply (never our request) matches `pattern`, or an observation of one of `kinds` exists. */
export function hostShows(observations: readonly Observation[], kinds: readonly string[], pattern: RegExp): boolean {
  return observations.some((o) => kinds.includes(o.kind) || (o.kind !== 'credential' && pattern.test(replyText(o))));
}

/**
 * True when the vendor path under `prefix` exists on this host: it answered 200/401/403 while another path on the
 * same port answered 404. A device that challenges every path (e.g. Axis) or closes on every path shows nothing.
 */
export function vendorPathAnswered(observations: readonly Observation[], prefix: string): boolean {
  const http = observations.filter((o) => o.kind === 'http' && typeof o.fields.path === 'string');
  return http.some(
    (o) =>
      String(o.fields.path).startsWith(prefix) &&
      [200, 401, 403].includes(Number(o.fields.status)) &&
      http.some((x) => x.port === o.port && !String(x.fields.path).startsWith(prefix) && Number(x.fields.status) === 404),
  );
}
