// Dahua CGI `key=value` bodies (magicBox.cgi, configManager.cgi) → `dahuacgi` evidence.
// Axis VAPIX `root.*=` lists and quoted `name='value'` lists (Vivotek) are other formats: [].
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parseFailure } from './failure.js';

const INPUT_MAX = 256 * 1024;
const MAX_KEYS = 500;
const LINE = /^([A-Za-z_][\w.[\]-]{0,200})=(.*)$/;
/** The CGI's refusal: a line `Error` and one message line ending in `!` (`Invalid Authority!`, `Authorization Failed!`). */
const ERROR_REPLY = /^Error[ \t]*\r?\n[ \t]*([A-Z][^\r\n=]{1,120}!)[ \t]*(?:\r?\n)*$/;

/** Which magicBox action a body answers, from its keys (the body does not say). */
function actionOf(keys: string[]): string | undefined {
  const k = new Set(keys);
  if (keys.some((x) => x.startsWith('table.'))) return 'configManager.getConfig';
  if (k.has('serialNumber') || k.has('processor') || k.has('updateSerial')) return 'getSystemInfo';
  if (k.has('type') && keys.length <= 2) return 'getDeviceType';
  if (k.has('version')) return 'getSoftwareVersion';
  if (k.has('vendor')) return 'getVendor';
  if (k.has('sn')) return 'getSerialNo';
  return undefined;
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    let text = typeof input === 'string' ? input : input.subarray(0, INPUT_MAX).toString('utf8');
    const notes: string[] = [];
    if (text.length > INPUT_MAX) {
      text = text.slice(0, INPUT_MAX);
      notes.push(`body truncated at ${INPUT_MAX} bytes`);
    }
    const refusal = ERROR_REPLY.exec(text.trim());
    // The two lines as sent, line break normalised: what a rule reads beside an HTTP body of the same form.
    if (refusal) return [{ kind: 'dahuacgi', fields: { error: `Error\n${refusal[1]}`, authenticated: false } }];
    const f: Fields = {};
    const keys: string[] = [];
    let other = 0;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line) continue;
      const m = LINE.exec(line);
      if (!m) {
        other++;
        continue;
      }
      if (m[1].startsWith('root.') || /^'.*'$/.test(m[2].trim())) return [];
      if (keys.length >= MAX_KEYS) {
        notes.push(`keys cut at ${MAX_KEYS}`);
        break;
      }
      if (m[1] === 'action' || m[1] === 'authenticated') continue;
      keys.push(m[1]);
      f[m[1]] = m[2].trim().slice(0, 1024);
    }
    // A body that is mostly not key=value (HTML, an error page) is not this format.
    if (!keys.length || other > keys.length) return [];
    const action = actionOf(keys);
    if (action) f.action = action;
    f.authenticated = true;
    return [{ kind: 'dahuacgi', fields: f, ...(notes.length ? { notes } : {}) }];
  } catch (e) {
    return [parseFailure('dahua-cgi', input, e)];
  }
}
