// A lab state file that is not JSON is named, not read as "no lab" (issue 20): `lab status` fails with the file,
// `lab down` still removes the state dir and says it could not stop the emulator whose pid was in it.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { downLab, isRoot, readState, stateDirFor } from '../../src/lab/lab.js';

// Prefix of this test only (no namespaces are made: downLab finds none named zcst-scan/zcst-dev).
const PREFIX = 'zcst';

describe.skipIf(!isRoot())('lab state file', () => {
  it('absent: no lab; not JSON: a thrown error naming the file, and lab down warns and still cleans up', async () => {
    expect(readState(PREFIX)).toBeNull();
    mkdirSync(stateDirFor(PREFIX), { recursive: true });
    writeFileSync(join(stateDirFor(PREFIX), 'state.json'), '{"prefix":"zcst","emulatorPid":12');
    expect(() => readState(PREFIX)).toThrow(/lab state \/run\/camaudit-lab\/zcst\/state\.json is not valid JSON/);
    const r = await downLab(PREFIX);
    expect(r.removed).toEqual([]);
    expect(r.warnings).toEqual([expect.stringMatching(/^emulator not stopped: lab state .* is not valid JSON/)]);
    expect(existsSync(stateDirFor(PREFIX))).toBe(false);
  });
});
