// Where a passive read gets its bytes: capture files (pcap or pcapng, gzip-compressed or not, "-" for stdin) read
// as a stream in 1 MiB pieces, or a live interface through tcpdump (`tcpdump -i IF -w -`, which only listens) for a
// fixed time. Either way the bytes go through one CaptureReader into one PassiveSession; each file's SHA-256 (of the
// bytes as stored), size, format and time span are kept for the result. A bad file is a UsageError (one line).
import { createReadStream, statSync, type Stats } from 'node:fs';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { RuntimeError, UsageError } from '../core/errors.js';
import { describeFailure, errorCode } from '../core/failure.js';
import { CaptureReader, frameIso, frameMs, type CaptureFrame, type CaptureSummary } from '../parsers/pcap.js';
import type { PassiveSession } from './session.js';
import type { PassiveCapture } from '../core/result.js';

export const READ_CHUNK = 1024 * 1024;

/** One capture as the result describes it (scan.source.captures). */
export type CaptureInfo = PassiveCapture;

/** First and last packet times of one capture, kept as stored (no allocation per frame). */
class Span {
  private firstMs = Infinity;
  private lastMs = -Infinity;
  first: Pick<CaptureFrame, 'tsHigh' | 'tsLow' | 'clock'> | null = null;
  last: Pick<CaptureFrame, 'tsHigh' | 'tsLow' | 'clock'> | null = null;
  see(f: CaptureFrame): void {
    const ms = frameMs(f);
    if (ms < this.firstMs) {
      this.firstMs = ms;
      this.first = { tsHigh: f.tsHigh, tsLow: f.tsLow, clock: f.clock };
    }
    if (ms >= this.lastMs) {
      this.lastMs = ms;
      if (this.last) {
        this.last.tsHigh = f.tsHigh;
        this.last.tsLow = f.tsLow;
        this.last.clock = f.clock;
      } else this.last = { tsHigh: f.tsHigh, tsLow: f.tsLow, clock: f.clock };
    }
  }
}

function info(file: string, sha256: string, bytes: number, compressed: boolean, s: CaptureSummary, span: Span): CaptureInfo {
  const out: CaptureInfo = {
    file,
    sha256,
    bytes,
    compressed,
    format: s.format,
    frames: s.frames,
    cutFrames: s.cutFrames,
    linkTypes: [...new Set(s.interfaces.map((i) => i.linkType))],
    interfaces: s.interfaces.length,
    firstPacket: span.first ? frameIso(span.first) : null,
    lastPacket: span.last ? frameIso(span.last) : null,
  };
  if (Object.keys(s.skippedBlocks).length) out.skippedBlocks = s.skippedBlocks;
  return out;
}

/** Yields `first`, then the rest of the stream, showing every piece to `see` (hash, size, copy). */
async function* tap(first: Buffer | null, rest: AsyncIterator<unknown> | null, see: (b: Buffer) => void): AsyncGenerator<Buffer> {
  if (first) {
    see(first);
    yield first;
  }
  if (!rest) return;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    const b = r.value as Buffer;
    see(b);
    yield b;
  }
}

/** Feeds a byte stream (gzip-compressed or not) through a reader into the session; hashes the bytes as stored. */
async function feed(name: string, input: Readable, session: PassiveSession, size: number | undefined, tee?: WriteStream): Promise<{ sha256: string; bytes: number; compressed: boolean; summary: CaptureSummary; span: Span }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const span = new Span();
  session.beginFile(name);
  const it = input[Symbol.asyncIterator]();
  // The first two bytes say whether it is gzip (1f 8b).
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  while (head.length < 2) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    head = head.length ? Buffer.concat([head, r.value as Buffer]) : (r.value as Buffer);
  }
  const compressed = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const see = (b: Buffer): void => {
    hash.update(b);
    bytes += b.length;
    if (tee) tee.write(b);
  };
  const raw = tap(head.length ? head : null, ended ? null : it, see);
  const reader = new CaptureReader(
    (f) => {
      span.see(f);
      session.frame(f);
    },
    { name, ...(compressed || size === undefined ? {} : { size }) },
  );
  if (compressed) {
    const gz = createGunzip();
    const src = Readable.from(raw);
    src.on('error', (err) => gz.destroy(err));
    src.pipe(gz);
    try {
      for await (const c of gz) reader.push(c as Buffer);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`${name}: not a readable gzip file (${describeFailure(err)})`, 'CAMAUDIT_ERR_INPUT', { cause: err });
    }
  } else {
    for await (const c of raw) reader.push(c);
  }
  const summary = reader.end();
  return { sha256: hash.digest('hex'), bytes, compressed, summary, span };
}

/** Reads one capture file (or "-" for standard input) into the session. */
export async function readCaptureFile(file: string, session: PassiveSession): Promise<CaptureInfo> {
  if (file === '-') {
    const r = await feed('-', process.stdin, session, undefined);
    return info('-', r.sha256, r.bytes, r.compressed, r.summary, r.span);
  }
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    const code = errorCode(err);
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : describeFailure(err)}`, 'CAMAUDIT_ERR_INPUT');
  }
  if (st.isDirectory()) throw new UsageError(`${file}: is a directory, not a capture file`, 'CAMAUDIT_ERR_INPUT');
  const stream = createReadStream(file, { highWaterMark: READ_CHUNK });
  const r = await feed(file, stream, session, st.size).catch((err: unknown) => {
    stream.destroy();
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${file}: cannot be read (${describeFailure(err)})`, 'CAMAUDIT_ERR_INPUT', { cause: err });
  });
  return info(file, r.sha256, r.bytes, r.compressed, r.summary, r.span);
}

export interface ListenOptions {
  iface: string;
  durationSeconds: number;
  /** Also keep the raw capture (pcap) in this file. */
  save?: string;
  /** A BPF filter passed to tcpdump (default: none, every frame). */
  filter?: string;
  /** Stops early (Ctrl-C); what was read so far is kept. */
  signal?: AbortSignal;
  /** The tcpdump binary (default "tcpdump" on PATH). */
  tcpdump?: string;
  /** Called once tcpdump says it is listening (its "listening on …" line). */
  onReady?: () => void;
}

/**
 * Listens on an interface for a fixed time: `tcpdump -i IF -n -s 0 -U -w -` streams pcap into the same reader.
 * tcpdump only listens (no name lookups with -n; -w writes raw frames), so camaudit sends nothing.
 */
export async function listenLive(o: ListenOptions, session: PassiveSession): Promise<CaptureInfo> {
  const args = ['-i', o.iface, '-n', '-s', '0', '-U', '-w', '-', ...(o.filter ? [o.filter] : [])];
  const child = spawn(o.tcpdump ?? 'tcpdump', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let ready = false;
  child.stderr.on('data', (b: Buffer) => {
    if (stderr.length < 8192) stderr += b.toString();
    if (!ready && /listening on /.test(stderr)) {
      ready = true;
      o.onReady?.();
    }
  });
  let startError: NodeJS.ErrnoException | null = null;
  const spawnError = new Promise<Error>((resolve) =>
    child.once('error', (e) => {
      startError = e;
      resolve(e);
    }),
  );
  const notStarted = (e: NodeJS.ErrnoException): never => {
    if (e.code === 'ENOENT') throw new RuntimeError('tcpdump not found: install it (Debian/Ubuntu: apt-get install tcpdump) to listen live', 'CAMAUDIT_ERR_RUNTIME', { cause: e });
    throw new RuntimeError(`tcpdump did not start: ${describeFailure(e)}`, 'CAMAUDIT_ERR_RUNTIME', { cause: e });
  };
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const stop = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  const timer = setTimeout(stop, Math.max(0, o.durationSeconds * 1000));
  o.signal?.addEventListener('abort', stop, { once: true });
  const tee = o.save ? createWriteStream(o.save) : undefined;
  const name = `live:${o.iface}`;
  const fail = (why: string): never => {
    if (/permission|not permitted/i.test(why)) throw new RuntimeError(`tcpdump on ${o.iface}: ${why} (listening needs root or CAP_NET_RAW)`, 'CAMAUDIT_ERR_PRIVILEGE');
    throw new UsageError(`tcpdump on ${o.iface}: ${why}`, 'CAMAUDIT_ERR_INTERFACE');
  };
  try {
    let outcome: { ok: true; r: Awaited<ReturnType<typeof feed>> } | { ok: false; e: Error };
    try {
      outcome = await Promise.race([
        feed(name, child.stdout, session, undefined, tee).then((r) => ({ ok: true as const, r })),
        spawnError.then((e) => ({ ok: false as const, e })),
      ]);
    } catch (err) {
      // tcpdump wrote nothing readable: its own error line says why (no such interface, no permission).
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      if (startError) notStarted(startError);
      const why = tcpdumpProblem(stderr);
      if (why) fail(why);
      throw err;
    }
    const code = await exited;
    if (!outcome.ok) return notStarted(outcome.e as NodeJS.ErrnoException);
    const why = tcpdumpProblem(stderr);
    if (outcome.r.bytes === 0 && why) fail(why);
    if (outcome.r.bytes === 0 && code !== 0) throw new RuntimeError(`tcpdump on ${o.iface} exited with code ${code} before writing anything`, 'CAMAUDIT_ERR_RUNTIME');
    return info(name, outcome.r.sha256, outcome.r.bytes, false, outcome.r.summary, outcome.r.span);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', stop);
    stop();
    if (tee) await new Promise<void>((r) => tee.end(() => r()));
  }
}

/** tcpdump's own error line ("tcpdump: eth9: No such device exists"), without its banner lines. */
function tcpdumpProblem(stderr: string): string | null {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^tcpdump: listening on|^\d+ packets? /.test(l) && !/^listening on/.test(l));
  const err = lines.find((l) => /^tcpdump: /.test(l));
  return err ? err.replace(/^tcpdump: /, '').slice(0, 200) : null;
}
