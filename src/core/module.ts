import type { Logger } from 'pino';
import type { Observation } from './observation.js';
import type { Stats } from './stats.js';
import type { Limiter } from './limiter.js';

/** One IPv4 interface the scan may send on. */
export interface NetInterface {
  name: string;
  address: string;
  netmask: string;
  /** e.g. "198.18.0.0/24" */
  cidr: string;
  mac?: string;
}

/** Credentials the user supplied for one host (never logged, never reported). */
export interface Credential {
  username: string;
  password: string;
  /** Where it came from, for the report ("file entry 3", "CAMAUDIT_USER"), never the secret. */
  label: string;
}

export interface ScanLimits {
  /** Per TCP connect attempt. */
  connectTimeoutMs: number;
  /** Hard deadline for one probe (connect + request + read). */
  probeDeadlineMs: number;
  /** Bytes of HTTP body kept. */
  maxBodyBytes: number;
  /** Bytes of one UDP datagram kept. */
  maxDatagramBytes: number;
  /** Replies kept per UDP module before the rest are only counted. */
  maxRepliesPerModule: number;
  /** At most this many TCP connections open to one host at once. */
  perHostConnections: number;
}

export const DEFAULT_LIMITS: ScanLimits = {
  connectTimeoutMs: 1500,
  probeDeadlineMs: 5000,
  maxBodyBytes: 256 * 1024,
  maxDatagramBytes: 64 * 1024,
  maxRepliesPerModule: 4096,
  perHostConnections: 4,
};

/** What every module receives. Modules emit observations through `emit` and never throw. */
export interface ScanContext {
  /** True when the address is inside the scan scope (targets minus exclusions). */
  inScope(ip: string): boolean;
  /** Interfaces to send on (multicast interface set explicitly on each). */
  interfaces: NetInterface[];
  /**
   * Addresses to send unicast probes to: every in-scope address when the scope is small,
   * otherwise the hosts the sweep found alive, as they are found. Ends when the sweep ends.
   */
  unicastTargets(): AsyncIterable<string>;
  /** Milliseconds the discovery window lasts (default 3000). */
  discoveryWindowMs: number;
  /** Aborted on Ctrl-C or when the global budget runs out: stop new work, finish quickly. */
  signal: AbortSignal;
  limits: ScanLimits;
  /** Global connection limiter shared by the sweep and all TCP probes. */
  limiter: Limiter;
  log: Logger;
  stats: Stats;
  emit(obs: Observation): void;
  /** Credentials for a host (user-supplied only); empty when none apply. */
  credentialsFor(ip: string, vendorHint?: string): Credential[];
}

/** The host a per-host probe works on, with what is known about it so far. */
export interface HostTarget {
  ip: string;
  openPorts: number[];
  /** Observations gathered so far (discovery replies, earlier probes). */
  observations: readonly Observation[];
}

/**
 * Every discovery module has this shape.
 * - `network` modules run once per scan, alongside the sweep (multicast/broadcast + unicast UDP).
 * - `host` modules run for every host found alive, after the sweep of that host, in `stage` order
 *   (stage 1: unauthenticated probes; stage 2: credentialed enrichment that reads stage 1 evidence).
 */
export interface DiscoveryModule {
  name: string;
  description: string;
  type: 'network' | 'host';
  stage?: 1 | 2;
  /** Runs a `network` module; resolves when its window has passed. */
  run?(ctx: ScanContext): Promise<void>;
  /** Probes one host (a `host` module). */
  probeHost?(ctx: ScanContext, target: HostTarget): Promise<void>;
}
