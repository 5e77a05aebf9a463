// Hostile TCP behaviours (HTTP, HTTPS, RTSP, ONVIF ports). All synthetic. Each ends on client close or emulator
// stop, and never holds more than one chunk of what it sends.
import { registerBehaviour, type BehaviourContext } from '../behaviours.js';
import { clamp, deepXml, xmlBomb, INVALID_UTF8 } from './payloads.js';
import { destroyOnStop, sleep, streamBytes, trickle } from './stream.js';

const GiB = 1024 * 1024 * 1024;

/** Status line for the port's protocol (RTSP echoes nothing from the request). */
const statusLine = (ctx: BehaviourContext): string => (ctx.protocol === 'rtsp' ? 'RTSP/1.0 200 OK\r\nCSeq: 1' : 'HTTP/1.1 200 OK');

/** Drain and ignore whatever the client sends, so its writes never block. */
function discardInput(ctx: BehaviourContext): void {
  ctx.socket?.on('data', () => undefined);
  ctx.socket?.on('error', () => undefined);
}

/** `{ kind: 'hostile-huge-body', bytes?: number (≤ 4 GiB, default 1 GiB), chunked?: boolean }`: a body streamed, never held. */
registerBehaviour('hostile-huge-body', async (ctx) => {
  const sock = ctx.socket;
  if (!sock) return;
  discardInput(ctx);
  destroyOnStop(sock, ctx.signal);
  const bytes = clamp(ctx.behaviour.bytes, 1, 4 * GiB, GiB);
  const chunked = ctx.behaviour.chunked === true;
  sock.write(`${statusLine(ctx)}\r\nServer: synthetic-hostile\r\nContent-Type: text/html\r\n${chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${bytes}`}\r\n\r\n<html><title>huge</title>`);
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const framed = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
  const sent = await streamBytes(sock, framed, bytes, ctx.signal);
  ctx.note(`huge body: ${sent} bytes sent`);
  sock.end();
});

/** `{ kind: 'hostile-slow-headers', intervalMs?: number (default 1000), maxBytes?: number }`: headers at 1 byte/s. */
registerBehaviour('hostile-slow-headers', async (ctx) => {
  const sock = ctx.socket;
  if (!sock) return;
  discardInput(ctx);
  destroyOnStop(sock, ctx.signal);
  const interval = clamp(ctx.behaviour.intervalMs, 1, 60_000, 1000);
  const max = clamp(ctx.behaviour.maxBytes, 1, 1_000_000, 100_000);
  const head = Buffer.from(`${statusLine(ctx)}\r\nServer: ${'slow'.repeat(Math.ceil(max / 4))}`.slice(0, max));
  const sent = await trickle(sock, head, interval, ctx.signal);
  ctx.note(`slow headers: ${sent} bytes sent`);
  sock.end();
});

/** `{ kind: 'hostile-endless' }`: a status line, then header lines and body bytes for as long as the client listens. */
registerBehaviour('hostile-endless', async (ctx) => {
  const sock = ctx.socket;
  if (!sock) return;
  discardInput(ctx);
  destroyOnStop(sock, ctx.signal);
  sock.write(`${statusLine(ctx)}\r\nServer: synthetic-endless\r\n`);
  const header = Buffer.from('X-Never-Ends: ' + 'z'.repeat(1000) + '\r\n');
  const line = Buffer.concat(Array.from({ length: 32 }, () => header));
  const sent = await streamBytes(sock, line, Number.POSITIVE_INFINITY, ctx.signal);
  ctx.note(`endless: ${sent} bytes sent before the client left`);
});

/** `{ kind: 'hostile-tls-stall' }` (connection phase): read the ClientHello, never answer. */
registerBehaviour('hostile-tls-stall', (ctx) => {
  const sock = ctx.socket;
  if (!sock) return;
  discardInput(ctx);
  destroyOnStop(sock, ctx.signal);
});

/** `{ kind: 'hostile-reset' }` (connection phase): TCP RST on every connection. */
registerBehaviour('hostile-reset', (ctx) => {
  const sock = ctx.socket;
  if (!sock) return;
  if (typeof sock.resetAndDestroy === 'function') sock.resetAndDestroy();
  else sock.destroy();
});

/**
 * `{ kind: 'hostile-xml', shape: 'bomb'|'deep', wrap?: 'soap'|'upnp', depth?: number, close?: boolean }` (response
 * phase): an HTTP reply whose XML body is an entity bomb or `depth` (default 100000) nested elements.
 */
registerBehaviour('hostile-xml', async (ctx) => {
  const sock = ctx.socket;
  if (!sock) return;
  discardInput(ctx);
  destroyOnStop(sock, ctx.signal);
  const soap = ctx.behaviour.wrap === 'soap' || ctx.protocol === 'onvif';
  const [pre, post] = soap
    ? ['<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><tds:GetDeviceInformationResponse xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><tds:Manufacturer>Bomb</tds:Manufacturer>', '</tds:GetDeviceInformationResponse></s:Body></s:Envelope>']
    : ['<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device><friendlyName>deep</friendlyName>', '</device></root>'];
  const body = ctx.behaviour.shape === 'bomb' ? xmlBomb(soap ? 's:Envelope' : 'root') : deepXml(pre, clamp(ctx.behaviour.depth, 1, 1_000_000, 100_000), post, ctx.behaviour.close !== false);
  sock.write(`HTTP/1.1 200 OK\r\nContent-Type: ${soap ? 'application/soap+xml' : 'text/xml'}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
  await streamBytes(sock, Buffer.from(body), Buffer.byteLength(body), ctx.signal);
  sock.end();
});

/**
 * `{ kind: 'hostile-bytes', text: string, status?: string }` (response phase): a reply whose `{{bad}}` markers become
 * invalid UTF-8 + NUL bytes and `{{ip}}` the device address; sent as-is, then the connection closes.
 */
registerBehaviour('hostile-bytes', (ctx) => {
  const sock = ctx.socket;
  if (!sock) return;
  const text = String(ctx.behaviour.text ?? '').replaceAll('{{ip}}', ctx.device.ip).slice(0, 1_000_000);
  const parts = text.split('{{bad}}').map((p) => Buffer.from(p, 'utf8'));
  const out: Buffer[] = [];
  parts.forEach((p, i) => out.push(...(i ? [INVALID_UTF8, p] : [p])));
  sock.end(Buffer.concat(out));
});

/** `{ kind: 'hostile-echo-request' }` (response phase): 200 whose body echoes the request, Authorization header included. */
registerBehaviour('hostile-echo-request', (ctx) => {
  const sock = ctx.socket;
  if (!sock) return;
  const req = ctx.request.subarray(0, 16 * 1024);
  const head = `${ctx.protocol === 'rtsp' ? 'RTSP/1.0 200 OK\r\nCSeq: 1' : 'HTTP/1.1 200 OK'}\r\nContent-Type: text/plain\r\nContent-Length: ${req.length + 14}\r\nConnection: close\r\n\r\nYou sent me:\r\n`;
  sock.end(Buffer.concat([Buffer.from(head), req]));
});

/** `{ kind: 'hostile-stall-then-close', ms?: number }`: accept, say nothing for `ms` (default 20000), close. */
registerBehaviour('hostile-stall-then-close', async (ctx) => {
  const sock = ctx.socket;
  if (!sock) return;
  discardInput(ctx);
  destroyOnStop(sock, ctx.signal);
  await sleep(clamp(ctx.behaviour.ms, 0, 120_000, 20_000), ctx.signal);
  sock.destroy();
});
