// What a fingerprint example's `source` must say: a public place the value can be checked (a URL, a
// repository path or thread, a named database entry, a standard), and which real captures it cites.
// Used by the self-test (test/fingerprint/self-test.test.ts); the forms are listed in docs/fingerprints.md.
import type { CaptureSet } from './captures.js';

export interface CaptureCitation {
  set: Exclude<CaptureSet, 'blind'>;
  name: string;
}

/** Rapid7 Recog database files (xml/<name>.xml), as an example source names them ("Recog http_servers"). */
const RECOG_FILES = [
  'apache_modules', 'apache_os', 'architecture', 'dhcp_vendor_class', 'dns_versionbind', 'favicons', 'ftp_banners',
  'h323_callresp', 'hp_pjl_id', 'html_title', 'http_cookies', 'http_servers', 'http_wwwauth', 'http_xpoweredby',
  'imap_banners', 'ldap_searchresult', 'mdns_device-info_txt', 'mdns_workstation_txt', 'mysql_banners', 'mysql_error',
  'nntp_banners', 'ntp_banners', 'operating_system', 'pop_banners', 'rsh_resp', 'rtsp_servers', 'sip_banners',
  'sip_user_agents', 'smb_native_lm', 'smb_native_os', 'smtp_banners', 'snmp_sysdescr', 'snmp_sysobjid', 'ssh_banners',
  'telnet_banners', 'tls_jarm', 'x11_banners', 'x509_issuers', 'x509_subjects',
];

const CAPTURE_NAME = '[a-z0-9]+(?:[-_.][a-z0-9]+)*';

/** Every form that names a public, checkable source. Order does not matter; one match is enough. */
const PUBLIC_SOURCE_FORMS: { what: string; re: RegExp }[] = [
  { what: 'URL', re: /\bhttps?:\/\/[^\s)]+\.[^\s)]+/i },
  { what: 'capture in the repository', re: new RegExp(`\\bcorpus ${CAPTURE_NAME}\\b|\\bcapture (?:shared|dev)/${CAPTURE_NAME}\\b|\\bfixtures/captures/(?:shared|dev)/${CAPTURE_NAME}`) },
  { what: 'Rapid7 Recog database entry', re: new RegExp(`\\bRecog\\b[^;]*?\\b(?:xml/)?(?:${RECOG_FILES.join('|')})(?:\\.xml)?\\b`) },
  { what: 'nmap database or script', re: /\bnmap-(?:service-probes|mac-prefixes|os-db|services)\b|\bnmap (?:scripts|nselib)\/[\w.-]+\.(?:nse|lua)\b/ },
  { what: 'nuclei template', re: /\bnuclei(?:-templates)?\b(?: template)? (?:[\w.-]+\/)*[a-z0-9]+(?:-[a-z0-9]+)+(?:\.ya?ml)?\b/ },
  // owner/repo followed by a thread (issue/PR/discussion/commit) or a file path inside it.
  { what: 'repository thread or file', re: /\b[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*\s+(?:(?:issue|issues|PR|pull|pull request|discussion|commit)\s*#?[0-9a-f]{1,40}\b|(?:[\w.-]+\/)*[\w.-]+\.[A-Za-z0-9]{1,10}\b)/ },
  { what: 'published standard', re: /\bRFC \d{3,5}\b|\bONVIF (?:Core|Streaming|Device IO|Media2?|Profile [A-Z]) Specification\b/ },
];

/** Captures an example source cites: `corpus <name>` (the shared set), `capture <set>/<name>`, a fixtures path. */
export function citedCaptures(source: string): CaptureCitation[] {
  const out: CaptureCitation[] = [];
  const re = new RegExp(`\\bcorpus (${CAPTURE_NAME})\\b|\\bcapture (shared|dev)/(${CAPTURE_NAME})\\b|\\bfixtures/captures/(shared|dev)/(${CAPTURE_NAME})`, 'g');
  for (const m of source.matchAll(re)) {
    if (m[1]) out.push({ set: 'shared', name: m[1].replace(/\.json$/, '') });
    else if (m[2]) out.push({ set: m[2] as 'shared' | 'dev', name: m[3]!.replace(/\.json$/, '') });
    else if (m[4]) out.push({ set: m[4] as 'shared' | 'dev', name: m[5]!.replace(/\.json$/, '') });
  }
  return out;
}

/** Null when the source names a public, checkable place; otherwise why it does not. */
export function sourceProblem(source: string): string | null {
  if (/\bblind\b/i.test(source) || /captures\/blind\//.test(source)) return 'cites the blind set, which no rule may be written from';
  if (PUBLIC_SOURCE_FORMS.some((f) => f.re.test(source))) return null;
  return `names no public source (one of: ${PUBLIC_SOURCE_FORMS.map((f) => f.what).join(', ')})`;
}

/** True when the example value occurs literally in the capture's payload (a string, or any string inside a JSON payload). */
export function occursInPayload(value: string, payload: unknown): boolean {
  if (typeof payload === 'string') return payload.includes(value);
  if (Array.isArray(payload)) return payload.some((p) => occursInPayload(value, p));
  if (payload && typeof payload === 'object') {
    return Object.entries(payload).some(([k, v]) => k.includes(value) || occursInPayload(value, v)) || JSON.stringify(payload).includes(value);
  }
  if (typeof payload === 'number' || typeof payload === 'boolean') return String(payload) === value;
  return false;
}
