// Whether a stream may receive ANSI colours and a redrawn progress line. Windows consoles before
// Windows 10 build 10586 print raw escape codes, so there we only colour when VT is known to work.
import os from 'node:os';

export interface TerminalEnv {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** os.release(), e.g. "10.0.19045" on Windows 10 22H2. */
  release?: string;
}

type Stream = { isTTY?: boolean };

/** First Windows 10 build whose console understands VT escape sequences (November 2015 update). */
export const WINDOWS_VT_BUILD = 10586;

/** True when a Windows console will interpret VT (ANSI) sequences. Always true elsewhere. */
export function supportsVt(t: TerminalEnv = {}): boolean {
  const env = t.env ?? process.env;
  const platform = t.platform ?? process.platform;
  if (platform !== 'win32') return true;
  if (env.WT_SESSION || env.TERM_PROGRAM) return true;
  const [major, , build] = (t.release ?? os.release()).split('.').map((n) => Number.parseInt(n, 10));
  return major > 10 || (major === 10 && Number.isFinite(build) && build >= WINDOWS_VT_BUILD);
}

/**
 * Colours only on a terminal (TTY), when NO_COLOR is not set to a non-empty value (no-color.org),
 * TERM is not "dumb", and (on Windows) the console understands VT sequences.
 */
export function supportsColor(stream: Stream, t: TerminalEnv = {}): boolean {
  const env = t.env ?? process.env;
  if (!stream.isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return supportsVt(t);
}

/**
 * A progress line redrawn with "\r" needs a terminal that is not "dumb" and not a CI log (which
 * keeps every redraw as a new line). Carriage return works on every Windows console, so VT is not
 * required; the line is padded with spaces rather than cleared with an escape code.
 */
export function supportsProgressLine(stream: Stream, t: TerminalEnv = {}): boolean {
  const env = t.env ?? process.env;
  if (!stream.isTTY) return false;
  if (env.TERM === 'dumb' || env.CI) return false;
  return true;
}
