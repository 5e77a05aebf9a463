// What scanners print about a device, turned back into the message lines they were read from (unwrap.ts reads them):
// - WhatWeb: `http://x [401 Unauthorized] HTTPServer[App-webs/], Title[…], WWW-Authenticate[realm][Digest], …`, and its
//   verbose report (`WhatWeb report for http://x`, `Status : 200 OK`, `Title : …`, `Summary : …`, and the raw
//   `HTTP Headers:` block when it was kept);
// - masscan banners: `Banner on port 80/tcp on 10.0.0.5: [http] HTTP/1.1 200 OK\x0d\x0aServer: …` (and `[ssh]`,
//   `[title]`), the escapes undone;
// - Metasploit's http_version and ssh_version scanners: `[+] 10.0.0.5:80 App-webs/ ( … )`,
//   `[+] 10.0.0.5:22 - SSH server version: SSH-2.0-…`;
// - Nikto: `+ Server: App-webs/`, `+ Retrieved x-powered-by header: …`;
// - Nessus's web server type plugin: `The remote web server type is :` and the value under it;
// - nmap script results as D4-project's Plum-Island scanner posts them: a script name alone on its line
//   (`http-headers`, `http-title`, `ssl-cert`, `http-mm-sha-favicon`) and its output indented under it, `|` marks
//   dropped, non-ASCII bytes escaped (`\xC2\xA0`).
// Only what the device sent is taken back (server, realm, title, cookies' names, its SSH identification); the
// scanners' own conclusions (WhatWeb plugin names, Nessus product names) are not evidence and are left out.

import { titlePage } from './forms.js';
import { LINES_MAX } from './unwrap-limits.js';

const VALUE_MAX = 4096;

export interface ScannerMessage {
  text: string;
  hint: 'http' | 'rtsp' | 'tls' | 'favicon' | 'any';
  note: string;
}

const WHATWEB_LINE = /^(https?:\/\/\S{1,500}) \[(\d{3})(?: ([^\]]{0,60}))?\] (.{1,20000})$/;

/** `Name[v1][v2]` items of a WhatWeb line (values without brackets inside). */
function whatwebItems(rest: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of rest.matchAll(/(?:^|,\s*)([A-Za-z][\w-]{0,63})((?:\[[^\]\n]{0,2000}\])+)/g)) {
    if (out.has(m[1]!)) continue;
    out.set(m[1]!, [...m[2]!.matchAll(/\[([^\]\n]{0,2000})\]/g)].map((x) => x[1]!));
  }
  return out;
}

/** The message a WhatWeb result stands for: status line, the headers its items carry, the title as a page. */
function whatwebMessage(status: string, reason: string | undefined, items: Map<string, string[]>, title?: string): string | undefined {
  const lines = [`HTTP/1.1 ${status} ${reason ?? ''}`.trimEnd()];
  // HTTPServer[OS][string] when WhatWeb names the OS from the header: the header string is the last value.
  const server = items.get('HTTPServer')?.at(-1);
  if (server) lines.push(`Server: ${server}`);
  const auth = items.get('WWW-Authenticate');
  if (auth?.[0] !== undefined) lines.push(`WWW-Authenticate: ${auth[1] ?? 'Basic'} realm="${auth[0].replace(/"/g, '')}"`);
  const powered = items.get('X-Powered-By')?.[0];
  if (powered) lines.push(`X-Powered-By: ${powered}`);
  for (const c of items.get('Cookies') ?? []) if (/^[\w.-]{1,100}$/.test(c)) lines.push(`Set-Cookie: ${c}=`);
  const location = items.get('RedirectLocation')?.[0];
  if (location) lines.push(`Location: ${location}`);
  const t = title ?? items.get('Title')?.[0];
  if (lines.length === 1 && t === undefined) return undefined;
  return `${lines.join('\r\n')}\r\n\r\n${t !== undefined ? titlePage(t) : ''}`;
}

function whatweb(text: string): ScannerMessage[] {
  const out: ScannerMessage[] = [];
  for (const line of text.split('\n', LINES_MAX)) {
    const m = WHATWEB_LINE.exec(line.trim());
    if (!m) continue;
    const msg = whatwebMessage(m[2]!, m[3], whatwebItems(m[4]!));
    if (msg !== undefined) out.push({ text: msg, hint: 'http', note: 'decoded form: a WhatWeb result line (server, realm, title, cookie names; its plugin names left out)' });
  }
  return out;
}

const WHATWEB_REPORT = /^WhatWeb report for https?:\/\/\S{1,500}\s*$/;
const REPORT_FIELD = /^(Status|Title|Summary)\s*: ?(.{0,20000})$/;

/** A report's Title field; WhatWeb writes `<None>` for a page without one. */
const reportTitle = (t: string | undefined): string | undefined => (t === undefined || t === '' || t === '<None>' ? undefined : t);

/** WhatWeb's verbose report (-v): the raw `HTTP Headers:` block when kept, else status, title and summary items. */
function whatwebReports(text: string): ScannerMessage[] {
  const out: ScannerMessage[] = [];
  const lines = text.split('\n', LINES_MAX).map((l) => l.replace(/\r$/, ''));
  for (let i = 0; i < lines.length; i++) {
    if (!WHATWEB_REPORT.test(lines[i]!.trim())) continue;
    const fields = new Map<string, string>();
    let headers: string[] | undefined;
    let j = i + 1;
    for (; j < lines.length && !WHATWEB_REPORT.test(lines[j]!.trim()); j++) {
      const f = REPORT_FIELD.exec(lines[j]!);
      if (f && !fields.has(f[1]!)) fields.set(f[1]!, f[2]!.trim());
      if (lines[j]!.trim() === 'HTTP Headers:' && headers === undefined) {
        headers = [];
        for (let k = j + 1; k < lines.length && /^\s+\S/.test(lines[k]!) && headers.length < 200; k++) headers.push(lines[k]!.trim().slice(0, VALUE_MAX));
      }
    }
    if (headers && /^HTTP\/\d\.\d \d{3}\b/.test(headers[0] ?? '')) {
      const title = reportTitle(fields.get('Title'));
      const page = title !== undefined ? titlePage(title) : '';
      out.push({ text: `${headers.join('\r\n')}\r\n\r\n${page}`, hint: 'http', note: "decoded form: a WhatWeb verbose report's HTTP Headers block (and its title)" });
    } else {
      const status = /^(\d{3})(?: (.{1,60}))?$/.exec(fields.get('Status') ?? '');
      if (status) {
        const msg = whatwebMessage(status[1]!, status[2], whatwebItems(fields.get('Summary') ?? ''), reportTitle(fields.get('Title')));
        if (msg !== undefined) out.push({ text: msg, hint: 'http', note: 'decoded form: a WhatWeb verbose report (status, title, summary items; its plugin names left out)' });
      }
    }
    i = j - 1;
  }
  return out;
}

const MASSCAN = /^Banner on port (\d{1,5})\/(?:tcp|udp) on \S{1,64}: \[([\w-]{1,20})\] (.{0,20000})$/;

/** `\xHH` escapes (masscan banners, Plum-Island's nmap output) as the bytes they stand for, one char per byte. */
function unescapeBytes(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function masscan(text: string): ScannerMessage[] {
  const out: ScannerMessage[] = [];
  for (const line of text.split('\n', LINES_MAX)) {
    const m = MASSCAN.exec(line.trim());
    if (!m) continue;
    const [, , service, raw] = m;
    const value = unescapeBytes(raw!.slice(0, VALUE_MAX * 4));
    if (service === 'http' || service === 'rtsp' || service === 'ssh') out.push({ text: value, hint: service === 'rtsp' ? 'rtsp' : service === 'http' ? 'http' : 'any', note: `decoded form: a masscan [${service}] banner` });
    else if (service === 'title') out.push({ text: titlePage(value), hint: 'http', note: 'decoded form: a masscan [title] banner' });
  }
  return out;
}

const MSF_SSH = /^\[\+\] \S{1,80}:\d{1,5} - SSH server version: (SSH-\d\.\d{1,2}-\S.{0,200}?)(?: \( .{0,2000} \))?$/;
const MSF_HTTP = /^\[\+\] [\w.:[\]-]{1,80}:\d{1,5} (?!- )(.{1,500}?)(?: \( .{0,2000} \))?$/;

function metasploit(text: string): ScannerMessage[] {
  const out: ScannerMessage[] = [];
  for (const line of text.split('\n', LINES_MAX)) {
    const t = line.trim();
    const ssh = MSF_SSH.exec(t);
    if (ssh) {
      out.push({ text: ssh[1]!.trim(), hint: 'any', note: "decoded form: Metasploit ssh_version's line (the server's identification)" });
      continue;
    }
    const http = MSF_HTTP.exec(t);
    if (http && !/^(?:Scanned|Auxiliary|Running|The |No |Found )/.test(http[1]!)) out.push({ text: `Server: ${http[1]!.trim()}`, hint: 'http', note: "decoded form: Metasploit http_version's line (the Server header)" });
  }
  return out;
}

function nikto(text: string): ScannerMessage[] {
  if (!/^\+ Target (?:IP|Hostname|Port):/m.test(text)) return [];
  const lines: string[] = [];
  for (const line of text.split('\n', LINES_MAX)) {
    const server = /^\+ Server: (.{1,2000})$/.exec(line.trim());
    if (server && !/^No banner retrieved/i.test(server[1]!)) lines.push(`Server: ${server[1]!.trim()}`);
    const header = /^\+ Retrieved ([\w-]{1,63}) header: (.{1,2000})$/.exec(line.trim());
    if (header) lines.push(`${header[1]}: ${header[2]!.trim()}`);
  }
  return lines.length ? [{ text: lines.join('\r\n'), hint: 'http', note: "decoded form: Nikto's Server and retrieved-header lines" }] : [];
}

function nessus(text: string): ScannerMessage[] {
  const m = /The remote web server type is :\s*\n(?:\s*\n)?\s*(\S.{0,2000})$/m.exec(text);
  return m ? [{ text: `Server: ${m[1]!.trim()}`, hint: 'http', note: "decoded form: Nessus's web server type (the Server header)" }] : [];
}

const PLUM_SCRIPTS = new Set(['http-headers', 'http-title', 'ssl-cert', 'http-mm-sha-favicon']);
const PLUM_SCRIPT_LINE = new RegExp(`^(?:${[...PLUM_SCRIPTS].join('|')})\\r?$`, 'm');
const DN_KEYS: Record<string, string> = { CN: 'CN', Org: 'O', OrgUnit: 'OU', Country: 'C', State: 'ST', Locality: 'L', commonName: 'CN', organizationName: 'O', organizationalUnitName: 'OU', countryName: 'C', stateOrProvinceName: 'ST', localityName: 'L' };

/** `\xHH` escapes of UTF-8 bytes undone (a no-break space read as a space). */
function unescapeUtf8(s: string): string {
  if (!/\\x[0-9a-fA-F]{2}/.test(s)) return s;
  return Buffer.from(unescapeBytes(s), 'latin1').toString('utf8').replace(/\u00a0/g, ' ');
}

/** The script blocks of a Plum-Island post: name → its indented lines (indent kept). */
function plumBlocks(text: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let cur: string[] | null = null;
  for (const raw of text.split('\n', LINES_MAX)) {
    const line = raw.replace(/\r$/, '');
    const name = line.trim();
    if (line === name && PLUM_SCRIPTS.has(name)) {
      cur = [];
      if (!blocks.has(name)) blocks.set(name, cur);
      continue;
    }
    // A line at column 0 that is not a known script name ends a block, except under ssl-cert and http-title.
    if (cur && line && line === name && !['Subject', 'Issuer'].includes(name) && blocks.get('http-title') !== cur) cur = null;
    if (cur) cur.push(line);
  }
  return blocks;
}

function plumIsland(text: string): ScannerMessage[] {
  if (!PLUM_SCRIPT_LINE.test(text)) return [];
  const blocks = plumBlocks(text);
  const out: ScannerMessage[] = [];
  const headers = (blocks.get('http-headers') ?? [])
    .map((l) => unescapeUtf8(l.trim()))
    .filter((l) => /^[\w-]{1,63}: ?\S/.test(l) && !/^\(Request type/.test(l))
    .map((l) => l.slice(0, VALUE_MAX));
  const title = (blocks.get('http-title') ?? []).map((l) => l.trim()).find((l) => l);
  if (headers.length || title !== undefined) {
    // nmap's http-headers does not print the status line: the reply is given one so the header lines read as a reply.
    const head = ['HTTP/1.1 200 OK', ...headers].join('\r\n');
    out.push({ text: `${head}\r\n\r\n${title !== undefined ? titlePage(unescapeUtf8(title).slice(0, 200)) : ''}`, hint: 'http', note: "decoded form: nmap http-headers/http-title as Plum-Island posts them (status line supplied)" });
  }
  const cert = blocks.get('ssl-cert');
  if (cert) {
    const dn: Record<'subject' | 'issuer', string[]> = { subject: [], issuer: [] };
    let part: 'subject' | 'issuer' | null = null;
    for (const l of cert) {
      const t = l.trim();
      if (t === 'Subject' || t === 'Issuer') part = t === 'Subject' ? 'subject' : 'issuer';
      const m = /^([A-Za-z]{1,30}): (.{1,500})$/.exec(t);
      if (part && m && DN_KEYS[m[1]!]) dn[part].push(`${DN_KEYS[m[1]!]} = ${unescapeUtf8(m[2]!.trim())}`);
    }
    const lines = (['subject', 'issuer'] as const).filter((k) => dn[k].length).map((k) => `${k}=${dn[k].join(', ')}`);
    if (lines.length) out.push({ text: lines.join('\n'), hint: 'tls', note: "decoded form: nmap ssl-cert as Plum-Island posts it (subject and issuer)" });
  }
  const fav = (blocks.get('http-mm-sha-favicon') ?? []).map((l) => l.trim());
  const mmh3 = fav.map((l) => /^favicon_mmhash: (-?\d{1,11})$/.exec(l)?.[1]).find(Boolean);
  const md5 = fav.map((l) => /^favicon_md5: ([0-9a-f]{32})$/i.exec(l)?.[1]).find(Boolean);
  if (mmh3 || md5) out.push({ text: [mmh3 ? `mmh3: ${mmh3}` : '', md5 ?? ''].filter(Boolean).join('\n'), hint: 'favicon', note: 'decoded form: nmap http-mm-sha-favicon as Plum-Island posts it' });
  return out;
}

/** What the scanners above print, as messages; [] when the text is none of their outputs. */
export function scannerMessages(text: string): ScannerMessage[] {
  const t = text.length > 2 * 1024 * 1024 ? text.slice(0, 2 * 1024 * 1024) : text;
  return [...whatweb(t), ...whatwebReports(t), ...masscan(t), ...metasploit(t), ...nikto(t), ...nessus(t), ...plumIsland(t)].slice(0, 64);
}
