// Can this machine send multicast on an interface? Checked without sending anything: bind a UDP
// socket to the interface address and ask the kernel to use it as the multicast interface.
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import type { NetInterface } from '../core/module.js';
import { describeFailure, rethrowUnless } from '../core/failure.js';

export interface MulticastCheck {
  iface: string;
  address: string;
  ok: boolean;
  /** Why not, in one line, when ok is false. */
  reason?: string;
}

const IFF_MULTICAST = 0x1000;

/**
 * Linux only: the interface's MULTICAST flag from /sys/class/net/<name>/flags (loopback has it off by
 * default; `ip link set <name> multicast off` clears it). null when unknown (other systems, no sysfs).
 */
export function multicastFlag(name: string, platform: NodeJS.Platform = process.platform): boolean | null {
  if (platform !== 'linux' || !/^[\w.:@-]{1,32}$/.test(name)) return null;
  let text: string;
  try {
    text = readFileSync(`/sys/class/net/${name}/flags`, 'utf8');
  } catch (err) {
    rethrowUnless(err, 'ENOENT'); // no sysfs entry for it: unknown
    return null;
  }
  const flags = Number.parseInt(text.trim(), 16);
  return Number.isFinite(flags) ? (flags & IFF_MULTICAST) !== 0 : null;
}

/** Resolves within `timeoutMs`; never throws and never sends a packet. */
export function canMulticast(iface: Pick<NetInterface, 'name' | 'address'>, timeoutMs = 1000): Promise<MulticastCheck> {
  if (multicastFlag(iface.name) === false) {
    return Promise.resolve({
      iface: iface.name,
      address: iface.address,
      ok: false,
      reason: `interface ${iface.name} has multicast switched off (fix: ip link set ${iface.name} multicast on)`,
    });
  }
  return new Promise((resolve) => {
    let done = false;
    let sock: dgram.Socket | undefined;
    const finish = (ok: boolean, reason?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        sock?.close();
      } catch (err) {
        rethrowUnless(err, 'ERR_SOCKET_DGRAM_NOT_RUNNING'); // already closed
      }
      resolve({ iface: iface.name, address: iface.address, ok, ...(reason ? { reason } : {}) });
    };
    const timer = setTimeout(() => finish(false, `no answer from the socket layer within ${timeoutMs} ms`), timeoutMs);
    try {
      sock = dgram.createSocket({ type: 'udp4', reuseAddr: true });
      sock.on('error', (err) => finish(false, describeFailure(err)));
      // Port 0: an ephemeral port, so nothing else on the machine is disturbed.
      sock.bind({ address: iface.address, port: 0, exclusive: true }, () => {
        try {
          sock!.setMulticastInterface(iface.address);
          sock!.setMulticastTTL(1);
          finish(true);
        } catch (err) {
          finish(false, describeFailure(err));
        }
      });
    } catch (err) {
      finish(false, describeFailure(err));
    }
  });
}

