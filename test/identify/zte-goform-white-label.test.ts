// ZTE's goform modem API (modem_main_state) is also the web app of white-label UFI/MiFi hotspots on ZTE's Sanechips
// (ZXIC) platform (anysoft/mifi-tools: the slk/szxf/remo default web pages ask goform for modem_main_state), so the
// key alone names ZTE only as possible, never high; ZTE's own 5G keys beside it still make ZTE probable or more.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { readCapture } from '../helpers/captures.js';
import { identifyText, ruleIds } from '../helpers/identify.js';

describe('goform modem state: possible alone (Sanechips white labels share it)', () => {
  it('the MF79U state reply of dev/zte-http-31 names ZTE as possible only', () => {
    const c = readCapture('zte-http-31', 'dev');
    const r = identifySample('zte-http-31.json', { protocol: c.protocol, payload: c.payload });
    expect(r.manufacturer).toBe('zte');
    expect(r.confidence).toBe('possible');
    expect(ruleIds(r)).toContain('body.zte-goform-state');
  });

  it("with ZTE's 5G goform keys in the same reply ZTE is more than possible", () => {
    const body = '{"modem_main_state":"modem_init_complete","network_type":"ENDC","Z5g_rsrp":"-81","Z5g_SINR":"33.0"}';
    const r = identifyText('http', `HTTP/1.1 200 OK\r\nServer: GoAhead-Webs\r\nContent-Type: text/plain\r\n\r\n${body}`);
    expect(r.manufacturer).toBe('zte');
    expect(r.confidence).not.toBe('possible');
    expect(ruleIds(r)).toEqual(expect.arrayContaining(['body.zte-goform-state', 'body.zte-goform-5g-keys']));
  });
});
