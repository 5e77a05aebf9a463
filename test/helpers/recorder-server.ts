// A recorder on loopback for the credentialed channel readers (issue 19): serves the replies of fixtures/recorders
// by request path behind HTTP Digest (MD5, qop=auth) with its own test credential, answers 404 to any other path,
// and logs every request with whether it carried an Authorization header. Paths can be made to answer 403 (a user
// without the right to read them).
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { recorderFixture } from './fixtures.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export interface RecorderServer {
  port: number;
  log: { path: string; auth: boolean; status: number }[];
  close(): Promise<void>;
}

export async function startRecorderServer(o: { fixtures: string[]; username: string; password: string; forbidden?: string[]; realm?: string }): Promise<RecorderServer> {
  const replies = new Map<string, { body: string; type: string }>();
  for (const name of o.fixtures) for (const r of recorderFixture(name).replies) replies.set(r.path, { body: r.body, type: r.contentType });
  const realm = o.realm ?? 'lab-recorder';
  const log: RecorderServer['log'] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '';
    const a = req.headers.authorization ?? '';
    const p = Object.fromEntries([...a.matchAll(/(\w+)="?([^",]*)"?/g)].map((m) => [m[1], m[2]]));
    const ha1 = md5(`${o.username}:${realm}:${o.password}`);
    const ok = !!a && p.username === o.username && p.response === md5(`${ha1}:n1:${p.nc}:${p.cnonce}:auth:${md5(`${req.method}:${p.uri}`)}`);
    const send = (status: number, body = '', headers: Record<string, string> = {}) => {
      log.push({ path, auth: !!a, status });
      res.writeHead(status, headers);
      res.end(body);
    };
    if (!ok) return send(401, '', { 'WWW-Authenticate': `Digest realm="${realm}", qop="auth", nonce="n1"` });
    if (o.forbidden?.includes(path)) return send(403, '<ResponseStatus><statusCode>4</statusCode></ResponseStatus>', { 'Content-Type': 'application/xml' });
    const r = replies.get(path);
    if (!r) return send(404, 'Not Found', { 'Content-Type': 'text/plain' });
    return send(200, r.body, { 'Content-Type': r.type });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
