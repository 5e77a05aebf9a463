// UDP discovery side: per device one socket bound to <ip>:<port> per protocol it speaks (unicast probes in,
// every reply out, so replies come from the device's own address), and per protocol one shared receiver for
// its multicast group / broadcast that hands each probe to every device speaking that protocol.
import { createHash } from 'node:crypto';
import dgram from 'node:dgram';
import { rethrowUnless } from '../../core/failure.js';
import type { Profile } from '../profile.js';
import { getBehaviour, runBehaviour } from './behaviours.js';
import { deviceVars, type DeviceRuntime, type ServerDeps } from './device.js';
import { dhipReply, dvripReply, sadpReply, SSDP_GROUP, ssdpNotifies, ssdpReplies, wsdReply, xiongmaiReply } from './discovery-replies.js';
import { mdnsAnswer, readQuestions } from './mdns.js';
import { neverSendReason } from './never-send-watch.js';

export type UdpProtocol = 'wsd' | 'ssdp' | 'mdns' | 'sadp' | 'dhip' | 'dvrip' | 'xiongmai';

export interface UdpProtocolInfo {
  port: number;
  /** Multicast group the shared receiver joins (none = broadcast only). */
  group?: string;
  /** Profile key holding the protocol's spec. */
  key: keyof Pick<Profile, 'wsDiscovery' | 'ssdp' | 'mdns' | 'sadp' | 'dhip' | 'dvrip' | 'xiongmai'>;
}

export const UDP_PROTOCOLS: Record<UdpProtocol, UdpProtocolInfo> = {
  wsd: { port: 3702, group: '239.255.255.250', key: 'wsDiscovery' },
  ssdp: { port: 1900, group: '239.255.255.250', key: 'ssdp' },
  mdns: { port: 5353, group: '224.0.0.251', key: 'mdns' },
  sadp: { port: 37020, group: '239.255.255.250', key: 'sadp' },
  dhip: { port: 37810, group: '239.255.255.251', key: 'dhip' },
  dvrip: { port: 5050, key: 'dvrip' },
  xiongmai: { port: 34569, key: 'xiongmai' },
};

export const MDNS_GROUP = '224.0.0.251';
const DATAGRAM_MAX = 9000;
const COPY_WINDOW_MS = 50;

export interface UdpOptions {
  wsdMaxDelayMs: number;
  /** Group joins per shared receiver (default 20, the Linux default igmp_max_memberships). */
  membershipsPerSocket?: number;
  /** SSDP ssdp:alive announcement interval, ms; 0 = none (loopback tests, no multicast). */
  ssdpNotifyIntervalMs?: number;
}

/** Probe → replies for one device, without behaviours. */
export function normalReplies(proto: UdpProtocol, device: DeviceRuntime, msg: Buffer): Buffer[] {
  const p = device.profile;
  const vars = deviceVars(device);
  switch (proto) {
    case 'wsd':
      return p.wsDiscovery ? wsdReply(p.wsDiscovery, msg, vars) : [];
    case 'ssdp':
      return p.ssdp ? ssdpReplies(p.ssdp, msg, vars) : [];
    case 'sadp':
      return p.sadp ? sadpReply(p.sadp, msg, vars) : [];
    case 'dhip':
      return p.dhip ? dhipReply(p.dhip, msg, vars) : [];
    case 'dvrip':
      return p.dvrip ? dvripReply(p.dvrip, msg) : [];
    case 'xiongmai':
      return p.xiongmai ? xiongmaiReply(p.xiongmai, msg, vars) : [];
    case 'mdns':
      return [];
  }
}

function queryText(proto: UdpProtocol, msg: Buffer): string | undefined {
  if (proto === 'ssdp') return /^ST:[ \t]*(.*?)[ \t]*\r?$/im.exec(msg.subarray(0, 4096).toString('latin1'))?.[1];
  if (proto === 'mdns') return readQuestions(msg).map((q) => `${q.name}/${q.type}`).join(' ') || undefined;
  return undefined;
}

export class UdpSide {
  private readonly sockets = new Map<string, dgram.Socket>(); // `${deviceId}|${proto}` → bound socket
  private readonly shared: dgram.Socket[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();
  private readonly recent = new Map<string, number>();
  private readonly ownAddresses: Set<string>;

  constructor(
    private readonly devices: DeviceRuntime[],
    private readonly deps: ServerDeps,
    private readonly opts: UdpOptions,
  ) {
    this.ownAddresses = new Set(devices.map((d) => d.ip));
  }

  private speakers(proto: UdpProtocol): DeviceRuntime[] {
    return this.devices.filter((d) => d.profile[UDP_PROTOCOLS[proto].key] !== undefined);
  }

  /** Bind every device's unicast sockets. */
  async bindUnicast(): Promise<void> {
    const jobs: Array<Promise<void>> = [];
    for (const proto of Object.keys(UDP_PROTOCOLS) as UdpProtocol[]) {
      for (const d of this.speakers(proto)) {
        const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
        this.sockets.set(`${d.id}|${proto}`, s);
        s.on('message', (m, r) => this.onProbe(proto, [d], m, r, false));
        s.on('error', (e) => this.deps.onError(`${d.id} udp ${proto}`, e));
        jobs.push(bindSocket(s, UDP_PROTOCOLS[proto].port, d.ip, `${d.id} ${proto} udp ${d.ip}:${UDP_PROTOCOLS[proto].port}`));
      }
    }
    await Promise.all(jobs);
    for (const [key, s] of this.sockets) {
      if (key.endsWith('|mdns')) {
        const d = this.devices.find((x) => `${x.id}|mdns` === key)!;
        try {
          s.setMulticastInterface(d.ip);
          s.setMulticastTTL(255);
        } catch (err) {
          rethrowUnless(err, 'EADDRNOTAVAIL'); // an address on no multicast interface (loopback-only test): unicast only
        }
      }
    }
  }

  /**
   * Shared receivers for multicast and broadcast probes, one per protocol port, joined on each interface
   * (named by one device address on it).
   */
  async bindShared(interfaceAddrs: string[]): Promise<void> {
    const jobs: Array<Promise<void>> = [];
    // Linux caps group joins per socket (net.ipv4.igmp_max_memberships, default 20): one more receiver per
    // that many interfaces. Every receiver on the port sees every copy; firstSighting() keeps one.
    const per = Math.max(1, this.opts.membershipsPerSocket ?? 20);
    for (const proto of Object.keys(UDP_PROTOCOLS) as UdpProtocol[]) {
      const devs = this.speakers(proto);
      if (!devs.length) continue;
      const info = UDP_PROTOCOLS[proto];
      const chunks: string[][] = [];
      if (info.group) for (let i = 0; i < interfaceAddrs.length; i += per) chunks.push(interfaceAddrs.slice(i, i + per));
      if (!chunks.length) chunks.push([]);
      for (const chunk of chunks) {
        const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
        this.shared.push(s);
        s.on('message', (m, r) => this.onProbe(proto, devs, m, r, true));
        s.on('error', (e) => this.deps.onError(`shared udp ${proto}`, e));
        jobs.push(
          bindSocket(s, info.port, '0.0.0.0', `shared ${proto} udp 0.0.0.0:${info.port}`).then(() => {
            for (const a of chunk) {
              try {
                s.addMembership(info.group!, a);
              } catch (e) {
                throw new Error(`join ${info.group} on ${a} for ${proto}: ${(e as Error).message}`);
              }
            }
          }),
        );
      }
    }
    await Promise.all(jobs);
  }

  /**
   * A multicast/broadcast probe arrives once per interface it reached (all within a millisecond or so): hand it
   * to the devices once. A scanner repeating the same probe (protocols.md §9 suggests 2–3 sends) is answered
   * again as long as its repeats are more than COPY_WINDOW_MS apart.
   */
  private firstSighting(proto: string, msg: Buffer, r: dgram.RemoteInfo): boolean {
    const now = Date.now();
    if (this.recent.size > 5000) for (const [k, t] of this.recent) if (now - t > COPY_WINDOW_MS) this.recent.delete(k);
    const key = `${proto}|${r.address}:${r.port}|${createHash('sha1').update(msg).digest('hex')}`;
    const seen = this.recent.get(key);
    this.recent.set(key, now);
    return seen === undefined || now - seen > COPY_WINDOW_MS;
  }

  private onProbe(proto: UdpProtocol, devices: DeviceRuntime[], msg: Buffer, r: dgram.RemoteInfo, shared: boolean): void {
    if (this.deps.signal.aborted || msg.length > DATAGRAM_MAX || !this.deps.sourceAllowed(r.address)) return;
    // Our own devices' announcements (SSDP NOTIFY, mDNS answers) loop back to the shared receivers: not probes.
    if (shared && this.ownAddresses.has(r.address)) return;
    if (shared && !this.firstSighting(proto, msg, r)) return;
    if (proto === 'mdns' && msg.length >= 12 && msg[2] & 0x80) return; // responses (incl. our own) are not probes
    const query = queryText(proto, msg);
    const neverSend = neverSendReason(msg);
    for (const d of devices) {
      this.deps.log.write({ device: d.id, protocol: proto, src: `${r.address}:${r.port}`, bytes: msg.length, query, neverSend });
      try {
        this.answer(proto, d, msg, r);
      } catch (e) {
        this.deps.onError(`${d.id} udp ${proto}`, e);
      }
    }
  }

  private answer(proto: UdpProtocol, d: DeviceRuntime, msg: Buffer, r: dgram.RemoteInfo): void {
    const sock = this.sockets.get(`${d.id}|${proto}`);
    if (!sock) return;
    const sendTo = (buf: Buffer, port = r.port, address = r.address): void => {
      if (this.deps.signal.aborted) return;
      sock.send(buf, port, address, (e) => {
        if (e) this.deps.onError(`${d.id} udp ${proto} send`, e);
      });
    };
    const serveDefault = (): void => {
      if (proto === 'mdns') {
        const spec = d.profile.mdns!;
        // RFC 6762: a query from port 5353 without the QU bit is answered on the group; others unicast.
        const legacy = r.port !== 5353;
        const qu = readQuestions(msg).some((q) => q.unicast);
        const out = mdnsAnswer(spec, d.ip, msg, legacy);
        if (!out) return;
        if (legacy || qu) sendTo(out);
        else sendTo(out, 5353, MDNS_GROUP);
        return;
      }
      const replies = normalReplies(proto, d, msg);
      if (!replies.length) return;
      if (proto === 'wsd') {
        // WS-Discovery asks responders to wait a random time before answering a multicast Probe.
        const t = setTimeout(() => {
          this.timers.delete(t);
          for (const b of replies) sendTo(b);
        }, Math.floor(Math.random() * (this.opts.wsdMaxDelayMs + 1)));
        this.timers.add(t);
        return;
      }
      for (const b of replies) sendTo(b);
    };
    const spec = d.profile[UDP_PROTOCOLS[proto].key] as { behaviour?: { kind: string } } | undefined;
    const behaviour = spec?.behaviour;
    if (!behaviour) return serveDefault();
    runBehaviour(
      getBehaviour(behaviour.kind)!,
      {
        phase: 'datagram',
        behaviour: behaviour as never,
        device: { id: d.id, ip: d.ip, mac: d.mac, profile: d.profile },
        protocol: proto,
        port: UDP_PROTOCOLS[proto].port,
        remote: { address: r.address, port: r.port },
        request: msg,
        send: (data) => sendTo(Buffer.isBuffer(data) ? data : Buffer.from(data)),
        serveDefault,
        signal: this.deps.signal,
        note: (text) => this.deps.log.write({ device: d.id, protocol: proto, note: text, src: `${r.address}:${r.port}` }),
      },
      (e) => this.deps.onError(`${d.id} udp ${proto} behaviour ${behaviour.kind}`, e),
    );
  }

  /**
   * SSDP devices announce themselves: ssdp:alive NOTIFY to 239.255.255.250:1900 once at start (staggered over the
   * first second, as devices booting at different times would) and then every `ssdpNotifyIntervalMs`.
   */
  startAnnouncements(): void {
    const every = this.opts.ssdpNotifyIntervalMs ?? 0;
    if (every <= 0) return;
    for (const d of this.speakers('ssdp')) {
      const sock = this.sockets.get(`${d.id}|ssdp`);
      if (!sock) continue;
      try {
        sock.setMulticastInterface(d.ip);
        sock.setMulticastTTL(4);
      } catch (e) {
        this.deps.onError(`${d.id} udp ssdp multicast interface`, e);
        continue;
      }
      const announce = (): void => {
        if (this.deps.signal.aborted) return;
        for (const b of ssdpNotifies(d.profile.ssdp!, deviceVars(d))) {
          sock.send(b, 1900, SSDP_GROUP, (e) => {
            if (e && !this.deps.signal.aborted) this.deps.onError(`${d.id} udp ssdp notify`, e);
          });
        }
      };
      const first = setTimeout(() => {
        this.timers.delete(first);
        announce();
        const t = setInterval(announce, every);
        this.intervals.add(t);
      }, Math.floor(Math.random() * 1000));
      this.timers.add(first);
    }
  }

  async close(): Promise<void> {
    for (const t of this.intervals) clearInterval(t);
    this.intervals.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all(
      [...this.sockets.values(), ...this.shared].map(
        (s) =>
          new Promise<void>((res) => {
            try {
              s.close(() => res());
            } catch (err) {
              rethrowUnless(err, 'ERR_SOCKET_DGRAM_NOT_RUNNING'); // never bound, or closed already
              res();
            }
          }),
      ),
    );
  }
}

function bindSocket(s: dgram.Socket, port: number, address: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onErr = (e: Error): void => reject(new Error(`cannot bind ${what}: ${e.message}`));
    s.once('error', onErr);
    s.bind({ port, address, exclusive: false }, () => {
      s.removeListener('error', onErr);
      resolve();
    });
  });
}
