// Interface selection (from injected os.networkInterfaces() data), terminal capability rules, and the
// multicast check (which binds a socket but never sends).
import { describe, it, expect } from 'vitest';
import type os from 'node:os';
import { listInterfaces, selectInterfaces, networkCidr, maskToPrefix, canMulticast, supportsColor, supportsProgressLine } from '../../src/platform/index.js';
import { UsageError } from '../../src/core/errors.js';

type Info = os.NetworkInterfaceInfo;
const v4 = (address: string, netmask: string, internal = false, mac = '02:00:00:00:00:01'): Info =>
  ({ address, netmask, family: 'IPv4', internal, mac, cidr: null }) as unknown as Info;
const v6 = (address: string): Info => ({ address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', internal: false, mac: '02:00:00:00:00:01', scopeid: 0, cidr: null }) as Info;

// Shapes as Node reports them on a Windows laptop with Wi-Fi, a VPN and an unconfigured adapter.
const RAW = {
  'Loopback Pseudo-Interface 1': [v4('127.0.0.1', '255.0.0.0', true, '00:00:00:00:00:00')],
  'Wi-Fi': [v6('fe80::1c2d:3e4f:5a6b:7c8d'), v4('198.18.4.23', '255.255.252.0', false, 'AC-22-05-AB-CD-EF')],
  'Ethernet 2': [v4('169.254.28.101', '255.255.0.0')],
  vpn0: [v4('198.19.0.7', '255.255.255.255')],
};

describe('network CIDR from netmask', () => {
  it.each([
    ['198.18.4.23', '255.255.252.0', '198.18.4.0/22'],
    ['198.19.0.7', '255.255.255.255', '198.19.0.7/32'],
    ['10.1.2.3', '0.0.0.0', '0.0.0.0/0'],
  ])('%s %s → %s', (a, m, want) => expect(networkCidr(a, m)).toBe(want));
  it('rejects a non-contiguous mask', () => {
    expect(maskToPrefix('255.0.255.0')).toBeNull();
    expect(networkCidr('10.0.0.1', '255.0.255.0')).toBeNull();
  });
});

describe('listInterfaces / selectInterfaces', () => {
  it('lists IPv4, non-internal interfaces with their network CIDR and normalised MAC', () => {
    expect(listInterfaces(RAW)).toEqual([
      { name: 'Wi-Fi', address: '198.18.4.23', netmask: '255.255.252.0', cidr: '198.18.4.0/22', mac: 'ac:22:05:ab:cd:ef' },
      { name: 'Ethernet 2', address: '169.254.28.101', netmask: '255.255.0.0', cidr: '169.254.0.0/16', mac: '02:00:00:00:00:01' },
      { name: 'vpn0', address: '198.19.0.7', netmask: '255.255.255.255', cidr: '198.19.0.7/32', mac: '02:00:00:00:00:01' },
    ]);
  });
  it('default selection skips link-local 169.254/16', () => {
    expect(selectInterfaces(undefined, undefined, RAW).map((i) => i.name)).toEqual(['Wi-Fi', 'vpn0']);
  });
  it('with a scope test, keeps only interfaces whose subnet meets the scope (a scope test that throws is a bug, not hidden as "no")', () => {
    expect(selectInterfaces(undefined, (cidr) => cidr.startsWith('198.18.'), RAW).map((i) => i.name)).toEqual(['Wi-Fi']);
    expect(() =>
      selectInterfaces(undefined, () => {
        throw new Error('boom');
      }, RAW),
    ).toThrow('boom');
  });
  it('picks by name or by address, loopback included when named', () => {
    expect(selectInterfaces('Wi-Fi', undefined, RAW)[0].address).toBe('198.18.4.23');
    expect(selectInterfaces('198.19.0.7', undefined, RAW)[0].name).toBe('vpn0');
    expect(selectInterfaces('Loopback Pseudo-Interface 1', undefined, RAW)[0].cidr).toBe('127.0.0.0/8');
  });
  it('an unknown name is a one-line usage error naming what exists', () => {
    let err: unknown;
    try {
      selectInterfaces('eth9', undefined, RAW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(
      'unknown interface "eth9": IPv4 interfaces here are Loopback Pseudo-Interface 1 (127.0.0.1), Wi-Fi (198.18.4.23), Ethernet 2 (169.254.28.101), vpn0 (198.19.0.7)',
    );
  });
  it('reads the real machine without throwing', () => {
    for (const i of listInterfaces()) expect(i.cidr).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  });
});

describe('supportsColor / supportsProgressLine', () => {
  const tty = { isTTY: true };
  const linux = { platform: 'linux' as const, env: { TERM: 'xterm-256color' } };
  it('TTY on Linux: yes; not a TTY: no', () => {
    expect(supportsColor(tty, linux)).toBe(true);
    expect(supportsColor({ isTTY: false }, linux)).toBe(false);
    expect(supportsColor({}, linux)).toBe(false);
  });
  it('NO_COLOR (non-empty) and TERM=dumb turn colour off; empty NO_COLOR does not', () => {
    expect(supportsColor(tty, { platform: 'linux', env: { NO_COLOR: '1' } })).toBe(false);
    expect(supportsColor(tty, { platform: 'linux', env: { NO_COLOR: '' } })).toBe(true);
    expect(supportsColor(tty, { platform: 'linux', env: { TERM: 'dumb' } })).toBe(false);
  });
  it('Windows: colour only from build 10586, or in Windows Terminal / a known terminal program', () => {
    expect(supportsColor(tty, { platform: 'win32', env: {}, release: '6.1.7601' })).toBe(false); // Windows 7
    expect(supportsColor(tty, { platform: 'win32', env: {}, release: '10.0.10240' })).toBe(false); // Windows 10 1507
    expect(supportsColor(tty, { platform: 'win32', env: {}, release: '10.0.10586' })).toBe(true);
    expect(supportsColor(tty, { platform: 'win32', env: {}, release: '10.0.19045' })).toBe(true);
    expect(supportsColor(tty, { platform: 'win32', env: { WT_SESSION: 'abc' }, release: '6.3.9600' })).toBe(true);
    expect(supportsColor(tty, { platform: 'win32', env: { TERM_PROGRAM: 'vscode' }, release: '6.3.9600' })).toBe(true);
  });
  it('progress line: TTY, not dumb, not CI; works on old Windows (carriage return only)', () => {
    expect(supportsProgressLine(tty, { platform: 'win32', env: {}, release: '6.1.7601' })).toBe(true);
    expect(supportsProgressLine(tty, { platform: 'linux', env: { CI: 'true' } })).toBe(false);
    expect(supportsProgressLine(tty, { platform: 'linux', env: { TERM: 'dumb' } })).toBe(false);
    expect(supportsProgressLine({ isTTY: false }, { platform: 'linux', env: {} })).toBe(false);
  });
});

describe('canMulticast (binds, never sends)', () => {
  it('an address this machine does not hold: no, with the socket error', async () => {
    const r = await canMulticast({ name: 'ghost0', address: '198.18.250.250' });
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/EADDRNOTAVAIL|address not available/i);
  });
  it.runIf(process.platform === 'linux')('loopback has the MULTICAST flag off on Linux: no, with the fix', async () => {
    const r = await canMulticast({ name: 'lo', address: '127.0.0.1' });
    expect(r).toEqual({ iface: 'lo', address: '127.0.0.1', ok: false, reason: 'interface lo has multicast switched off (fix: ip link set lo multicast on)' });
  });
});
