// Every file a user names as input (identify captures, --kev, @targets, --credentials, saved results, policy files,
// lab profiles) is read here: only a regular file, only when its size is under the caller's cap, checked before a
// byte is read. A FIFO (which would block), /dev/zero or /dev/urandom (which never end), a directory or a socket
// is refused with one line. The read itself stops at the cap too, in case the file grows after the check.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError, type ErrorCode } from './errors.js';
import { failureCode } from './failure.js';
import { safeText } from './text-safety.js';

export type InputRead = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const REASONS: Record<string, string> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  ENOTDIR: 'a part of the path is not a folder',
};

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

/** Sizes as people read them: "4 MiB", "512 KiB", "100 bytes". */
export function sizeText(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/**
 * Reads `file` when it is a regular file of at most `maxBytes`; otherwise says why not. Never blocks on a FIFO
 * (opened non-blocking, then refused by type), never reads past the cap, never throws.
 */
export function readBoundedFile(file: string, maxBytes: number): InputRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once (it is refused below); O_NOCTTY: a terminal
    // device named as input never becomes our controlling terminal.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    const code = failureCode(err, 'error');
    return { ok: false, reason: REASONS[code] ?? `cannot be read (${code})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: kindOf(st) };
    if (st.size > maxBytes) return { ok: false, reason: `larger than ${sizeText(maxBytes)} (${st.size} bytes), the limit for this input` };
    // Read to the end, not to st.size: a file may grow, and some report a size of 0. Never past the cap.
    const chunks: Buffer[] = [];
    let got = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - got));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      got += n;
      if (got > maxBytes) return { ok: false, reason: `larger than ${sizeText(maxBytes)} (it grew while being read), the limit for this input` };
    }
    return { ok: true, bytes: Buffer.concat(chunks, got) };
  } catch (err) {
    const code = failureCode(err, 'error');
    return { ok: false, reason: REASONS[code] ?? `cannot be read (${code})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * readBoundedFile as text (UTF-8, a leading BOM dropped), or a one-line UsageError "<what> <file>: <why>" with
 * `code` (default CAMAUDIT_ERR_INPUT).
 */
export function readInputText(file: string, o: { what: string; maxBytes: number; code?: ErrorCode }): string {
  const r = readBoundedFile(file, o.maxBytes);
  if (!r.ok) throw new UsageError(`${o.what} ${safeText(file, 200)}: ${r.reason}`, o.code ?? 'CAMAUDIT_ERR_INPUT');
  return r.bytes.toString('utf8').replace(/^\uFEFF/, '');
}
