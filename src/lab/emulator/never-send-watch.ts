// Recognises the requests policy.md §4.4 says a scanner must never send, in what a device RECEIVED, so the
// request log can prove a scan sent none. Independent of the scanner's own guard (src/probes/never-send.ts)
// on purpose: this is the device-side witness.

function decode(s: string): string {
  let out = s;
  for (let i = 0; i < 3; i++) {
    const next = out.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    if (next === out) break;
    out = next;
  }
  return out.toLowerCase();
}

/** Why this raw request (HTTP/RTSP bytes, or a UDP datagram) is on the never-send list, or undefined. */
export function neverSendReason(raw: Buffer | string): string | undefined {
  const text = decode((typeof raw === 'string' ? raw : raw.toString('latin1')).slice(0, 256 * 1024));
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const target = firstLine.split(/\s+/)[1] ?? '';
  if (/[?&;]auth=/.test(target)) return 'CVE-2017-7921 ?auth= bypass';
  if (/\/sdk\/weblanguage/.test(target.replace(/\/{2,}/g, '/'))) return 'CVE-2021-36260 /SDK/webLanguage';
  if (text.includes('global.login') && /netkeyboard|"logintype"\s*:\s*"loopback"|"ipaddr"\s*:\s*"127\./.test(text)) return 'CVE-2021-33044/33045 global.login bypass';
  return undefined;
}
