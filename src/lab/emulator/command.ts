// How to start the emulator as its own process, from wherever this code runs: the compiled entry under
// node, or the TypeScript source through tsx (development and tests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EmulatorCommand {
  command: string;
  args: string[];
}

/** `spawn(command, args)` runs `run` with the config file; prints READY or `ERROR <line>` on stdout. */
export function emulatorCommand(configFile: string): EmulatorCommand {
  const js = fileURLToPath(new URL('./run.js', import.meta.url));
  if (existsSync(js)) return { command: process.execPath, args: [js, configFile] };
  const ts = fileURLToPath(new URL('./run.ts', import.meta.url));
  return { command: process.execPath, args: ['--import', 'tsx', ts, configFile] };
}
