// Service banners that say who made a box although they are not camera protocols: the FTP greeting, the
// Telnet login banner, the SSH identification string, SNMP sysDescr/sysObjectID/sysName, SIP Server and
// User-Agent, DHCP client options (vendor class, host name, parameter request list). Values follow Rapid7
// Recog's conventions so its patterns read them unchanged (ssh.banner is the part after "SSH-x.y-",
// ftp.banner the greeting after the reply code, telnet.banner trimmed of CR/LF/space at both ends).
// Each reader takes the wire text or a tool's rendering of it (snmpwalk/snmpget, tcpdump/dhcpdump/Wireshark
// text, JSON with the option names); `bare` says the caller already knows the text IS that one value
// (a Recog example, an identify sample labelled `ssh_banners`), so no framing is required.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parseFailure } from './failure.js';
import { continuedHex, continuedString, hexText, snmprecRecords, type SnmprecRecord } from './snmp-text.js';

const INPUT_MAX = 64 * 1024;
const VALUE_MAX = 1024;
const LINES_MAX = 20;

// eslint-disable-next-line no-control-regex
const printable = (s: string): boolean => !/[\x00-\x08\x0e-\x1f\x7f]/.test(s);
const cut = (s: string, n = VALUE_MAX): string => (s.length > n ? s.slice(0, n) : s);
const head = (text: string): string => (text.length > INPUT_MAX ? text.slice(0, INPUT_MAX) : text);

/** A one-line value as a caller hands it (trimmed; nothing when empty, multi-line beyond reason, or binary). */
function bareValue(text: string): string | null {
  const v = text.trim();
  if (!v || v.length > VALUE_MAX || !printable(v.replace(/[\r\n\t]/g, ' '))) return null;
  return v;
}

// ---- SSH ----

/** `SSH-2.0-HUAWEI-1.5` anywhere in the first lines (RFC 4253 §4.2 lets a server send lines before it). */
export function sshBanner(input: string, bare = false): ParsedEvidence[] {
  const text = head(input);
  const m = /^SSH-(\d+\.\d+)-([^\r\n]{1,255})/m.exec(text.slice(0, 8192));
  if (m) return [{ kind: 'ssh', fields: { banner: m[2]!.trim(), protocolVersion: m[1]!, line: m[0].trim() } }];
  const v = bare ? bareValue(text) : null;
  if (v && !v.includes('\n')) return [{ kind: 'ssh', fields: { banner: v }, notes: ['decoded form: SSH software version only (no SSH-x.y- prefix)'] }];
  return bare ? sshLoginText(text) : [];
}

/**
 * The text an SSH session printed around its login (the server's authentication banner, or the system banner a
 * session transcript shows after the password prompt) when no identification string is in it: several lines of
 * printable text, kept apart from `banner` (Recog's identification-string convention) as `loginBanner`.
 */
function sshLoginText(text: string): ParsedEvidence[] {
  const t = stripAnsi(text).replace(/^[\r\n\s]+|[\r\n\s]+$/g, '');
  if (!t || t.length > 4096 || !t.includes('\n') || !printable(t.replace(/[\r\n\t]/g, ' '))) return [];
  return [{ kind: 'ssh', fields: { loginBanner: t }, notes: ['decoded form: SSH login text, no identification string'] }];
}

/** Terminal control sequences a CLI writes between banner lines (ECMA-48 CSI such as `ESC[24;1H`, two-byte ESC codes). */
function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]{0,32}[@-~]|\x1b[@-Z\\-_]/g, '');
}

// ---- FTP ----

/** FTP greeting `220 <text>` / `220-<text>` continuation lines; SMTP's 220 greeting is not FTP. */
export function ftpBanner(input: string, bare = false): ParsedEvidence[] {
  const text = head(input).replace(/^\ufeff/, '');
  const lines = text.split(/\r?\n/).slice(0, 200);
  const first = /^([1-5]\d\d)([ -])(.*)$/.exec(lines[0]?.trimEnd() ?? '');
  if (first && !(/\b(?:E?SMTP|Postfix|Sendmail|Exim|mail)\b/i.test(first[3]!) && !/\bFTP\b/i.test(first[3]!))) {
    const code = Number(first[1]);
    const kept: string[] = [];
    for (const l of lines) {
      const m = new RegExp(`^${first[1]}[ -](.*)$`).exec(l.trimEnd());
      if (!m) {
        if (kept.length && l.trim()) kept.push(cut(l.trim()));
        else if (kept.length) break;
        continue;
      }
      kept.push(cut(m[1]!.trim()));
      if (l[3] === ' ') break;
      if (kept.length >= LINES_MAX) break;
    }
    const f: Fields = { code, banner: kept[0] ?? '', line: cut(lines[0]!.trim()) };
    if (kept.length > 1) f.lines = kept.slice(0, LINES_MAX);
    return [{ kind: 'ftp', fields: f }];
  }
  const v = bare ? bareValue(text) : null;
  return v && !v.includes('\n') ? [{ kind: 'ftp', fields: { banner: v }, notes: ['decoded form: FTP greeting only (no reply code)'] }] : [];
}

// ---- Telnet ----

/** Telnet option negotiation (IAC = 0xFF, read as latin1/U+00FF): dropped before the text is read. */
function stripIac(s: string): string {
  return s.replace(/\u00ff[\u00fb-\u00fe][\s\S]|\u00ff\u00fa[\s\S]{0,64}?\u00ff\u00f0|\u00ff[\u00f0-\u00f9\u00ff]/g, '');
}

const LOGIN_PROMPT = /(?:^|[\s:>])(?:log ?in|username|user name|user|password|passcode)\s*[:>]\s*$/i;

/** A login banner: the text a Telnet server sends before its prompt. Sniffed only when it ends at a prompt. */
export function telnetBanner(input: string, bare = false): ParsedEvidence[] {
  const raw = head(input);
  const hadIac = raw.includes('\u00ff');
  const text = stripAnsi(stripIac(raw)).replace(/\0/g, '');
  const banner = text.replace(/^[\r\n\s]+|[\r\n\s]+$/g, '');
  if (!banner || !printable(banner.replace(/[\r\n\t]/g, ' '))) return [];
  if (!bare && !hadIac && !LOGIN_PROMPT.test(banner)) return [];
  const f: Fields = { banner: cut(banner, 4096) };
  const prompt = /([^\r\n]*)$/.exec(banner)?.[1]?.trim();
  if (prompt && LOGIN_PROMPT.test(prompt)) f.prompt = cut(prompt, 256);
  return [{ kind: 'telnet', fields: f, ...(hadIac ? { notes: ['telnet option negotiation bytes removed'] } : {}) }];
}

// ---- SNMP ----

const SYS_OIDS: Record<string, 'sysDescr' | 'sysObjectID' | 'sysName' | 'sysContact' | 'sysLocation'> = {
  '1': 'sysDescr',
  '2': 'sysObjectID',
  '4': 'sysContact',
  '5': 'sysName',
  '6': 'sysLocation',
};

const SYS_NAMES: Record<string, string> = { sysdescr: 'sysDescr', sysobjectid: 'sysObjectID', sysname: 'sysName', syscontact: 'sysContact', syslocation: 'sysLocation' };

/**
 * `SNMPv2-SMI::enterprises.39165.1.1` / `iso.3.6.1.4.1.39165.1.1` / `.1.3.6.1.4.1.39165` /
 * `.iso.org.dod.internet.private.enterprises.39165.1.1` (-Of) → dotted numeric OID.
 */
export function numericOid(v: string): string {
  let s = v.trim().replace(/^"|"$/g, '');
  s = s
    .replace(/^(?:SNMPv2-SMI::)?enterprises\./i, '1.3.6.1.4.1.')
    .replace(/^\.?iso\.org\.dod\.internet\.private\.enterprises\./i, '1.3.6.1.4.1.') // snmpwalk -Of
    .replace(/^iso\./i, '1.')
    .replace(/^\./, '');
  return s;
}

/**
 * snmpwalk / snmpget / Net-SNMP style `name = TYPE: value` lines for the system group; a STRING that goes on over
 * the next lines (a quoted value up to its closing quote, an unquoted one up to the next object or a blank line) and
 * a printable `Hex-STRING` are read whole (snmp-text.ts). snmpsim record lines (`OID|tag|value`) fill what the
 * printed lines did not.
 */
function snmpLines(text: string): Fields {
  const f: Fields = {};
  // Names as Net-SNMP prints them: the module (`SNMPv2-MIB::`), none, or the full path of -Of
  // (`.iso.org.dod.internet.mgmt.mib-2.system.sysDescr.0`).
  const re = /^\s*(?:SNMPv2-MIB::|RFC1213-MIB::|\.?iso\.org\.dod\.internet\.mgmt\.mib-2\.system\.)?(?:(sysDescr|sysObjectID|sysName|sysContact|sysLocation)|(?:iso|\.?1)\.3\.6\.1\.2\.1\.1\.([12456]))(?:\.0)?\s*=\s*(?:(STRING|OID|Hex-STRING|OCTET STRING|OBJECT IDENTIFIER)\s*:\s*)?(.*)$/gim;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) && n++ < 50) {
    const key = m[1] ? SYS_NAMES[m[1].toLowerCase()]! : SYS_OIDS[m[2]!]!;
    if (f[key] !== undefined) continue;
    let v = m[4]!.trim();
    if (key === 'sysObjectID') {
      f[key] = cut(numericOid(v));
      continue;
    }
    const rest = (): string[] => text.slice(re.lastIndex, re.lastIndex + 8192).split('\n').slice(1);
    if (m[3]?.toLowerCase() === 'hex-string') v = hexText(continuedHex(v, rest())) ?? v;
    else v = continuedString(v, rest()).trim();
    if (/^"[\s\S]*"$/.test(v)) v = v.slice(1, -1);
    f[key] = cut(v);
  }
  const rec = snmprecRecords(text);
  for (const r of rec) {
    const sys = /^1\.3\.6\.1\.2\.1\.1\.([12456])\.0$/.exec(r.oid);
    if (!sys) continue;
    const key = SYS_OIDS[sys[1]!]!;
    if (f[key] === undefined && r.value.trim()) f[key] = cut(key === 'sysObjectID' ? numericOid(r.value) : r.value.trim());
  }
  const ents = enterpriseOids(text, rec);
  if (ents.length) f.enterpriseOids = ents;
  const ifs = ifDescrs(text, rec);
  if (ifs.length) f.ifDescr = ifs;
  return f;
}

/**
 * Interface names from an IF-MIB walk (`ifDescr.268435456 = gpon-olt_1/1/1`, `IF-MIB::ifDescr.1 = STRING: …`,
 * `.1.3.6.1.2.1.2.2.1.2.1 = STRING: …`): some makers name their ports in a form of their own (ZTE OLTs'
 * `gpon-olt_<rack>/<shelf>/<slot>`). Distinct, first seen first, at most 8, each cut.
 */
function ifDescrs(text: string, rec: readonly SnmprecRecord[]): string[] {
  const out: string[] = [];
  for (const r of rec) {
    if (out.length >= 8) break;
    const v = cut(r.value.trim());
    if (/^1\.3\.6\.1\.2\.1\.2\.2\.1\.2\.\d{1,12}$/.test(r.oid) && v && !out.includes(v)) out.push(v);
  }
  const re = /^\s*(?:(?:IF-MIB::|RFC1213-MIB::)?ifDescr|(?:iso|\.?1)\.3\.6\.1\.2\.1\.2\.2\.1\.2)\.\d{1,12}\s*=\s*(?:(?:STRING|OCTET STRING)\s*:\s*)?(.+)$/gim;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) && n++ < 500 && out.length < 8) {
    let v = m[1]!.trim();
    if (/^".*"$/s.test(v)) v = v.slice(1, -1);
    v = cut(v);
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * The private-enterprise subtrees (`1.3.6.1.4.1.<N>`) whose objects a walk or get printed as answered
 * (`.1.3.6.1.4.1.39165.1.1.0 = STRING: …`): the agent implements that enterprise's MIB. Distinct, first seen first, at most 8.
 */
function enterpriseOids(text: string, rec: readonly SnmprecRecord[]): string[] {
  const out: string[] = [];
  for (const r of rec) {
    const e = /^1\.3\.6\.1\.4\.1\.(\d{1,10})(?:\.(\d{1,10}))?(?:\.|$)/.exec(r.oid);
    const oid = e ? subtree(e[1]!, e[2]) : '';
    if (oid && out.length < 8 && !out.includes(oid)) out.push(oid);
  }
  const re = /^\s*(?:SNMPv2-SMI::enterprises|\.?iso\.org\.dod\.internet\.private\.enterprises|(?:iso|\.?1)\.3\.6\.1\.4\.1)\.(\d{1,10})(?:\.(\d{1,10}))?(?:\.\d+)*\s*=\s*(?!No Such|No more)/gim;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) && n++ < 500 && out.length < 8) {
    const oid = subtree(m[1]!, m[2]);
    if (!out.includes(oid)) out.push(oid);
  }
  return out;
}

/**
 * Branches of one enterprise number that another maker's agents answer: Huawei's 2011.10 is the Huawei-3Com (now
 * H3C) branch, where Comware gear of the joint venture kept its MIBs before H3C's own number 25506. Such a subtree
 * is kept with its branch so a rule can tell it from the enterprise's own.
 */
const FOREIGN_BRANCHES: Readonly<Record<string, readonly string[]>> = { '2011': ['10'] };

function subtree(enterprise: string, branch: string | undefined): string {
  const base = `1.3.6.1.4.1.${enterprise}`;
  return branch !== undefined && FOREIGN_BRANCHES[enterprise]?.includes(branch) ? `${base}.${branch}` : base;
}

export function snmpSystem(input: string, bare: 'sysDescr' | 'sysObjectID' | false = false): ParsedEvidence[] {
  const text = head(input);
  const f = snmpLines(text);
  if (Object.keys(f).length) return [{ kind: 'snmp', fields: f }];
  if (!bare) return [];
  const v = bareValue(text);
  if (!v) return [];
  if (bare === 'sysObjectID') {
    // Recog's sysObjectID examples carry the OID, then sometimes the sysDescr after a space.
    const m = /^((?:\.?\d+)(?:\.\d+)+|(?:SNMPv2-SMI::)?enterprises\.[\d.]+|iso\.[\d.]+)(?:\s+(.+))?$/s.exec(v);
    if (!m) return [];
    const out: Fields = { sysObjectID: numericOid(m[1]!) };
    if (m[2]) out.sysDescr = cut(m[2].trim());
    return [{ kind: 'snmp', fields: out, notes: ['decoded form: sysObjectID value only'] }];
  }
  return [{ kind: 'snmp', fields: { sysDescr: v }, notes: ['decoded form: sysDescr value only'] }];
}

// ---- SIP ----

const SIP_START = /^(?:SIP\/2\.0\s+\d{3}\b|[A-Z]+\s+sips?:\S+\s+SIP\/2\.0)/;

/** A SIP response or request: Server and User-Agent headers (no compact forms exist for either). */
export function sipMessage(input: string, bare: 'server' | 'userAgent' | false = false): ParsedEvidence[] {
  const text = head(input).replace(/^\s+/, '');
  if (SIP_START.test(text)) {
    const lines = text.split(/\r?\n/);
    const f: Fields = { statusLine: cut(lines[0]!.trim(), 256) };
    const status = /^SIP\/2\.0\s+(\d{3})/.exec(lines[0]!);
    if (status) f.status = Number(status[1]);
    const names: string[] = [];
    for (const l of lines.slice(1, 200)) {
      if (!l.trim()) break;
      const m = /^([A-Za-z][\w-]{0,63})\s*:\s*(.*)$/.exec(l);
      if (!m) continue;
      names.push(m[1]!);
      const k = m[1]!.toLowerCase();
      if (k === 'server' && f.server === undefined) f.server = cut(m[2]!.trim());
      if (k === 'user-agent' && f.userAgent === undefined) f.userAgent = cut(m[2]!.trim());
    }
    f.headerNames = names.slice(0, 64);
    return [{ kind: 'sip', fields: f }];
  }
  if (!bare) return [];
  const v = bareValue(text);
  return v && !v.includes('\n') ? [{ kind: 'sip', fields: { [bare]: v }, notes: [`decoded form: SIP ${bare === 'server' ? 'Server' : 'User-Agent'} value only`] }] : [];
}

// ---- DHCP ----

/** Option 55 as Fingerbank writes it: decimal option codes joined by commas. */
function paramList(v: string): string | undefined {
  const nums = [...v.matchAll(/\((\d{1,3})\)|\b(\d{1,3})\b/g)].map((m) => m[1] ?? m[2]).filter((n): n is string => !!n && Number(n) <= 255);
  return nums.length ? nums.slice(0, 64).join(',') : undefined;
}

const unquote = (s: string): string => s.trim().replace(/^"(.*)"$/s, '$1');

/**
 * DHCP client options from tcpdump -v (`Vendor-Class (60), length 13: "MSFT 5.0"`), dhcpdump
 * (`OPTION:  60 ( 14) Vendor class identifier   udhcp 1.19.4`), Wireshark text (`Vendor class identifier: x`,
 * `Parameter Request List Item: (1) Subnet Mask`), or `key=value` / JSON keys (vendor_class, hostname,
 * dhcp_fingerprint as Fingerbank names them).
 */
export function dhcpOptions(input: string, bare: 'vendorClass' | false = false): ParsedEvidence[] {
  const text = head(input);
  const f: Fields = {};
  const set = (k: 'vendorClass' | 'hostname' | 'paramList', v: string | undefined): void => {
    if (v === undefined || f[k] !== undefined) return;
    const t = unquote(v);
    if (t) f[k] = cut(t);
  };
  // tcpdump -v: `Vendor-Class (60), length 13: "MSFT 5.0"` / `Vendor-Class Option 60, length 13: "x"`.
  set('vendorClass', /Vendor-Class(?: Option)? \(?60\)?, length \d+: (.+)/i.exec(text)?.[1]);
  set('hostname', /Hostname(?: Option)? \(?12\)?, length \d+: (.+)/i.exec(text)?.[1]);
  const tdPrl = /Parameter-Request(?: Option)? \(?55\)?, length \d+:\s*([\s\S]{0,2000}?)(?:\n\s*[A-Z][\w-]+(?: Option)? \(?\d+\)?, length|\n\s*$|$)/i.exec(text)?.[1];
  // dhcpdump: `OPTION:  60 ( 14) Vendor class identifier   udhcp 1.19.4`.
  set('vendorClass', /OPTION:\s+60\s+\(\s*\d+\)\s+Vendor class identifier\s+(.+)/i.exec(text)?.[1]);
  set('hostname', /OPTION:\s+12\s+\(\s*\d+\)\s+Host ?name\s+(.+)/i.exec(text)?.[1]);
  const ddPrl = /OPTION:\s+55\s+\(\s*\d+\)\s+Parameter Request List\s+([\s\S]{0,3000}?)(?:\n\s*OPTION:|\n-{5}|$)/i.exec(text)?.[1];
  // Wireshark text decode.
  set('vendorClass', /^\s*Vendor class identifier:\s*(.+)$/im.exec(text)?.[1]);
  set('hostname', /^\s*Host ?Name:\s*(.+)$/im.exec(text)?.[1]);
  const wsItems = [...text.matchAll(/Parameter Request List Item:\s*\((\d{1,3})\)/gi)].map((m) => m[1]!);
  // key=value / "key": "value" (Fingerbank-style records, dnsmasq/ISC logs).
  const kv = (names: string): string | undefined =>
    new RegExp(`["']?(?:${names})["']?\\s*[:=]\\s*("[^"\\n]{0,1024}"|'[^'\\n]{0,1024}'|[^,;\\n}]{1,1024})`, 'i').exec(text)?.[1]?.replace(/^'(.*)'$/s, '$1');
  set('vendorClass', kv('vendor_class(?:_id(?:entifier)?)?|vendorClass(?:Identifier)?|vendor-class(?:-identifier)?|option[_ ]?60|vci'));
  set('hostname', kv('host_?name|client_hostname|option[_ ]?12'));
  const kvPrl = kv('dhcp_fingerprint|param(?:eter)?_?(?:request_)?list|prl|option[_ ]?55');
  const prl = tdPrl ? paramList(tdPrl.replace(/\b(?:Option|length)\b[^:]*:/gi, '')) : ddPrl ? paramList(ddPrl.split('\n').map((l) => /^\s*(\d{1,3})\b/.exec(l)?.[1] ?? '').join(' ')) : wsItems.length ? wsItems.join(',') : kvPrl ? paramList(unquote(kvPrl)) : undefined;
  // tcpdump prints option names, not numbers, for option 55: keep the names when no number was given.
  if (prl) f.paramList = prl;
  else if (tdPrl) f.paramList = cut(tdPrl.replace(/\s+/g, ' ').trim());
  if (Object.keys(f).length) return [{ kind: 'dhcp', fields: f }];
  if (!bare) return [];
  const v = bareValue(text);
  return v && !v.includes('\n') ? [{ kind: 'dhcp', fields: { vendorClass: v }, notes: ['decoded form: vendor class value only'] }] : [];
}

/** Every banner form at once, each reader guarded: what parses is kept, a reader that throws leaves a note. */
export function sniffBanners(input: string): ParsedEvidence[] {
  const out: ParsedEvidence[] = [];
  for (const [name, fn] of [
    ['ssh', sshBanner],
    ['ftp', ftpBanner],
    ['sip', sipMessage],
    ['snmp', snmpSystem],
    ['dhcp', dhcpOptions],
    ['telnet', telnetBanner],
  ] as const) {
    try {
      out.push(...fn(input));
    } catch (e) {
      out.push(parseFailure(`banner/${name}`, input, e));
    }
  }
  return out;
}

/** The parser contract (docs/observations.md): every banner form of one service reply. */
export function parse(input: Buffer | string): ParsedEvidence[] {
  return sniffBanners(typeof input === 'string' ? input : input.subarray(0, INPUT_MAX).toString('latin1'));
}
