// HomeKit /accessories dumps (Home Assistant homekit_controller fixtures in the dev set): the Accessory
// Information characteristics of each accessory, whatever the key order or indentation, even when the dump is cut.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parsers/homekit.js';
import { readCapture } from '../helpers/captures.js';

describe('homekit accessory-information parser', () => {
  it('reads every accessory of a bridge (eufy HomeBase2 and its camera)', () => {
    const ev = parse(readCapture('anker-homekit-11', 'dev').payload);
    expect(ev.map((e) => e.fields)).toEqual([
      { manufacturer: 'Anker', model: 'T8010', name: 'eufy HomeBase2-0AAA', serialNumber: 'A0000A000000000A', firmwareRevision: '2.1.6' },
      { manufacturer: 'Anker', model: 'T8113', name: 'eufyCam2-000A', serialNumber: 'A0000A000000000B', firmwareRevision: '1.6.7' },
    ]);
  });

  it('reads characteristics whose value comes before the type (device key order)', () => {
    const [ev] = parse(readCapture('netatmo-homekit-11', 'dev').payload);
    expect(ev!.fields).toMatchObject({ manufacturer: 'Netatmo', model: 'Netatmo Doorbell', firmwareRevision: '80.0.0' });
    expect(parse(readCapture('arlo-homekit-11', 'dev').payload)[0]!.fields.manufacturer).toBe('Netgear, Inc');
  });

  it('reads short type codes, and nothing from JSON that is not a HAP dump', () => {
    const dump = '[{"aid":1,"services":[{"type":"0000003E-0000-1000-8000-0026BB765291","characteristics":[{"type":"20","value":"Acme"},{"type":"21","value":"X1"}]}]}]';
    expect(parse(dump)[0]!.fields).toEqual({ manufacturer: 'Acme', model: 'X1' });
    expect(parse('[{"type":"20","value":"Acme"}]')).toEqual([]);
    expect(parse('{"manufacturer":"Acme"}')).toEqual([]);
  });

  it('drops control characters and caps a flood of accessories', () => {
    const one = (i: number) => `{"type":"00000020-0000-1000-8000-0026BB765291","value":"M\\u0007${i}\\n"}`;
    const ev = parse(`[${Array.from({ length: 100 }, (_, i) => one(i)).join(',')}]`);
    expect(ev.length).toBe(32);
    expect(ev[0]!.fields.manufacturer).toBe('M 0');
    expect(ev[0]!.notes?.[0]).toMatch(/first 32 accessories/);
  });
});
