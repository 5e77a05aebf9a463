// The single-process emulator: every device of the lab, every protocol its profile defines, on its own
// address. `startEmulator(config)` binds everything and resolves once all sockets are bound.
import { existsSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Profile } from '../profile.js';
import { loadProfileFile } from '../profile.js';
import { getBehaviour, runBehaviour } from './behaviours.js';
import { type EmulatorConfig, sourceAllowed } from './config.js';
import { deviceVars, makeDevice, type DeviceRuntime, type ServerDeps } from './device.js';
import { NonceBook } from './digest.js';
import { serveHttpConnection, type HttpPortPlan } from './http-device.js';
import { RequestLog } from './request-log.js';
import { serveRtspConnection } from './rtsp-device.js';
import { serveTcpConnection } from './tcp-device.js';
import { certificateFor } from './tls-certs.js';
import { UdpSide } from './udp.js';
import { fill } from './wire.js';

export interface RunningEmulator {
  devices: DeviceRuntime[];
  log: RequestLog;
  /** ms from call to all sockets bound. */
  startMs: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Keep the last N request-log entries in memory for tests (default 0). */
  keepLogInMemory?: number;
  /** Where handler errors go (default: stderr, one line). */
  onError?: (where: string, e: unknown) => void;
}

let hostileLoaded: Promise<void> | null = null;

/**
 * The hostile-devices engineer's handlers register themselves from ./hostile/index.(js|ts) next to this file
 * when it exists (compiled dist or tsx/vitest). A bundled emulator must list them in `behaviourModules`.
 */
export function loadHostileBehaviours(): Promise<void> {
  hostileLoaded ??= (async () => {
    for (const name of ['index.js', 'index.ts']) {
      const url = new URL(`./hostile/${name}`, import.meta.url);
      if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) {
        await importBehaviourModule(url.href);
        return;
      }
    }
  })();
  return hostileLoaded;
}

/** Import a module that calls registerBehaviour(); one-line error when it fails. */
export async function importBehaviourModule(specifier: string): Promise<void> {
  try {
    await import(/^[a-z]+:/i.test(specifier) ? specifier : pathToFileURL(specifier).href);
  } catch (e) {
    throw new Error(`loading behaviour module ${specifier}: ${(e as Error).message?.split('\n')[0]}`);
  }
}

/** Every `behaviour.kind` used anywhere in a profile. */
export function behaviourKindsIn(v: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 12 || !v || typeof v !== 'object') return out;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'behaviour' && x && typeof x === 'object' && typeof (x as { kind?: unknown }).kind === 'string') out.push((x as { kind: string }).kind);
    else behaviourKindsIn(x, out, depth + 1);
  }
  return out;
}

/** TCP listeners of one device: http[] ports, the UPnP description's port and the ONVIF port merged. */
export function httpPlans(p: Profile): HttpPortPlan[] {
  const plans = new Map<number, HttpPortPlan>();
  const plan = (port: number): HttpPortPlan => {
    let x = plans.get(port);
    if (!x) plans.set(port, (x = { port, routes: [] }));
    return x;
  };
  for (const h of p.http ?? []) {
    const x = plan(h.port);
    if (x.routes.length || x.tls || x.default) throw new Error(`http port ${h.port} listed twice`);
    Object.assign(x, { tls: h.tls, routes: [...h.routes], default: h.default, behaviour: h.behaviour });
  }
  for (const d of [...(p.ssdp?.description ? [p.ssdp.description] : []), ...(p.ssdp?.descriptions ?? [])]) {
    plan(d.port).routes.unshift({ method: 'GET', path: d.path, match: 'exact', response: d.response });
  }
  if (p.onvif) {
    const x = plan(p.onvif.port);
    x.onvif = p.onvif;
    if (p.onvif.behaviour && !x.behaviour) x.behaviour = p.onvif.behaviour;
  }
  for (const r of p.rtsp ?? []) if (plans.has(r.port)) throw new Error(`port ${r.port} is both HTTP and RTSP`);
  for (const t of p.tcp ?? []) {
    if (plans.has(t.port) || (p.rtsp ?? []).some((r) => r.port === t.port)) throw new Error(`tcp port ${t.port} is also an HTTP or RTSP port`);
  }
  return [...plans.values()];
}

function listen(server: net.Server, port: number, host: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onErr = (e: Error): void => reject(new Error(`cannot listen on ${what} ${host}:${port}: ${e.message}`));
    server.once('error', onErr);
    server.listen({ port, host, backlog: 128, exclusive: true }, () => {
      server.removeListener('error', onErr);
      resolve();
    });
  });
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300);
}

export async function startEmulator(config: EmulatorConfig, opts: StartOptions = {}): Promise<RunningEmulator> {
  const t0 = performance.now();
  await loadHostileBehaviours();
  for (const m of config.behaviourModules ?? []) await importBehaviourModule(m);
  const controller = new AbortController();
  const log = new RequestLog(config.requestLog, opts.keepLogInMemory ?? 0);
  const onError = opts.onError ?? ((where: string, e: unknown) => process.stderr.write(`emulator: ${where}: ${oneLine(e)}\n`));
  const deps: ServerDeps = {
    log,
    nonces: new NonceBook(),
    signal: controller.signal,
    sourceAllowed: (a) => sourceAllowed(config, a),
    onError,
  };

  const seenIp = new Map<string, string>();
  const seenId = new Set<string>();
  for (const d of config.devices) {
    if (seenId.has(d.id)) throw new Error(`device id ${d.id} listed twice`);
    seenId.add(d.id);
    const other = seenIp.get(d.ip);
    if (other) throw new Error(`devices ${other} and ${d.id} both have address ${d.ip}`);
    seenIp.set(d.ip, d.id);
  }
  // Profiles: loaded once per file even when several devices share one.
  const cache = new Map<string, Profile>();
  const devices: DeviceRuntime[] = [];
  for (const d of config.devices) {
    let p = cache.get(d.profileFile);
    if (!p) cache.set(d.profileFile, (p = loadProfileFile(d.profileFile)));
    for (const kind of behaviourKindsIn(p)) {
      if (!getBehaviour(kind)) throw new Error(`${d.profileFile}: unknown behaviour kind "${kind}"`);
    }
    devices.push(makeDevice(d.id, d.ip, d.mac, p, d.profileFile));
  }

  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const udp = new UdpSide(devices, deps, { wsdMaxDelayMs: config.wsdMaxDelayMs ?? 100, membershipsPerSocket: config.membershipsPerSocket, ssdpNotifyIntervalMs: config.multicast === false ? 0 : (config.ssdpNotifyIntervalMs ?? 30_000) });
  const stop = async (): Promise<void> => {
    if (controller.signal.aborted) return;
    controller.abort();
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise<void>((res) => s.close(() => res()))));
    await udp.close();
    await log.close();
  };

  try {
    const jobs: Array<Promise<void>> = [];
    for (const d of devices) {
      for (const plan of httpPlans(d.profile)) jobs.push(startHttpPort(d, plan));
      for (const t of d.profile.tcp ?? []) {
        const server = net.createServer((sock) => accept(sock, d, 'tcp', t.port, t.behaviour, () => serveTcpConnection(sock, t, d, deps)));
        servers.push(server);
        jobs.push(listen(server, t.port, d.ip, `${d.id} tcp`));
      }
      for (const r of d.profile.rtsp ?? []) {
        const server = net.createServer((sock) => accept(sock, d, 'rtsp', r.port, r.behaviour, () => serveRtspConnection(sock, r, d, deps)));
        servers.push(server);
        jobs.push(listen(server, r.port, d.ip, `${d.id} rtsp`));
      }
    }
    jobs.push(udp.bindUnicast());
    if (config.multicast !== false) {
      // One address per interface names the interface to join the groups on.
      const perIf = new Map<string, string>();
      for (const d of config.devices) if (!perIf.has(d.ifname)) perIf.set(d.ifname, d.ip);
      jobs.push(udp.bindShared([...perIf.values()]));
    }
    const results = await Promise.allSettled(jobs);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    udp.startAnnouncements();
  } catch (e) {
    await stop();
    throw e;
  }

  return { devices, log, startMs: performance.now() - t0, stop };

  function accept(sock: net.Socket, d: DeviceRuntime, protocol: string, port: number, behaviour: HttpPortPlan['behaviour'], serve: () => void): void {
    if (controller.signal.aborted || !deps.sourceAllowed(sock.remoteAddress ?? '')) {
      sock.destroy();
      return;
    }
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    if (!behaviour) return serve();
    log.write({ device: d.id, protocol, src: `${sock.remoteAddress}:${sock.remotePort}`, note: `connection behaviour ${behaviour.kind}` });
    runBehaviour(
      getBehaviour(behaviour.kind)!,
      {
        phase: 'connection',
        behaviour,
        device: { id: d.id, ip: d.ip, mac: d.mac, profile: d.profile },
        protocol,
        port,
        remote: { address: sock.remoteAddress ?? '', port: sock.remotePort ?? 0 },
        request: Buffer.alloc(0),
        socket: sock,
        send: (data) => {
          if (!sock.destroyed) sock.write(data);
        },
        serveDefault: () => undefined,
        signal: controller.signal,
        note: (text) => log.write({ device: d.id, protocol, note: text, src: `${sock.remoteAddress}:${sock.remotePort}` }),
      },
      (e) => {
        onError(`${d.id} ${protocol}:${port} behaviour ${behaviour.kind}`, e);
        sock.destroy();
      },
    );
  }

  async function startHttpPort(d: DeviceRuntime, plan: HttpPortPlan): Promise<void> {
    let secureContext: tls.SecureContext | undefined;
    if (plan.tls) {
      const v = deviceVars(d);
      const t = plan.tls;
      const pair = await certificateFor(config.stateDir, {
        subject: fill(t.subject, v),
        issuer: t.issuer ? fill(t.issuer, v) : undefined,
        san: t.san?.map((s) => fill(s, v)),
        keyBits: t.keyBits,
        validDays: t.validDays,
      }).catch((e: unknown) => {
        throw new Error(`${d.profileFile}: TLS on port ${plan.port}: ${oneLine(e)}`);
      });
      // Old devices speak old TLS: allow TLS 1.0+ so a scanner's handshake is not refused by our defaults.
      secureContext = tls.createSecureContext({ cert: pair.cert, key: pair.key, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    }
    const scheme = plan.tls ? 'https' : 'http';
    const server = net.createServer((sock) =>
      accept(sock, d, scheme, plan.port, plan.behaviour, () => {
        if (!secureContext) return serveHttpConnection(sock, plan, d, deps, 'http');
        const ts = new tls.TLSSocket(sock, { isServer: true, secureContext });
        ts.on('error', () => ts.destroy());
        ts.setTimeout(15_000, () => ts.destroy());
        ts.once('secure', () => serveHttpConnection(ts, plan, d, deps, 'https'));
      }),
    );
    servers.push(server);
    await listen(server, plan.port, d.ip, `${d.id} ${scheme}`);
  }
}
