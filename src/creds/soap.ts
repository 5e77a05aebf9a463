// Minimal SOAP 1.2 POST over axios (decision: docs/decisions.md, "Credentialed enrichment and KEV"). Bounded: proxy off, no
// redirects, body cap, keep-alive off, deadline; HTTPS accepts any certificate (devices are self-signed).
import axios from 'axios';
import https from 'node:https';
import http from 'node:http';
import { inspectParts } from '../probes/never-send.js';
import { failureCode } from '../core/failure.js';
import { SOAP_BODY_OPEN } from '../probes/onvif-preauth.js';

export interface SoapReply {
  status: number;
  body: string;
  wwwAuthenticate?: string | string[];
}

const httpsAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: false });
const httpAgent = new http.Agent({ keepAlive: false });

/** SOAP 1.2 envelope in the dialect of src/probes/onvif-preauth.ts (operation element in its default namespace). */
export function envelope(body: string, header = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">' +
    `<s:Header>${header}</s:Header>${SOAP_BODY_OPEN}${body}</s:Body></s:Envelope>`
  );
}

/** POSTs one envelope; never throws (errors come back as status 0 with a short reason in body). */
export async function soapPost(
  url: string,
  xml: string,
  o: { timeoutMs: number; maxBytes: number; signal?: AbortSignal; authorization?: string; action?: string },
): Promise<SoapReply> {
  // The guard checks path and body minus the credential parts (credentials are the point here).
  const v = inspectParts({ method: 'POST', url, body: xml.replace(/<wsse:Security[\s\S]*<\/wsse:Security>/, '') });
  if (!v.allowed) return { status: 0, body: `refused by never-send guard: ${v.reason}` };
  const headers: Record<string, string> = {
    'Content-Type': `application/soap+xml; charset=utf-8${o.action ? `; action="${o.action}"` : ''}`,
    Connection: 'close',
  };
  if (o.authorization) headers.Authorization = o.authorization;
  try {
    const r = await axios.post<string>(url, xml, {
      proxy: false,
      maxRedirects: 0,
      maxContentLength: o.maxBytes,
      maxBodyLength: o.maxBytes,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      insecureHTTPParser: true,
      httpAgent,
      httpsAgent,
      headers,
      signal: AbortSignal.any([AbortSignal.timeout(o.timeoutMs), ...(o.signal ? [o.signal] : [])]),
    });
    const reply: SoapReply = { status: r.status, body: String(r.data ?? '') };
    const wa = r.headers['www-authenticate'] as string | string[] | undefined;
    if (wa !== undefined) reply.wwwAuthenticate = wa;
    return reply;
  } catch (err) {
    // Status 0: no reply; the body says why by code only (an axios error's message may hold the request headers).
    return { status: 0, body: failureCode(err, 'request failed') };
  }
}
