// Address ranges a council network may legitimately hold. Anything else is "public" and refused
// unless the user says --allow-public.
import { cidrInterval, parseIPv4, normalize, subtract, type Interval } from './ipv4.js';

function cidr(s: string): Interval {
  const [a, p] = s.split('/');
  return cidrInterval(parseIPv4(a)!, Number(p));
}

export const NON_PUBLIC: { name: string; interval: Interval }[] = [
  { name: 'RFC 1918', interval: cidr('10.0.0.0/8') },
  { name: 'RFC 1918', interval: cidr('172.16.0.0/12') },
  { name: 'RFC 1918', interval: cidr('192.168.0.0/16') },
  { name: 'CGNAT (RFC 6598)', interval: cidr('100.64.0.0/10') },
  { name: 'link-local', interval: cidr('169.254.0.0/16') },
  { name: 'benchmarking (RFC 2544)', interval: cidr('198.18.0.0/15') },
  { name: 'loopback', interval: cidr('127.0.0.0/8') },
];

const NON_PUBLIC_SET = normalize(NON_PUBLIC.map((r) => r.interval));

/** The part of `list` that is public (outside every non-public range). */
export function publicPart(list: Interval[]): Interval[] {
  return subtract(list, NON_PUBLIC_SET);
}
