// The cameras behind a recorder, as the recorder lists them, read with the credential the recorder has just
// accepted (isapi-auth, dahua-cgi-auth): never a second login attempt, never a guess, never a retry. camaudit only
// reads what the recorder says; it never connects to a camera's own address on the recorder's side.
//   ISAPI: System/capabilities (capacity), ContentMgmt/InputProxy/channels (+ /status), System/Video/inputs/channels
//   Dahua: magicBox getProductDefinition (capacity), configManager RemoteDevice (cameras; its slot count is capacity
//          too), LogicDeviceManager getCameraState
// Each list read leaves a `channel-list` observation (what was asked, what came back, the reply without the secrets
// a recorder stores for its cameras); each camera a `channel` observation (docs/observations.md).
import type { Credential, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import type { Fields } from '../core/observation.js';
import { getWithDigest, type AuthOutcome } from './http-auth.js';
import {
  dahuaCameraStates,
  dahuaProductDefinition,
  dahuaRemoteDeviceSlots,
  dahuaRemoteDevices,
  isapiCapabilities,
  isapiInputProxyChannels,
  isapiInputProxyStatus,
  isapiVideoInputs,
  withoutCameraSecrets,
  type ChannelItem,
} from '../parsers/recorder-channels.js';

export interface Web {
  port: number;
  scheme: 'http' | 'https';
}

/** Whether what a device said of itself makes it a recorder worth asking for its channels. */
export function looksRecorder(fields: readonly Fields[], target: HostTarget): boolean {
  const text = fields.flatMap((f) => [f.deviceType, f.model, f.type, f.updateSerial, f.deviceDescription].filter((v) => typeof v === 'string') as string[]);
  if (text.some((t) => /(?:^|[^A-Za-z])(?:NVR|DVR|XVR|HCVR|DVS)|HybirdNVR|HybridNVR|^i?DS-[79]\d{3}/i.test(t))) return true;
  // Stage-1 evidence: a discovery reply counting several channels (SADP, DHIP, Xiongmai).
  return target.observations.some((o) => ['AnalogChannelNum', 'DigitalChannelNum', 'RemoteVideoInputChannels', 'ChannelNum'].some((k) => Number(o.fields[k]) >= 2));
}

function urlOf(target: HostTarget, web: Web, path: string): string {
  return `${web.scheme}://${target.ip.includes(':') ? `[${target.ip}]` : target.ip}:${web.port}${path}`;
}

/**
 * One GET with the accepted credential; the outcome as a `channel-list` observation, the body when there is one.
 * After a refusal (the user may not read channels) nothing more is asked of this device: a refused credential is
 * never sent again, so a recorder that counts failures never locks the account because of camaudit.
 */
async function read(ctx: ScanContext, target: HostTarget, web: Web, module: string, via: string, what: 'capacity' | 'cameras' | 'state', path: string, cred: Credential, state: { refused: boolean }): Promise<string | null> {
  if (state.refused || ctx.signal.aborted) return null;
  const r: AuthOutcome = await ctx.limiter.run(target.ip, () =>
    getWithDigest(urlOf(target, web, path), cred, { timeoutMs: ctx.limits.probeDeadlineMs, maxBytes: ctx.limits.maxBodyBytes, signal: ctx.signal }),
  );
  const outcome =
    r.kind === 'ok' ? 'read' : r.kind === 'not-found' ? 'not found' : r.kind === 'rejected' ? 'not permitted for this user (not retried)' : `error: ${r.message}`;
  if (r.kind === 'rejected') state.refused = true;
  const body = r.kind === 'ok' ? r.body : null;
  ctx.emit(makeObservation(target.ip, module, { kind: 'channel-list', fields: { via, what, path, outcome, ...(r.kind === 'ok' ? { authenticated: r.authenticated } : {}) } }, { port: web.port, ...(body ? { raw: withoutCameraSecrets(body) } : {}) }));
  return body;
}

function emitChannels(ctx: ScanContext, target: HostTarget, web: Web, module: string, items: ChannelItem[]): void {
  for (const item of items) ctx.emit(makeObservation(target.ip, module, { kind: 'channel', fields: { ...item.fields, authenticated: true } }, { port: web.port }));
}

/** Hikvision recorder: capacity, IP channels with their status, analogue inputs. */
export async function readIsapiChannels(ctx: ScanContext, target: HostTarget, web: Web, cred: Credential): Promise<void> {
  const module = 'isapi-auth';
  const state = { refused: false };
  const caps = await read(ctx, target, web, module, 'isapi', 'capacity', '/ISAPI/System/capabilities', cred, state);
  const capFields = caps ? isapiCapabilities(caps) : null;
  if (capFields) ctx.emit(makeObservation(target.ip, module, { kind: 'isapi', fields: { ...capFields, authenticated: true } }, { port: web.port }));
  const list = await read(ctx, target, web, module, 'isapi', 'cameras', '/ISAPI/ContentMgmt/InputProxy/channels', cred, state);
  const ip = list ? isapiInputProxyChannels(list) : [];
  if (ip.length && !ctx.signal.aborted) {
    const status = await read(ctx, target, web, module, 'isapi', 'state', '/ISAPI/ContentMgmt/InputProxy/channels/status', cred, state);
    const online = status ? isapiInputProxyStatus(status) : new Map();
    for (const item of ip) {
      const s = online.get(item.channel);
      if (s?.online !== undefined) item.fields.online = s.online;
      if (s?.detect) item.fields.detectResult = s.detect;
    }
  }
  emitChannels(ctx, target, web, module, ip);
  const analogue = Number(capFields?.videoInputPortNums ?? 0);
  // NVRs have no analogue inputs; ask a device that has some, or that did not say.
  if (analogue > 0 || !capFields || capFields.videoInputPortNums === undefined) {
    const inputs = await read(ctx, target, web, module, 'isapi', 'cameras', '/ISAPI/System/Video/inputs/channels', cred, state);
    emitChannels(ctx, target, web, module, inputs ? isapiVideoInputs(inputs) : []);
  }
}

/** Dahua recorder: its channel count, the RemoteDevice table and each channel's connection state. */
export async function readDahuaChannels(ctx: ScanContext, target: HostTarget, web: Web, cred: Credential): Promise<void> {
  const module = 'dahua-cgi-auth';
  const state = { refused: false };
  const def = await read(ctx, target, web, module, 'dahuacgi', 'capacity', '/cgi-bin/magicBox.cgi?action=getProductDefinition&name=MaxRemoteInputChannels', cred, state);
  const counts = def ? dahuaProductDefinition(def) : null;
  if (counts) ctx.emit(makeObservation(target.ip, module, { kind: 'dahuacgi', fields: { action: 'getProductDefinition', ...counts, authenticated: true } }, { port: web.port }));
  const table = await read(ctx, target, web, module, 'dahuacgi', 'cameras', '/cgi-bin/configManager.cgi?action=getConfig&name=RemoteDevice', cred, state);
  const items = table ? dahuaRemoteDevices(table) : [];
  // The table keeps a slot per IP channel, empty ones included: its size is a count (fingerprints/channels.json).
  const slots = table ? dahuaRemoteDeviceSlots(table) : null;
  if (slots) ctx.emit(makeObservation(target.ip, module, { kind: 'dahuacgi', fields: { action: 'getConfig RemoteDevice', RemoteDeviceSlots: slots, authenticated: true } }, { port: web.port }));
  if (items.length && !ctx.signal.aborted) {
    const states = await read(ctx, target, web, module, 'dahuacgi', 'state', '/cgi-bin/LogicDeviceManager.cgi?action=getCameraState&uniqueChannels[0]=-1', cred, state);
    const online = states ? dahuaCameraStates(states) : new Map<number, boolean>();
    for (const item of items) {
      const s = online.get(item.channel);
      if (s !== undefined) item.fields.online = s;
    }
  }
  emitChannels(ctx, target, web, module, items);
}
