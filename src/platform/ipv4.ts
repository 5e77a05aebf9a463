// Small IPv4 helpers for the platform layer (no dependency on src/scope: this layer stays leaf-level).

/** Dotted quad to unsigned 32-bit integer, or null when it is not a plain IPv4 address. */
export function ipv4ToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    n = n * 256 + octet;
  }
  return n;
}

export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Prefix length of a netmask ("255.255.255.0" → 24); null when the mask is not contiguous. */
export function maskToPrefix(netmask: string): number | null {
  const n = ipv4ToInt(netmask);
  if (n === null) return null;
  let prefix = 0;
  while (prefix < 32 && (n >>> (31 - prefix)) & 1) prefix++;
  // Every bit after the first zero must be zero too.
  const rebuilt = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return rebuilt === n ? prefix : null;
}

/** Network CIDR of an address and its netmask ("198.18.0.7", "255.255.255.0" → "198.18.0.0/24"). */
export function networkCidr(address: string, netmask: string): string | null {
  const a = ipv4ToInt(address);
  const prefix = maskToPrefix(netmask);
  if (a === null || prefix === null) return null;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return `${intToIpv4((a & mask) >>> 0)}/${prefix}`;
}

export function isIpv4(s: string): boolean {
  return ipv4ToInt(s) !== null;
}
