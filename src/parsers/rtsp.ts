// Raw RTSP response → `rtsp` evidence: status, Server, Public, WWW-Authenticate (realm), SDP lines.
// Also accepts a bare SDP body (some captures only have the DESCRIBE body).
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { header, headerFields, headerShape, splitMessage } from './http.js';
import { parseFailure } from './failure.js';

const SDP_LINES_MAX = 64;
const SDP_LINE_LEN = 512;
const PUBLIC_LINE_LEN = 512;
/** The whole SDP as one text (lines joined with \n), for rules that need two lines together (a session name and a
 * media header: one line alone is shared by clones). Bounded like a matched value. */
const SDP_TEXT_MAX = 8 * 1024;

function sdpFields(text: string): Fields {
  const f: Fields = {};
  const lines = text.split(/\r?\n/, 2000);
  const kept: string[] = [];
  const joined: string[] = [];
  let textLen = 0;
  for (const l of lines) {
    const t = l.trimEnd();
    if (t && textLen + t.length + 1 <= SDP_TEXT_MAX) {
      joined.push(t);
      textLen += t.length + 1;
    }
    if (l.startsWith('s=') && f['sdp.sessionName'] === undefined) f['sdp.sessionName'] = l.slice(2).trim().slice(0, SDP_LINE_LEN);
    if ((l.startsWith('a=') || l.startsWith('m=')) && kept.length < SDP_LINES_MAX) kept.push(l.trimEnd().slice(0, SDP_LINE_LEN));
  }
  if (kept.length) f['sdp.lines'] = kept;
  if (joined.length && joined.includes('v=0')) f['sdp.text'] = joined.join('\n');
  return f;
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    const head = buf.subarray(0, 8).toString('latin1');
    if (/^v=0\r?\n/.test(buf.subarray(0, 5).toString('latin1'))) {
      return [{ kind: 'rtsp', fields: sdpFields(buf.subarray(0, 64 * 1024).toString('utf8')), notes: ['SDP body only, no RTSP headers'] }];
    }
    if (!/^RTSP\/\d/i.test(head)) return [];
    const msg = splitMessage(buf, /^RTSP\//i);
    const fields: Fields = {};
    const line = msg.startLine ?? '';
    fields.statusLine = line;
    const m = /^RTSP\/\d+(?:\.\d+)?\s+(\d{3})/i.exec(line);
    if (m) fields.status = Number(m[1]);
    Object.assign(fields, headerFields(msg.headers));
    fields.headerShape = headerShape(msg.headers).slice(0, 512);
    const pub = header(msg.headers, 'public');
    if (pub !== undefined) {
      fields.public = pub.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 64);
      // The method list as sent (order and spacing kept): servers differ in it, not only in its members.
      fields.publicLine = pub.trim().slice(0, PUBLIC_LINE_LEN);
    }
    const base = header(msg.headers, 'content-base');
    if (base !== undefined) fields.contentBase = base;
    // The Date line as sent, spacing kept (parsed header values are trimmed): servers differ in it.
    const date = /^Date:[^\r\n]{0,80}/im.exec(buf.subarray(0, 8192).toString('latin1'));
    if (date) fields.dateLine = date[0].trimEnd();
    if (msg.body.length) Object.assign(fields, sdpFields(msg.body.subarray(0, 64 * 1024).toString('utf8')));
    return [{ kind: 'rtsp', fields, ...(msg.notes.length ? { notes: msg.notes } : {}) }];
  } catch (e) {
    return [parseFailure('rtsp', input, e)];
  }
}
