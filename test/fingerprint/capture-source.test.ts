// Capture precedence (issue 14, round 2): a model, firmware or serial the device reports about itself beats one
// derived from another identifier (a serial number, a friendly name, a realm, a banner), whatever the rules' weights.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/core/observation.js';
import { attributeWith } from '../../src/fingerprint/attribute.js';
import { captureRank, SELF_REPORTED_FIELDS } from '../../src/fingerprint/capture-source.js';
import { compileRule, loadFingerprintDb, type FingerprintDb } from '../../src/fingerprint/db.js';
import { identifySample } from '../../src/identify/identify.js';
import { readCapture } from '../helpers/captures.js';

const db = loadFingerprintDb();
const obs = (kind: string, fields: Observation['fields']): Observation => ({ host: '198.18.0.10', module: kind, kind, fields, at: '2026-11-28T00:00:00.000Z' });

/** The database plus one synthetic rule (a heavier rule that takes a longer model apart from the serial). */
function withRule(rule: Parameters<typeof compileRule>[0]): FingerprintDb {
  return { ...db, rules: [...db.rules, compileRule(rule, 'synthetic.json', 0)] };
}
const serialModel = {
  id: 'synthetic.model-from-serial',
  field: ['sadp.DeviceSN'],
  pattern: '^(?<model>CS-[A-Z0-9-]+?01)20\\d{6}',
  concludes: { manufacturer: 'hikvision' },
  weight: 95,
  examples: [{ value: 'CS-C6TC-32WFR0120170327CCCH738231995', source: 'corpus ezviz-sadp-1' }],
};
// The SADP reply of the shared capture ezviz-sadp-1 (DeviceDescription and DeviceSN as sent).
const sadp = { DeviceDescription: 'CS-C6TC-32WFR', DeviceSN: 'CS-C6TC-32WFR0120170327CCCH738231995', SoftwareVersion: 'V5.2.3build 180804', CommandPort: '8000' };

describe('capture precedence: self-reported beats derived', () => {
  it('a model taken apart from a serial never replaces the model the device reports (even from a heavier rule)', () => {
    const a = attributeWith(withRule(serialModel), [obs('sadp', sadp)]);
    expect(a.manufacturer).toBe('hikvision');
    expect(a.model).toBe('CS-C6TC-32WFR');
  });

  it('a derived model still fills the gap when the device reports none', () => {
    const { DeviceDescription: _, ...noModel } = sadp;
    const a = attributeWith(withRule(serialModel), [obs('sadp', noModel)]);
    expect(a.model).toBe('CS-C6TC-32WFR01');
  });

  it('identify: the UPnP modelName (AXIS P3301) beats the short model in friendlyName and modelDescription', () => {
    const c = readCapture('axis-upnp-xml-1', 'shared');
    const r = identifySample('axis-upnp-xml-1.json', { protocol: c.protocol, payload: c.payload });
    expect(r.manufacturer).toBe('axis');
    expect(r.model).toBe('AXIS P3301');
  });

  it('identify: the SADP DeviceDescription is the model of ezviz-sadp-1', () => {
    const c = readCapture('ezviz-sadp-1', 'shared');
    const r = identifySample('ezviz-sadp-1.json', { protocol: c.protocol, payload: c.payload });
    expect(r.model).toBe('CS-C6TC-32WFR');
    expect(r.firmware).toBe('V5.2.3build 180804');
  });

  it('the rank follows the field, and a rule may declare it', () => {
    expect(captureRank('model', 'onvif.model')).toBe(2);
    expect(captureRank('model', 'upnp.friendlyName')).toBe(1);
    expect(captureRank('model', 'sadp.DeviceSN')).toBe(1);
    expect(captureRank('model', 'http.body', 'self-reported')).toBe(2);
    expect(captureRank('model', 'onvif.model', 'derived')).toBe(1);
  });

  it('every rule that captures a value from a field where the device does not state it declares captureSource', () => {
    const undeclared: string[] = [];
    for (const r of db.rules) {
      const names = [...r.pattern.matchAll(/\(\?<(\w+)>/g)].map((m) => m[1]!);
      const fromOther = names.filter((n) => !r.fields.some((f) => SELF_REPORTED_FIELDS[n as keyof typeof SELF_REPORTED_FIELDS]?.has(f)));
      if (fromOther.length && !r.captureSource) undeclared.push(`${r.id} (${fromOther.join(', ')} from ${r.fields.join(', ')})`);
    }
    expect(undeclared).toEqual([]);
  });
});
