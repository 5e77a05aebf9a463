// RTSP side of a device: stored responses per method, CSeq echoed through {{cseq}}; the connection stays
// open for further requests as RTSP servers do.
import type { Socket } from 'node:net';
import type { RtspPort } from '../profile.js';
import { getBehaviour, runBehaviour } from './behaviours.js';
import { deviceVars, type DeviceRuntime, type ServerDeps } from './device.js';
import { header, readRequests } from './request-reader.js';
import { freshNonce, renderResponse } from './wire.js';
import { neverSendReason } from './never-send-watch.js';
import { presentedUser } from './http-device.js';

export function serveRtspConnection(socket: Socket, spec: RtspPort, device: DeviceRuntime, deps: ServerDeps): void {
  const src = `${socket.remoteAddress}:${socket.remotePort}`;
  readRequests(
    socket,
    (req) => {
      const method = req.method.toUpperCase();
      deps.log.write({ device: device.id, protocol: 'rtsp', method, path: req.target, src, bytes: req.raw.length, neverSend: neverSendReason(req.raw), user: presentedUser(header(req, 'authorization')) });
      const resp = spec.responses[method] ?? spec.default;
      if (!resp) {
        socket.destroy();
        return false;
      }
      // Digits only: a hostile CSeq is not reflected into our reply.
      const cseq = (header(req, 'cseq') ?? '0').replace(/[^0-9]/g, '').slice(0, 10) || '0';
      const vars = { ...deviceVars(device), cseq, nonce: deps.nonces.add(freshNonce()) };
      const write = (): void => {
        if (!socket.destroyed) socket.write(renderResponse(resp, vars));
      };
      if (resp.behaviour) {
        runBehaviour(
          getBehaviour(resp.behaviour.kind)!,
          {
            phase: 'response',
            behaviour: resp.behaviour,
            device: { id: device.id, ip: device.ip, mac: device.mac, profile: device.profile },
            protocol: 'rtsp',
            port: spec.port,
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
            note: (text) => deps.log.write({ device: device.id, protocol: 'rtsp', note: text, src }),
          },
          (e) => {
            deps.onError(`${device.id} rtsp:${spec.port} behaviour`, e);
            socket.destroy();
          },
        );
        return false;
      }
      write();
      return true;
    },
    (why, bytes) => deps.log.write({ device: device.id, protocol: 'rtsp', src, note: `rejected: ${why}`, bytes }),
  );
}
