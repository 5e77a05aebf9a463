// How every report format words the estate counts and a recorder's channels (issue 19), as plain text each
// renderer escapes: devices seen on the network, cameras behind recorders, channels not enumerated, per maker.
import type { BehindDevice, DeviceRecord, EstateCounts, ScanResult } from '../core/result.js';
import { estateCounts } from '../core/estate.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The result's estate counts; computed from its devices when an older result did not record them. */
export function estateOf(result: ScanResult): EstateCounts {
  return result.summary.estate ?? estateCounts(result.devices);
}

/** "5 devices seen on the network (3 cameras/NVRs/DVRs) · 9 cameras behind 2 recorders (enumerated) · 23 channels not enumerated". */
export function estateLine(e: EstateCounts): string {
  const parts = [`${plural(e.seen, 'device')} seen on the network (${e.seenVideo} camera/NVR/DVR)`];
  if (e.recorders) {
    parts.push(`${plural(e.behind, 'camera')} behind ${plural(e.recorders, 'recorder')} (enumerated)`);
    parts.push(`${plural(e.notEnumerated, 'channel')} not enumerated: up to ${plural(e.notEnumerated, 'more camera', 'more cameras')} not visible from here`);
    if (e.recordersWithoutCount) parts.push(`${plural(e.recordersWithoutCount, 'recorder')} of unknown channel count`);
  }
  return parts.join('; ');
}

/** "Hikvision 2 + 7 = 9; Dahua 1 + 2 = 3": per maker, seen + behind = total. */
export function perMakerLine(e: EstateCounts, max = 20): string {
  const rows = Object.entries(e.byMaker);
  const shown = rows.slice(0, max).map(([m, r]) => `${m === 'unknown' ? 'maker unknown' : m} ${r.seen} + ${r.behind} = ${r.total}`);
  return `${shown.join('; ')}${rows.length > max ? `; … ${rows.length - max} more` : ''}`;
}

/** "channel 3" / "analogue input 2". */
export function channelLabel(b: Pick<BehindDevice, 'analogue' | 'channel'>): string {
  return `${b.analogue ? 'analogue input' : 'channel'} ${b.channel}`;
}

/** "behind 198.18.0.30, channel 3 (its address there 192.168.254.3)". */
export function behindLabel(recorder: Pick<DeviceRecord, 'ip'>, b: BehindDevice): string {
  return `behind ${recorder.ip}, ${channelLabel(b)}${b.address ? ` (its address there ${b.address})` : ''}`;
}

/** "online" / "offline" / "" as the recorder reports it. */
export function onlineLabel(b: Pick<BehindDevice, 'online' | 'analogue'>): string {
  if (b.online === null) return '';
  return b.online ? (b.analogue ? 'video signal' : 'online') : b.analogue ? 'no video' : 'offline';
}

/** Every camera behind a recorder with its recorder, in device order. */
export function behindWithRecorder(result: ScanResult): { recorder: DeviceRecord; b: BehindDevice }[] {
  return result.devices.flatMap((recorder) => (recorder.recorder?.behind ?? []).map((b) => ({ recorder, b })));
}
