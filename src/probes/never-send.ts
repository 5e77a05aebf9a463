// The never-send guard (policy.md §4.4). Every outgoing request of the probes passes through here,
// as the exact bytes that would go on the wire; anything on the list is refused, never sent.
// The list: CVE-2017-7921 `?auth=` magic bypass, CVE-2021-36260 `/SDK/webLanguage` injection,
// CVE-2021-33044/33045 `global.login` with NetKeyboard/Loopback/127.0.0.1, and any credentials
// (stage-1 probes never authenticate, so there is nothing to guess with).

export interface GuardVerdict {
  allowed: boolean;
  reason?: string;
}

export class NeverSendError extends Error {
  constructor(readonly reason: string) {
    super(`refused by never-send guard: ${reason}`);
  }
}

function decodeAll(s: string): string {
  let out = s;
  // Undo percent-encoding a few times, so `%2561uth=` style double encoding does not slip through. Byte by byte
  // (each %XX one character): the list is ASCII, and a malformed escape or broken UTF-8 cannot stop the decoding.
  for (let i = 0; i < 3; i++) {
    const next = out.replace(/\+/g, ' ').replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    if (next === out) break;
    out = next;
  }
  return out.toLowerCase();
}

/** Inspects one raw request (HTTP, RTSP or a SOAP POST), exactly as it would be written. */
export function inspectRequest(raw: Buffer | string): GuardVerdict {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  // Nothing written (a TLS handshake alone) sends no request.
  if (!text.length) return { allowed: true };
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const [method = '', target = ''] = firstLine.split(/\s+/);
  const path = decodeAll(target).replace(/\/{2,}/g, '/');
  const all = decodeAll(text);
  const m = method.toUpperCase();
  if (/[?&;]auth=/.test(path)) return { allowed: false, reason: 'CVE-2017-7921 ?auth= bypass' };
  if (path.includes('/sdk/weblanguage')) return { allowed: false, reason: 'CVE-2021-36260 /SDK/webLanguage' };
  if (all.includes('global.login') && /netkeyboard|loopback|"ipaddr"\s*:\s*"127\./.test(all)) {
    return { allowed: false, reason: 'CVE-2021-33044/33045 global.login bypass' };
  }
  if (all.includes('global.login')) return { allowed: false, reason: 'login attempt (stage-1 probes never log in)' };
  if (/^(authorization|proxy-authorization)\s*:/m.test(all)) return { allowed: false, reason: 'credentials in a pre-auth probe' };
  if (/<wsse:security|<(\w+:)?usernametoken/.test(all)) return { allowed: false, reason: 'credentials in a pre-auth probe' };
  if (/\$\(|`/.test(all) && m !== 'OPTIONS') return { allowed: false, reason: 'shell metacharacters in request' };
  if (path.includes('/current_config/passwd') || path.includes('..')) return { allowed: false, reason: 'credential disclosure / traversal path' };
  if (!['GET', 'HEAD', 'OPTIONS', 'DESCRIBE', 'POST'].includes(m)) return { allowed: false, reason: `method ${m || '(none)'} not allowed` };
  return { allowed: true };
}

/** Throws NeverSendError when the request is on the list. */
export function assertAllowed(raw: Buffer | string): void {
  const v = inspectRequest(raw);
  if (!v.allowed) throw new NeverSendError(v.reason ?? 'refused');
}

/** For structured (axios) requests: composes the wire form and inspects it. */
export function inspectParts(p: { method: string; url: string; headers?: Record<string, string>; body?: string }): GuardVerdict {
  let pathPart = p.url; // a bare path
  if (URL.canParse(p.url)) {
    const u = new URL(p.url);
    pathPart = u.pathname + u.search;
  }
  const head = Object.entries(p.headers ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return inspectRequest(`${p.method.toUpperCase()} ${pathPart} HTTP/1.1\r\n${head}\r\n\r\n${p.body ?? ''}`);
}
