// Type and "unknown — check by hand" in every report format (issue 16): terminal, JSON (schemaVersion 2, and a
// version 1 result read back), CSV, HTML, CycloneDX; PDF is the HTML printed (test/report/browser.test.ts).
// Results are SYNTHETIC (test/helpers/result-builder.ts).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderCsv } from '../../src/report/csv.js';
import { buildCycloneDx, renderCycloneDx, validateCycloneDx } from '../../src/report/cyclonedx.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { renderJson } from '../../src/report/json.js';
import { validateResult } from '../../src/report/schema.js';
import { readResult } from '../../src/report/read-result.js';
import { device, result, sampleResult, axisLike } from '../helpers/result-builder.js';
import { htmlText } from '../helpers/html-text.js';
import { parseCsv } from '../helpers/csv.js';

const unknownCam = () =>
  device({
    ip: '198.18.0.20',
    mac: '0a:7c:30:00:00:14',
    deviceType: 'camera',
    deviceTypeConfidence: 'probable',
    deviceTypeRationale: 'answers RTSP with H264 video',
    services: [{ port: 80, protocol: 'http', product: null }, { port: 554, protocol: 'rtsp', product: null }],
    evidence: [{ module: 'rtsp', field: 'rtsp.statusLine', value: 'RTSP/1.0 200 OK', rule: 'signal.rtsp', concludes: 'deviceType=camera (video equipment)', weight: 60 }],
    risk: { level: 'unknown', reason: 'answers RTSP with H264 video; no maker evidence', checks: ['the label on the device (maker, model, serial number)', 'the purchase invoice or asset register entry', "the device's own web page at http://198.18.0.20/ (login page logo, About/System information page)"], policies: [] },
  });

const r = () => result([unknownCam(), axisLike({ deviceTypeConfidence: 'confirmed', deviceTypeRationale: "upnp.manufacturer='AXIS'" })]);

describe('type and unknown in every format', () => {
  it('terminal: a TYPE column with the type confidence, the unknown count said plainly, and an "Unknown — check by hand" list', () => {
    const t = renderTerminal(r(), { colour: false });
    expect(t).toMatch(/^IP\s+RISK\s+TYPE\s+MAKER/m);
    expect(t).toContain('camera (probable)');
    // The MAKER cell of the unknown camera reads "unknown" (never blank, "?" or "none").
    const row = t.split('\n').find((l) => l.startsWith('198.18.0.20 '))!;
    expect(row).toMatch(/^198\.18\.0\.20\s+unknown\s+camera \(probable\)\s+unknown\b/);
    expect(t).toContain('1 camera/NVR/DVR of UNKNOWN maker — check by hand (listed below)');
    const section = t.slice(t.indexOf('Unknown — check by hand:'));
    expect(section).toContain('198.18.0.20  camera (probable): answers RTSP with H264 video; no maker evidence; ports 80/http, 554/rtsp; MAC 0a:7c:30:00:00:14');
    expect(section).toContain('check: the label on the device');
    expect(section).toContain('http://198.18.0.20/');
    // No unknown, no banner.
    expect(renderTerminal(result([axisLike()]), { colour: false })).not.toContain('UNKNOWN maker');
  });

  it('JSON: schemaVersion 3 with the type confidence, its rationale, the risk reason and checks; validates', () => {
    const j = JSON.parse(renderJson(r()));
    expect(j.schemaVersion).toBe('3');
    expect(j.devices[0]).toMatchObject({ deviceType: 'camera', deviceTypeConfidence: 'probable', deviceTypeRationale: 'answers RTSP with H264 video', risk: { level: 'unknown', reason: 'answers RTSP with H264 video; no maker evidence' } });
    expect(validateResult(j)).toEqual([]);
    delete j.devices[0].risk.reason;
    expect(validateResult(j).some((e) => e.includes("must have required property 'reason'"))).toBe(true);
  });

  it('JSON: a schemaVersion 1 result is read back upgraded (fields it lacked say "not recorded")', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'v1-'));
    try {
      const v1 = JSON.parse(renderJson(r()));
      v1.schemaVersion = '1';
      for (const d of v1.devices) {
        delete d.deviceTypeConfidence;
        delete d.deviceTypeRationale;
        delete d.risk.reason;
        delete d.risk.checks;
      }
      expect(validateResult(v1).length).toBeGreaterThan(0);
      writeFileSync(path.join(dir, 'v1.json'), JSON.stringify(v1));
      const back = await readResult(path.join(dir, 'v1.json'));
      expect(back.schemaVersion).toBe('3');
      expect(back.devices[0]).toMatchObject({ deviceTypeConfidence: null, deviceTypeRationale: 'not recorded (schemaVersion 1 result)', risk: { level: 'unknown', reason: 'not recorded (schemaVersion 1 result)' } });
      expect(back.scan.options.upgradedFrom).toBe('schemaVersion 1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('CSV: device_type_confidence, device_type_basis, risk_reason and check_by_hand columns', () => {
    const lines = renderCsv(r()).slice(1).split('\r\n');
    const head = lines[0].split(',');
    for (const c of ['device_type', 'device_type_confidence', 'device_type_basis', 'risk_reason', 'check_by_hand']) expect(head).toContain(c);
    const row = lines[1];
    expect(row).toContain('probable');
    expect(row).toContain('answers RTSP with H264 video; no maker evidence');
    expect(row).toContain('the purchase invoice or asset register entry');
    // The unknown camera's manufacturer cell reads "unknown"; the Axis row keeps its maker.
    const rows = parseCsv(renderCsv(r()).slice(1));
    const maker = rows[0]!.indexOf('manufacturer');
    expect(rows[1]![maker]).toBe('unknown');
    expect(rows[2]![maker]).toBe('Axis');
  });

  it('HTML: a prominent unknown count linking to an "Unknown — check by hand" section listing what was seen and what to check', () => {
    const h = htmlText(r());
    expect(h).toContain('<h2 id="unknown">Unknown — check by hand</h2>');
    expect(h).toMatch(/<div class="alert"><b class="n">1<\/b> camera\/NVR\/DVR of <b>unknown maker<\/b>/);
    const section = h.slice(h.indexOf('<h2 id="unknown">'), h.indexOf('<h2>Device details'));
    expect(section).toContain('<a href="#dev-0">198.18.0.20</a>');
    expect(section).toContain('<b>camera (probable)</b>: answers RTSP with H264 video; no maker evidence');
    expect(section).toContain('<code>rtsp.statusLine</code>');
    expect(section).toContain('ports 80/http, 554/rtsp');
    expect(section).toContain('<li>the purchase invoice or asset register entry</li>');
    expect(section).not.toContain('198.18.0.13'); // the Axis device is not unknown
    // The device's detail carries its type rationale and its risk reason.
    expect(h).toContain('camera (probable) — answers RTSP with H264 video');
    // Its maker cell in the device table reads "unknown", not a blank cell.
    const tableRow = h.slice(h.indexOf('<tr data-risk="unknown">'), h.indexOf('</tr>', h.indexOf('<tr data-risk="unknown">')));
    expect(tableRow).toContain('<td data-sort="unknown">unknown</td>');
    // No unknown device, no section and no alert.
    const none = htmlText(result([axisLike()]));
    expect(none).not.toContain('id="unknown"');
    expect(none).not.toContain('class="alert"');
  });

  it('CycloneDX: risk reason, checks and type confidence as properties, the unknown count in the metadata; valid 1.6', async () => {
    const bom = buildCycloneDx(r()) as { components: { properties: { name: string; value: string }[] }[]; metadata: { properties: { name: string; value: string }[] } };
    const props = bom.components[0].properties;
    expect(props).toContainEqual({ name: 'camaudit:riskReason', value: 'answers RTSP with H264 video; no maker evidence' });
    expect(props).toContainEqual({ name: 'camaudit:deviceTypeConfidence', value: 'probable' });
    expect(props.filter((p) => p.name === 'camaudit:checkByHand').length).toBe(3);
    expect(bom.metadata.properties).toContainEqual({ name: 'camaudit:unknownMakerVideoDevices', value: '1' });
    expect(await validateCycloneDx(renderCycloneDx(r()))).toEqual([]);
    expect(await validateCycloneDx(renderCycloneDx(sampleResult()))).toEqual([]);
  });
});
