// The parts of a MIME multipart body (RFC 2046 §5.1) as people publish them: a Hikvision alertStream
// (`--boundary`, part headers, an EventNotificationAlert XML), an MJPEG or event stream part, a whole HTTP reply
// whose Content-Type is multipart/*. Each part's body is read on its own; the part headers are the stream's, not
// the device's identity, and are dropped.

import { LINES_MAX } from './unwrap-limits.js';

const PARTS_MAX = 50;
/** A boundary delimiter line: `--` and a boundary (RFC 2046's bchars, 1–70), optionally closed with `--`. */
const DELIMITER = /^--([0-9A-Za-z'()+_,./:=?-]{1,70})(--)?[ \t]*$/;
/** A part header line: the headers RFC 2046 parts carry (Content-*), and the vendors' own X- headers. */
const PART_HEADER = /^(?:Content-[\w-]{1,40}|X-[\w-]{1,60}|MIME-Version):[ \t]?/i;

export interface MultipartPart {
  body: string;
  contentType?: string;
}

/**
 * The bodies of the parts of a multipart text: null unless at least one delimiter line opens a part whose first line
 * is a Content-* header (a line of dashes in a forum post opens no part).
 */
export function multipartParts(text: string): MultipartPart[] | null {
  if (!text.includes('\n--') && !text.startsWith('--')) return null;
  const lines = text.split('\n', LINES_MAX).map((l) => l.replace(/\r$/, ''));
  const parts: MultipartPart[] = [];
  let boundary: string | null = null;
  let i = 0;
  while (i < lines.length && parts.length < PARTS_MAX) {
    const d = DELIMITER.exec(lines[i]!);
    // The first delimiter fixes the boundary; a later line opens a part only when it names the same one.
    if (!d || (boundary !== null && d[1] !== boundary) || d[2] || !PART_HEADER.test(lines[i + 1] ?? '')) {
      i++;
      continue;
    }
    boundary = d[1]!;
    let j = i + 1;
    let contentType: string | undefined;
    for (; j < lines.length && lines[j]!.trim() !== ''; j++) {
      const h = /^Content-Type:[ \t]*(.{0,200})/i.exec(lines[j]!);
      if (h) contentType = h[1]!.trim();
    }
    const start = j + 1;
    let end = start;
    while (end < lines.length && !(lines[end]!.startsWith(`--${boundary}`) && DELIMITER.test(lines[end]!))) end++;
    const body = lines.slice(start, end).join('\n').trim();
    if (body) parts.push({ body, ...(contentType ? { contentType } : {}) });
    i = end;
  }
  return parts.length ? parts : null;
}
