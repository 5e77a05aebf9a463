// One captured frame → its layers, read in place (no copies): link layer (Ethernet with any number of 802.1Q/802.1ad
// tags up to 8, Linux cooked SLL and SLL2, raw IPv4/IPv6, BSD null/loop), then ARP, Hikvision layer-2 SADP
// (EtherType 0x8033), IPv4 (fragments flagged, not reassembled), IPv6 (extension headers walked, fragments
// flagged), UDP and TCP. The result goes into a caller-owned `Packet` that is reused for every frame, so reading
// millions of frames allocates nothing per frame; MACs and IPv4 addresses stay numbers until a caller needs text.
// Never throws: a frame too short for what its headers claim is `truncated`, and is read only as far as it goes.
import { LINKTYPE } from './pcap.js';

export const ETHERTYPE = { IPV4: 0x0800, ARP: 0x0806, VLAN: 0x8100, QINQ: 0x88a8, QINQ_OLD: 0x9100, IPV6: 0x86dd, SADP: 0x8033 } as const;
const VLAN_TAGS_MAX = 8;

export type Layer3 = 'none' | 'ipv4' | 'ipv6' | 'arp' | 'sadp' | 'other';

export class Packet {
  /** Link-layer source and destination as 48-bit numbers; -1 when the link has none (raw IP, SLL without address). */
  srcMac = -1;
  dstMac = -1;
  vlanTags = 0;
  /** Outermost VLAN id (0 when untagged). */
  vlan = 0;
  etherType = 0;
  l3: Layer3 = 'none';
  /** IPv4 addresses as unsigned 32-bit numbers. */
  src4 = 0;
  dst4 = 0;
  /** The frame's buffer; IPv6 addresses and the payload are ranges of it (valid only during the frame). */
  buf: Buffer = EMPTY;
  /** Offsets of the IPv6 source and destination (16 bytes each); -1 for other packets. */
  src6At = -1;
  dst6At = -1;
  /** IP protocol: 6 TCP, 17 UDP, other values left unread. */
  proto = -1;
  /** An IPv4 or IPv6 fragment: `payload` is this piece of the IP payload; a caller may reassemble (decodeTransport). */
  fragment = false;
  /** Fragment offset in bytes, more-fragments flag, and the datagram's identification. */
  fragOffset = 0;
  moreFragments = false;
  ipId = 0;
  srcPort = 0;
  dstPort = 0;
  tcpSeq = 0;
  tcpFlags = 0;
  /** Transport payload (UDP/TCP), the ARP body, the SADP frame body, or an IP fragment: buf[payloadStart, payloadEnd). */
  payloadStart = 0;
  payloadEnd = 0;
  /** A header claimed more bytes than the frame holds (snap length or a lying length). */
  truncated = false;

  reset(): void {
    this.srcMac = -1;
    this.dstMac = -1;
    this.vlanTags = 0;
    this.vlan = 0;
    this.etherType = 0;
    this.l3 = 'none';
    this.src4 = 0;
    this.dst4 = 0;
    this.src6At = -1;
    this.dst6At = -1;
    this.proto = -1;
    this.fragment = false;
    this.fragOffset = 0;
    this.moreFragments = false;
    this.ipId = 0;
    this.srcPort = 0;
    this.dstPort = 0;
    this.tcpSeq = 0;
    this.tcpFlags = 0;
    this.payloadStart = 0;
    this.payloadEnd = 0;
    this.truncated = false;
  }

  get payloadLength(): number {
    return this.payloadEnd - this.payloadStart;
  }

  /** The payload as a Buffer view (made on demand). */
  get payload(): Buffer {
    return this.buf.subarray(this.payloadStart, this.payloadEnd);
  }

  get src6(): Buffer | null {
    return this.src6At < 0 ? null : this.buf.subarray(this.src6At, this.src6At + 16);
  }

  get dst6(): Buffer | null {
    return this.dst6At < 0 ? null : this.buf.subarray(this.dst6At, this.dst6At + 16);
  }
}

const EMPTY = Buffer.alloc(0);

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;

function mac(b: Buffer, o: number): number {
  return b.readUIntBE(o, 6);
}

/** `aa:bb:cc:dd:ee:ff` of a 48-bit number. */
export function macText(n: number): string {
  const h = n.toString(16).padStart(12, '0');
  return `${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}:${h.slice(10, 12)}`;
}

export function ipv4Text(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** RFC 5952 text of a 16-byte IPv6 address. */
export function ipv6Text(b: Buffer): string {
  const parts: string[] = [];
  for (let i = 0; i < 16; i += 2) parts.push(b.readUInt16BE(i).toString(16));
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (parts[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return parts.join(':');
  return parts.slice(0, best).join(':') + '::' + parts.slice(best + bestLen).join(':');
}

/**
 * Decodes the frame `b[off .. off+len)` of link type `linkType` into `p` (reset first); `len` defaults to the rest
 * of `b`. False when the link type is not read.
 */
export function decodeFrame(linkType: number, b: Buffer, p: Packet, off = 0, len = b.length - off): boolean {
  p.reset();
  p.buf = b;
  const end = off + len;
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      ethernet(b, off, end, p);
      return true;
    case LINKTYPE.LINUX_SLL:
      sll(b, off, end, p);
      return true;
    case LINKTYPE.LINUX_SLL2:
      sll2(b, off, end, p);
      return true;
    case LINKTYPE.RAW:
    case 12: // DLT_RAW as some systems write it
    case 14:
      rawIp(b, off, end, p);
      return true;
    case LINKTYPE.IPV4:
      ipv4(b, off, end, p);
      return true;
    case LINKTYPE.IPV6:
      ipv6(b, off, end, p);
      return true;
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP:
      nullLink(b, off, end, linkType, p);
      return true;
    default:
      return false;
  }
}

function ethernet(b: Buffer, o: number, end: number, p: Packet): void {
  if (o + 14 > end) {
    p.truncated = true;
    return;
  }
  p.dstMac = mac(b, o);
  p.srcMac = mac(b, o + 6);
  let type = b.readUInt16BE(o + 12);
  o += 14;
  while ((type === ETHERTYPE.VLAN || type === ETHERTYPE.QINQ || type === ETHERTYPE.QINQ_OLD) && p.vlanTags < VLAN_TAGS_MAX) {
    if (o + 4 > end) {
      p.truncated = true;
      return;
    }
    if (p.vlanTags === 0) p.vlan = b.readUInt16BE(o) & 0x0fff;
    p.vlanTags++;
    type = b.readUInt16BE(o + 2);
    o += 4;
  }
  network(type, b, o, end, p);
}

/** Linux cooked v1: packet type(2) ARPHRD(2) address length(2) address(8) protocol(2). */
function sll(b: Buffer, o: number, end: number, p: Packet): void {
  if (o + 16 > end) {
    p.truncated = true;
    return;
  }
  const hatype = b.readUInt16BE(o + 2);
  const alen = b.readUInt16BE(o + 4);
  if (hatype === 1 && alen === 6) p.srcMac = mac(b, o + 6);
  let type = b.readUInt16BE(o + 14);
  o += 16;
  // The kernel usually strips VLAN tags into metadata, but a tag left in the data reads as in Ethernet.
  while ((type === ETHERTYPE.VLAN || type === ETHERTYPE.QINQ) && p.vlanTags < VLAN_TAGS_MAX && o + 4 <= end) {
    if (p.vlanTags === 0) p.vlan = b.readUInt16BE(o) & 0x0fff;
    p.vlanTags++;
    type = b.readUInt16BE(o + 2);
    o += 4;
  }
  network(type, b, o, end, p);
}

/** Linux cooked v2: protocol(2) reserved(2) ifindex(4) ARPHRD(2) packet type(1) address length(1) address(8). */
function sll2(b: Buffer, o: number, end: number, p: Packet): void {
  if (o + 20 > end) {
    p.truncated = true;
    return;
  }
  const type = b.readUInt16BE(o);
  const hatype = b.readUInt16BE(o + 8);
  const alen = b[o + 11]!;
  if (hatype === 1 && alen === 6) p.srcMac = mac(b, o + 12);
  network(type, b, o + 20, end, p);
}

function nullLink(b: Buffer, o: number, end: number, linkType: number, p: Packet): void {
  if (o + 4 > end) {
    p.truncated = true;
    return;
  }
  // NULL: address family in the writer's byte order; LOOP: network order. Both read either way here.
  const le = b.readUInt32LE(o);
  const be = b.readUInt32BE(o);
  const af = linkType === LINKTYPE.LOOP ? be : le < 256 ? le : be;
  if (af === 2) ipv4(b, o + 4, end, p);
  else if (af === 24 || af === 28 || af === 30 || af === 10) ipv6(b, o + 4, end, p);
  else p.l3 = 'other';
}

function rawIp(b: Buffer, o: number, end: number, p: Packet): void {
  if (o >= end) {
    p.truncated = true;
    return;
  }
  const v = b[o]! >> 4;
  if (v === 4) ipv4(b, o, end, p);
  else if (v === 6) ipv6(b, o, end, p);
  else p.l3 = 'other';
}

function network(type: number, b: Buffer, o: number, end: number, p: Packet): void {
  p.etherType = type;
  if (type === ETHERTYPE.IPV4) ipv4(b, o, end, p);
  else if (type === ETHERTYPE.IPV6) ipv6(b, o, end, p);
  else if (type === ETHERTYPE.ARP || type === ETHERTYPE.SADP) {
    p.l3 = type === ETHERTYPE.ARP ? 'arp' : 'sadp';
    p.payloadStart = Math.min(o, end);
    p.payloadEnd = end;
  } else p.l3 = 'other';
}

function ipv4(b: Buffer, o: number, frameEnd: number, p: Packet): void {
  p.l3 = 'ipv4';
  if (o + 20 > frameEnd) {
    p.truncated = true;
    return;
  }
  const ihl = (b[o]! & 0x0f) * 4;
  if (b[o]! >> 4 !== 4 || ihl < 20) {
    p.l3 = 'other';
    return;
  }
  const total = b.readUInt16BE(o + 2);
  const frag = b.readUInt16BE(o + 6);
  p.proto = b[o + 9]!;
  p.src4 = b.readUInt32BE(o + 12);
  p.dst4 = b.readUInt32BE(o + 16);
  // More-fragments set or a non-zero offset: a piece of a datagram.
  if (frag & 0x3fff) p.fragment = true;
  let end = o + total;
  if (total < ihl) end = frameEnd; // TSO-sized or zero total length as some captures store it
  if (end > frameEnd) {
    p.truncated = true;
    end = frameEnd;
  }
  if (o + ihl > end) {
    p.truncated = true;
    return;
  }
  if (p.fragment) {
    p.fragOffset = (frag & 0x1fff) * 8;
    p.moreFragments = (frag & 0x2000) !== 0;
    p.ipId = b.readUInt16BE(o + 4);
    p.payloadStart = o + ihl;
    p.payloadEnd = end;
    return;
  }
  transport(b, o + ihl, end, p);
}

function ipv6(b: Buffer, o: number, frameEnd: number, p: Packet): void {
  p.l3 = 'ipv6';
  if (o + 40 > frameEnd) {
    p.truncated = true;
    return;
  }
  if (b[o]! >> 4 !== 6) {
    p.l3 = 'other';
    return;
  }
  const plen = b.readUInt16BE(o + 4);
  let next = b[o + 6]!;
  p.src6At = o + 8;
  p.dst6At = o + 24;
  let off = o + 40;
  let end = plen ? off + plen : frameEnd; // 0: jumbogram or TSO; read what is there
  if (end > frameEnd) {
    p.truncated = true;
    end = frameEnd;
  }
  // Hop-by-hop, routing, destination options: 8-byte units after the first 8. Fragment header: a piece.
  for (let hops = 0; hops < 8; hops++) {
    if (next === 0 || next === 43 || next === 60) {
      if (off + 8 > end) {
        p.truncated = true;
        return;
      }
      const n = b[off]!;
      off += (b[off + 1]! + 1) * 8;
      next = n;
      continue;
    }
    if (next === 44) {
      // Fragment header: next header(1) reserved(1) offset+flags(2) identification(4).
      p.fragment = true;
      if (off + 8 > end) {
        p.truncated = true;
        return;
      }
      p.proto = b[off]!;
      const v = b.readUInt16BE(off + 2);
      p.fragOffset = v & 0xfff8;
      p.moreFragments = (v & 1) !== 0;
      p.ipId = b.readUInt32BE(off + 4);
      p.payloadStart = off + 8;
      p.payloadEnd = end;
      return;
    }
    break;
  }
  p.proto = next;
  transport(b, off, end, p);
}

/** Reads the UDP/TCP header of a reassembled IP payload into `p` (whose `proto` is set); `p.buf` becomes it. */
export function decodeTransport(payload: Buffer, p: Packet): void {
  p.fragment = false;
  // Addresses of an IPv6 packet lived in the frame; keep them readable by copying them in front.
  if (p.src6At >= 0) {
    const head = Buffer.concat([p.buf.subarray(p.src6At, p.src6At + 16), p.buf.subarray(p.dst6At, p.dst6At + 16), payload]);
    p.buf = head;
    p.src6At = 0;
    p.dst6At = 16;
    transport(head, 32, head.length, p);
    return;
  }
  p.buf = payload;
  transport(payload, 0, payload.length, p);
}

function transport(b: Buffer, o: number, end: number, p: Packet): void {
  if (p.proto === 17) {
    if (o + 8 > end) {
      p.truncated = true;
      return;
    }
    p.srcPort = b.readUInt16BE(o);
    p.dstPort = b.readUInt16BE(o + 2);
    const ulen = b.readUInt16BE(o + 4);
    let stop = ulen >= 8 ? o + ulen : end;
    if (stop > end) {
      p.truncated = true;
      stop = end;
    }
    p.payloadStart = o + 8;
    p.payloadEnd = stop;
  } else if (p.proto === 6) {
    if (o + 20 > end) {
      p.truncated = true;
      return;
    }
    p.srcPort = b.readUInt16BE(o);
    p.dstPort = b.readUInt16BE(o + 2);
    p.tcpSeq = b.readUInt32BE(o + 4);
    p.tcpFlags = b[o + 13]!;
    const doff = (b[o + 12]! >> 4) * 4;
    if (doff < 20 || o + doff > end) {
      p.truncated = true;
      return;
    }
    p.payloadStart = o + doff;
    p.payloadEnd = end;
  }
}
