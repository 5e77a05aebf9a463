import { describe, it, expect } from 'vitest';
import { parse } from '../../src/parsers/dahua-cgi.js';
import { sample } from '../probes/corpus.js';

describe('dahua-cgi parser', () => {
  it('getSystemInfo (dahua-http-1) and getDeviceType with trailing space (dahua-http-2)', () => {
    expect(parse(sample('dahua-http-1.json').payload)[0].fields).toMatchObject({ action: 'getSystemInfo', processor: 'ST7108', updateSerial: 'XVR5108C-X' });
    expect(parse(sample('dahua-http-2.json').payload)[0].fields).toMatchObject({ action: 'getDeviceType', type: 'DH-XVR5108C-X' });
  });
  it('configManager table (amcrest-http-2)', () => {
    const [e] = parse(sample('amcrest-http-2.json').payload);
    expect(e.fields['table.T2UServer.UUID']).toBe('AMC0957EE72D5819C5');
    expect(e.fields.action).toBe('configManager.getConfig');
  });
  it('other key=value formats are not Dahua: Axis root.* (axis-http-3), Vivotek quoted (vivotek-http-1), HTML', () => {
    expect(parse(sample('axis-http-3.json').payload)).toEqual([]);
    expect(parse(sample('vivotek-http-1.json').payload)).toEqual([]);
    expect(parse('<html><body>a=b</body></html>\n<p>x</p>')).toEqual([]);
  });
});
