// SSDP M-SEARCH (UDP 1900, 239.255.255.250), MX 2: ssdp:all and upnp:rootdevice.
export const SSDP_PORT = 1900;
export const SSDP_GROUP = '239.255.255.250';

export function ssdpProbe(st: 'ssdp:all' | 'upnp:rootdevice'): Buffer {
  return Buffer.from(`M-SEARCH * HTTP/1.1\r\nHOST: ${SSDP_GROUP}:${SSDP_PORT}\r\nMAN: "ssdp:discover"\r\nMX: 2\r\nST: ${st}\r\n\r\n`);
}
