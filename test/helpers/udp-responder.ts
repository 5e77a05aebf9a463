// Loopback UDP responders for discovery-module tests; closed after each test by `closeResponders`.
import { createSocket, type Socket } from 'node:dgram';

const sockets: Socket[] = [];

/** A responder on `address` that answers every datagram with `replies(request)`; returns its port and a request log. */
export async function responder(address: string, replies: (req: Buffer) => Buffer[]): Promise<{ port: number; requests: Buffer[] }> {
  const s = createSocket('udp4');
  sockets.push(s);
  const requests: Buffer[] = [];
  s.on('message', (msg, r) => {
    requests.push(msg);
    for (const b of replies(msg)) s.send(b, r.port, r.address);
  });
  await new Promise<void>((res) => s.bind(0, address, () => res()));
  return { port: s.address().port, requests };
}

export function closeResponders(): void {
  for (const s of sockets.splice(0)) s.close();
}
