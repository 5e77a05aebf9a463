// ZTE names its home gateways with their hardware version ('ZXHN H168N V3.5', mkst/zte-config-utility SUPPORT.md), and
// the web UI's title carries it (a discovery report of a live H168N V3.5, GitHub code search): model.zte-gateway reads
// the title with the suffix and captures the model without it.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const page = (title: string, headers = ''): string => `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n${headers}\r\n<html><head><title>${title}</title></head><body></body></html>`;

describe('model.zte-gateway: product name with its hardware version', () => {
  it('a ZXHN title with a hardware version names ZTE (possible alone), model without the version', () => {
    const r = expectNamed(identifyText('http', page('ZXHN H168N V3.5')), 'zte', 'model.zte-gateway');
    expect(r.model).toBe('ZXHN H168N');
    expect(r.confidence).toBe('possible');
  });

  it("beside the stack's server and cookie (as the H168N report shows them) ZTE is confirmed", () => {
    const r = identifyText('http', page('ZXHN H168N V3.5', 'Server: ZTE web server 1.0 ZTE corp 2015.\r\nSet-Cookie: _TESTCOOKIESUPPORT=1; PATH=/; HttpOnly\r\n'));
    expect(r.manufacturer).toBe('zte');
    expect(ruleIds(r)).toEqual(expect.arrayContaining(['model.zte-gateway', 'http-server.zte', 'http-server.zte-testcookie']));
  });

  it('the footer software version and a Zhaoneng ONT title name nobody through this rule', () => {
    expect(ruleIds(identifyText('http', page('ZXHN H168N V3.5.0_EG1T13_ET')))).not.toContain('model.zte-gateway');
    expect(identifyText('http', page('ZN-M180G')).manufacturer).toBeNull();
  });
});
