// MAC address normalisation shared by every neighbour-table parser.

/**
 * Normalises a MAC in any common spelling to lower-case "aa:bb:cc:dd:ee:ff":
 * "AA-BB-CC-DD-EE-FF" (Windows), "0:1b:c:d:e:f" (macOS drops leading zeros), "aabb.ccdd.eeff" (Cisco),
 * "aabbccddeeff". Returns null for anything else, and for the all-zero and broadcast-only
 * placeholders some tables show for unresolved entries.
 */
export function normaliseMac(raw: string): string | null {
  const s = raw.trim().toLowerCase();
  let octets: string[] | null = null;
  if (/^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(\1[0-9a-f]{1,2}){4}$/.test(s)) {
    octets = s.split(/[:-]/).map((o) => o.padStart(2, '0'));
  } else if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(s)) {
    octets = s.replace(/\./g, '').match(/../g);
  } else if (/^[0-9a-f]{12}$/.test(s)) {
    octets = s.match(/../g);
  }
  if (!octets || octets.length !== 6) return null;
  const mac = octets.join(':');
  if (mac === '00:00:00:00:00:00') return null;
  return mac;
}
