// Parses the report GNU time writes with `-v` (`/usr/bin/time -v -o FILE cmd`): wall clock,
// user and system CPU seconds, peak RSS and the exit status. Pure; returns null when the text
// is not a `time -v` report (e.g. the command could not be started).

export interface TimeReport {
  command: string;
  wallSeconds: number;
  userSeconds: number;
  sysSeconds: number;
  /** Maximum resident set size, kilobytes (the largest process of the measured tree). */
  maxRssKb: number;
  exitStatus: number;
  /** Set when the command was killed by a signal ("Command terminated by signal 9"). */
  signal?: number;
}

/** "1:02:03.45" (h:mm:ss) or "0:01.00" (m:ss) → seconds. */
export function parseElapsed(s: string): number | null {
  const parts = s.trim().split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return null;
  return parts.reduce((acc, p) => acc * 60 + Number(p), 0);
}

export function parseTimeV(text: string): TimeReport | null {
  const field = (label: string): string | undefined => {
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t.startsWith(label + ':')) return t.slice(label.length + 1).trim();
    }
    return undefined;
  };
  const wallText = field('Elapsed (wall clock) time (h:mm:ss or m:ss)');
  const user = Number(field('User time (seconds)'));
  const sys = Number(field('System time (seconds)'));
  const rss = Number(field('Maximum resident set size (kbytes)'));
  const wall = wallText === undefined ? null : parseElapsed(wallText);
  if (wall === null || !Number.isFinite(user) || !Number.isFinite(sys) || !Number.isFinite(rss)) return null;
  const report: TimeReport = {
    command: (field('Command being timed') ?? '').replace(/^"|"$/g, ''),
    wallSeconds: wall,
    userSeconds: user,
    sysSeconds: sys,
    maxRssKb: rss,
    exitStatus: Number(field('Exit status') ?? NaN),
  };
  const sig = /Command terminated by signal (\d+)/.exec(text);
  if (sig) report.signal = Number(sig[1]);
  return report;
}
