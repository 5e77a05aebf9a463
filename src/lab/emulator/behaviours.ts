// Behaviour registry: special (e.g. hostile) device behaviours, chosen per protocol/port/response in a profile by
// `"behaviour": { "kind": "<name>", ...params }` and resolved here by kind.
//
// Registering (the hostile-devices engineer's modules live in src/lab/emulator/hostile/**; the emulator imports
// `./hostile/index.js` (compiled) or `./hostile/index.ts` (tsx/vitest) at start-up when it exists, so that index
// should import each handler module; other modules can be listed in the run config's `behaviourModules`):
//
//   import { registerBehaviour } from '../behaviours.js';
//   registerBehaviour('hostile-huge-body', async (ctx) => { ... });
//
// Handler signature: `(ctx: BehaviourContext) => void | Promise<void>`. The emulator calls it INSTEAD of its
// normal action at one of three points (`ctx.phase`):
//   - 'connection': the profile put the behaviour on an HTTP/RTSP port (`http[].behaviour`, `rtsp[].behaviour`,
//     `onvif.behaviour`). Called on accept with the raw TCP socket (before any TLS), `ctx.request` empty.
//     The handler owns the socket.
//   - 'response': on a RawResponse (`...response.behaviour`, `default.behaviour`, RTSP `responses.X.behaviour`).
//     Called after the request was read, with `ctx.request` = request bytes (head + body read so far) and
//     `ctx.socket` = the (TLS or plain) socket. `ctx.serveDefault()` sends what the profile would have sent.
//   - 'datagram': on a UDP protocol block (`wsDiscovery`, `ssdp`, `mdns`, `sadp`, `dhip`, `dvrip`, `xiongmai`).
//     Called per probe with `ctx.request` = the datagram; `ctx.send()` sends a datagram from the device's own
//     address and port to the prober; `ctx.serveDefault()` sends the profile's normal reply.
// Rules for handlers: never throw (errors are caught and logged, the connection destroyed); stop every timer and
// stream when `ctx.signal` aborts (emulator stop); keep memory bounded (stream a huge body, do not allocate it);
// a TCP handler must end or destroy the socket eventually (the emulator destroys it at stop).
// Unknown kinds fail emulator start-up with `ERROR <file>: unknown behaviour kind "<kind>"`.
import type { Socket } from 'node:net';
import type { Behaviour, Profile } from '../profile.js';

export type BehaviourPhase = 'connection' | 'response' | 'datagram';

export interface BehaviourContext {
  phase: BehaviourPhase;
  /** The profile's behaviour object: `kind` plus the handler's parameters. */
  behaviour: Behaviour;
  device: { id: string; ip: string; mac: string; profile: Profile };
  /** 'http' | 'https' | 'rtsp' | 'onvif' | 'wsd' | 'ssdp' | 'mdns' | 'sadp' | 'dhip' | 'dvrip' | 'xiongmai' */
  protocol: string;
  port: number;
  remote: { address: string; port: number };
  /** Request bytes: empty for 'connection', the request head (+ body) for 'response', the datagram for 'datagram'. */
  request: Buffer;
  /** TCP phases only: the client socket (TLS socket for HTTPS in the 'response' phase). */
  socket?: Socket;
  /** Send bytes: TCP = socket.write, UDP = one datagram from the device's own socket to the prober. */
  send(data: Buffer | string): void;
  /** Do what the profile would have done without the behaviour (no-op for 'connection'). */
  serveDefault(): void;
  /** Aborted when the emulator stops. */
  signal: AbortSignal;
  /** Note in the request log (one line, kept short). */
  note(text: string): void;
}

export type BehaviourHandler = (ctx: BehaviourContext) => void | Promise<void>;

const registry = new Map<string, BehaviourHandler>();

export function registerBehaviour(kind: string, handler: BehaviourHandler): void {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(kind)) throw new Error(`behaviour kind "${kind}" must be lower-case letters, digits and -`);
  registry.set(kind, handler);
}

export function getBehaviour(kind: string): BehaviourHandler | undefined {
  return registry.get(kind);
}

export function behaviourKinds(): string[] {
  return [...registry.keys()].sort();
}

/** Run a handler so that neither a throw nor a rejected promise escapes. */
export function runBehaviour(handler: BehaviourHandler, ctx: BehaviourContext, onError: (e: unknown) => void): void {
  try {
    const r = handler(ctx);
    if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((e: unknown) => onError(e));
  } catch (e) {
    onError(e);
  }
}

// Built-in, non-hostile behaviours (real devices do these too).

/** Say nothing: drop the datagram / keep the connection open without answering until the client leaves or stop. */
registerBehaviour('silent', (ctx) => {
  if (ctx.socket) {
    const s = ctx.socket;
    ctx.signal.addEventListener('abort', () => s.destroy(), { once: true });
  }
});

/** Close the connection at once (TCP) or drop the datagram (UDP). */
registerBehaviour('close', (ctx) => {
  ctx.socket?.destroy();
});

/** Answer normally after `ms` milliseconds (0–30000). */
registerBehaviour('delay', (ctx) => {
  const ms = Math.min(30_000, Math.max(0, Number(ctx.behaviour.ms) || 0));
  const t = setTimeout(() => ctx.serveDefault(), ms);
  ctx.signal.addEventListener('abort', () => clearTimeout(t), { once: true });
});
