// Request log: one JSON line per request the emulator received, so tests can prove what a scan sent
// (e.g. that no never-send request from policy.md §4.4 reached any device).
import { closeSync, createWriteStream, openSync, readFileSync, type WriteStream } from 'node:fs';
import { parseJson, rethrowUnless } from '../../core/failure.js';

export interface RequestLogEntry {
  /** ISO time received. */
  t: string;
  /** Device id. */
  device: string;
  /** http | https | rtsp | onvif | wsd | ssdp | mdns | sadp | dhip | dvrip | xiongmai */
  protocol: string;
  method?: string;
  /** HTTP/RTSP request target; for ONVIF the SOAP operation is in `method`. */
  path?: string;
  /** `address:port` of the sender. */
  src: string;
  /** Extra facts: `auth` (none|ok|bad), `bytes`, `note` (behaviour notes), `query` (mDNS/SSDP target). */
  auth?: 'none' | 'ok' | 'bad';
  bytes?: number;
  note?: string;
  query?: string;
  /** User name presented with credentials (never the password). */
  user?: string;
  /** Set when the request is on policy.md §4.4's never-send list (see never-send-watch.ts). */
  neverSend?: string;
}

const FIELD_MAX = 2048;

function clip(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  // Device-controlled text never breaks the line format: JSON.stringify escapes it; length is bounded here.
  return v.length > FIELD_MAX ? `${v.slice(0, FIELD_MAX)}…[${v.length - FIELD_MAX} more chars]` : v;
}

export class RequestLog {
  private stream: WriteStream | null;
  private readonly memory: RequestLogEntry[] = [];

  constructor(file: string | null, private readonly keepInMemory = 0) {
    if (file) {
      // Fail at start (one line) rather than lose the log silently later.
      try {
        closeSync(openSync(file, 'a'));
      } catch (e) {
        throw new Error(`request log ${file}: ${(e as Error).message}`);
      }
    }
    this.stream = file ? createWriteStream(file, { flags: 'a' }) : null;
    this.stream?.on('error', () => {
      this.stream = null; // a full disk must not crash the emulator
    });
  }

  write(e: Omit<RequestLogEntry, 't'>): void {
    const entry: RequestLogEntry = { t: new Date().toISOString(), ...e, method: clip(e.method), path: clip(e.path), note: clip(e.note), query: clip(e.query), user: clip(e.user) };
    for (const k of Object.keys(entry) as Array<keyof RequestLogEntry>) if (entry[k] === undefined) delete entry[k];
    this.stream?.write(`${JSON.stringify(entry)}\n`);
    if (this.keepInMemory > 0) {
      this.memory.push(entry);
      if (this.memory.length > this.keepInMemory) this.memory.shift();
    }
  }

  entries(): RequestLogEntry[] {
    return [...this.memory];
  }

  close(): Promise<void> {
    const s = this.stream;
    this.stream = null;
    return new Promise((resolve) => (s ? s.end(() => resolve()) : resolve()));
  }
}

/** Read a request log written by the emulator; malformed lines are skipped. */
export function readRequestLog(file: string): RequestLogEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    rethrowUnless(err, 'ENOENT'); // nothing logged yet
    return [];
  }
  const out: RequestLogEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    // A line that is not JSON is the partial last one, still being written by the emulator.
    const j = parseJson(line);
    const v = j.ok ? (j.value as RequestLogEntry | null) : null;
    if (v && typeof v === 'object' && typeof v.device === 'string') out.push(v);
  }
  return out;
}
