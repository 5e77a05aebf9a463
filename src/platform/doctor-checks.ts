// What a scan can do on this machine, as data: `camaudit doctor` prints it, `--json` emits it.
// Every check reads local state only; nothing is sent on any network (multicast is checked by
// binding a socket, not by sending).
import os from 'node:os';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { listInterfaces } from './interfaces.js';
import { canMulticast } from './multicast.js';
import { readNeighbourTable } from './neighbours.js';
import { failureNote, rethrowUnless } from '../core/failure.js';
import { runCommand } from './run-command.js';
import { supportsColor, supportsProgressLine } from './terminal.js';

export type CheckStatus = 'ok' | 'limited' | 'missing' | 'info';

export interface DoctorCheck {
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found, one line. */
  detail: string;
  /** What the limitation means for a scan, when status is not ok. */
  impact?: string;
  /** How to fix it, one line, when status is limited or missing. */
  fix?: string;
}

export interface DoctorReport {
  tool: { version: string; fingerprints: string };
  system: { platform: NodeJS.Platform; release: string; arch: string; node: string; singleExecutable: boolean };
  interfaces: Array<{ name: string; address: string; cidr: string; mac?: string; multicast: boolean; multicastReason?: string }>;
  checks: DoctorCheck[];
  /** Number of checks that are limited or missing. */
  limitations: number;
}

export interface DoctorOptions {
  toolVersion: string;
  fingerprintVersion: string;
  fingerprintsDir: string;
  /** Why the fingerprint data did not load (the caller loads it), or undefined when it loaded. */
  fingerprintsError?: string;
  /** Minimum Node version from package.json engines (e.g. "20.19.0"). */
  nodeMin?: string;
  env?: NodeJS.ProcessEnv;
}

function versionAtLeast(have: string, want: string): boolean {
  const a = have.replace(/^v/, '').split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

function isSingleExecutable(): boolean {
  // node:sea exists from Node 20.12 (engines: >= 20.19); require is absent in ESM, so probe through process.
  const sea = (process as unknown as { getBuiltinModule?: (id: string) => { isSea?: () => boolean } }).getBuiltinModule?.('node:sea');
  return Boolean(sea?.isSea?.()) || Boolean(process.env.CAMAUDIT_SEA);
}

/** Linux: effective capabilities from /proc/self/status (CAP_NET_RAW is bit 13, CAP_NET_ADMIN 12). */
function linuxCaps(): { netRaw: boolean; netAdmin: boolean } | null {
  let status: string;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch (err) {
    rethrowUnless(err, 'ENOENT'); // no /proc: not known
    return null;
  }
  const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(status);
  if (!m) return null;
  const caps = BigInt('0x' + m[1]);
  return { netRaw: (caps & (1n << 13n)) !== 0n, netAdmin: (caps & (1n << 12n)) !== 0n };
}

async function windowsIsAdmin(): Promise<boolean | null> {
  // `net session` succeeds only in an elevated shell; it reads local state, sends nothing.
  const r = await runCommand('net', ['session'], 3000);
  return r.ok;
}

/** Browsers camaudit can drive for PDF when pointed at them with CAMAUDIT_CHROMIUM. */
function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const pf = env['ProgramFiles'] ?? 'C:\\Program Files';
    const pf86 = env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)';
    return [`${pf86}\\Microsoft\\Edge\\Application\\msedge.exe`, `${pf}\\Microsoft\\Edge\\Application\\msedge.exe`, `${pf}\\Google\\Chrome\\Application\\chrome.exe`];
  }
  if (platform === 'darwin') return ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', '/Applications/Chromium.app/Contents/MacOS/Chromium'];
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];
}

function setEnvHint(platform: NodeJS.Platform, value: string): string {
  return platform === 'win32' ? `setx CAMAUDIT_CHROMIUM "${value}"` : `export CAMAUDIT_CHROMIUM='${value}'`;
}

export async function collectDoctorReport(o: DoctorOptions): Promise<DoctorReport> {
  const env = o.env ?? process.env;
  const platform = process.platform;
  const checks: DoctorCheck[] = [];
  const add = (c: DoctorCheck) => checks.push(c);

  // Node.js
  const node = process.versions.node;
  const nodeMin = o.nodeMin ?? '20.19.0';
  add(
    versionAtLeast(node, nodeMin)
      ? { id: 'node', title: 'Node.js', status: 'ok', detail: `${node} (needs ${nodeMin} or later)` }
      : { id: 'node', title: 'Node.js', status: 'missing', detail: `${node} is older than ${nodeMin}`, impact: 'camaudit may fail to start or parse replies', fix: `install Node.js ${nodeMin} or later, or use the single executable (no Node needed)` },
  );

  // Fingerprint data
  add(
    !existsSync(o.fingerprintsDir)
      ? { id: 'fingerprints', title: 'Fingerprint data', status: 'missing', detail: `not found at ${o.fingerprintsDir}`, impact: 'devices cannot be attributed to a maker', fix: 'reinstall camaudit, or set CAMAUDIT_ROOT to the folder holding fingerprints/' }
      : o.fingerprintsError
        ? { id: 'fingerprints', title: 'Fingerprint data', status: 'missing', detail: o.fingerprintsError, impact: 'scan, pcap, identify, merge and demo refuse to run (every camera would read "unknown")', fix: 'restore the file named (git checkout fingerprints/, or reinstall camaudit)' }
        : { id: 'fingerprints', title: 'Fingerprint data', status: 'ok', detail: `version ${o.fingerprintVersion} at ${o.fingerprintsDir}` },
  );

  // Interfaces and multicast
  const ifs = listInterfaces();
  const mc = await Promise.all(ifs.map((i) => canMulticast(i)));
  const interfaces = ifs.map((i, n) => ({ name: i.name, address: i.address, cidr: i.cidr, ...(i.mac ? { mac: i.mac } : {}), multicast: mc[n].ok, ...(mc[n].reason ? { multicastReason: mc[n].reason } : {}) }));
  if (!ifs.length) {
    add({ id: 'interfaces', title: 'Network interfaces', status: 'missing', detail: 'no non-loopback IPv4 interface is up', impact: '--local has nothing to scan and multicast discovery cannot run', fix: 'connect to the network to audit (cable, Wi-Fi or VPN), then run camaudit doctor again' });
  } else {
    add({ id: 'interfaces', title: 'Network interfaces', status: 'ok', detail: ifs.map((i) => `${i.name} ${i.address} (${i.cidr})`).join(', ') });
  }
  for (const r of mc) {
    add(
      r.ok
        ? { id: `multicast:${r.iface}`, title: `Multicast on ${r.iface}`, status: 'ok', detail: `can send WS-Discovery/SSDP/mDNS/SADP probes from ${r.address}` }
        : {
            id: `multicast:${r.iface}`,
            title: `Multicast on ${r.iface}`,
            status: 'limited',
            detail: r.reason ?? 'not possible',
            impact: 'multicast discovery (WS-Discovery, SSDP, mDNS, SADP, DHIP) skips this interface; TCP probes still work',
            fix: r.reason?.includes('fix:') ? r.reason.slice(r.reason.indexOf('fix:') + 4).replace(/\)$/, '').trim() : platform === 'win32' ? 'allow node.exe (or camaudit.exe) through Windows Defender Firewall for this network profile' : 'check that the interface is up and holds this address',
          },
    );
  }

  // Neighbour table
  const neigh = await readNeighbourTable();
  const okSources = neigh.attempts.filter((a) => a.ok);
  if (okSources.length) {
    add({ id: 'neighbours', title: 'Neighbour (ARP) table', status: 'ok', detail: `readable via ${okSources.map((a) => `${a.source} (${a.entries} entries)`).join(', ')}` });
  } else {
    const fix =
      platform === 'win32'
        ? 'make sure Get-NetNeighbor (PowerShell) or arp.exe can run: PowerShell may be blocked by policy on this laptop'
        : platform === 'linux'
          ? 'install iproute2 (apt-get install iproute2) or allow reading /proc/net/arp'
          : 'make sure /usr/sbin/arp is present and executable';
    add({ id: 'neighbours', title: 'Neighbour (ARP) table', status: 'limited', detail: neigh.attempts.map((a) => a.reason ?? a.source).join('; '), impact: 'MAC addresses (and their OUI makers) are missing from the report', fix });
  }
  if (platform === 'linux') {
    const ipCmd = await runCommand('ip', ['-V'], 2000);
    add(
      ipCmd.ok
        ? { id: 'ip', title: 'ip command (iproute2)', status: 'ok', detail: ipCmd.stdout.trim().split('\n')[0].slice(0, 80) }
        : { id: 'ip', title: 'ip command (iproute2)', status: 'limited', detail: ipCmd.reason, impact: 'neighbour states come from /proc/net/arp only; `camaudit lab` and `demo` cannot build namespaces', fix: 'apt-get install iproute2 (or dnf install iproute)' },
    );
  }

  // Privileges
  if (platform === 'win32') {
    const admin = await windowsIsAdmin();
    add({ id: 'privileges', title: 'Privileges', status: 'info', detail: admin ? 'elevated (Administrator)' : 'standard user: enough for scanning (camaudit uses ordinary TCP/UDP sockets, no raw packets)' });
  } else {
    const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
    const caps = platform === 'linux' ? linuxCaps() : null;
    const capText = caps ? `; CAP_NET_RAW ${caps.netRaw ? 'yes' : 'no'}, CAP_NET_ADMIN ${caps.netAdmin ? 'yes' : 'no'}` : '';
    if (uid === 0 || caps?.netAdmin) {
      add({ id: 'privileges', title: 'Privileges', status: 'ok', detail: `${uid === 0 ? 'root' : `uid ${uid}`}${capText}: scanning, and \`camaudit lab\`/\`demo\` (network namespaces)` });
    } else {
      add({ id: 'privileges', title: 'Privileges', status: 'limited', detail: `uid ${uid}${capText}: enough for scanning (ordinary TCP/UDP sockets, no raw packets)`, impact: '`camaudit lab` and `camaudit demo` need root to create network namespaces', fix: 'run lab/demo with sudo; scans need no extra privilege' });
    }
  }

  // Chromium for PDF (the same path src/report/pdf.ts uses)
  const chromium = env.CAMAUDIT_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(chromium)) {
    add({ id: 'chromium', title: 'Chromium for PDF reports', status: 'ok', detail: `${chromium}${env.CAMAUDIT_CHROMIUM ? ' (CAMAUDIT_CHROMIUM)' : ''}` });
  } else {
    const found = browserCandidates(platform, env).find((p) => p !== chromium && existsSync(p));
    add({
      id: 'chromium',
      title: 'Chromium for PDF reports',
      status: 'limited',
      detail: `no browser at ${chromium}${env.CAMAUDIT_CHROMIUM ? ' (CAMAUDIT_CHROMIUM)' : ''}`,
      impact: 'PDF reports cannot be written; HTML, CSV, JSON and CycloneDX still work (print the HTML report to PDF from any browser)',
      fix: found ? `a browser is installed at ${found}: ${setEnvHint(platform, found)}` : platform === 'linux' ? 'apt-get install -y chromium, or set CAMAUDIT_CHROMIUM to a Chromium/Chrome/Edge executable' : `set CAMAUDIT_CHROMIUM to a Chrome or Edge executable (${setEnvHint(platform, '<path>')})`,
    });
  }

  // nmap (only the benchmark uses it)
  const nmap = await runCommand('nmap', ['--version'], 3000);
  add(
    nmap.ok
      ? { id: 'nmap', title: 'nmap (benchmark only)', status: 'ok', detail: nmap.stdout.trim().split('\n')[0].slice(0, 80) }
      : { id: 'nmap', title: 'nmap (benchmark only)', status: 'info', detail: 'not installed: only `npm run bench` compares against it; scans never need it' },
  );

  // Where reports go
  try {
    accessSync(process.cwd(), constants.W_OK);
    add({ id: 'output', title: 'Report folder', status: 'ok', detail: `current folder is writable (${process.cwd()})` });
  } catch (err) {
    add({ id: 'output', title: 'Report folder', status: 'limited', detail: failureNote(`current folder is not writable (${process.cwd()})`, err), impact: 'reports written without --out fail', fix: 'cd to a writable folder, or give --out <folder>' });
  }

  // Terminal
  const colour = supportsColor(process.stdout);
  const progress = supportsProgressLine(process.stderr);
  add({ id: 'terminal', title: 'Terminal', status: 'info', detail: `colour ${colour ? 'on' : 'off'}, progress line ${progress ? 'on' : 'off'}${platform === 'win32' && !colour && process.stdout.isTTY ? ' (this console predates Windows 10 VT support: plain text is used)' : ''}` });

  return {
    tool: { version: o.toolVersion, fingerprints: o.fingerprintVersion },
    system: { platform, release: os.release(), arch: os.arch(), node, singleExecutable: isSingleExecutable() },
    interfaces,
    checks,
    limitations: checks.filter((c) => c.status === 'limited' || c.status === 'missing').length,
  };
}
