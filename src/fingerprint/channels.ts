// Channel capacity of a recorder: how many cameras it can hold, from what it says about itself (SADP, DHIP, Xiongmai
// discovery replies, ISAPI capabilities, ONVIF video sources) or, failing that, from the channel count its maker
// writes into the model number. The sources and conventions are data (fingerprints/channels.json); this file only
// reads them. A reported count outranks a convention; a convention applies only to a device of its maker's group.
import type { Observation } from '../core/observation.js';
import type { EvidenceRef } from '../core/result.js';
import { loadFingerprintDb, type FingerprintDb } from './db.js';
import { groupOf } from './attribute.js';
import type { ReportedChannels } from './schema.js';

export interface ChannelCapacity {
  /** Channels in all: cameras the recorder can hold at once. */
  total: number;
  /** Of which analogue (local) inputs, when the source says. */
  analogue: number | null;
  /** Of which IP channels, when the source says. */
  ip: number | null;
  /** `reported`: the device's own count; `model`: its maker's model-number convention. */
  basis: 'reported' | 'model';
  /** One line: "reports 8 IP channels (sadp.DigitalChannelNum)". */
  why: string;
  evidence: EvidenceRef[];
  /** Sources that disagree with the count chosen, named rather than hidden. */
  conflicts: string[];
}

/** A count as devices write it: a number, or digits in a string. Anything else (negative, huge, text) is no count. */
export function channelNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 4096 ? v : null;
  if (typeof v === 'string' && /^\s*\d{1,4}\s*$/.test(v)) {
    const n = Number(v.trim());
    return n <= 4096 ? n : null;
  }
  return null;
}

interface Reading {
  total: number;
  analogue: number | null;
  ip: number | null;
  rule: ReportedChannels;
  obs: Observation;
  authenticated: boolean;
}

/** What one observation says under one reported-channels entry, or null when it carries none of its fields. */
export function readReported(rule: ReportedChannels, fields: Record<string, unknown>): { total: number; analogue: number | null; ip: number | null } | null {
  const total = rule.total ? channelNumber(fields[rule.total]) : null;
  const analogue = rule.analogue ? channelNumber(fields[rule.analogue]) : null;
  const ip = rule.ip ? channelNumber(fields[rule.ip]) : null;
  if (total === null && analogue === null && ip === null) return null;
  // A total outranks the parts; without one, the parts add up. A total that also names analogue inputs leaves the
  // rest as IP channels (ISAPI's inputProxyNums counts both on a hybrid DVR).
  const sum = (analogue ?? 0) + (ip ?? 0);
  const t = total ?? sum;
  return { total: t, analogue, ip: ip ?? (total !== null && analogue !== null ? Math.max(0, total - analogue) : null) };
}

function describe(r: { total: number; analogue: number | null; ip: number | null }): string {
  const n = (k: string) => `${r.total} ${k}channel${r.total === 1 ? '' : 's'}`;
  if (r.ip && r.analogue) return `${n('')} (${r.ip} IP, ${r.analogue} analogue)`;
  if (r.ip) return n('IP ');
  if (r.analogue) return n('analogue ');
  return n('');
}

function fieldsOf(rule: ReportedChannels): string[] {
  return [rule.total, rule.analogue, rule.ip].filter((f): f is string => Boolean(f));
}

/** Every reported count the observations carry, in the order of fingerprints/channels.json. */
function readings(db: FingerprintDb, obs: readonly Observation[]): Reading[] {
  const out: Reading[] = [];
  for (const rule of db.channels.reported) {
    for (const o of obs) {
      if (o.kind !== rule.kind) continue;
      const r = readReported(rule, o.fields);
      if (!r || r.total === 0) continue;
      out.push({ ...r, rule, obs: o, authenticated: o.fields.authenticated === true && o.module.endsWith('-auth') });
    }
  }
  return out;
}

/** The convention that reads the model, when the device's maker is of the convention's group. */
export function modelChannels(db: FingerprintDb, model: string | null, manufacturer: string | null): { total: number; kind: 'ip' | 'analogue'; id: string } | null {
  if (!model || !manufacturer) return null;
  for (const c of db.channels.models) {
    if (groupOf(db, c.manufacturer) !== groupOf(db, manufacturer)) continue;
    const m = c.re.exec(model.slice(0, 200));
    const n = channelNumber(m?.groups?.channels);
    if (n) return { total: n, kind: c.kind, id: c.id };
  }
  return null;
}

/**
 * Capacity from the observations of one device and its attributed maker and model; null when nothing states one.
 * Credentialed reports come first, then unauthenticated ones in file order, then the model convention.
 */
export function channelCapacity(obs: readonly Observation[], device: { manufacturer: string | null; model: string | null }, db: FingerprintDb = loadFingerprintDb()): ChannelCapacity | null {
  const found = readings(db, obs).sort((a, b) => Number(b.authenticated) - Number(a.authenticated));
  const model = modelChannels(db, device.model, device.manufacturer);
  const conflicts: string[] = [];
  const first = found[0];
  if (first) {
    const fields = fieldsOf(first.rule).filter((f) => first.obs.fields[f] !== undefined);
    const evidence: EvidenceRef[] = fields.map((f) => ({
      module: first.obs.module,
      field: `${first.rule.kind}.${f}`,
      value: String(first.obs.fields[f]),
      rule: first.rule.id,
      concludes: `channels=${first.total}`,
    }));
    for (const other of found.slice(1)) {
      if (other.total !== first.total && !conflicts.some((c) => c.includes(other.rule.id))) conflicts.push(`${other.rule.id} reports ${describe(other)}`);
    }
    // A hybrid DVR that reports only its IP channels (Dahua MaxRemoteInputChannels): its analogue inputs are those
    // its model number states, added to them.
    const hybrid = model?.kind === 'analogue' && first.analogue === null && first.ip !== null && first.total === first.ip ? model : null;
    if (model && !hybrid && model.total !== first.total && model.total !== first[model.kind]) conflicts.push(`the model number (${model.id}) says ${model.total} ${model.kind === 'ip' ? 'IP' : 'analogue'} channels`);
    if (hybrid) {
      const r = { total: first.total + hybrid.total, analogue: hybrid.total, ip: first.ip };
      return {
        ...r,
        basis: 'reported',
        why: `reports ${first.ip} IP channels (${fields.map((f) => `${first.rule.kind}.${f}`).join(', ')}${first.authenticated ? ', read with the credentials given' : ''}) and model ${device.model} has ${hybrid.total} analogue inputs by its maker's model numbering (${hybrid.id})`,
        evidence: [...evidence, { module: 'attribution', field: 'device.model', value: device.model!, rule: hybrid.id, concludes: `analogue channels=${hybrid.total} (model number)` }],
        conflicts,
      };
    }
    return {
      total: first.total,
      analogue: first.analogue,
      ip: first.ip,
      basis: 'reported',
      why: `reports ${describe(first)} (${fields.map((f) => `${first.rule.kind}.${f}`).join(', ')}${first.authenticated ? ', read with the credentials given' : ''})`,
      evidence,
      conflicts,
    };
  }
  if (model) {
    const r = { total: model.total, analogue: model.kind === 'analogue' ? model.total : null, ip: model.kind === 'ip' ? model.total : null };
    return {
      ...r,
      basis: 'model',
      why: `model ${device.model} has ${describe(r)} by its maker's model numbering (${model.id})`,
      evidence: [{ module: 'attribution', field: 'device.model', value: device.model!, rule: model.id, concludes: `channels=${model.total} (model number)` }],
      conflicts,
    };
  }
  return null;
}
