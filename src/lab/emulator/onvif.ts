// ONVIF device service: picks the SOAP operation, applies the profile's guard (none, WS-Security
// UsernameToken digest, or HTTP Digest) and returns the stored response.
import type { OnvifSpec, RawResponse } from '../profile.js';
import type { DeviceRuntime, ServerDeps } from './device.js';
import { verifyDigest, verifyWsse } from './digest.js';
import { header, type WireRequest } from './request-reader.js';
import { freshNonce, type Vars } from './wire.js';

export const DEFAULT_PRE_AUTH = ['GetSystemDateAndTime', 'GetCapabilities', 'GetServices'];

const builtin = { source: 'camaudit lab emulator built-in (docs/lab-emulator.md)', synthetic: true, lineEnding: 'crlf' as const };

const soapFault = (code: string, text: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\r\n<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ter="http://www.onvif.org/ver10/error">' +
  `<env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:${code}</env:Value></env:Subcode></env:Code>` +
  `<env:Reason><env:Text xml:lang="en">${text}</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>\r\n`;

const soapHeaders = ['Content-Type: application/soap+xml; charset=utf-8', 'Content-Length: {{contentLength}}', 'Connection: close'];

export const BUILTIN_WSSE_UNAUTHORIZED: RawResponse = {
  statusLine: 'HTTP/1.1 400 Bad Request',
  headers: soapHeaders,
  body: soapFault('NotAuthorized', 'Sender not Authorized'),
  syntheticNote: 'Generic ONVIF NotAuthorized SOAP fault used when the profile gives no captured one.',
  ...builtin,
};

export function builtinDigestUnauthorized(realm: string): RawResponse {
  return {
    statusLine: 'HTTP/1.1 401 Unauthorized',
    headers: [`WWW-Authenticate: Digest realm="${realm}", qop="auth", nonce="{{nonce}}"`, 'Content-Length: 0', 'Connection: close'],
    syntheticNote: 'Generic HTTP Digest challenge used when the profile gives no captured one.',
    ...builtin,
  };
}

export const BUILTIN_UNKNOWN: RawResponse = {
  statusLine: 'HTTP/1.1 400 Bad Request',
  headers: soapHeaders,
  body: soapFault('ActionNotSupported', 'Optional Action Not Implemented'),
  syntheticNote: 'Generic ONVIF ActionNotSupported SOAP fault for operations the profile does not define.',
  ...builtin,
};

/** First element inside the SOAP Body, e.g. `GetDeviceInformation`. */
export function soapOperation(xml: string): string {
  const m = /<(?:[\w-]+:)?Body(?:\s[^>]*)?>\s*<(?:[\w-]+:)?([A-Za-z][\w-]{0,80})/.exec(xml.slice(0, 64 * 1024));
  return m?.[1] ?? 'unknown';
}

export interface OnvifOutcome {
  operation: string;
  auth: 'none' | 'ok' | 'bad';
  response: RawResponse;
  vars: Vars;
  /** WS-Security user name presented, if any. */
  user?: string;
}

export function onvifReply(spec: OnvifSpec, req: WireRequest, device: DeviceRuntime, deps: ServerDeps): OnvifOutcome {
  const xml = req.body.toString('utf8');
  const operation = soapOperation(xml);
  const stored = (spec.operations as Record<string, RawResponse | undefined>)[operation];
  const preAuth = (spec.preAuth ?? DEFAULT_PRE_AUTH).includes(operation);
  const realm = spec.realm ?? device.profile.id;
  const creds = device.profile.credentials;
  let auth: OnvifOutcome['auth'] = 'none';
  if (spec.guard === 'wsse-digest' && /UsernameToken/.test(xml)) auth = creds && verifyWsse(xml, creds.username, creds.password) ? 'ok' : 'bad';
  if (spec.guard === 'http-digest' && header(req, 'authorization')) {
    const a = header(req, 'authorization');
    auth = creds && verifyDigest({ authorization: a, method: req.method, realm, username: creds.username, password: creds.password, isKnownNonce: (n) => deps.nonces.has(n) }) ? 'ok' : 'bad';
  }
  const vars: Vars = { nonce: deps.nonces.add(freshNonce()) };
  const user = /UsernameToken/.test(xml) ? /<(?:[\w-]+:)?Username(?:\s[^>]*)?>([^<]{0,256})</.exec(xml)?.[1] : undefined;
  if (spec.guard !== 'none' && !preAuth && auth !== 'ok') {
    const response = spec.unauthorized ?? (spec.guard === 'http-digest' ? builtinDigestUnauthorized(realm) : BUILTIN_WSSE_UNAUTHORIZED);
    return { operation, auth, response, vars, user };
  }
  return { operation, auth, response: stored ?? spec.unknown ?? BUILTIN_UNKNOWN, vars, user };
}
