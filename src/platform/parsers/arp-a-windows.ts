// Windows `arp -a`, in any display language. The layout is the same in every locale:
//   Interface: 192.168.1.10 --- 0xb                    (de: "Schnittstelle:", fr: "Interface :", es: "Interfaz:")
//     Internet Address      Physical Address      Type (de: "Internetadresse  Physische Adresse  Typ")
//     192.168.1.1           00-11-22-33-44-55     dynamic   (de: dynamisch, fr: dynamique, es: dinámico …)
//     192.168.1.255         ff-ff-ff-ff-ff-ff     static    (de: statisch, fr: statique, es: estático …)
// so rows are recognised by shape (IPv4, MAC, type) rather than by header text, and the type
// word is mapped by its stem. Unknown words are kept lower-cased rather than guessed. arp.exe writes
// in the console code page, so an accented letter may arrive as U+FFFD: stems stop before accents.
import { normaliseMac } from '../mac.js';
import { inputText, isNotADevice, MAX_ENTRIES, MAX_LINE_CHARS, type NeighbourEntry } from './neighbour.js';
import { isIpv4 } from '../ipv4.js';

const HEADER = /^\s*\S[^:]*?\s*:\s*(\d{1,3}(?:\.\d{1,3}){3})\s+-{2,3}\s+0x[0-9a-f]+/i;
const ROW = /^\s*(\d{1,3}(?:\.\d{1,3}){3})\s+([0-9a-f]{1,2}(?:-[0-9a-f]{1,2}){5}|[0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5})\s+(\S[^\r\n]{0,40}?)\s*$/i;

/** Stems of "dynamic" / "static" / "invalid" in the languages Windows ships (lower-cased). */
const TYPE_STEMS: Array<[RegExp, string]> = [
  [/^(dyn|din|дин|動的|动态|動態|동적)/u, 'dynamic'],
  [/^(stat|stát|est|stàt|стат|静的|静态|靜態|정적)/u, 'static'],
  [/^(invalid|ungültig|ungultig|non|no|ongeldig|inválido|nieprawid|недопуст)/u, 'invalid'],
];

function mapType(word: string): string {
  const w = word.toLowerCase();
  for (const [re, name] of TYPE_STEMS) if (re.test(w)) return name;
  return w.slice(0, 32);
}

export function parseArpA(input: Buffer | string): NeighbourEntry[] {
  const out: NeighbourEntry[] = [];
  let iface: string | undefined;
  // String work on bounded input only: nothing here throws on hostile text (test/platform hostile cases). A bug
  // that did would reach readNeighbourTable, which records it as the source's reason, not as an empty table.
  for (const line of inputText(input).split(/\r?\n|\r/)) {
    if (out.length >= MAX_ENTRIES) break;
    if (line.length > MAX_LINE_CHARS) continue;
    const h = HEADER.exec(line);
    if (h) {
      iface = h[1];
      continue;
    }
    const r = ROW.exec(line);
    if (!r || !isIpv4(r[1])) continue;
    const state = mapType(r[3]);
    const mac = state === 'invalid' ? '' : (normaliseMac(r[2]) ?? '');
    if (isNotADevice(r[1], mac)) continue;
    out.push({ ip: r[1], mac, state: mac ? state : state === 'invalid' ? 'invalid' : 'incomplete', source: 'arp-a', ...(iface ? { iface } : {}) });
  }
  return out;
}
