// ONVIF device service: picks the SOAP operation, applies the profile's guard (none, WS-Security
// UsernameToken digest, or HTTP Digest) and returns the stored response.
import { createHash } from 'node:crypto';
import type { OnvifSpec, RawResponse } from '../profile.js';
import type { DeviceRuntime, ServerDeps } from './device.js';
import { verifyDigest, verifyWsse } from './digest.js';
import { header, type WireRequest } from './request-reader.js';
import { freshNonce, type Vars } from './wire.js';
import { firmware, type ServiceName } from './onvif-firmware.js';
import { deviceNow, firmwareActionNotSupported, firmwareRefusal, generatedResponse, onvifRealm } from './onvif-service.js';

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
  /** Why a presented credential was refused (e.g. a WS-Security Created outside the device's replay window). */
  note?: string;
}

const md5 = (s: string): Buffer => createHash('md5').update(s).digest();

/** Seconds between a WS-Security Created time and the device clock, or undefined when there is none. */
export function createdSkewSeconds(xml: string, spec: OnvifSpec, hostNow = Date.now()): number | undefined {
  const created = /<(?:[\w-]+:)?Created(?:\s[^>]*)?>\s*([^<\s]{1,64})\s*</.exec(xml)?.[1];
  const t = created ? Date.parse(created) : NaN;
  if (Number.isNaN(t)) return undefined;
  return Math.abs(t - deviceNow(spec, hostNow).getTime()) / 1000;
}

/**
 * One SOAP call on an ONVIF service path of the device. Order: the call's auth outcome under the profile's guard,
 * the refusal when a guarded call lacks valid credentials, then a stored response, a generated one (firmware),
 * or the firmware's / built-in ActionNotSupported fault.
 */
export function onvifReply(spec: OnvifSpec, req: WireRequest, device: DeviceRuntime, deps: ServerDeps, service: ServiceName = 'device'): OnvifOutcome {
  const xml = req.body.toString('utf8');
  const operation = soapOperation(xml);
  const stored = service === 'device' || !['GetSystemDateAndTime', 'GetCapabilities', 'GetServices', 'GetDeviceInformation'].includes(operation) ? (spec.operations as Record<string, RawResponse | undefined>)[operation] : undefined;
  const fw = spec.firmware ? firmware(spec.firmware) : undefined;
  const preAuthList = spec.preAuth ?? fw?.preAuth ?? DEFAULT_PRE_AUTH;
  const preAuth = preAuthList.includes('*') || preAuthList.includes(operation);
  const realm = onvifRealm(spec, device.profile.id);
  const creds = device.profile.credentials;
  const wantsWsse = spec.guard === 'wsse-digest' || spec.guard === 'wsse-or-http-digest';
  const wantsDigest = spec.guard === 'http-digest' || spec.guard === 'wsse-or-http-digest';
  let auth: OnvifOutcome['auth'] = 'none';
  let note: string | undefined;
  const authz = header(req, 'authorization');
  if (wantsDigest && authz) {
    auth = creds && verifyDigest({ authorization: authz, method: req.method, realm, username: creds.username, password: creds.password, isKnownNonce: (n) => deps.nonces.has(n) }) ? 'ok' : 'bad';
  }
  if (wantsWsse && auth !== 'ok' && /UsernameToken/.test(xml)) {
    auth = creds && verifyWsse(xml, creds.username, creds.password) ? 'ok' : 'bad';
    const window = spec.clock?.replayWindowSeconds;
    const skew = window !== undefined && auth === 'ok' ? createdSkewSeconds(xml, spec) : undefined;
    if (window !== undefined && auth === 'ok' && (skew === undefined || skew > window)) {
      auth = 'bad';
      note = skew === undefined ? 'WS-Security without a readable Created time' : `WS-Security Created ${Math.round(skew)} s from the device clock (window ${window} s)`;
    }
  }
  const vars: Vars = { nonce: deps.nonces.add(freshNonce()) };
  const user = /UsernameToken/.test(xml) ? /<(?:[\w-]+:)?Username(?:\s[^>]*)?>([^<]{0,256})</.exec(xml)?.[1] : undefined;
  if (spec.guard !== 'none' && !preAuth && auth !== 'ok') {
    const response = spec.unauthorized ?? firmwareRefusal(spec, realm) ?? (spec.guard === 'http-digest' ? builtinDigestUnauthorized(realm) : BUILTIN_WSSE_UNAUTHORIZED);
    return { operation, auth, response, vars, user, note };
  }
  const response = stored ?? generatedResponse(operation, service, spec, device.profile, xml, md5) ?? spec.unknown ?? firmwareActionNotSupported(spec) ?? BUILTIN_UNKNOWN;
  return { operation, auth, response, vars, user, note };
}
