// `camaudit identify`: JSON shape, per-file errors that do not stop the other files, exit codes.
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identifyFile, identifyText, isIdentifyError } from '../../src/identify/identify.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { captureDir } from '../helpers/captures.js';

const CORPUS = captureDir('shared');
const dir = mkdtempSync(path.join(tmpdir(), 'fp-identify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, data: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, data);
  return p;
};

describe('identify (library)', () => {
  it('gives one clear error per kind of bad input', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"protocol": "http", "payload": "x"', /not valid JSON/],
      ['', /not valid JSON/],
      ['[1,2]', /not a JSON object/],
      ['{"payload": "x"}', /missing "protocol"/],
      ['{"protocol": "http"}', /missing "payload"/],
      ['\u0000\u0001\u0002binary', /binary data/],
    ];
    for (const [text, re] of cases) {
      const r = identifyText('f', text);
      expect(isIdentifyError(r), text).toBe(true);
      if (isIdentifyError(r)) {
        expect(r.error).toMatch(re);
        expect(r.error).not.toMatch(/\n|at .*\.ts/);
      }
    }
  });

  it('a file that is a reply itself (text, or a device JSON naming neither protocol nor payload) is read as the payload, its form guessed, and says so', () => {
    // SYNTHETIC replies: an RTSP status line with a Server header, pasted as text; a Dahua RPC2-shaped JSON reply.
    const text = identifyText('reply.txt', 'RTSP/1.0 200 OK\nCSeq: 1\nServer: Dahua Rtsp Server\n');
    expect(isIdentifyError(text)).toBe(false);
    if (!isIdentifyError(text)) {
      expect(text.manufacturer).toBe('dahua');
      expect(text.notes[0]).toMatch(/^read as a raw reply \(the file is not a JSON capture/);
    }
    const json = identifyText('reply.json', '{"result":true,"params":{"deviceType":"IPC-HDW5231R-ZE"},"id":2,"session":"synthetic"}');
    expect(!isIdentifyError(json) && json.manufacturer).toBe('dahua');
    const nothing = identifyText('words.txt', 'not a reply at all');
    expect(isIdentifyError(nothing)).toBe(false);
    if (!isIdentifyError(nothing)) {
      expect(nothing.manufacturer).toBeNull();
      expect(nothing.risk.level).not.toBe('high');
    }
    // A capture file (it names protocol and payload) is read as a capture, never as raw text.
    const capture = identifyText('c.json', JSON.stringify({ protocol: 'rtsp', payload: 'RTSP/1.0 200 OK\r\nServer: Dahua Rtsp Server\r\n\r\n' }));
    expect(!isIdentifyError(capture) && capture.notes.some((n) => n.startsWith('read as a raw reply'))).toBe(false);
  });

  it('an unknown protocol label is not an error: the payload is sniffed (issue 14), and says when nothing reads it', () => {
    const r = identifyText('f', '{"protocol": "gopher", "payload": "x"}');
    expect(isIdentifyError(r)).toBe(false);
    if (!isIdentifyError(r)) {
      expect(r.manufacturer).toBeNull();
      expect(r.rationale).toMatch(/not recognised as gopher/);
    }
  });

  it('refuses a huge file without reading it, and a missing one', () => {
    const big = write('synthetic-huge.json', Buffer.alloc(5 * 1024 * 1024, 0x20));
    const r = identifyFile(big);
    expect(isIdentifyError(r) && r.error).toMatch(/larger than 4 MiB/);
    const m = identifyFile(path.join(dir, 'nope.json'));
    expect(isIdentifyError(m) && m.error).toBe('no such file');
  });

  it('ignores every field but protocol and payload (a lying vendor_truth changes nothing)', () => {
    const payload = 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Dahua Rtsp Server\r\n\r\n';
    const a = identifyText('a', JSON.stringify({ protocol: 'rtsp', payload }));
    const b = identifyText('b', JSON.stringify({ protocol: 'rtsp', payload, vendor_truth: 'Axis', brand: 'Axis', model: 'P3301', note: 'Axis camera' }));
    expect(isIdentifyError(a) || isIdentifyError(b)).toBe(false);
    if (!isIdentifyError(a) && !isIdentifyError(b)) {
      expect({ ...b, file: 'a' }).toEqual(a);
      expect(a.manufacturer).toBe('dahua');
    }
  });

  it('a hostile payload (script in the name, huge body) is handled', () => {
    const payload = 'HTTP/1.1 200 OK\r\nServer: <script>alert(1)</script>\r\n\r\n' + 'x'.repeat(900_000);
    const r = identifyText('h', JSON.stringify({ protocol: 'http', payload }));
    expect(isIdentifyError(r)).toBe(false);
    if (!isIdentifyError(r)) expect(r.manufacturer).toBeNull();
  });
});

describe('camaudit identify (CLI)', { timeout: 120_000 }, () => {
  it('--json: one entry per file, the bad file reported on stderr, exit 1 with a high-risk device', async () => {
    const bad = write('synthetic-bad.json', '{"protocol": 1}');
    const run = await runCli(['identify', '--json', path.join(CORPUS, 'dahua-rtsp-1.json'), bad, path.join(CORPUS, 'sonos-ssdp-1.json')]);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(out.length).toBe(3);
    expect(out[0]).toMatchObject({ manufacturer: 'dahua', risk: { level: 'high' } });
    expect(Object.keys(out[0]!)).toEqual(expect.arrayContaining(['file', 'manufacturer', 'brand', 'model', 'firmware', 'deviceType', 'confidence', 'risk', 'evidence']));
    expect(out[1]).toHaveProperty('error');
    expect(out[2]).toMatchObject({ manufacturer: 'sonos', deviceType: 'other', risk: { level: 'none' } });
    expect(run.stderr).toMatch(/synthetic-bad\.json: missing "protocol"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exit 0 when nothing is high-risk; exit 2 when every file failed; reads stdin with "-"', async () => {
    const ok = await runCli(['identify', path.join(CORPUS, 'axis-rtsp-1.json')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Axis/);
    const bad = await runCli(['identify', write('synthetic-binary.bin', Buffer.from([0, 1, 2, 3]))]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/synthetic-binary\.bin: binary data/);
    const raw = await runCli(['identify', write('synthetic-reply.txt', 'RTSP/1.0 200 OK\nCSeq: 1\nServer: Dahua Rtsp Server\n')]);
    expect(raw.code).toBe(1);
    expect(raw.stdout).toMatch(/^synthetic-reply\.txt\s+Dahua\s/m);
    const stdin = await runCli(['identify', '-'], { input: JSON.stringify({ protocol: 'ssdp', payload: 'HTTP/1.1 200 OK\r\nSERVER: Linux UPnP/1.0 Sonos/63.2-88230 (ZPS16)\r\n\r\n' }) });
    expect(stdin.code).toBe(0);
    expect(stdin.stdout).toMatch(/Sonos/);
  });

  it('a reply whose maker nothing names reads "unknown" in the MAKER column (corpus uniview-rtsp-1: CSeq and Public only)', async () => {
    const run = await runCli(['identify', path.join(CORPUS, 'uniview-rtsp-1.json')]);
    expect(run.code).toBe(0);
    const row = run.stdout.split('\n').find((l) => l.startsWith('uniview-rtsp-1.json'))!;
    expect(row).toMatch(/^uniview-rtsp-1\.json\s+unknown\s/);
  });
});
