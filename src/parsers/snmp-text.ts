// Printed SNMP values beyond one `name = TYPE: value` line: the snmpsim record file (`.snmprec`, one object
// a line as `OID|TYPE|VALUE`, type `4x` = octet string written in hex: what LibreNMS's and snmpsim's test data
// use, and what snmpsim's documentation shows for a multi-line sysDescr), Net-SNMP's `Hex-STRING:` rendering of
// an octet string, and a STRING that runs over several lines (Huawei VRP's sysDescr holds CR LF: `S5720-28X-SI-AC`,
// then `Huawei Versatile Routing Platform Software` on the next line). Leaf module: no imports.

// eslint-disable-next-line no-control-regex
const BINARY = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** Hex bytes (`48 75 61`, `487561`, `48:75:61`) as text when they are printable text (CR, LF, tab allowed); otherwise null. */
export function hexText(hex: string): string | null {
  const digits = hex.replace(/[\s:]+/g, '');
  if (!digits || digits.length % 2 || !/^[0-9A-Fa-f]+$/.test(digits)) return null;
  const bytes = Buffer.from(digits, 'hex');
  const text = bytes.toString('utf8').replace(/\0+$/, '');
  if (!text || text.includes('\uFFFD') || BINARY.test(text)) return null;
  return text;
}

/** One snmprec line: `1.3.6.1.2.1.1.1.0|4|text`, `…|4x|hex`, `…|6|1.3.6.1.4.1.2011.2.224.1` (tag may carry `:…` variation suffixes). */
const SNMPREC_LINE = /^\s*\.?((?:\d+\.){3,}\d+)\|(\d{1,3})(x?)(?::[\w-]+)?\|([^\r\n]*)$/gm;

export interface SnmprecRecord {
  oid: string;
  tag: number;
  value: string;
}

/** The records of a snmprec text (octet strings decoded from hex; undecodable hex kept as written), at most `max`. */
export function snmprecRecords(text: string, max = 2000): SnmprecRecord[] {
  const out: SnmprecRecord[] = [];
  let m: RegExpExecArray | null;
  SNMPREC_LINE.lastIndex = 0;
  while ((m = SNMPREC_LINE.exec(text)) && out.length < max) {
    const tag = Number(m[2]);
    const raw = m[4]!;
    const value = m[3] ? (hexText(raw) ?? raw) : raw;
    out.push({ oid: m[1]!, tag, value });
  }
  return out;
}

/** A line that starts the next printed object (`x = …`, `OID|tag|…`), a shell prompt or a snmp tool's command line. */
const NEXT_OBJECT = /^\s*(?:[\w:.-]+\s*=\s|\.?(?:\d+\.){3,}\d+\|\d|[$#>]\s|snmp(?:walk|get|bulkwalk|bulkget)\b)/i;

/**
 * The rest of a printed STRING that went on over the following lines. `first` is the value on the
 * `name = STRING:` line; `rest` the lines after it. Quoted: up to the closing quote. Unquoted: the lines up to
 * the next printed object or a blank line. At most `maxLines` lines; the pieces joined with `\n`.
 */
export function continuedString(first: string, rest: readonly string[], maxLines = 12): string {
  const complete = first.length > 1 && first.startsWith('"') && /[^\\]"$/.test(first);
  if (complete) return first;
  const quoted = first.startsWith('"');
  const parts = [first];
  for (const line of rest.slice(0, maxLines)) {
    const l = line.replace(/\r$/, '');
    if (quoted) {
      parts.push(l);
      if (/(?:^|[^\\])"\s*$/.test(l)) break;
      continue;
    }
    if (!l.trim() || NEXT_OBJECT.test(l)) break;
    parts.push(l);
  }
  return parts.join('\n');
}

/** Continuation lines of a `Hex-STRING:` value (Net-SNMP wraps it at 16 bytes a line): the hex joined, or the first line alone. */
export function continuedHex(first: string, rest: readonly string[], maxLines = 64): string {
  const parts = [first];
  for (const line of rest.slice(0, maxLines)) {
    if (!/^\s*(?:[0-9A-Fa-f]{2}\s+)*[0-9A-Fa-f]{2}\s*$/.test(line)) break;
    parts.push(line.trim());
  }
  return parts.join(' ');
}
