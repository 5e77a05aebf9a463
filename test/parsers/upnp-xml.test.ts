import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../src/parsers/upnp-xml.js';
import { readCapture } from '../helpers/captures.js';

const corpus = (name: string) => readCapture(name);

describe('upnp-xml parser', () => {
  it('parses every upnp-xml corpus sample', () => {
    for (const name of ['asus-upnp-xml-1.json', 'axis-upnp-xml-1.json', 'belkin-upnp-xml-1.json', 'sonos-upnp-xml-1.json']) {
      const ev = parse(corpus(name).payload);
      expect(ev, name).toHaveLength(1);
      expect(ev[0].kind).toBe('upnp');
      expect(typeof ev[0].fields.deviceType, name).toBe('string');
    }
    const [axis] = parse(corpus('axis-upnp-xml-1.json').payload);
    expect(axis.fields.manufacturer).toMatch(/AXIS/i);
    const [belkin] = parse(corpus('belkin-upnp-xml-1.json').payload);
    expect(belkin.fields.deviceType).toBe('urn:Belkin:device:NetCamSensor:1');
  });

  it('lists embedded devices and keeps the root fields', () => {
    const xml = '<root><device><deviceType>urn:r:1</deviceType><manufacturer>M</manufacturer><UDN>uuid:1</UDN><deviceList><device><deviceType>urn:s:1</deviceType><manufacturer>S</manufacturer></device></deviceList></device></root>';
    const [ev] = parse(xml);
    expect(ev.fields).toMatchObject({ deviceType: 'urn:r:1', manufacturer: 'M', udn: 'uuid:1', subDevices: ['urn:s:1'] });
  });

  it('refuses DOCTYPE bombs and survives 100k-deep nesting', () => {
    expect(parse('<!DOCTYPE r [<!ENTITY a "x">]><root><device><manufacturer>&a;</manufacturer></device></root>')).toEqual([]);
    const deep = '<root><device>' + '<x>'.repeat(100_000) + '<modelName>m</modelName>' + '</x>'.repeat(100_000) + '</device></root>';
    const t0 = Date.now();
    expect(parse(deep)[0].fields.modelName).toBe('m');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(parse('HTTP/1.1 200 OK')).toEqual([]);
  });

  it('never throws on arbitrary input (3000 cases)', () => {
    const xmlish = fc.array(fc.constantFrom('<device>', '</device>', '<deviceType>', '</deviceType>', '<UDN>', 'x', '&amp;', '<', '>'), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(fc.string(), xmlish), (x) => Array.isArray(parse(x))), { numRuns: 3000 });
  });
});
