// A plain TCP service port: open, optional fixed banner on connect, optional fixed reply to the first data,
// otherwise silent until the client leaves (or the idle timeout).
import type { Socket } from 'node:net';
import type { TcpPort } from '../profile.js';
import type { DeviceRuntime, ServerDeps } from './device.js';
import { neverSendReason } from './never-send-watch.js';

const IDLE_MS = 15_000;
const FIRST_DATA_MAX = 64 * 1024;

function bytes(v: { text?: string; base64?: string } | undefined): Buffer | undefined {
  if (!v) return undefined;
  if (v.base64 !== undefined) return Buffer.from(v.base64, 'base64');
  return v.text !== undefined ? Buffer.from(v.text, 'utf8') : undefined;
}

export function serveTcpConnection(socket: Socket, spec: TcpPort, device: DeviceRuntime, deps: ServerDeps): void {
  const src = `${socket.remoteAddress}:${socket.remotePort}`;
  socket.setTimeout(IDLE_MS, () => socket.destroy());
  deps.log.write({ device: device.id, protocol: 'tcp', path: String(spec.port), src, note: 'connect' });
  const banner = bytes(spec.banner);
  if (banner) socket.write(banner);
  const reply = bytes(spec.reply);
  let first: Buffer | null = Buffer.alloc(0);
  socket.on('data', (c: Buffer) => {
    if (!first) return;
    first = Buffer.concat([first, c]).subarray(0, FIRST_DATA_MAX);
    deps.log.write({ device: device.id, protocol: 'tcp', path: String(spec.port), src, bytes: first.length, neverSend: neverSendReason(first) });
    first = null;
    if (reply && !socket.destroyed) socket.write(reply);
  });
}
