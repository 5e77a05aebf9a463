// What a recorder says about the cameras on its channels, read with the user's credentials (src/creds):
//   Hikvision ISAPI  /ISAPI/ContentMgmt/InputProxy/channels         → one `channel` item per IP channel
//                    /ISAPI/ContentMgmt/InputProxy/channels/status  → online per IP channel
//                    /ISAPI/System/Video/inputs/channels            → one `channel` item per analogue input
//                    /ISAPI/System/capabilities                     → channel capacity (`isapi` inputProxyNums …)
//   Dahua CGI        configManager.cgi?action=getConfig&name=RemoteDevice        → one item per enabled slot; its
//                                                                                  slot count is the IP channel count
//                    LogicDeviceManager.cgi?action=getCameraState&uniqueChannels[0]=-1 → online per channel
// Only the fields that describe the camera are kept: never a user name or password the recorder stores for it.
// Every reader is bounded (items, value length), linear in its input, and returns [] for a body of another shape.
import type { Fields } from '../core/observation.js';
import { elementBlocks, hasElement, leaf, xmlText } from './xml-safe.js';

/** Most channels kept from one reply: the largest recorders have 256 channels. */
export const CHANNELS_MAX = 512;
const VALUE_MAX = 256;

/** Model values that name no model ("IPC", "IP Camera" …): a recorder writes them for cameras it learnt nothing of. */
const GENERIC_TYPE = /^(?:IPC|IP ?Camera|IPCamera|General|Private|Onvif|Unknown)$/i;

/** One camera (or analogue input) a recorder lists, as `channel` observation fields (docs/observations.md). */
export interface ChannelItem {
  /** 1-based channel number, as the recorder's own user interface counts it. */
  channel: number;
  analogue: boolean;
  fields: Fields;
}

const cut = (s: string | undefined): string | undefined => {
  if (s === undefined) return undefined;
  const t = s.trim();
  return t ? (t.length > VALUE_MAX ? t.slice(0, VALUE_MAX) : t) : undefined;
};

function channelId(v: string | undefined): number | null {
  if (v === undefined || !/^\s*\d{1,4}\s*$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= 4096 ? n : null;
}

function portNumber(v: string | undefined): number | null {
  if (v === undefined || !/^\s*\d{1,5}\s*$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= 65535 ? n : null;
}

function bool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** A MAC a recorder fills in for "not known" (all-ones, all-zeros) is no MAC. */
function realMac(v: string | undefined): string | undefined {
  const m = cut(v);
  if (!m || !/^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i.test(m)) return undefined;
  return /^(?:ff[:-]){5}ff$|^(?:00[:-]){5}00$/i.test(m) ? undefined : m.toLowerCase().replace(/-/g, ':');
}

/** Serial numbers recorders fill with zeros when a camera did not say. */
function realSerial(v: string | undefined): string | undefined {
  const s = cut(v);
  return s && !/^0+$/.test(s) ? s : undefined;
}

function set(f: Fields, key: string, v: string | number | boolean | undefined): void {
  if (v !== undefined) f[key] = v;
}

/** ISAPI InputProxyChannelList: the IP cameras a Hikvision recorder has been given, with what it learnt of each. */
export function isapiInputProxyChannels(input: Buffer | string): ChannelItem[] {
  const { text, rejected } = xmlText(input);
  if (rejected || !hasElement(text, 'InputProxyChannelList')) return [];
  const out: ChannelItem[] = [];
  for (const block of elementBlocks(text, 'InputProxyChannel', CHANNELS_MAX)) {
    const channel = channelId(leaf(block, 'id'));
    if (channel === null) continue;
    const f: Fields = { via: 'isapi', channel, analogue: false };
    set(f, 'name', cut(leaf(block, 'name')));
    set(f, 'proxyProtocol', cut(leaf(block, 'proxyProtocol')));
    set(f, 'address', cut(leaf(block, 'ipAddress') ?? leaf(block, 'hostName')));
    const port = portNumber(leaf(block, 'managePortNo'));
    if (port !== null) f.port = port;
    const model = cut(leaf(block, 'model'));
    if (model && !GENERIC_TYPE.test(model)) f.model = model;
    set(f, 'serialNumber', realSerial(leaf(block, 'serialNumber')));
    set(f, 'firmwareVersion', cut(leaf(block, 'firmwareVersion')));
    set(f, 'srcInputPort', cut(leaf(block, 'srcInputPort')));
    out.push({ channel, analogue: false, fields: f });
  }
  return out;
}

/** ISAPI InputProxyChannelStatusList: channel → online (the element may sit inside sourceInputPortDescriptor). */
export function isapiInputProxyStatus(input: Buffer | string): Map<number, { online: boolean | undefined; detect: string | undefined }> {
  const out = new Map<number, { online: boolean | undefined; detect: string | undefined }>();
  const { text, rejected } = xmlText(input);
  if (rejected || !hasElement(text, 'InputProxyChannelStatus')) return out;
  for (const block of elementBlocks(text, 'InputProxyChannelStatus', CHANNELS_MAX)) {
    const channel = channelId(leaf(block, 'id'));
    if (channel === null) continue;
    out.set(channel, { online: bool(leaf(block, 'online')), detect: cut(leaf(block, 'chanDetectResult')) });
  }
  return out;
}

/**
 * ISAPI VideoInputChannelList: the analogue inputs of a Hikvision DVR. An input whose resolution reads "NO VIDEO"
 * has no camera on it; one with a resolution has a camera whose maker the recorder cannot know.
 */
export function isapiVideoInputs(input: Buffer | string): ChannelItem[] {
  const { text, rejected } = xmlText(input);
  if (rejected || !hasElement(text, 'VideoInputChannelList')) return [];
  const out: ChannelItem[] = [];
  for (const block of elementBlocks(text, 'VideoInputChannel', CHANNELS_MAX)) {
    const channel = channelId(leaf(block, 'id'));
    if (channel === null) continue;
    const f: Fields = { via: 'isapi', channel, analogue: true };
    set(f, 'name', cut(leaf(block, 'name')));
    set(f, 'enabled', bool(leaf(block, 'videoInputEnabled')));
    set(f, 'videoFormat', cut(leaf(block, 'videoFormat')));
    const res = cut(leaf(block, 'resDesc'));
    set(f, 'signal', res);
    // A signal is a camera; "NO VIDEO" is an empty input; no resDesc at all says nothing either way.
    if (res !== undefined) f.online = !/^NO VIDEO$/i.test(res);
    out.push({ channel, analogue: true, fields: f });
  }
  return out;
}

/** ISAPI System/capabilities: the channel counts, as `isapi` fields (fingerprints/channels.json reads them). */
export function isapiCapabilities(input: Buffer | string): Fields | null {
  const { text, rejected } = xmlText(input);
  if (rejected || !hasElement(text, 'DeviceCap')) return null;
  const f: Fields = {};
  for (const name of ['inputProxyNums', 'videoInputPortNums']) {
    const v = leaf(text, name);
    if (v !== undefined && /^\d{1,4}$/.test(v)) f[name] = v;
  }
  return Object.keys(f).length ? { ...f, document: 'capabilities' } : null;
}

/** Addresses Dahua recorders keep in empty slots. */
const PLACEHOLDER_ADDRESS = /^(?:0\.0\.0\.0|192\.168\.0\.0|)$/;

const DAHUA_SLOT = /^table\.RemoteDevice(?:\.uuid:System_CONFIG_NETCAMERA_INFO_(\d{1,4})|\[(\d{1,4})\])\.([A-Za-z][\w.[\]]{0,60})=(.*)$/;

/** The slots of a Dahua RemoteDevice table, by slot number, with their `key=value` fields (bounded). */
function dahuaSlots(input: Buffer | string): Map<number, Record<string, string>> {
  const text = typeof input === 'string' ? input.slice(0, 1024 * 1024) : input.subarray(0, 1024 * 1024).toString('utf8');
  const slots = new Map<number, Record<string, string>>();
  for (const raw of text.split(/\r?\n/, 64 * CHANNELS_MAX)) {
    const m = DAHUA_SLOT.exec(raw.trim());
    if (!m) continue;
    const slot = Number(m[1] ?? m[2]);
    if (!slots.has(slot)) {
      if (slots.size >= CHANNELS_MAX) continue;
      slots.set(slot, {});
    }
    slots.get(slot)![m[3]!] = m[4]!;
  }
  return slots;
}

/**
 * How many IP channel slots a Dahua RemoteDevice table holds: the recorder keeps one slot per IP channel, empty ones
 * included (slot n is channel n+1; a collector verified 32 slots == 32 channel titles on a live NVR6XX-4KS2), so the
 * highest slot number + 1 is its IP channel count. Null when the body is no RemoteDevice table or numbers a slot
 * beyond the largest recorders' channels.
 */
export function dahuaRemoteDeviceSlots(input: Buffer | string): number | null {
  const slots = dahuaSlots(input);
  if (!slots.size) return null;
  const n = Math.max(...slots.keys()) + 1;
  return n <= CHANNELS_MAX ? n : null;
}

/**
 * Dahua RemoteDevice configuration: one slot per IP channel (slot n is channel n+1). Only enabled slots with a
 * real address are cameras; the others are empty channels.
 */
export function dahuaRemoteDevices(input: Buffer | string): ChannelItem[] {
  const slots = dahuaSlots(input);
  const out: ChannelItem[] = [];
  for (const [slot, v] of [...slots.entries()].sort((a, b) => a[0] - b[0])) {
    const address = cut(v.Address);
    if (bool(v.Enable) !== true || address === undefined || PLACEHOLDER_ADDRESS.test(address)) continue;
    const channel = slot + 1;
    const f: Fields = { via: 'dahuacgi', channel, analogue: false, address };
    set(f, 'name', cut(v['VideoInputs[0].Name']) ?? cut(v.Name));
    const port = portNumber(v.Port);
    if (port !== null) f.port = port;
    set(f, 'ProtocolType', cut(v.ProtocolType));
    set(f, 'Vendor', cut(v.Vendor));
    const type = cut(v.DeviceType);
    if (type && !GENERIC_TYPE.test(type)) f.model = type;
    set(f, 'serialNumber', realSerial(v.SerialNo));
    set(f, 'firmwareVersion', cut(v.Version));
    set(f, 'mac', realMac(v.Mac));
    out.push({ channel, analogue: false, fields: f });
  }
  return out;
}

/**
 * Dahua magicBox getProductDefinition: the recorder's own channel counts, `table.MaxRemoteInputChannels=16` (or
 * `table.ProductDefinition.MaxRemoteInputChannels=16`), and `VideoInChannels` when present, as `dahuacgi` fields
 * (fingerprints/channels.json reads them). Null when the reply holds neither.
 */
export function dahuaProductDefinition(input: Buffer | string): Fields | null {
  const text = typeof input === 'string' ? input.slice(0, 64 * 1024) : input.subarray(0, 64 * 1024).toString('utf8');
  const out: Fields = {};
  for (const raw of text.split(/\r?\n/, 256)) {
    const m = /^table\.(?:ProductDefinition\.)?(MaxRemoteInputChannels|VideoInChannels)=(\d{1,4})\s*$/.exec(raw.trim());
    if (m && out[m[1]!] === undefined) out[m[1]!] = Number(m[2]);
  }
  return Object.keys(out).length ? out : null;
}

/** Dahua getCameraState: channel (1-based) → connected. */
export function dahuaCameraStates(input: Buffer | string): Map<number, boolean> {
  const text = typeof input === 'string' ? input.slice(0, 1024 * 1024) : input.subarray(0, 1024 * 1024).toString('utf8');
  const channelOf = new Map<number, number>();
  const stateOf = new Map<number, string>();
  for (const raw of text.split(/\r?\n/, 4 * CHANNELS_MAX)) {
    const m = /^states\[(\d{1,4})\]\.(channel|connectionState)=(\S{0,40})\s*$/.exec(raw.trim());
    if (!m) continue;
    const i = Number(m[1]);
    if (m[2] === 'channel' && /^\d{1,4}$/.test(m[3]!)) channelOf.set(i, Number(m[3]) + 1);
    else if (m[2] === 'connectionState') stateOf.set(i, m[3]!);
  }
  const out = new Map<number, boolean>();
  for (const [i, ch] of channelOf) {
    const s = stateOf.get(i);
    if (s !== undefined) out.set(ch, /^connected$/i.test(s));
  }
  return out;
}

/**
 * A reply with the secrets a recorder keeps for its cameras removed (user names, passwords, in XML elements or
 * `key=value` lines), fit to keep as a raw excerpt.
 */
export function withoutCameraSecrets(text: string): string {
  return text
    .replace(/<((?:[\w.-]{1,40}:)?(?:userName|password|passWord))(\s[^<>]{0,200})?>[^<]{0,4096}<\/\1\s*>/gi, '<$1$2>(removed)</$1>')
    .replace(/^([^=\r\n]{0,200}\.(?:UserName|Password|PassWord))=.*$/gim, '$1=(removed)');
}
