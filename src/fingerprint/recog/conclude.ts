// From one Recog match to camaudit evidence: the fingerprint's params (literal values, captures by position,
// `{param}` placeholders filled), then what they say about the device: its maker (through the reviewed vendor
// table), a brand label, a chip maker (never the device's maker), a device type, model, firmware, serial.
import type { RecogRule } from './load.js';
import type { VendorDecision, VendorTable } from './vendors.js';

export type RecogDeviceType = 'camera' | 'nvr' | 'dvr' | 'other';

export interface RecogConclusion {
  manufacturer?: string;
  /** Which param named the maker: `hw.vendor`, `os.vendor`, `service.vendor`, or the reviewed override. */
  makerFrom?: string;
  brand?: string;
  deviceType?: RecogDeviceType;
  captures: Partial<Record<'model' | 'firmware' | 'serial' | 'mac', string>>;
  /** For the evidence line: what else the params say that is not a maker (chip, software, product). */
  notes: string[];
}

const PLACEHOLDER = /\{([\w.]+)\}/g;

/** Recog params of a match: pos 0 literal values, pos N the Nth capture, then placeholders filled. */
export function paramsOf(rule: Pick<RecogRule, 'params'>, m: RegExpExecArray | string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of rule.params) {
    if (p.pos === 0) {
      if (p.value !== undefined) out[p.name] = p.value;
    } else {
      const v = m[p.pos];
      if (v !== undefined && v !== null) out[p.name] = v;
    }
  }
  for (const [k, v] of Object.entries(out)) {
    if (!v.includes('{')) continue;
    out[k] = v.replace(PLACEHOLDER, (whole, name: string) => (name in out && !out[name]!.includes('{') ? out[name]! : whole));
  }
  return out;
}

const CAMERA_DEVICES = /^(?:ip camera|web ?cam|camera|network camera|video encoder|video server)$/i;

export function deviceTypeOf(device: string | undefined): RecogDeviceType | undefined {
  if (!device) return undefined;
  if (CAMERA_DEVICES.test(device.trim())) return 'camera';
  if (/^dvr$/i.test(device.trim())) return 'dvr';
  if (/\bn(?:etwork )?v(?:ideo )?r(?:ecorder)?\b/i.test(device)) return 'nvr';
  return 'other';
}

function describe(d: VendorDecision, role: string): string | null {
  switch (d.kind) {
    case 'chip':
      return `${role} ${d.name} is a chip maker, not the device's maker`;
    case 'software':
      return `${role} ${d.name} (software; names no device maker)`;
    default:
      return null;
  }
}

/** What a match of `rule` with these params concludes. */
export function conclude(rule: Pick<RecogRule, 'file' | 'description' | 'override'>, params: Record<string, string>, table: VendorTable): RecogConclusion {
  const out: RecogConclusion = { captures: {}, notes: [] };
  const ctx = { file: rule.file, description: rule.description };
  const decisions: { role: string; d: VendorDecision }[] = [];
  for (const role of ['hw', 'os', 'service'] as const) {
    const name = params[`${role}.vendor`];
    if (name && !name.includes('{')) decisions.push({ role: `${role}.vendor`, d: table.decide(name, role, ctx) });
  }
  const ov = rule.override;
  if (ov && ov.vendor !== undefined) {
    if (ov.vendor) {
      out.manufacturer = ov.vendor;
      out.makerFrom = 'reviewed override';
    }
    if (ov.brand) out.brand = ov.brand;
  } else {
    for (const { role, d } of decisions) {
      if (d.kind === 'maker' && !out.manufacturer) {
        out.manufacturer = d.id;
        out.makerFrom = role;
      }
      if (d.kind === 'brand' && !out.brand) {
        out.brand = d.brand;
        if (d.id && !out.manufacturer) {
          out.manufacturer = d.id;
          out.makerFrom = role;
        }
      }
    }
    if (ov?.brand) out.brand = ov.brand;
  }
  for (const { role, d } of decisions) {
    const note = describe(d, role);
    if (note) out.notes.push(note);
  }
  const type = deviceTypeOf(params['hw.device'] ?? params['os.device']);
  if (type) out.deviceType = type;
  const model = params['hw.product'] ?? params['hw.model'];
  if (model) out.captures.model = model;
  // os.version is the device's firmware when the OS is the maker's own (or the box names no OS vendor).
  const osMaker = decisions.find((x) => x.role === 'os.vendor');
  if (params['os.version'] && out.manufacturer && (!osMaker || (osMaker.d.kind === 'maker' && osMaker.d.id === out.manufacturer))) out.captures.firmware = params['os.version'];
  if (params['hw.serial_number']) out.captures.serial = params['hw.serial_number'];
  if (params['host.mac']) out.captures.mac = params['host.mac'];
  const product = params['service.product'];
  if (product && !out.manufacturer) out.notes.push(`service ${product}${params['service.version'] ? ` ${params['service.version']}` : ''}`);
  return out;
}
