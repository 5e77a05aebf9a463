// The counts an FOI answer needs (issue 19): devices seen on the network, cameras behind recorders (listed by the
// recorder), channels nobody listed, and a total per maker that adds up: per maker seen + behind = total, and the
// totals sum to seen + behind. A camera behind a recorder that the scan also saw on the network (same serial or
// MAC, `seenAs`) is counted once, where it was seen.
import type { BehindDevice, DeviceRecord, EstateCounts, RecorderInfo } from './result.js';

const VIDEO = new Set(['camera', 'nvr', 'dvr']);
const RECORDER = new Set(['nvr', 'dvr']);

/** The name a report counts a device under: its maker's display name, else its id, else "unknown". */
export function makerKey(d: { manufacturerName: string | null; manufacturer: string | null }): string {
  return d.manufacturerName ?? d.manufacturer ?? 'unknown';
}

/** Cameras behind the recorders of these devices that count on their own (not also seen on the network). */
export function behindOnly(devices: readonly DeviceRecord[]): BehindDevice[] {
  return devices.flatMap((d) => (d.recorder?.behind ?? []).filter((b) => !b.seenAs));
}

export function estateCounts(devices: readonly DeviceRecord[]): EstateCounts {
  const recorders = devices.filter((d) => RECORDER.has(String(d.deviceType)) || d.recorder);
  const byMaker = new Map<string, { seen: number; behind: number; total: number }>();
  const add = (k: string, what: 'seen' | 'behind') => {
    const row = byMaker.get(k) ?? { seen: 0, behind: 0, total: 0 };
    row[what]++;
    row.total++;
    byMaker.set(k, row);
  };
  for (const d of devices) add(makerKey(d), 'seen');
  const behind = behindOnly(devices);
  for (const b of behind) add(makerKey(b), 'behind');
  return {
    seen: devices.length,
    seenVideo: devices.filter((d) => VIDEO.has(String(d.deviceType))).length,
    recorders: recorders.length,
    channels: recorders.reduce((n, d) => n + (d.recorder?.channels ?? 0), 0),
    recordersWithoutCount: recorders.filter((d) => d.recorder?.channels == null).length,
    behind: behind.length,
    notEnumerated: recorders.reduce((n, d) => n + (d.recorder?.notEnumerated ?? 0), 0),
    // A Map turned into an object: a maker called "__proto__" becomes an own key, never the prototype.
    byMaker: Object.fromEntries([...byMaker.entries()].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))),
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The line every format shows for a recorder: "16 channels: up to 16 cameras not visible from here". */
export function recorderStatement(r: Pick<RecorderInfo, 'channels' | 'enumerated' | 'notEnumerated'>): string {
  if (r.channels === null) {
    return r.enumerated ? `channel count not known; ${plural(r.enumerated, 'camera')} behind it listed, more may not be visible from here` : 'channel count not known: cameras behind it are not visible from here';
  }
  const n = r.channels;
  if (!r.enumerated) return `${plural(n, 'channel')}: up to ${plural(n, 'camera')} not visible from here`;
  const rest = r.notEnumerated ?? 0;
  return `${plural(n, 'channel')}: ${plural(r.enumerated, 'camera')} behind it listed${rest ? `, up to ${rest} more not visible from here` : ''}`;
}

/** Recomputes what depends on a recorder's list of cameras (after merge drops a camera that moved). */
export function refreshRecorder(r: RecorderInfo): void {
  r.enumerated = r.behind.length;
  r.notEnumerated = r.channels === null ? null : Math.max(0, r.channels - r.enumerated);
  r.statement = recorderStatement(r);
}
