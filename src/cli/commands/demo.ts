// `camaudit demo`: lab up → scan 198.18.0.0/24 from the scanner namespace → reports in ./camaudit-demo → lab down
// (also on failure or Ctrl-C). The scan is given each lab device's own lab-only credentials, as the owner of the
// devices would give them, so that the lab's recorders list the cameras behind them (issue 19); --no-credentials
// scans unauthenticated. The credentials go to a private temporary file, removed afterwards. Exit code: 0 when reports were written (the scan's 1, "high-risk found", is expected in the lab), else the scan's, or 3 when the lab itself failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CommandSpec } from './index.js';
import { RuntimeError } from '../../core/errors.js';
import { downLab, isRoot } from '../../lab/lab.js';
import { labCredentials } from '../../lab/lab-credentials.js';
import { labUp } from './lab.js';

const spec: CommandSpec = {
  builder: (y) =>
    y
      .option('out', { type: 'string', default: './camaudit-demo', describe: 'Folder for the reports' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the reports of an earlier demo in --out' })
      .option('keep', { type: 'boolean', default: false, describe: 'Leave the lab up afterwards (remove with: camaudit lab down)' })
      .option('prefix', { type: 'string', default: 'camaudit', describe: 'Lab name prefix' })
      .option('credentials', { type: 'boolean', default: true, describe: "Give the scan the lab devices' own lab-only credentials (--no-credentials: scan unauthenticated)" })
      .example('sudo camaudit demo', 'scan the virtual camera LAN and write reports to ./camaudit-demo')
      .example('sudo camaudit demo --out /tmp/demo --keep', 'keep the lab for `camaudit lab run -- …` afterwards'),
  handler: async (argv) => {
    if (!isRoot()) throw new RuntimeError('the demo builds a virtual LAN in network namespaces and needs root: run it with sudo', 'CAMAUDIT_ERR_PRIVILEGE');
    const prefix = String(argv.prefix);
    const out = resolve(String(argv.out));
    const formats = ['json', 'csv', 'html', 'cyclonedx', 'terminal'];
    if (existsSync('/usr/bin/chromium')) formats.splice(3, 0, 'pdf');
    else console.log('note: no PDF report (Chromium not found at /usr/bin/chromium)');
    // An earlier demo's reports are refused before the lab is built (the scan would refuse them anyway, later).
    const { planOutputs } = await import('../../report/output.js');
    await planOutputs(out, formats, { existing: argv.force ? 'replace' : 'refuse', checkPdfEngine: false });
    const st = await labUp(prefix, undefined, '198.18.0.0/24');
    console.log(`lab up: ${st!.devices.length} devices on ${st!.subnet}; scanning from ${st!.scanNs}…`);
    let credDir: string | null = null;
    const credArgs: string[] = [];
    if (argv.credentials !== false) {
      const creds = labCredentials(st!);
      credDir = mkdtempSync(join(tmpdir(), 'camaudit-democreds-'));
      const file = join(credDir, 'lab-credentials.json');
      writeFileSync(file, JSON.stringify({ credentials: creds }), { mode: 0o600, flag: 'wx' });
      credArgs.push('--credentials', file);
      console.log(`using the lab-only credentials of ${creds.length} lab devices (as their owner would give them): recorders list the cameras behind them`);
    }
    let child: ReturnType<typeof spawn> | null = null;
    const onSignal = (): void => { child?.kill('SIGINT'); };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const code = await new Promise<number>((res, rej) => {
        child = spawn('ip', ['netns', 'exec', st!.scanNs, process.execPath, process.argv[1], 'scan', st!.subnet, '--out', out, '--format', formats.join(','), ...credArgs, ...(argv.force ? ['--force'] : [])], { stdio: 'inherit' });
        child.on('error', (e) => rej(new RuntimeError(`cannot start the scan: ${e.message}`)));
        child.on('exit', (c, sig) => res(c ?? (sig ? 130 : 3)));
      });
      if (code === 0 || code === 1) console.log(`reports in ${out}`);
      else console.log(`the scan failed (exit ${code}); no complete reports in ${out}`);
      // The lab is full of high-risk devices by design, so the scan's exit 1 ("high-risk found") is the demo
      // working, not failing: report success so `npm run demo` does not end in an npm error.
      return code === 1 ? 0 : code;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (credDir) rmSync(credDir, { recursive: true, force: true });
      if (!argv.keep) await downLab(prefix);
      else console.log(`lab left up: camaudit lab down --prefix ${prefix}`);
    }
  },
};
export default spec;
