// Issue 17: the README's `camaudit …` lines work from where a user stands after the README's own install steps.
// `npm ci` in a checkout puts no `camaudit` on the PATH: the Usage section says how (npm link, node bin/camaudit.js,
// npx inside the checkout) before its first command, never advises `npx camaudit` elsewhere, and every command and
// flag its lines use is one the CLI knows (checked against each command's --help).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

/** `camaudit …` command lines inside the README's bash blocks, comments dropped. */
function commandLines(): string[] {
  const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((b) => b.split('\n')).map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l.startsWith('camaudit '));
}

describe("the README's commands (issue 17)", { timeout: 120_000 }, () => {
  it('says how to get camaudit on the PATH before its first camaudit line, and warns off npx outside the checkout', () => {
    const usage = readme.indexOf('## Usage');
    const firstCommand = readme.indexOf('\ncamaudit ', usage);
    const before = readme.slice(usage, firstCommand);
    expect(before).toMatch(/npm link/);
    expect(before).toMatch(/node bin\/camaudit\.js/);
    expect(before).toMatch(/Do not run `npx camaudit` outside the checkout/);
    expect(pkg.bin.camaudit).toBe('bin/camaudit.js'); // what npm link and a global install put on the PATH
    // The first block runs only npm scripts, which work after npm ci.
    const first = /```bash\n([\s\S]*?)```/.exec(readme)![1];
    expect(first).toMatch(/npm ci && npm run demo/);
    expect(pkg.scripts.demo).toMatch(/node bin\/camaudit\.js demo/);
  });

  it('every command and flag on a camaudit line is one the CLI knows', async () => {
    const lines = commandLines();
    expect(lines.length).toBeGreaterThan(10);
    const helpOf = new Map<string, string>();
    const problems: string[] = [];
    for (const line of lines) {
      const words = line.split(/\s+/);
      const cmd = words[1];
      if (!helpOf.has(cmd)) {
        const h = await runCli([cmd, '--help']);
        helpOf.set(cmd, h.code === 0 ? h.stdout : '');
      }
      const help = helpOf.get(cmd)!;
      if (!help) problems.push(`${line}: no command "${cmd}"`);
      for (const flag of words.filter((w) => /^--[a-z]/.test(w)).map((w) => w.replace(/[=\]|].*$/, ''))) {
        if (!help.includes(flag)) problems.push(`${line}: ${cmd} has no ${flag}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
