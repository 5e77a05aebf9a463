// A passive read: frames in (from any number of capture files or a live tcpdump), observations out, keyed by the
// device that SENT each piece of evidence, in the same form the active scan stores (src/core/observation.ts), so
// the matcher, attribution, policy and every report read them unchanged. Each observation names its packet
// (`packet`: file, frame number, time stamp as captured) and takes the packet's time as its `at`.
// Devices are keyed by IP address and MAC: a MAC comes from ARP (sender hardware/protocol address) first, else
// from the Ethernet source of the host's own IP packets, unless that MAC sends for more than ROUTER_IPS addresses
// (a router forwarding other subnets: its MAC is no one device's). Evidence seen only at layer 2 (layer-2 SADP,
// a DHCP request from 0.0.0.0) is keyed by MAC and joins the address that MAC uses. Only local addresses (RFC 1918,
// link-local, CGNAT, 198.18/15, IPv6 ULA/link-local) become devices unless `includePublic`: cloud servers a camera
// talks to are not devices of the site. Sends nothing; bounded in memory whatever the capture holds.
import { createHash } from 'node:crypto';
import { makeObservation, type Observation, type ParsedEvidence } from '../core/observation.js';
import { ObservationStore } from '../core/store.js';
import { frameIso, frameMs, type CaptureFrame } from '../parsers/pcap.js';
import { decodeFrame, decodeTransport, ipv4Text, ipv6Text, macText, Packet, TCP_FIN, TCP_RST, TCP_SYN } from '../parsers/frame.js';
import { Reassembler } from './fragments.js';
import { parse as sadpL2 } from '../parsers/sadp-l2.js';
import { readDhcp, parse as dhcpEvidence, DHCP_CLIENT_PORT, DHCP_SERVER_PORT } from '../parsers/dhcp.js';
import { TcpTracker, directionBytes, flowKey4, type Flow, type SegmentInfo } from './tcp.js';
import { dnsQueryEvidence, NameFilter, requestLine, tcpEvidence, udpSignal } from './signals.js';

export const PASSIVE_MODULE = 'pcap';
/** A MAC seen sending for more addresses than this is a router's, not one device's. */
const ROUTER_IPS = 4;
const BINDINGS_MAX = 65_536;
const SEEN_DATAGRAMS_MAX = 100_000;
const PORTS_PER_HOST_MAX = 64;
const PER_HOST_OBSERVATIONS = 400;

export interface PassiveOptions {
  /** Public addresses become devices too (default: only local ones). */
  includePublic?: boolean;
  /** Rules that read `dns.query` / `tls.sni` (default: the loaded fingerprint database). */
  names?: NameFilter;
}

export interface PassiveStats {
  frames: number;
  ipPackets: number;
  udpDatagrams: number;
  tcpSegments: number;
  arpPackets: number;
  fragmentsSkipped: number;
  datagramsReassembled: number;
  fragmentedDatagramsLost: number;
  truncatedFrames: number;
  unsupportedLinkTypes: Record<string, number>;
  duplicateDatagrams: number;
  tcpConnectionsRead: number;
  tcpConnectionsEvicted: number;
  publicHostsSkipped: number;
  observations: number;
}

export interface PassiveOutcome {
  byHost: Map<string, Observation[]>;
  dropped: Map<string, number>;
  stats: PassiveStats;
  notes: string[];
  firstMs: number | null;
  lastMs: number | null;
  /** Local hosts that sent at least one frame. */
  hostsSeen: number;
}

/** IPv4 ranges that are a site's own: RFC 1918, link-local, CGNAT, benchmark (the lab), as [network, bits]. */
const LOCAL4: Array<[number, number]> = [
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0xa9fe0000, 16],
  [0x64400000, 10],
  [0xc6120000, 15],
];

export function isLocal4(n: number): boolean {
  // Unrolled LOCAL4 (this runs once per packet).
  return n >>> 24 === 10 || n >>> 20 === 0xac1 || n >>> 16 === 0xc0a8 || n >>> 16 === 0xa9fe || n >>> 22 === 0x191 || n >>> 17 === 0x6309;
}

/** fe80::/10 link-local and fc00::/7 unique-local. */
export function isLocal6(b: Buffer): boolean {
  return (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) || (b[0]! & 0xfe) === 0xfc;
}

const isUnicast4 = (n: number): boolean => n !== 0 && n >>> 28 !== 0xe && n !== 0xffffffff && n >>> 24 !== 127;

export class PassiveSession {
  private readonly store = new ObservationStore(PER_HOST_OBSERVATIONS);
  private readonly p = new Packet();
  private readonly tcp: TcpTracker;
  private readonly frags = new Reassembler();
  /** The one segment record handed to the TCP tracker (reused: no allocation per packet). */
  private segSrc: string | null = null;
  private segDst: string | null = null;
  private readonly seg: SegmentInfo = {
    key: '',
    fromA: true,
    seq: 0,
    flags: 0,
    payloadLength: 0,
    payload: () => this.p.payload,
    frame: 0,
    time: () => frameIso(this.cur),
    endpoints: () => {
      const p = this.p;
      const src = this.segSrc ?? ipv4Text(p.src4);
      const dst = this.segDst ?? ipv4Text(p.dst4);
      return this.seg.fromA ? { aHost: src, aPort: p.srcPort, bHost: dst, bPort: p.dstPort } : { aHost: dst, aPort: p.dstPort, bHost: src, bPort: p.srcPort };
    },
  };
  private readonly names: NameFilter;
  private file = '';
  private frameNo = 0;
  /** The current frame's time stamp as stored; its text is built only when an observation needs it. */
  private readonly cur: Pick<CaptureFrame, 'tsHigh' | 'tsLow' | 'clock'> = { tsHigh: 0, tsLow: 0, clock: { unitsPerSecond: 1e6, split: true, offsetSeconds: 0 } };
  private readonly frameTime = (): string => frameIso(this.cur);
  private firstMs: number | null = null;
  private lastMs: number | null = null;
  /** ARP: IPv4 text → MAC. */
  private readonly arpMac = new Map<string, number>();
  /** Ethernet source of a host's own IP packets: address → MAC (-2: more than one MAC). */
  private readonly ethMac4 = new Map<number, number>();
  private readonly ethMac6 = new Map<string, number>();
  /** Addresses each MAC sent for (at most ROUTER_IPS + 1 kept). */
  private readonly macIps = new Map<number, number[]>();
  /** DHCP: client MAC → address the server gave (ACK). */
  private readonly dhcpIp = new Map<string, string>();
  /** Ports a host answered a SYN on, by IPv4 number or IPv6 text. */
  private readonly openPorts = new Map<number | string, Set<number>>();
  private readonly local4 = new Set<number>();
  private readonly local6 = new Set<string>();
  private readonly public4 = new Set<number>();
  private readonly seenDatagrams = new Set<string>();
  readonly stats: PassiveStats = {
    frames: 0,
    ipPackets: 0,
    udpDatagrams: 0,
    tcpSegments: 0,
    arpPackets: 0,
    fragmentsSkipped: 0,
    datagramsReassembled: 0,
    fragmentedDatagramsLost: 0,
    truncatedFrames: 0,
    unsupportedLinkTypes: {},
    duplicateDatagrams: 0,
    tcpConnectionsRead: 0,
    tcpConnectionsEvicted: 0,
    publicHostsSkipped: 0,
    observations: 0,
  };

  constructor(private readonly opts: PassiveOptions = {}) {
    this.names = opts.names ?? new NameFilter();
    this.tcp = new TcpTracker((f) => this.onFlow(f));
  }

  /** Frames that follow come from this file (its name goes into each observation's packet reference). */
  beginFile(name: string): void {
    this.file = name;
  }

  frame(f: CaptureFrame): void {
    this.stats.frames++;
    this.frameNo = f.number;
    const ms = frameMs(f);
    if (this.firstMs === null || ms < this.firstMs) this.firstMs = ms;
    if (this.lastMs === null || ms > this.lastMs) this.lastMs = ms;
    this.cur.tsHigh = f.tsHigh;
    this.cur.tsLow = f.tsLow;
    this.cur.clock = f.clock;
    const p = this.p;
    if (!decodeFrame(f.linkType, f.buf, p, f.offset, f.caplen)) {
      const k = String(f.linkType);
      this.stats.unsupportedLinkTypes[k] = (this.stats.unsupportedLinkTypes[k] ?? 0) + 1;
      return;
    }
    if (p.truncated) this.stats.truncatedFrames++;
    if (p.l3 === 'arp') return this.arp(p);
    if (p.l3 === 'sadp') return this.sadpL2(p);
    if (p.l3 === 'ipv4') {
      this.stats.ipPackets++;
      if (!isUnicast4(p.src4)) {
        // 0.0.0.0 is a DHCP client without an address yet; its request still names it (by MAC).
        if (p.src4 === 0 && p.proto === 17 && !p.fragment) this.udp(p, '0.0.0.0');
        return;
      }
      const local = isLocal4(p.src4);
      if (local) {
        this.local4.add(p.src4);
        if (p.srcMac >= 0) this.bind4(p.src4, p.srcMac);
      } else if (this.public4.size < BINDINGS_MAX) this.public4.add(p.src4);
      if (!local && !this.opts.includePublic) return;
      if (p.fragment && !this.reassemble(`${p.src4}|${p.dst4}|${p.ipId}`, p)) return;
      if (p.proto === 17) this.udp(p, null);
      else if (p.proto === 6) this.tcp4(p);
      return;
    }
    if (p.l3 === 'ipv6') {
      this.stats.ipPackets++;
      if (!p.src6 || !p.dst6) return;
      if (p.src6.every((x) => x === 0)) return;
      const src = ipv6Text(p.src6);
      const local = isLocal6(p.src6);
      if (!local && !this.opts.includePublic) return;
      if (local) {
        if (this.local6.size < BINDINGS_MAX) this.local6.add(src);
        if (p.srcMac >= 0 && this.ethMac6.size < BINDINGS_MAX) {
          const had = this.ethMac6.get(src);
          this.ethMac6.set(src, had === undefined || had === p.srcMac ? p.srcMac : -2);
        }
      }
      if (p.fragment && !this.reassemble(`${src}|${ipv6Text(p.dst6)}|${p.ipId}`, p)) return;
      if (p.proto === 17) this.udp(p, src);
      else if (p.proto === 6) this.tcpSegment(p, src, ipv6Text(p.dst6));
    }
  }

  /** A UDP fragment joins its datagram; true (with `p` now the whole datagram) when this piece completed it. */
  private reassemble(key: string, p: Packet): boolean {
    if (p.proto !== 17) {
      this.stats.fragmentsSkipped++;
      return false;
    }
    const whole = this.frags.add(key, p.fragOffset, p.moreFragments, p.payload);
    if (!whole) return false;
    decodeTransport(whole, p);
    return true;
  }

  private bind4(ip: number, mac: number): void {
    const had = this.ethMac4.get(ip);
    if (had === mac) return; // the common case: this host's MAC again
    if (had === undefined) {
      if (this.ethMac4.size < BINDINGS_MAX) this.ethMac4.set(ip, mac);
    } else if (had !== mac && had !== -2) this.ethMac4.set(ip, -2);
    let ips = this.macIps.get(mac);
    if (!ips) {
      if (this.macIps.size >= BINDINGS_MAX) return;
      ips = [];
      this.macIps.set(mac, ips);
    }
    if (ips.length <= ROUTER_IPS && !ips.includes(ip)) ips.push(ip);
  }

  private arp(p: Packet): void {
    this.stats.arpPackets++;
    const b = p.payload;
    // Ethernet/IPv4 ARP only: htype 1, ptype 0x0800, hlen 6, plen 4.
    if (b.length < 28 || b.readUInt16BE(0) !== 1 || b.readUInt16BE(2) !== 0x0800 || b[4] !== 6 || b[5] !== 4) return;
    const mac = b.readUIntBE(8, 6);
    const ip = b.readUInt32BE(14);
    if (!isUnicast4(ip) || mac === 0) return; // an ARP probe (RFC 5227) names no address yet
    if (!isLocal4(ip) && !this.opts.includePublic) return;
    if (this.arpMac.size < BINDINGS_MAX || this.arpMac.has(ipv4Text(ip))) this.arpMac.set(ipv4Text(ip), mac);
    this.local4.add(ip);
  }

  private sadpL2(p: Packet): void {
    const ev = sadpL2(p.payload);
    if (!ev.length || p.srcMac < 0) return;
    this.emit(`mac:${macText(p.srcMac)}`, ev, { raw: p.payload });
  }

  /** `srcText`: the sender's address as text, or null to make it from the IPv4 source when needed. */
  private udp(p: Packet, srcText: string | null): void {
    this.stats.udpDatagrams++;
    if (!p.payloadLength) return;
    const isDhcp = p.dstPort === DHCP_SERVER_PORT || p.dstPort === DHCP_CLIENT_PORT;
    const sig = isDhcp || p.dstPort === 53 ? undefined : udpSignal(p.srcPort, p.dstPort);
    if (!isDhcp && p.dstPort !== 53 && !sig) return;
    const src = srcText ?? ipv4Text(p.src4);
    const payload = p.payload;
    if (isDhcp) return this.dhcp(p, src);
    if (p.dstPort === 53) {
      const ev = dnsQueryEvidence(payload, this.names);
      if (ev.length) this.emit(src, ev, { port: p.srcPort });
      return;
    }
    if (!sig) return;
    // The same datagram again (an announcement repeated, a reply to every listener): read once per sender.
    const key = `${src}|${createHash('sha1').update(payload).digest('base64')}`;
    if (this.seenDatagrams.has(key)) {
      this.stats.duplicateDatagrams++;
      return;
    }
    if (this.seenDatagrams.size >= SEEN_DATAGRAMS_MAX) this.seenDatagrams.clear();
    this.seenDatagrams.add(key);
    const ev = sig.parse(payload);
    if (ev.length) this.emit(src, ev, { port: p.srcPort, raw: payload });
  }

  private dhcp(p: Packet, src: string): void {
    const m = readDhcp(p.payload);
    if (!m) return;
    if (m.op === 2) {
      // A server's ACK ties the client's MAC to the address it now has.
      if (m.messageType === 'ACK' && m.chaddr && m.yiaddr !== '0.0.0.0' && this.dhcpIp.size < BINDINGS_MAX) this.dhcpIp.set(m.chaddr, m.yiaddr);
      return;
    }
    const ev = dhcpEvidence(p.payload);
    if (!ev.length) return;
    const host = src !== '0.0.0.0' ? src : m.chaddr ? `mac:${m.chaddr}` : p.srcMac >= 0 ? `mac:${macText(p.srcMac)}` : null;
    if (host) this.emit(host, ev, { port: p.srcPort, raw: p.payload });
  }

/** An IPv4 TCP segment: keyed by numbers; address text is made only when a connection is first kept. */
  private tcp4(p: Packet): void {
    this.stats.tcpSegments++;
    // SYN+ACK: the sender listens on that port (a service of that device).
    if ((p.tcpFlags & (TCP_SYN | 0x10)) === (TCP_SYN | 0x10)) this.openPort(p.src4, p.srcPort);
    if (p.payloadLength === 0 && !(p.tcpFlags & (TCP_FIN | TCP_RST))) return;
    const fromA = p.src4 < p.dst4 || (p.src4 === p.dst4 && p.srcPort <= p.dstPort);
    const seg = this.seg;
    seg.key = fromA ? flowKey4(p.src4, p.srcPort, p.dst4, p.dstPort) : flowKey4(p.dst4, p.dstPort, p.src4, p.srcPort);
    this.segSrc = null;
    this.segDst = null;
    this.track(p, fromA);
  }

  private tcpSegment(p: Packet, src: string, dst: string): void {
    this.stats.tcpSegments++;
    if ((p.tcpFlags & (TCP_SYN | 0x10)) === (TCP_SYN | 0x10)) this.openPort(src, p.srcPort);
    if (p.payloadLength === 0 && !(p.tcpFlags & (TCP_FIN | TCP_RST))) return;
    const fromA = src < dst || (src === dst && p.srcPort <= p.dstPort);
    this.seg.key = fromA ? `${src}:${p.srcPort}-${dst}:${p.dstPort}` : `${dst}:${p.dstPort}-${src}:${p.srcPort}`;
    this.segSrc = src;
    this.segDst = dst;
    this.track(p, fromA);
  }

  private track(p: Packet, fromA: boolean): void {
    const seg = this.seg;
    seg.fromA = fromA;
    seg.seq = p.tcpSeq;
    seg.flags = p.tcpFlags;
    seg.payloadLength = p.payloadLength;
    seg.frame = this.frameNo;
    this.tcp.segment(seg);
  }

  private openPort(host: number | string, port: number): void {
    let ports = this.openPorts.get(host);
    if (!ports && this.openPorts.size < BINDINGS_MAX) this.openPorts.set(host, (ports = new Set()));
    if (ports && ports.size < PORTS_PER_HOST_MAX) ports.add(port);
  }

  private onFlow(f: Flow): void {
    this.stats.tcpConnectionsRead++;
    const aBytes = f.a.have ? directionBytes(f.a) : null;
    const bBytes = f.b.have ? directionBytes(f.b) : null;
    const aReq = aBytes ? requestLine(aBytes) : null;
    const bReq = bBytes ? requestLine(bBytes) : null;
    for (const [dir, bytes, request] of [
      [f.a, aBytes, bReq],
      [f.b, bBytes, aReq],
    ] as const) {
      if (!bytes) continue;
      const ev = tcpEvidence(bytes, request, this.names);
      if (ev.length) this.emitAt(dir.host, ev, { port: dir.port, raw: bytes, frame: dir.frame, time: dir.time });
    }
  }

  private emit(host: string, ev: ParsedEvidence[], o: { port?: number; raw?: Buffer } = {}): void {
    this.emitAt(host, ev, { port: o.port, raw: o.raw, frame: this.frameNo, time: this.frameTime() });
  }

  private emitAt(host: string, ev: ParsedEvidence[], o: { port?: number; raw?: Buffer; frame: number; time: string }): void {
    const at = o.time ? `${o.time.slice(0, 23)}Z` : new Date(0).toISOString();
    for (const e of ev) {
      const obs = makeObservation(host, PASSIVE_MODULE, e, { ...(o.port !== undefined ? { port: o.port } : {}), ...(o.raw ? { raw: o.raw } : {}) });
      obs.at = at;
      obs.packet = { file: this.file, frame: o.frame, time: o.time };
      if (this.store.add(obs)) this.stats.observations++;
    }
  }

  /** The MAC a host used, and how it was learnt. */
  private macOf(host: string): { mac: string; source: string } | null {
    const arp = this.arpMac.get(host);
    if (arp !== undefined) return { mac: macText(arp), source: 'pcap-arp' };
    let eth: number | undefined;
    if (host.includes(':')) eth = this.ethMac6.get(host);
    else {
      const n = host.split('.').reduce((a, x) => a * 256 + Number(x), 0);
      eth = this.ethMac4.get(n);
    }
    if (eth === undefined || eth < 0) return null;
    if ((this.macIps.get(eth)?.length ?? 0) > ROUTER_IPS) return null;
    return { mac: macText(eth), source: 'pcap-ethernet' };
  }

  /** The one local address a MAC used (ARP, then its IP packets, then a DHCP lease), or null. */
  private addressOf(mac: string): string | null {
    const ips = new Set<string>();
    for (const [ip, m] of this.arpMac) if (macText(m) === mac) ips.add(ip);
    if (ips.size === 0) {
      const n = Number.parseInt(mac.replace(/:/g, ''), 16);
      const list = this.macIps.get(n) ?? [];
      if (list.length > 0 && list.length <= ROUTER_IPS) for (const ip of list) ips.add(ipv4Text(ip));
    }
    if (ips.size === 0) {
      const leased = this.dhcpIp.get(mac);
      if (leased) ips.add(leased);
    }
    return ips.size === 1 ? [...ips][0]! : null;
  }

  /** Ends the read: open connections are read, layer-2 evidence joins its address, MACs and services are added. */
  finish(): PassiveOutcome {
    this.tcp.flush();
    this.stats.tcpConnectionsEvicted = this.tcp.evicted;
    const byHost = new Map<string, Observation[]>();
    const dropped = new Map<string, number>();
    const at = this.firstMs !== null ? new Date(this.firstMs).toISOString() : new Date(0).toISOString();
    const keep = (host: string): boolean => {
      if (host.startsWith('mac:')) return true;
      if (host.includes(':')) return this.opts.includePublic || this.local6.has(host);
      const n = host.split('.').reduce((a, x) => a * 256 + Number(x), 0);
      return this.opts.includePublic || isLocal4(n);
    };
    /** The MAC of an address learnt only from its layer-2 evidence (a DHCP request, a layer-2 SADP frame). */
    const l2Mac = new Map<string, string>();
    const add = (host: string, list: Observation[]): void => {
      const cur = byHost.get(host);
      if (cur) cur.push(...list);
      else byHost.set(host, [...list]);
    };
    for (const host of this.store.hosts()) {
      const list = this.store.get(host);
      if (!keep(host)) {
        this.stats.publicHostsSkipped++;
        continue;
      }
      if (this.store.droppedFor(host)) dropped.set(host, this.store.droppedFor(host));
      if (host.startsWith('mac:')) {
        const mac = host.slice(4);
        const ip = this.addressOf(mac);
        const target = ip ?? host;
        if (ip && !this.macOf(ip)) l2Mac.set(ip, mac);
        add(target, list.map((o) => ({ ...o, host: target === host ? '' : target })));
        continue;
      }
      add(host, list);
    }
    // Every local host that sent a frame is a device of the site, as every live host is in a scan.
    for (const n of this.local4) if (!byHost.has(ipv4Text(n)) && byHost.size < BINDINGS_MAX) byHost.set(ipv4Text(n), []);
    for (const h of this.local6) if (!byHost.has(h) && byHost.size < BINDINGS_MAX && this.macOf(h)) byHost.set(h, []);
    // An IPv6 address whose MAC an IPv4 device also uses is that device (dual stack): its evidence joins it.
    const v4ByMac = new Map<string, string>();
    for (const host of byHost.keys()) {
      if (host.includes(':')) continue;
      const m = this.macOf(host);
      if (m && !v4ByMac.has(m.mac)) v4ByMac.set(m.mac, host);
    }
    for (const [host, list] of [...byHost]) {
      if (!host.includes(':') || host.startsWith('mac:')) continue;
      const m = this.macOf(host);
      const v4 = m ? v4ByMac.get(m.mac) : undefined;
      if (!v4) continue;
      byHost.get(v4)!.push(...list);
      byHost.delete(host);
    }
    for (const [host, list] of byHost) {
      const learnt = l2Mac.get(host);
      const mac = host.startsWith('mac:') ? { mac: host.slice(4), source: 'pcap-layer2' } : (this.macOf(host) ?? (learnt ? { mac: learnt, source: 'pcap-layer2' } : null));
      if (mac) list.unshift({ host: host.startsWith('mac:') ? '' : host, module: PASSIVE_MODULE, kind: 'neigh', fields: { mac: mac.mac, state: 'seen', source: mac.source }, at });
      const ports = this.openPorts.get(host.includes(':') ? host : host.split('.').reduce((a, x) => a * 256 + Number(x), 0));
      if (ports?.size) list.unshift({ host, module: PASSIVE_MODULE, kind: 'host', fields: { alive: true, openPorts: [...ports].sort((a, b) => a - b), closedPorts: [], reason: 'answered (SYN+ACK seen)' }, at });
    }
    for (const [host, list] of byHost) if (!list.length) byHost.delete(host);
    const notes: string[] = [];
    const s = this.stats;
    s.datagramsReassembled = this.frags.reassembled;
    s.fragmentedDatagramsLost = this.frags.dropped + this.frags.incomplete;
    if (s.fragmentsSkipped) notes.push(`${PASSIVE_MODULE}: ${s.fragmentsSkipped} IP fragment(s) of TCP or other protocols not reassembled (skipped)`);
    if (s.fragmentedDatagramsLost) notes.push(`${PASSIVE_MODULE}: ${s.fragmentedDatagramsLost} fragmented UDP datagram(s) incomplete or over the reassembly bound (skipped)`);
    if (s.truncatedFrames) notes.push(`${PASSIVE_MODULE}: ${s.truncatedFrames} frame(s) shorter than their headers claim (snap length or damage); read as far as they go`);
    for (const [lt, n] of Object.entries(s.unsupportedLinkTypes)) notes.push(`${PASSIVE_MODULE}: ${n} frame(s) of link type ${lt} not read (supported: Ethernet, Linux cooked SLL/SLL2, raw IPv4/IPv6, BSD loopback)`);
    if (s.tcpConnectionsEvicted) notes.push(`${PASSIVE_MODULE}: ${s.tcpConnectionsEvicted} TCP connection(s) read before they closed (memory bound)`);
    if (s.publicHostsSkipped) notes.push(`${PASSIVE_MODULE}: evidence from ${s.publicHostsSkipped} public address(es) not kept as devices (--include-public keeps them)`);
    const hostsSeen = this.local4.size + this.local6.size;
    return { byHost, dropped, stats: { ...s }, notes, firstMs: this.firstMs, lastMs: this.lastMs, hostsSeen };
  }
}
