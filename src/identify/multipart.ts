// A multipart body printed on its own: the parts a client pasted from a MIME multipart stream (Hikvision's
// /ISAPI/Event/notification/alertStream, a `multipart/mixed; boundary=boundary` reply pasted from curl or a
// binding's log: `--boundary`, the part's `Content-Type`/`Content-Length` lines, a blank line, then the XML or
// JSON document). Each part's body is read as a document of its own; the boundary and part headers name nothing.

const BOUNDARY = /^--([0-9A-Za-z'()+_,./:=?-]{1,70})[ \t]*$/;
const PART_HEADER = /^[A-Za-z][\w-]{0,63}:[^\n]{0,1000}$/;
const PARTS_MAX = 32;

/**
 * The bodies of a text that opens (after blank lines) with a MIME boundary line followed by part header lines
 * and a blank line; null when it does not. Parts are split on that boundary line (and its closing `--boundary--`);
 * a part without a blank line after its headers, or with an empty body, is left out.
 */
export function multipartBodies(text: string): string[] | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length && !lines[i]!.trim()) i++;
  const open = BOUNDARY.exec(lines[i] ?? '');
  if (!open || !PART_HEADER.test(lines[i + 1] ?? '')) return null;
  const boundary = open[1]!;
  const bodies: string[] = [];
  let part: string[] | null = null;
  const flush = (): void => {
    if (!part) return;
    const blank = part.findIndex((l) => !l.trim());
    if (blank > 0 && part.slice(0, blank).every((l) => PART_HEADER.test(l))) {
      const body = part.slice(blank + 1).join('\n').trim();
      if (body) bodies.push(body);
    }
    part = null;
  };
  for (const line of lines.slice(i)) {
    const t = line.trimEnd();
    if (t === `--${boundary}` || t === `--${boundary}--`) {
      flush();
      if (bodies.length >= PARTS_MAX) break;
      part = t.endsWith('--') && t !== `--${boundary}` ? null : [];
      continue;
    }
    if (part) part.push(line);
  }
  flush();
  return bodies.length ? bodies : null;
}
