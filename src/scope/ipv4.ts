// IPv4 addresses as unsigned 32-bit numbers, and inclusive intervals of them.

export interface Interval {
  start: number;
  end: number; // inclusive
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses dotted-quad IPv4; returns null when it is not one (no leading zeros, no shorthand). */
export function parseIPv4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!OCTET.test(p)) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

export function formatIPv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function cidrInterval(base: number, prefix: number): Interval {
  const size = 2 ** (32 - prefix);
  const start = Math.floor(base / size) * size;
  return { start, end: start + size - 1 };
}

/** Sorts and merges overlapping or adjacent intervals. */
export function normalize(list: Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end + 1) last.end = Math.max(last.end, iv.end);
    else out.push({ ...iv });
  }
  return out;
}

/** Removes every address of `minus` from `from` (both normalized). */
export function subtract(from: Interval[], minus: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const iv of from) {
    let pieces: Interval[] = [{ ...iv }];
    for (const m of minus) {
      if (m.end < iv.start || m.start > iv.end) continue;
      const next: Interval[] = [];
      for (const p of pieces) {
        if (m.end < p.start || m.start > p.end) {
          next.push(p);
          continue;
        }
        if (m.start > p.start) next.push({ start: p.start, end: m.start - 1 });
        if (m.end < p.end) next.push({ start: m.end + 1, end: p.end });
      }
      pieces = next;
    }
    out.push(...pieces);
  }
  return out;
}

export function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a)
    for (const y of b) {
      const s = Math.max(x.start, y.start);
      const e = Math.min(x.end, y.end);
      if (s <= e) out.push({ start: s, end: e });
    }
  return normalize(out);
}

export function countOf(list: Interval[]): number {
  return list.reduce((n, iv) => n + (iv.end - iv.start + 1), 0);
}

export function contains(list: Interval[], n: number): boolean {
  // Binary search over normalized intervals.
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const iv = list[mid];
    if (n < iv.start) hi = mid - 1;
    else if (n > iv.end) lo = mid + 1;
    else return true;
  }
  return false;
}
