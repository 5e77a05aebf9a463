// HTTP(S) side of a device: stored routes (with Digest/Basic guards), the UPnP description and the ONVIF
// device service, served as raw bytes exactly as the profile stores them.
import type { Socket } from 'node:net';
import type { HttpGuard, HttpPort, HttpRoute, OnvifSpec, RawResponse } from '../profile.js';
import { getBehaviour, runBehaviour } from './behaviours.js';
import { deviceVars, type DeviceRuntime, type ServerDeps } from './device.js';
import { parseAuthParams, verifyBasic, verifyDigest } from './digest.js';
import { onvifReply } from './onvif.js';
import { onvifPaths } from './onvif-service.js';
import { header, readRequests, type WireRequest } from './request-reader.js';
import { freshNonce, renderResponse, headerValue, type Vars } from './wire.js';
import { neverSendReason } from './never-send-watch.js';

/** User name in an Authorization header (Digest username= or Basic user part), for the log. */
export function presentedUser(authz: string | undefined): string | undefined {
  if (!authz) return undefined;
  if (/^basic\s/i.test(authz)) return Buffer.from(authz.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8').split(':')[0];
  return parseAuthParams(authz.replace(/^\w+\s+/, '')).username;
}

/** One listening port of a device after merging http[], ssdp.description and onvif. */
export interface HttpPortPlan {
  port: number;
  tls?: HttpPort['tls'];
  routes: HttpRoute[];
  default?: RawResponse;
  behaviour?: HttpPort['behaviour'];
  onvif?: OnvifSpec;
}

export function routeFor(plan: HttpPortPlan, method: string, target: string): HttpRoute | undefined {
  return plan.routes.find(
    (r) => (!r.method || r.method.toUpperCase() === method.toUpperCase()) && (r.match === 'prefix' ? target.startsWith(r.path) : target === r.path),
  );
}

export type AuthOutcome = 'none' | 'ok' | 'bad';

/** Checks a request against a guard with the profile's credentials. No credentials in the profile = never ok. */
export function checkGuard(guard: Pick<HttpGuard, 'scheme' | 'realm'>, req: WireRequest, device: DeviceRuntime, deps: ServerDeps): AuthOutcome {
  const authz = header(req, 'authorization');
  if (!authz) return 'none';
  const c = device.profile.credentials;
  if (!c) return 'bad';
  const ok =
    guard.scheme === 'digest'
      ? verifyDigest({ authorization: authz, method: req.method, realm: guard.realm, username: c.username, password: c.password, isKnownNonce: (n) => deps.nonces.has(n) })
      : verifyBasic(authz, c.username, c.password);
  return ok ? 'ok' : 'bad';
}

/** Keep the connection after a response? Stored `keepAlive` wins; otherwise as HTTP/1.1 does by default. */
export function keepOpen(resp: RawResponse, req: WireRequest): boolean {
  if (resp.keepAlive !== undefined) return resp.keepAlive;
  const status11 = /^HTTP\/1\.1 /.test(resp.statusLine);
  const respClose = /close/i.test(headerValue(resp.headers, 'connection') ?? '');
  const reqClose = /close/i.test(header(req, 'connection') ?? '');
  const hasLength = headerValue(resp.headers, 'content-length') !== undefined || headerValue(resp.headers, 'transfer-encoding') !== undefined;
  return status11 && req.version === 'HTTP/1.1' && !respClose && !reqClose && hasLength;
}

interface Sent {
  resp: RawResponse;
  vars: Vars;
}

/** Send a stored response (or hand over to its behaviour). Resolves to "keep reading requests". */
function send(socket: Socket, s: Sent, req: WireRequest, device: DeviceRuntime, protocol: string, port: number, deps: ServerDeps): boolean {
  const write = (): void => {
    if (!socket.destroyed) socket.write(renderResponse(s.resp, s.vars, req.method.toUpperCase() === 'HEAD'));
  };
  if (s.resp.behaviour) {
    const handler = getBehaviour(s.resp.behaviour.kind)!;
    runBehaviour(
      handler,
      {
        phase: 'response',
        behaviour: s.resp.behaviour,
        device: { id: device.id, ip: device.ip, mac: device.mac, profile: device.profile },
        protocol,
        port,
        remote: { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 },
        request: req.raw,
        socket,
        send: (d) => {
          if (!socket.destroyed) socket.write(d);
        },
        serveDefault: () => {
          write();
          socket.end();
        },
        signal: deps.signal,
        note: (text) => deps.log.write({ device: device.id, protocol, note: text, src: `${socket.remoteAddress}:${socket.remotePort}` }),
      },
      (e) => {
        deps.onError(`${device.id} ${protocol}:${port} behaviour ${s.resp.behaviour!.kind}`, e);
        socket.destroy();
      },
    );
    return false;
  }
  write();
  const again = keepOpen(s.resp, req);
  if (!again) socket.end();
  return again;
}

/** Serve one HTTP connection (plain or already-wrapped TLS). */
export function serveHttpConnection(socket: Socket, plan: HttpPortPlan, device: DeviceRuntime, deps: ServerDeps, scheme: 'http' | 'https'): void {
  const src = `${socket.remoteAddress}:${socket.remotePort}`;
  readRequests(
    socket,
    (req) => {
      const base = deviceVars(device);
      const flags = { neverSend: neverSendReason(req.raw), user: presentedUser(header(req, 'authorization')) };
      const path = req.target;
      const pathOnly = path.split('?')[0];
      const onvifService = plan.onvif && req.method.toUpperCase() === 'POST' ? onvifPaths(plan.onvif).get(pathOnly) : undefined;
      if (plan.onvif && onvifService) {
        const r = onvifReply(plan.onvif, req, device, deps, onvifService);
        deps.log.write({ device: device.id, protocol: 'onvif', method: r.operation, path, src, auth: r.auth, bytes: req.raw.length, ...flags, user: flags.user ?? r.user, ...(r.note ? { note: r.note } : {}) });
        return send(socket, { resp: r.response, vars: { ...base, ...r.vars } }, req, device, 'onvif', plan.port, deps);
      }
      const route = routeFor(plan, req.method, path);
      if (route?.guard) {
        const auth = checkGuard(route.guard, req, device, deps);
        deps.log.write({ device: device.id, protocol: scheme, method: req.method, path, src, auth, bytes: req.raw.length, ...flags });
        if (auth === 'ok') return send(socket, { resp: route.response, vars: base }, req, device, scheme, plan.port, deps);
        const nonce = deps.nonces.add(freshNonce());
        return send(socket, { resp: route.guard.unauthorized, vars: { ...base, nonce } }, req, device, scheme, plan.port, deps);
      }
      deps.log.write({ device: device.id, protocol: scheme, method: req.method, path, src, bytes: req.raw.length, ...flags });
      const resp = route?.response ?? plan.default;
      if (!resp) {
        socket.destroy();
        return false;
      }
      return send(socket, { resp, vars: { ...base, nonce: deps.nonces.add(freshNonce()) } }, req, device, scheme, plan.port, deps);
    },
    (why, bytes) => deps.log.write({ device: device.id, protocol: scheme, src, note: `rejected: ${why}`, bytes }),
  );
}
