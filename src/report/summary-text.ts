// The sentences every format opens with, worded so they claim no more than the scan shows (issue 17): what was
// scanned and whether the scan finished, and known exploited vulnerabilities by verdict ("possibly affected …
// check firmware" is not "affected"). Plain text: each renderer escapes it.
import type { DeviceRecord, ScanResult } from '../core/result.js';

/** Addresses the scan set out to cover (recorded by scans since issue 17), or null for an older result. */
export function addressesInScope(result: ScanResult): number | null {
  const n = (result.scan.options as Record<string, unknown> | undefined)?.addressesInScope;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Why the scan stopped early, when it says. */
export function stopReason(result: ScanResult): string | null {
  const r = (result.scan.options as Record<string, unknown> | undefined)?.stopReason;
  return typeof r === 'string' && r ? r : null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * "12 live hosts of 256 addresses scanned", or for a scan that did not finish "INCOMPLETE: 12 live hosts among the
 * 57 addresses reached before the scan stopped (interrupted); 256 were in scope".
 */
export function coverageLine(result: ScanResult): string {
  const s = result.summary;
  if (result.scan.complete) return `${plural(s.hostsAlive, 'live host')} of ${plural(s.hostsScanned, 'address', 'addresses')} scanned`;
  const total = addressesInScope(result);
  const why = stopReason(result);
  return `INCOMPLETE: ${plural(s.hostsAlive, 'live host')} among the ${plural(s.hostsScanned, 'address', 'addresses')} reached before the scan stopped${why ? ` (${why})` : ''}; ${total !== null ? `${total.toLocaleString('en-GB')} were in scope` : 'the rest of the scope was not covered'}`;
}

/** What the scan covered, one phrase each: targets, exclusions, ports, modules. */
export function scopeParts(result: ScanResult, maxItems = 20): { label: string; value: string }[] {
  const sc = result.scan;
  const few = (xs: readonly unknown[]) => (xs.length ? xs.slice(0, maxItems).map(String).join(', ') + (xs.length > maxItems ? ` … (+${xs.length - maxItems})` : '') : 'none');
  const ports = (sc.options as Record<string, unknown> | undefined)?.ports;
  const total = addressesInScope(result);
  return [
    { label: 'Targets', value: `${few(sc.targets)}${total !== null ? ` (${plural(total, 'address', 'addresses')})` : ''}` },
    { label: 'Excluded', value: few(sc.excluded) },
    { label: 'Ports', value: Array.isArray(ports) ? few(ports) : 'not recorded' },
    { label: 'Modules', value: few(sc.modules) },
    { label: 'Complete', value: sc.complete ? 'yes' : `NO — the scan stopped early${stopReason(result) ? ` (${stopReason(result)})` : ''}; devices not reached are not in this report` },
  ];
}

/** Devices by their worst KEV verdict: affected (firmware read and in range) and possibly affected (not read). */
export function vulnerabilityCounts(devices: readonly DeviceRecord[]): { affected: number; possibly: number } {
  let affected = 0;
  let possibly = 0;
  for (const d of devices) {
    if (d.vulnerabilities.some((v) => v.verdict === 'affected')) affected++;
    else if (d.vulnerabilities.some((v) => v.verdict === 'possibly affected')) possibly++;
  }
  return { affected, possibly };
}

/** "2 affected by a known exploited vulnerability; 13 possibly affected (firmware not read: check firmware)", or "". */
export function vulnerabilityLine(devices: readonly DeviceRecord[]): string {
  const { affected, possibly } = vulnerabilityCounts(devices);
  const parts = [
    affected ? `${plural(affected, 'device')} affected by a known exploited vulnerability (firmware in the affected range)` : '',
    possibly ? `${plural(possibly, 'device')} possibly affected by a known exploited vulnerability (maker or model listed, firmware not established: check firmware)` : '',
  ].filter(Boolean);
  return parts.join('; ');
}
