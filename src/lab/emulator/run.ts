// Emulator process entry: `node <entry> <configFile>`. Prints exactly `READY\n` once every socket is bound,
// or `ERROR <one line>\n` and exits 1. SIGTERM/SIGINT stop it cleanly (exit 0).
import { pathToFileURL } from 'node:url';
import { loadEmulatorConfig } from './config.js';
import { startEmulator } from './emulator.js';
import { describeFailure } from '../../core/failure.js';

function oneLine(e: unknown): string {
  return describeFailure(e, { allLines: true, max: 2000 });
}

export async function main(argv: string[]): Promise<number> {
  const file = argv[0];
  if (!file) {
    process.stdout.write('ERROR usage: run.js <configFile>\n');
    return 1;
  }
  let running: Awaited<ReturnType<typeof startEmulator>> | null = null;
  let stopRequested = false;
  let wake: (() => void) | null = null;
  // Handlers go in before READY is printed: the lab may signal the moment it reads READY.
  const onSignal = (): void => {
    stopRequested = true;
    wake?.();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    running = await startEmulator(loadEmulatorConfig(file));
  } catch (e) {
    process.stdout.write(`ERROR ${describeFailure(e, { allLines: true, max: 2000 })}\n`);
    return 1;
  }
  if (!stopRequested) {
    process.stdout.write('READY\n');
    process.stderr.write(`emulator: ${running.devices.length} devices bound in ${Math.round(running.startMs)} ms, rss ${Math.round(process.memoryUsage().rss / 1048576)} MB\n`);
    await new Promise<void>((resolve) => (wake = resolve));
  }
  await running.stop().catch((e: unknown) => process.stderr.write(`emulator: stop: ${describeFailure(e)}\n`));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // A device must not take the whole lab down: report and keep serving the others.
  process.on('uncaughtException', (e) => {
    process.stderr.write(`emulator: uncaught: ${oneLine(e)}\n`);
  });
  process.on('unhandledRejection', (e) => {
    process.stderr.write(`emulator: unhandled rejection: ${oneLine(e)}\n`);
  });
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
