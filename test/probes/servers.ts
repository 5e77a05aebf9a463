// Tiny TCP/TLS servers on loopback for the probe tests: real captures served back, and hostile
// behaviours (endless body, slow drip, stall, reset). Every server counts its connections.
import net from 'node:net';
import tls from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestServer {
  host: string;
  port: number;
  requests: string[];
  maxConcurrent: number;
  close(): Promise<void>;
}

export async function startServer(onConn: (s: net.Socket, firstRequest: string) => void, o: { host?: string; port?: number; tls?: { key: string; cert: string }; waitForRequest?: boolean } = {}): Promise<TestServer> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  let active = 0;
  const state = { maxConcurrent: 0 };
  const handler = (s: net.Socket): void => {
    sockets.add(s);
    active++;
    state.maxConcurrent = Math.max(state.maxConcurrent, active);
    // A connection counts from accept until this server ends it (or it closes): the client's slot
    // covers that whole span, so the count cannot be inflated by close events arriving late.
    let counted = true;
    const done = (): void => {
      if (counted) active--;
      counted = false;
    };
    const end = s.end.bind(s) as (...a: unknown[]) => net.Socket;
    s.end = ((...a: unknown[]) => {
      done();
      return end(...a);
    }) as typeof s.end;
    s.on('close', () => {
      done();
      sockets.delete(s);
    });
    s.on('error', () => {});
    if (o.waitForRequest === false) {
      onConn(s, '');
      return;
    }
    let buf = '';
    const onData = (d: Buffer): void => {
      buf += d.toString('latin1');
      if (/\r?\n\r?\n/.test(buf)) {
        s.off('data', onData);
        requests.push(buf);
        onConn(s, buf);
      }
    };
    s.on('data', onData);
  };
  const server = o.tls ? tls.createServer({ key: o.tls.key, cert: o.tls.cert }, handler) : net.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as net.AddressInfo;
  return {
    host: addr.address,
    port: addr.port,
    requests,
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A self-signed certificate made with the openssl CLI for the given subject. */
export function makeCert(subj: string): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'camaudit-tcp-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '30', '-subj', subj], { stdio: 'ignore' });
    return { key: readFileSync(path.join(dir, 'k.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'c.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const openServers: Array<{ close(): Promise<void> }> = [];

/** Any other server (e.g. node:http) to close in `closeServers`. */
export function closeLater(close: () => Promise<void>): void {
  openServers.push({ close });
}

/** startServer, remembered so `closeServers` (call it in afterEach) stops every server the test started. */
export async function serve(...a: Parameters<typeof startServer>): Promise<TestServer> {
  const s = await startServer(...a);
  openServers.push(s);
  return s;
}

export async function closeServers(): Promise<void> {
  await Promise.all(openServers.splice(0).map((s) => s.close()));
}
