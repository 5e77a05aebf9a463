// Issue 14 (attr-f, round 6 batch 2): Huawei home gateways' /api/system/deviceinfo (the device's own
// ManufacturerOUI 00E0FC inside `while(1); /*…*/`) and ZTE 5G CPEs' goform signal keys (Z5g_rsrp, Z5g_SINR), end to
// end through identify on the public captures the rules cite; a guarded JSON body alone is a body, not a Server value.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { bareValue } from '../../src/identify/forms.js';
import { readCapture } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const capture = (name: string) => {
  const c = readCapture(name, 'dev');
  return identifySample(`${name}.json`, { protocol: c.protocol, payload: c.payload });
};
const http = (body: string) => identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n${body}`);

describe('Huawei home gateway /api/system/deviceinfo', () => {
  it("a DG8045's full response (a published PoC) is Huawei", () => {
    expectNamed(capture('huawei-http-66'), 'huawei', 'body.huawei-atp-deviceinfo');
  });

  it("an HG659's body alone, behind its while(1); guard, is read as a body and is Huawei", () => {
    expectNamed(capture('huawei-http-67'), 'huawei', 'body.huawei-atp-deviceinfo');
  });

  it("another maker's OUI in the same key, or the TR-069 element, names nobody", () => {
    expect(http('{"DeviceName":"X","ManufacturerOUI":"000FB7"}').manufacturer).toBeNull();
    expect(ruleIds(http('<ManufacturerOUI>00E0FC</ManufacturerOUI>'))).not.toContain('body.huawei-atp-deviceinfo');
  });
});

describe('a bare value with a JSON guard', () => {
  it('is not a Server value; a plain one still is', () => {
    expect(bareValue('while(1); /*{"a":1}*/')).toBeNull();
    expect(bareValue("for(;;);{\"a\":1}")).toBeNull();
    expect(bareValue(")]}'")).toBeNull();
    expect(bareValue('Huawei Auth-Http Server 1.0')).toBe('Huawei Auth-Http Server 1.0');
  });
});

describe('ZTE 5G goform signal keys', () => {
  it("an L13's signal reply (KDDI's ZTE-built 5G router) is ZTE", () => {
    expectNamed(capture('zte-http-61'), 'zte', 'body.zte-goform-5g-keys');
  });

  it("a client's replayed MC-series reply is ZTE", () => {
    const r = http('{"network_type":"ENDC","signalbar":"5","battery_value":"60","battery_charging":"0","ppp_status":"ppp_connected","network_provider":"T-Mobile.pl","Z5g_rsrp":"-81","Z5g_SINR":"33.0"}');
    expectNamed(r, 'zte', 'body.zte-goform-5g-keys');
  });

  it('generic NR key names name nobody', () => {
    expect(http('{"nr5g_rsrp":"-90","nr5g_sinr":"12"}').manufacturer).toBeNull();
    expect(http('{"z5g_rsrp":"-90"}').manufacturer).toBeNull();
    expect(http('{"nr-rsrp":"-90dBm","nr-sinr":"14dB"}').manufacturer).toBeNull();
  });
});
