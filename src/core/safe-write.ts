// Writing an output file so that nothing earlier is lost and nothing is written through a link (issue 18):
//   - the data goes to a new temporary file in the target's own folder, created with O_CREAT|O_EXCL|O_NOFOLLOW
//     (never an existing file, never through a symbolic link), flushed with fsync, then renamed over the target;
//     the folder is fsynced after the rename. A failure at any point (disk full, read-only, quota) removes the
//     temporary file and leaves the earlier file exactly as it was: a rename replaces all or nothing.
//   - a target that is a symbolic link, a folder or anything but a regular file is refused, so a link planted in a
//     shared folder (`report.csv -> /etc/…`) is never followed, even by root.
// Failures are RuntimeError CAMAUDIT_ERR_OUTPUT (exit 3) with one line naming the file and the reason.
import { randomBytes } from 'node:crypto';
import { constants, closeSync, fstatSync, openSync, type Stats } from 'node:fs';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { RuntimeError } from './errors.js';
import { errorCode, rethrowUnless } from './failure.js';
import { safeText } from './text-safety.js';

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'its folder does not exist',
  ELOOP: 'it is a symbolic link (refusing to write through it)',
  EFBIG: 'too large for the file system',
  EIO: 'input/output error',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENXIO: 'nothing is reading it (a FIFO or device)',
};

/** Why an output could not be written, as one line: "no space left on the device (ENOSPC)". */
export function outputReason(err: unknown): string {
  const code = errorCode(err);
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  if (err instanceof RangeError) return 'too large to render (V8 string limit)';
  if (code) return code;
  return safeText(err instanceof Error ? err.message.split('\n')[0] : String(err), 200);
}

/** The RuntimeError for a file that could not be written. */
export function outputError(file: string, err: unknown): RuntimeError {
  return new RuntimeError(`cannot write ${safeText(file, 300)}: ${outputReason(err)}`, 'CAMAUDIT_ERR_OUTPUT', { cause: err });
}

/** What is at `file` now: nothing, a regular file (its stats), or a refusal naming what it is. */
export async function existingTarget(file: string): Promise<{ kind: 'none' } | { kind: 'file'; stats: Stats } | { kind: 'refused'; why: string }> {
  let st: Stats;
  try {
    st = await lstat(file);
  } catch (err) {
    rethrowUnless(err, 'ENOENT'); // nothing there yet: the usual case
    return { kind: 'none' };
  }
  if (st.isSymbolicLink()) return { kind: 'refused', why: 'it is a symbolic link (refusing to write through it: remove it or choose another place)' };
  if (st.isDirectory()) return { kind: 'refused', why: 'it is a folder' };
  if (!st.isFile()) return { kind: 'refused', why: 'it is not a regular file (a FIFO, device or socket)' };
  return { kind: 'file', stats: st };
}

export type Chunks = string | Uint8Array | Iterable<string | Uint8Array>;

/**
 * Writes `data` to `file` atomically (see the header). `data` may be one string/buffer or an iterable of pieces
 * (a large rendering need not be one string). Throws outputError on failure, with the earlier file untouched.
 */
export async function writeFileAtomic(file: string, data: Chunks, o: { mode?: number } = {}): Promise<void> {
  const dir = path.dirname(file);
  const before = await existingTarget(file);
  if (before.kind === 'refused') throw new RuntimeError(`cannot write ${safeText(file, 300)}: ${before.why}`, 'CAMAUDIT_ERR_OUTPUT');
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, o.mode ?? 0o666);
  } catch (err) {
    throw outputError(file, err);
  }
  try {
    const pieces = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
    // writeFile on a handle writes the whole piece from the current position (write() may write part of it).
    for (const piece of pieces) await handle.writeFile(piece);
    await handle.sync();
  } catch (err) {
    await handle.close().catch((e: unknown) => rethrowUnless(e, 'EBADF'));
    await unlink(tmp).catch((e: unknown) => rethrowUnless(e, 'ENOENT'));
    throw outputError(file, err);
  }
  try {
    await handle.close();
    // Checked again just before the rename: a link planted while we wrote is refused too (rename would replace
    // the link itself, not its target, but the refusal is the same as before the write).
    const now = await existingTarget(file);
    if (now.kind === 'refused') throw new RuntimeError(`cannot write ${safeText(file, 300)}: ${now.why}`, 'CAMAUDIT_ERR_OUTPUT');
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch((e: unknown) => rethrowUnless(e, 'ENOENT'));
    if (err instanceof RuntimeError) throw err;
    throw outputError(file, err);
  }
  await syncDir(dir);
}

/** fsync a folder so a rename in it survives a crash; a file system that cannot (EINVAL/EISDIR) is fine. */
async function syncDir(dir: string): Promise<void> {
  let h;
  try {
    h = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (err) {
    rethrowUnless(err, 'EACCES', 'EPERM'); // a folder we may write but not read: the file is written, only not fsynced
    return;
  }
  try {
    await h.sync();
  } catch (err) {
    rethrowUnless(err, 'EINVAL', 'EISDIR', 'ENOTSUP'); // some file systems do not sync folders
  } finally {
    await h.close();
  }
}

/**
 * Opens `file` for appending (a log): created 0600 if missing, never through a symbolic link (O_NOFOLLOW), only a
 * regular file or a character device such as /dev/null (a FIFO would block: opened non-blocking and refused).
 * Returns the descriptor; throws outputError otherwise.
 */
export function openAppendOnly(file: string): number {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY, 0o600);
  } catch (err) {
    throw outputError(file, err);
  }
  const st = fstatSync(fd);
  if (st.isFile()) return fd;
  closeSync(fd);
  if (!st.isCharacterDevice()) throw new RuntimeError(`cannot write ${safeText(file, 300)}: it is not a regular file (a FIFO, folder or socket)`, 'CAMAUDIT_ERR_OUTPUT');
  // A character device (/dev/null, a terminal): opened again without O_NONBLOCK so writes never fail with EAGAIN.
  try {
    return openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | constants.O_NOCTTY);
  } catch (err) {
    throw outputError(file, err);
  }
}
