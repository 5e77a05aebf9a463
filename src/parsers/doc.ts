// Vendor API shapes and identity keys in any document a device hands out: an ISAPI XML document (any
// root: deviceInfo, userCheck, StreamingChannelList, ResponseStatus …), a Dahua RPC2 / RPC2_Login JSON reply,
// Dahua CGI key=value, a Xiongmai Sofia (DVRIP) JSON reply, a Uniview LAPI JSON envelope, and the identity
// keys (Manufacturer, Vendor, DeviceModel, FirmwareVersion, SerialNumber, DeviceType, HardwareId …) in JSON,
// XML, key=value, `Key: value` or Python-dict form, whole or cut off. One `doc` observation per document
// (docs/observations.md): `shape` names the API, the identity fields are what the document says about
// itself. Values are kept as sent; which of them name a maker is for the rules (fingerprints/rules/doc.json)
// to decide: a broad value (Manufacturer "ONVIF", "General", "NONE", "H264") names nobody.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parseFailure } from './failure.js';
import { parseJsonish } from './lenient.js';
import { decodeBasicEntities } from './xml-safe.js';

export const DOC_INPUT_MAX = 256 * 1024;
const PAIRS_MAX = 400;
const VALUE_MAX = 256;
const KEYS_MAX = 64;
const DEPTH_MAX = 10;

export type DocFormat = 'xml' | 'json' | 'truncated json' | 'dict repr' | 'truncated dict repr' | 'key=value' | 'key: value';

interface Facts {
  format: DocFormat;
  /** (key, scalar value) in document order, keys as written. */
  pairs: Array<[string, string]>;
  /** Every key / element name seen (values or not), as written. */
  keys: string[];
  namespaces: string[];
  root?: string;
  /** Scalar strings with no key (a tuple, a list, a printed value on its own line). */
  values?: string[];
}
const VALUES_MAX = 32;

/** Identity field ← normalised key names (lower case, letters and digits only). */
const IDENTITY: Array<[string, string[]]> = [
  ['manufacturer', ['manufacturer', 'manufacturername', 'devicemanufacturer', 'mfr', 'mfg', 'maker', 'vendor', 'vendorname', 'devicevendor']],
  ['brand', ['brand', 'brandname']],
  ['model', ['model', 'devicemodel', 'modelname', 'productmodel', 'devmodel', 'modelnumber', 'hardwaremodel']],
  ['deviceType', ['devicetype', 'deviceclass', 'devtype', 'producttype']],
  ['firmware', ['firmwareversion', 'firmware', 'firmwarever', 'fwversion', 'softwareversion', 'swversion', 'swver', 'fwver', 'devicesoftwareversion', 'softversion']],
  ['serial', ['serialnumber', 'serialno', 'serial', 'devicesn', 'deviceserialno', 'deviceserial', 'sn', 'serialnum']],
  ['hardware', ['hardwareid', 'hardwareversion', 'hardware', 'hwversion', 'hwver', 'boardtype']],
  ['mac', ['macaddress', 'mac', 'hwaddress', 'macaddr', 'ethaddr']],
  // A bare "version" is often a schema version ("2.0"), so it is kept apart from `firmware`.
  ['version', ['version']],
  ['deviceName', ['devicename', 'machinename', 'hostname', 'friendlyname']],
  // The product's marketing name as the device states it (Huawei HiLink `spreadname_en`: "HUAWEI 5G CPE Pro 2").
  ['product', ['productname', 'spreadnameen', 'spreadname', 'marketingname', 'productfullname', 'prodfullname']],
  ['oem', ['oemcode', 'oeminfo', 'oem', 'oemname']],
];
const IDENTITY_OF = new Map<string, string>(IDENTITY.flatMap(([field, names]) => names.map((n) => [n, field] as [string, string])));
const norm = (k: string): string => k.toLowerCase().replace(/[^a-z0-9]/g, '');
/**
 * The identity field a key names: an exact name above, or a label that starts with "firmware" (`Firmware System`,
 * `Firmware Build`, as printed device-information pages label it) for the firmware, unless it labels the firmware's
 * date, size, address or state rather than the version itself.
 */
function identityOf(k: string): string | undefined {
  const n = norm(k);
  const exact = IDENTITY_OF.get(n);
  if (exact) return exact;
  return /^firmware[a-z0-9]{1,20}$/.test(n) && !/(?:date|time|size|url|path|status|state|upgrade|update)$/.test(n) ? 'firmware' : undefined;
}

const ISAPI_NS = /^https?:\/\/www\.(?:hikvision\.com|isapi\.org|std-cgi\.com)\/ver\d+\/XMLSchema\b/i;

// ---- reading the document into facts ----

function xmlFacts(text: string): Facts | null {
  const t = text.replace(/^\ufeff/, '').trimStart();
  if (!t.startsWith('<') || /<!DOCTYPE\s+html|<html[\s>]/i.test(t.slice(0, 2048))) return null;
  if (/<!DOCTYPE/i.test(t)) return null; // entity declarations are never read
  const namespaces = [...new Set([...t.matchAll(/\sxmlns(?::[\w.-]{1,40})?\s*=\s*["']([^"'<>]{1,512})["']/g)].map((m) => m[1]!))].slice(0, 48);
  const root = /<(?![?!])(?:[\w.-]{1,40}:)?([\w.-]{1,80})[\s/>]/.exec(t)?.[1];
  const pairs: Array<[string, string]> = [];
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const m of t.matchAll(/<(?![?!/])(?:[\w.-]{1,40}:)?([\w.-]{1,80})(?=[\s/>])/g)) {
    if (seen.size >= KEYS_MAX * 4) break;
    if (!seen.has(m[1]!)) {
      seen.add(m[1]!);
      keys.push(m[1]!);
    }
  }
  for (const m of t.matchAll(/<(?:[\w.-]{1,40}:)?([\w.-]{1,80})(?:\s[^<>]{0,1024})?>([^<]{0,1024})<\/(?:[\w.-]{1,40}:)?\1\s*>/g)) {
    if (pairs.length >= PAIRS_MAX) break;
    pairs.push([m[1]!, decodeBasicEntities(m[2]!.trim())]);
  }
  if (!root) return null;
  return { format: 'xml', pairs, keys, namespaces, ...(root ? { root } : {}) };
}

function walkJson(v: unknown, into: Facts, depth: number): void {
  if (depth > DEPTH_MAX || into.pairs.length >= PAIRS_MAX || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v.slice(0, 50)) {
      if (typeof x === 'string' && x.trim() && (into.values ??= []).length < VALUES_MAX) into.values.push(x.trim().slice(0, VALUE_MAX));
      walkJson(x, into, depth + 1);
    }
    return;
  }
  for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, 200)) {
    if (into.keys.length < KEYS_MAX * 4 && !into.keys.includes(k)) into.keys.push(k);
    if (k === '@xmlns' || k === 'xmlns' || k.startsWith('@xmlns:')) {
      if (typeof x === 'string') into.namespaces.push(x);
    }
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') into.pairs.push([k, String(x)]);
    else walkJson(x, into, depth + 1);
    if (into.pairs.length >= PAIRS_MAX) return;
  }
}

function jsonFacts(text: string): Facts | null {
  const j = parseJsonish(text);
  if (!j) return null;
  const f: Facts = { format: j.form, pairs: [], keys: [], namespaces: [] };
  walkJson(j.value, f, 0);
  // JSON strings printed on lines of their own around the document (a client printing each reply value).
  for (const m of text.matchAll(/^\s*"((?:[^"\\\n]|\\.){1,256})"\s*$/gm)) if ((f.values ??= []).length < VALUES_MAX) f.values.push(m[1]!);
  if (j.value && typeof j.value === 'object' && !Array.isArray(j.value)) {
    const top = Object.keys(j.value as object);
    if (top.length === 1) f.root = top[0];
  }
  return f.keys.length || f.values?.length ? f : null;
}

/** `"Key": value` / `'Key': value` pairs of JSON or a dict that does not parse at all (garbled or mixed). */
function quotedPairs(text: string): Facts | null {
  const f: Facts = { format: 'truncated json', pairs: [], keys: [], namespaces: [] };
  for (const m of text.matchAll(/["']([@\w .:-]{1,64})["']\s*:\s*(?:"((?:[^"\\\n]|\\.){0,1024})"|'([^'\n]{0,1024})'|(-?\d[\w.+-]{0,40}|true|false|null|True|False|None)\b)?/g)) {
    if (f.pairs.length >= PAIRS_MAX) break;
    const k = m[1]!;
    if (!f.keys.includes(k) && f.keys.length < KEYS_MAX * 4) f.keys.push(k);
    const v = m[2] ?? m[3] ?? m[4];
    if (v !== undefined) f.pairs.push([k, v.replace(/\\(["\\/])/g, '$1')]);
  }
  return f.pairs.length >= 2 ? f : null;
}

const MD_BOLD_KEY = /^(?:(?:[*+-]|\d{1,2}\.)\s+)?\*\*([A-Za-z][\w .-]{0,60}?)\s*(?::\*\*|\*\*\s*:)\s*/;

/**
 * A write-up's Markdown list of device details (`*   **Model:** XM530\_80X30T\_8M`, `- **Firmware**: \`V5…\``) as
 * `Key: value` lines: list marks and bold dropped, `\_`-style escapes undone, a value in backticks taken out of them,
 * and a value put on the line after its bold key joined to it. Lines without a bold key are kept as they are.
 */
function markdownKeyLines(lines: string[]): string[] {
  if (lines.filter((l) => MD_BOLD_KEY.test(l)).length < 2) return lines;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = MD_BOLD_KEY.exec(lines[i]!);
    if (!m) {
      out.push(lines[i]!);
      continue;
    }
    let value = lines[i]!.slice(m[0].length).trim();
    if (!value && i + 1 < lines.length && !MD_BOLD_KEY.test(lines[i + 1]!)) value = lines[++i]!.trim();
    value = value.replace(/^`([^`]{1,1024})`$/, '$1').replace(/\\([_*`\\[\]<>#-])/g, '$1');
    out.push(`${m[1]!.trim()}: ${value}`);
  }
  return out;
}

/** `key=value` (Dahua CGI, configManager tables) or `Key: value` lines (printed device information). */
function lineFacts(text: string): Facts | null {
  const lines = markdownKeyLines(text.split(/\r?\n/, 2000).map((l) => l.trim()).filter(Boolean));
  if (!lines.length) return null;
  const eq: Array<[string, string]> = [];
  const colon: Array<[string, string]> = [];
  for (const l of lines) {
    const a = /^([A-Za-z_][\w.[\]-]{0,120})\s*=\s*(.*)$/.exec(l);
    if (a) eq.push([a[1]!, a[2]!.trim().replace(/^(['"])(.*)\1$/, '$2')]);
    // `Key: value` — several on one line when a tool prints them comma-separated (`Model: X, Serial: Y, Firmware: Z`).
    const parts = /^[A-Za-z][\w .-]{0,60}?:\s+\S[^,]*(?:,\s+[A-Za-z][\w .-]{0,60}?:\s+\S[^,]*)+$/.test(l) ? l.split(/,\s+(?=[A-Za-z][\w .-]{0,60}?:\s)/) : [l];
    for (const part of parts.slice(0, 16)) {
      // `Key: value`, or `Key:value` as DVRIP/SIP-style text writes it (not `scheme://…`).
      const b = /^(?:\[[+*!-]\]\s*)?([A-Za-z][\w .-]{0,60}?)\s*:(?:\s+|(?=[^\s/]))(\S.*)$/.exec(part.trim());
      // A `;` ending the line is the printout's terminator (`Manufacturer:ZTE;`), not part of the value.
      if (b && !/^https?$/i.test(b[1]!)) colon.push([b[1]!.trim(), b[2]!.trim().replace(/\s*;$/, '')]);
    }
  }
  const pick = eq.length >= colon.length ? { format: 'key=value' as const, pairs: eq } : { format: 'key: value' as const, pairs: colon };
  // Mostly such lines, or at least two that carry an identity key.
  const identityLines = pick.pairs.filter(([k]) => identityOf(k) !== undefined).length;
  if (!pick.pairs.length || (pick.pairs.length * 2 < lines.length && identityLines < 2)) return null;
  const pairs = pick.pairs.slice(0, PAIRS_MAX);
  return { format: pick.format, pairs, keys: [...new Set(pairs.map(([k]) => k))].slice(0, KEYS_MAX * 4), namespaces: [] };
}

const EMBEDDED_MAX = 16;

/** Up to EMBEDDED_MAX JSON objects found inside the text, their facts merged into `base` (or a new set). */
function embeddedJson(text: string, base: Facts | null): Facts | null {
  let out = base;
  let n = 0;
  for (const m of text.matchAll(/\{\s*"[A-Za-z_@]/g)) {
    if (n++ >= EMBEDDED_MAX || m.index === 0) continue;
    const f = jsonFacts(text.slice(m.index, m.index + 64 * 1024));
    if (!f || !f.keys.length) continue;
    if (!out) out = { format: 'json', pairs: [], keys: [], namespaces: [] };
    out.pairs.push(...f.pairs.slice(0, Math.max(0, PAIRS_MAX - out.pairs.length)));
    for (const k of f.keys) if (!out.keys.includes(k) && out.keys.length < KEYS_MAX * 4) out.keys.push(k);
  }
  return out;
}

/** Quoted string literals inside other text whose content is `Key: value` lines with escaped line ends
 * (`'Realm:Login to …\\r\\nRandom:…\\r\\n'` in a dissector's table): unescaped and read as lines. */
function embeddedLiterals(text: string, base: Facts | null): Facts | null {
  let out = base;
  let n = 0;
  for (const m of text.matchAll(/'((?:[^'\\\n]|\\.){8,4096})'/g)) {
    if (n >= EMBEDDED_MAX) break;
    if (!/\\[rn]/.test(m[1]!)) continue;
    n++;
    const inner = m[1]!.replace(/\\(x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === 'r' ? '\r' : e === 'n' ? '\n' : e === 't' ? '\t' : e));
    const f = lineFacts(inner);
    if (!f) continue;
    if (!out) out = { format: f.format, pairs: [], keys: [], namespaces: [] };
    out.pairs.push(...f.pairs.slice(0, Math.max(0, PAIRS_MAX - out.pairs.length)));
    for (const k of f.keys) if (!out.keys.includes(k) && out.keys.length < KEYS_MAX * 4) out.keys.push(k);
  }
  return out;
}

/** Dahua's raw event-stream line (`Code=VideoMotion;action=Start;index=0;data={`) anywhere in the text: its JSON
 * `data` follows on the next lines, so neither the JSON nor the line reader sees the line as a whole. */
function eventLineFacts(text: string): Facts | null {
  const m = /^\s*Code=(_?[A-Z][A-Za-z0-9]{3,63}_?);\s*action=(Start|Stop|Pulse|State);\s*index=(-?\d{1,6})\b/m.exec(text.slice(0, 64 * 1024));
  if (!m) return null;
  return { format: 'key=value', pairs: [['Code', `${m[1]};action=${m[2]};index=${m[3]}`], ['action', m[2]!], ['index', m[3]!]], keys: ['Code', 'action', 'index'], namespaces: [] };
}

// ---- shapes ----

const has = (f: Facts, ...names: string[]): boolean => names.every((n) => f.keys.some((k) => k === n));
const value = (f: Facts, name: string): string | undefined => f.pairs.find(([k]) => k === name)?.[1];

/** Which vendor API the document is, from its structure (never from a value that merely names a maker). */
function shapeOf(f: Facts): { shape?: string; path?: string; realm?: string } {
  if (f.namespaces.some((n) => ISAPI_NS.test(n))) return { shape: 'isapi' };
  // Hikvision's PSIA-era userCheck (/PSIA/Custom/SelfExt/userCheck, the ISAPI 401 body): <userCheck><statusValue>,
  // as XML or as xmltodict/JSON of it.
  if (has(f, 'userCheck', 'statusValue')) return { shape: 'isapi-usercheck' };
  // ISAPI's ResponseStatus without its namespace (the JSON of `?format=json` APIs, or XML a log or client kept
  // without xmlns): a numeric statusCode beside a lowerCamel subStatusCode word (notSupport, badAuthorization,
  // invalidOperation) or ok; a bare lower-case word (none, error) is not ISAPI's. PSIA's ResponseStatus has no
  // subStatusCode; Uniview LAPI's is SubResponseCode.
  const statusCode = value(f, 'statusCode');
  const subStatus = value(f, 'subStatusCode');
  if (statusCode !== undefined && /^\d{1,2}$/.test(statusCode) && subStatus !== undefined && /^(?:ok|[a-z]{2,24}[A-Z][A-Za-z0-9]{0,60})$/.test(subStatus)) return { shape: 'isapi-status' };
  // Hikvision's session-login capability (/ISAPI/Security/sessionLogin/capabilities): <SessionLoginCap> with the
  // challenge, salt or sessionID its web client hashes the password with.
  if ((f.root === 'SessionLoginCap' || has(f, 'SessionLoginCap')) && (has(f, 'challenge') || has(f, 'sessionID') || has(f, 'salt'))) return { shape: 'isapi-session-login' };
  // Dahua DVRIP's text login challenge (TCP 37777): `Realm:Login to <id>` and `Random:<n>` lines.
  const dvripRealm = f.pairs.find(([k]) => k === 'Realm')?.[1];
  if (dvripRealm !== undefined && /^Login to \S/.test(dvripRealm) && has(f, 'Random') && !has(f, 'encryption')) return { shape: 'dvrip-login', realm: dvripRealm };
  if (f.format === 'xml') return {};
  // Dahua's CGI event stream (eventManager.cgi?action=attach): `Code=VideoMotion;action=Start;index=0[;data={…}]`,
  // and the same event once a client parsed it (`{'Code': …, 'action'|'Action': …, 'index'|'Index': …}`), as
  // Dahua firmware (Amcrest, Lorex, Dahua VTO doorbells) sends it and rroller/dahua or python-amcrest print it.
  const code = value(f, 'Code');
  // Event codes are CamelCase names (VideoMotion, AutoRegister, _DoTalkAction_); actions Start/Stop/Pulse/State.
  const action = value(f, 'action') ?? value(f, 'Action');
  if (code !== undefined && /^_?[A-Z][A-Za-z0-9]{3,63}_?;\s*action=(?:Start|Stop|Pulse|State);\s*index=-?\d+\b/.test(code)) return { shape: 'dahua-event', path: code.split(';')[0] };
  if (code !== undefined && /^_?[A-Z][A-Za-z0-9]{3,63}_?$/.test(code) && action !== undefined && /^(?:Start|Stop|Pulse|State)$/.test(action) && (has(f, 'index') || has(f, 'Index'))) return { shape: 'dahua-event', path: code };
  if (f.format === 'key=value') {
    if (f.keys.some((k) => /^table\.[A-Za-z0-9]+\./.test(k)) || has(f, 'updateSerial') || (has(f, 'processor') && has(f, 'serialNumber'))) return { shape: 'dahua-cgi' };
    return {};
  }
  if (f.format === 'key: value') return {};
  // Uniview LAPI: {"Response": {"ResponseURL": "/LAPI/V1.0/…", "CreatedID", "ResponseCode", "SubResponseCode", "ResponseString", "StatusCode", "StatusString", "Data"}}.
  const url = value(f, 'ResponseURL');
  if (url !== undefined && /^\/LAPI\//i.test(url)) return { shape: 'lapi', path: url };
  if (has(f, 'Response', 'ResponseCode', 'SubResponseCode', 'ResponseString')) return { shape: 'lapi', ...(url ? { path: url } : {}) };
  // Dahua RPC2 / RPC2_Login: {"id", "session", "result" | "error" | "params"}; the login challenge's params carry
  // encryption/random/realm; requests and replies name magicBox./global./configManager. methods.
  const method = value(f, 'method');
  const rpcMethod = method !== undefined && /^(?:global\.|magicBox\.|configManager\.|system\.multicall|devVideoInput\.|userManager\.|netApp\.|RPC2|client\.notify(?:EventStream|DevInfo)\b)/.test(method);
  const rpcEnvelope = has(f, 'session') && has(f, 'id') && (has(f, 'result') || has(f, 'error') || has(f, 'params'));
  const loginChallenge = has(f, 'encryption', 'random', 'realm');
  // An RPC2 error without session/id: {"error": {"code": 0x1xxxxxxx, "message": …}, "result": false} (Dahua's codes,
  // e.g. 268632079 "Component error: login challenge!", 287637505 "Invalid session in request data!").
  const errorCode = Number(value(f, 'code'));
  const rpcError = has(f, 'error', 'code', 'message', 'result') && Number.isInteger(errorCode) && errorCode >= 0x10000000 && errorCode <= 0x1fffffff;
  if (rpcEnvelope || loginChallenge || rpcMethod || rpcError) {
    const realm = value(f, 'realm');
    return { shape: 'rpc2', ...(method ? { path: method } : {}), ...(realm !== undefined ? { realm } : {}) };
  }
  // Xiongmai Sofia (DVRIP/NetSurveillance, TCP 34567) JSON: "Ret" status with "SessionID" or "Name", the login
  // reply's AliveInterval/ChannelNum/ExtraChannel, and its famous "DeviceType " key with a trailing space.
  const ret = value(f, 'Ret');
  const sofiaReply = ret !== undefined && /^\d{2,4}$/.test(ret) && (has(f, 'SessionID') || has(f, 'Name'));
  const sofiaLogin = has(f, 'AliveInterval', 'ChannelNum') && (has(f, 'ExtraChannel') || has(f, 'Ret'));
  if (sofiaReply || sofiaLogin || f.keys.includes('DeviceType ')) {
    const name = value(f, 'Name');
    return { shape: 'sofia', ...(name ? { path: name } : {}) };
  }
  return {};
}

function identity(f: Facts): Fields {
  const out: Fields = {};
  for (const [k, v] of f.pairs) {
    const field = identityOf(k);
    if (!field || out[field] !== undefined) continue;
    const t = v.trim();
    if (!t || t.length > VALUE_MAX * 4) continue;
    // A generic "sn" or "mac" that is not a plausible value (a number 0, a URL) is not kept.
    if ((field === 'mac' && !/^(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}$|^[0-9a-f]{12}$/i.test(t)) || (field === 'serial' && t.length < 4)) continue;
    out[field] = t.slice(0, VALUE_MAX);
  }
  return out;
}

/** Reads one document; [] when it is none of the forms or says nothing about the device. */
export function parse(input: Buffer | string): ParsedEvidence[] {
  const text0 = typeof input === 'string' ? input : input.subarray(0, DOC_INPUT_MAX).toString('utf8');
  try {
    const text = text0.length > DOC_INPUT_MAX ? text0.slice(0, DOC_INPUT_MAX) : text0;
    const trimmed = text.replace(/^\ufeff/, '').trim();
    if (!trimmed) return [];
    let facts: Facts | null = null;
    if (trimmed.startsWith('<')) facts = xmlFacts(trimmed);
    else if (/[{[]/.test(trimmed.slice(0, 201)) || trimmed.startsWith('(')) {
      facts = jsonFacts(trimmed) ?? quotedPairs(trimmed);
      // Several JSON values one after another (a client printing each reply): the first parsed may say nothing;
      // the quoted pairs of the whole text are added.
      if (facts && !Object.keys(identity(facts)).length && !shapeOf(facts).shape) {
        const more = quotedPairs(trimmed);
        if (more) {
          facts.pairs.push(...more.pairs.slice(0, PAIRS_MAX - facts.pairs.length));
          for (const k of more.keys) if (!facts.keys.includes(k) && facts.keys.length < KEYS_MAX * 4) facts.keys.push(k);
        }
      }
    }
    if (!facts) facts = lineFacts(trimmed);
    if (!facts || !shapeOf(facts).shape) {
      const ev = eventLineFacts(trimmed);
      if (ev && facts) {
        ev.pairs.push(...facts.pairs.slice(0, PAIRS_MAX - ev.pairs.length));
        for (const k of facts.keys) if (!ev.keys.includes(k) && ev.keys.length < KEYS_MAX * 4) ev.keys.push(k);
      }
      facts = ev ?? facts;
    }
    // JSON objects inside other text (a log line, a dissector's table of messages): each read on its own.
    if (!facts || (!shapeOf(facts).shape && !Object.keys(identity(facts)).length)) facts = embeddedJson(trimmed, facts);
    if (!facts || (!shapeOf(facts).shape && !Object.keys(identity(facts)).length)) facts = embeddedLiterals(trimmed, facts);
    if (!facts) return [];
    const s = shapeOf(facts);
    // Documents a dedicated parser reads (SOAP envelopes: onvif; UPnP descriptions: upnp-xml; SADP ProbeMatch:
    // sadp) keep their namespaces and shape here, not their identity keys, so one self-report is not counted twice.
    const owned = facts.root === 'Envelope' || facts.root === 'ProbeMatch' || facts.namespaces.some((n) => /^urn:schemas-upnp-org:device-/.test(n));
    const id = owned ? {} : identity(facts);
    if (!s.shape && !Object.keys(id).length && !facts.namespaces.length && !facts.values?.length) return [];
    const f: Fields = { format: facts.format };
    if (s.shape) f.shape = s.shape;
    if (facts.root) f.root = facts.root.slice(0, 80);
    if (facts.namespaces.length) f.namespace = facts.namespaces.slice(0, 48).map((n) => n.slice(0, 512));
    if (s.path) f.path = s.path.slice(0, VALUE_MAX);
    if (s.realm !== undefined) f.realm = s.realm.slice(0, VALUE_MAX);
    Object.assign(f, id);
    if (facts.values?.length) f.values = facts.values.slice(0, VALUES_MAX);
    f.keys = facts.keys.slice(0, KEYS_MAX).map((k) => k.slice(0, 80));
    const notes = text0.length > DOC_INPUT_MAX ? [`document cut at ${DOC_INPUT_MAX} characters`] : [];
    if (facts.format.startsWith('truncated')) notes.push(`read as ${facts.format} (document cut off or not well-formed)`);
    return [{ kind: 'doc', fields: f, ...(notes.length ? { notes } : {}) }];
  } catch (e) {
    return [parseFailure('doc', text0, e)];
  }
}
