// The command table: names and one-line descriptions are static so `camaudit --help` loads nothing else.
// Each command's module (src/cli/commands/<file>.ts) is imported only when that command runs.
export interface CommandEntry {
  name: string;
  usage: string;
  describe: string;
  load: () => Promise<{ default: CommandSpec }>;
  /** The command attributes devices: the fingerprint database is loaded (and a broken one refused) before it runs.
   * scan loads it itself, after its targets and flags are checked and before anything is sent (cli/scan-run.ts). */
  attributes?: true;
}

import type { Argv, ArgumentsCamelCase } from 'yargs';

export interface CommandSpec {
  builder: (y: Argv) => Argv;
  handler: (argv: ArgumentsCamelCase<Record<string, unknown>>) => Promise<number | void>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'scan', usage: 'scan [targets..]', describe: 'Scan addresses for cameras, NVRs and DVRs and report who made them', load: () => import('./scan.js') },
  { name: 'pcap', usage: 'pcap [files..]', describe: 'Name the cameras in a capture or on a mirror port (sends nothing)', load: () => import('./pcap.js'), attributes: true },
  { name: 'identify', usage: 'identify <files..>', describe: 'Identify devices from captured responses (offline, no network)', load: () => import('./identify.js'), attributes: true },
  { name: 'report', usage: 'report <result>', describe: 'Re-render a saved scan result in other formats', load: () => import('./report.js') },
  { name: 'diff', usage: 'diff <old> <new>', describe: 'Compare two scan results: new, gone and changed devices', load: () => import('./diff.js') },
  { name: 'merge', usage: 'merge <results..>', describe: 'Merge scan results from several sites into one estate view', load: () => import('./merge.js'), attributes: true },
  { name: 'policies', usage: 'policies [ids..]', describe: 'List the policy records: number, date, address, when last checked, what they cover', load: () => import('./policies.js') },
  { name: 'lab', usage: 'lab <action>', describe: 'Build, use and remove the virtual camera lab (network namespaces, root)', load: () => import('./lab.js') },
  { name: 'demo', usage: 'demo', describe: 'Build the lab, scan it, write reports to ./camaudit-demo, remove the lab', load: () => import('./demo.js'), attributes: true },
  { name: 'doctor', usage: 'doctor', describe: 'Show what a scan can do on this machine, and how to fix what is missing', load: () => import('./doctor.js') },
];
