// The observation model: raw evidence about one host, as one module saw it.
// Every discovery module and probe writes observations; the matcher and reports only read them.
// Field names per kind are the contract between modules and fingerprint rules: see docs/observations.md.

export type FieldValue = string | number | boolean | null | string[] | number[];
export type Fields = Record<string, FieldValue>;

export interface Observation {
  /** IPv4 (or IPv6) address the evidence is about: the sender of a reply, or the probed address. */
  host: string;
  /** Module that produced it, e.g. "wsd", "ssdp", "http", "tls", "neigh". */
  module: string;
  /** Signal kind; rules address fields as `${kind}.${field}`, e.g. "http.server". */
  kind: string;
  /** Port the evidence came from, when there is one. */
  port?: number;
  fields: Fields;
  /** Bounded excerpt of the raw bytes (text, or base64 prefixed "base64:"), kept as evidence. */
  raw?: string;
  /** ISO-8601 time the evidence was received. */
  at: string;
  /** What was cut or refused while reading this evidence (e.g. "body truncated at 262144 bytes"). */
  notes?: string[];
  /** A passive read (camaudit pcap): the captured packet the evidence was read from. */
  packet?: PacketRef;
}

/** Which captured packet an observation was read from: the capture file, its frame number, its time stamp as captured. */
export interface PacketRef {
  file: string;
  /** 1-based, as Wireshark numbers frames. */
  frame: number;
  /** ISO-8601 with the capture's own precision (up to nanoseconds). */
  time: string;
}

/** Parsed evidence before it is bound to a host: what every parser in src/parsers returns. */
export interface ParsedEvidence {
  kind: string;
  fields: Fields;
  notes?: string[];
}

/** Longest raw excerpt stored per observation (the full body cap is separate, see limits). */
export const RAW_EXCERPT_MAX = 8192;

/** Cut a raw payload to a bounded excerpt; binary data is kept as base64 so it survives JSON. */
export function rawExcerpt(data: Buffer | string, max = RAW_EXCERPT_MAX): string {
  if (typeof data === 'string') return data.length > max ? data.slice(0, max) : data;
  const slice = data.subarray(0, max);
  const text = slice.toString('utf8');
  // Printable text stays text; anything with control bytes other than whitespace becomes base64.
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x08\x0e-\x1f\ufffd]/.test(text)) return text;
  return 'base64:' + slice.toString('base64');
}

export function makeObservation(
  host: string,
  module: string,
  ev: ParsedEvidence,
  extra: { port?: number; raw?: Buffer | string; notes?: string[] } = {},
): Observation {
  const notes = [...(ev.notes ?? []), ...(extra.notes ?? [])];
  const obs: Observation = { host, module, kind: ev.kind, fields: ev.fields, at: new Date().toISOString() };
  if (extra.port !== undefined) obs.port = extra.port;
  if (extra.raw !== undefined) obs.raw = rawExcerpt(extra.raw);
  if (notes.length) obs.notes = notes;
  return obs;
}
