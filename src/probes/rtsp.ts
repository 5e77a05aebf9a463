// RTSP on 554/8554: OPTIONS, then one unauthenticated DESCRIBE rtsp://host/ to collect the 401
// realm (`Login to <serial>` on Dahua-family firmware). No credentials are ever sent.
import type { DiscoveryModule, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import { failureNote, probeOutcome } from '../core/failure.js';
import { parse as parseRtsp } from '../parsers/rtsp.js';
import { exchange, httpLikeComplete } from './raw-client.js';

const MODULE = 'rtsp';
export const RTSP_PORTS = [554, 8554, 10554, 7447, 5554];
const UA = 'camaudit';

export function rtspRequest(method: 'OPTIONS' | 'DESCRIBE', ip: string, port: number, cseq: number): string {
  const url = `rtsp://${ip}${port === 554 ? '' : ':' + port}/`;
  return `${method} ${url} RTSP/1.0\r\nCSeq: ${cseq}\r\nUser-Agent: ${UA}\r\n${method === 'DESCRIBE' ? 'Accept: application/sdp\r\n' : ''}\r\n`;
}

export async function rtspPort(ctx: ScanContext, ip: string, port: number): Promise<void> {
  let cseq = 1;
  for (const method of ['OPTIONS', 'DESCRIBE'] as const) {
    if (ctx.signal.aborted) return;
    const r = await exchange(ctx, { module: MODULE, host: ip, port, request: rtspRequest(method, ip, port, cseq++), isComplete: httpLikeComplete, maxBytes: 64 * 1024 });
    if (!r.data.length) {
      if (method === 'OPTIONS' && !r.connected) return;
      continue;
    }
    const ev = parseRtsp(r.data);
    if (!ev.length) {
      ctx.stats.count(MODULE, 'notRtsp');
      return;
    }
    for (const e of ev) {
      e.fields = { method, ...e.fields };
      ctx.emit(makeObservation(ip, MODULE, e, { port, raw: r.data, notes: r.notes }));
    }
  }
}

export const rtspModule: DiscoveryModule = {
  name: MODULE,
  description: 'RTSP OPTIONS and one unauthenticated DESCRIBE (status, Server, Public, realm)',
  type: 'host',
  stage: 1,
  async probeHost(ctx: ScanContext, t: HostTarget): Promise<void> {
    const ports = t.openPorts.filter((p) => RTSP_PORTS.includes(p));
    await Promise.all(ports.map((p) => rtspPort(ctx, t.ip, p).catch((e: unknown) => ctx.emit(makeObservation(t.ip, MODULE, probeOutcome(MODULE, 'error', failureNote(`port ${p}: RTSP not read`, e)), { port: p })))));
  },
};
