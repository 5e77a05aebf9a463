// identify routes for the Ubiquiti Discovery Service and HomeKit accessory dumps: labels as people write them,
// a Python bytes literal of the binary reply, and a HomeKit dump found by sniffing an unknown label.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { routeOf } from '../../src/identify/protocols.js';
import { readCapture } from '../helpers/captures.js';

const id = (protocol: string, name: string) => identifySample(`${name}.json`, { protocol, payload: readCapture(name, 'dev').payload });

describe('vendor discovery routes', () => {
  it('labels reach the readers', () => {
    for (const l of ['ubiquiti-discovery', 'ubiquiti', 'ubnt', 'unifi-discovery']) expect(routeOf(l), l).toBe('ubiquiti-discovery');
    for (const l of ['homekit', 'hap', 'homekit-accessories']) expect(routeOf(l), l).toBe('homekit');
  });

  it('a UniFi camera discovery reply (Python bytes literal) names Ubiquiti, the model and firmware', () => {
    const r = id('ubiquiti-discovery', 'ubiquiti-ubiquiti-discovery-11');
    expect(r.manufacturer).toBe('ubiquiti');
    expect(r.confidence).toBe('confirmed');
    expect(r.model).toBe('UVC G4 Pro');
    expect(r.firmware).toBe('UVC.S5L.v4.46.18.67.ceacbaa.211202.1017');
    expect(r.deviceType).toBe('camera');
  });

  it('a HomeKit dump names the maker it reports, under its label or sniffed under an unknown one', () => {
    expect(id('homekit', 'anker-homekit-11').manufacturer).toBe('anker');
    expect(id('something-else', 'netatmo-homekit-11').manufacturer).toBe('netatmo');
    const arlo = id('homekit', 'arlo-homekit-11');
    expect(arlo.manufacturer).toBe('netgear');
  });
});
