import pino, { type Logger, type Level } from 'pino';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { parseJson } from './failure.js';
import { safeText } from './text-safety.js';
import { openAppendOnly, outputReason } from './safe-write.js';

export interface LogOptions {
  level?: Level | 'silent';
  file?: string;
  json?: boolean;
}

/**
 * Turns pino's JSON lines into short human lines ("warn: message key=value") for a terminal. A log line may carry
 * device text, so each line goes through the one sanitiser.
 */
function humanStream(out: NodeJS.WritableStream): Writable {
  const names: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        // pino writes JSON lines; anything else is passed through as it came.
        const j = parseJson(line);
        if (!j.ok || !j.value || typeof j.value !== 'object') {
          out.write(safeText(line) + '\n');
          continue;
        }
        const { level, msg, time: _t, pid: _p, hostname: _h, ...rest } = j.value as Record<string, unknown>;
        const extra = Object.entries(rest)
          .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join(' ');
        out.write(safeText(`${names[Number(level)] ?? String(level)}: ${String(msg ?? '')}${extra ? ' ' + extra : ''}`) + '\n');
      }
      cb();
    },
  });
}

/**
 * --log-file: appended to, created 0600, never through a symbolic link and never a FIFO (src/core/safe-write.ts).
 * A write that fails later (disk full) is said once on stderr and logging to the file stops; the scan goes on.
 */
function logFileStream(file: string): NodeJS.WritableStream {
  const stream = createWriteStream('', { fd: openAppendOnly(file) });
  let said = false;
  // Every later write to the broken stream errors too (ERR_STREAM_DESTROYED): said once, never thrown.
  stream.on('error', (err) => {
    if (said) return;
    said = true;
    process.stderr.write(`camaudit: log file ${safeText(file, 200)}: ${outputReason(err)}; logging to it stopped\n`);
  });
  return stream;
}

/** Quiet by default (warnings only, to stderr); --log-level, --log-file, --log-json change that. */
export function createLogger(opts: LogOptions = {}): Logger {
  const level = opts.level ?? 'warn';
  const dest = opts.file ? logFileStream(opts.file) : process.stderr;
  const stream = opts.json || opts.file ? dest : humanStream(dest);
  return pino({ level, base: undefined, redact: { paths: ['password', '*.password', 'pass', '*.pass', 'authorization', '*.authorization'], censor: '[redacted]' } }, stream);
}

/** A logger that writes nothing, for library use and tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
