// Reads results written by earlier versions: a schemaVersion "1" result becomes a version 2 one, and a version 2
// result a version 3 one. Devices keep the verdicts they were given then; the fields version 2 added say they were
// not recorded (a v1 "none" was given under the older rule, so it is not re-judged here: re-run the scan for
// current verdicts). Version 3 only added optional parts (a recorder's channels, the estate counts), so a version 2
// result reads as a version 3 one that recorded none.
import type { ScanResult } from '../core/result.js';

const NOT_RECORDED = 'not recorded (schemaVersion 1 result)';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Upgrades a parsed schemaVersion "1" or "2" result in place and returns it; anything else is returned unchanged (the
 * schema check that follows reports what is wrong with it).
 */
export function upgradeResult(json: unknown): unknown {
  if (!isObject(json)) return json;
  if (json.schemaVersion === '2') {
    json.schemaVersion = '3';
    if (isObject(json.scan) && isObject(json.scan.options) && !('upgradedFrom' in json.scan.options)) json.scan.options.upgradedFrom = 'schemaVersion 2';
    return json as unknown as ScanResult;
  }
  if (json.schemaVersion !== '1') return json;
  if (Array.isArray(json.devices)) {
    for (const d of json.devices) {
      if (!isObject(d)) continue;
      if (!('deviceTypeConfidence' in d)) d.deviceTypeConfidence = null;
      if (!('deviceTypeRationale' in d)) d.deviceTypeRationale = NOT_RECORDED;
      if (isObject(d.risk) && !('reason' in d.risk)) d.risk.reason = NOT_RECORDED;
    }
  }
  json.schemaVersion = '3';
  if (isObject(json.scan) && isObject(json.scan.options)) json.scan.options.upgradedFrom = 'schemaVersion 1';
  return json as unknown as ScanResult;
}
