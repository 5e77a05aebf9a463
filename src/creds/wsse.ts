// WS-Security UsernameToken with PasswordDigest (ONVIF Core §5.12):
//   digest = base64( sha1( nonce + created + password ) ), nonce sent base64-encoded.
//   usernameTokenHeader({username, password, nonce?, created?}) → <wsse:Security> XML for a SOAP header.
import { createHash, randomBytes } from 'node:crypto';

export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1').update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')])).digest('base64');
}

const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function usernameTokenHeader(o: { username: string; password: string; nonce?: Buffer; created?: string }): string {
  const nonce = o.nonce ?? randomBytes(16);
  const created = o.created ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<wsse:Security s:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" ' +
    'xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">' +
    `<wsse:UsernameToken><wsse:Username>${xmlEscape(o.username)}</wsse:Username>` +
    '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">' +
    `${passwordDigest(nonce, created, o.password)}</wsse:Password>` +
    '<wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">' +
    `${nonce.toString('base64')}</wsse:Nonce><wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
  );
}
