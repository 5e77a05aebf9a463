// Issue 14 (attr-f, round 6 batch 3): VRP's factory sysname in a CLI transcript (<HUAWEI>/<Huawei> in user view,
// [HUAWEI]/[Huawei-<view>] in system view), end to end through identify as Telnet and as an SSH session's text;
// H3C's <H3C> and the Huawei-3Com-era <Quidway> name nobody. The first transcript is the public recorder test the
// rule cites; the login lines around the prompt in the Telnet case are VRP's documented ones, not a capture.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText } from '../helpers/identify.js';

describe('VRP default prompt', () => {
  it('an SSH session text with <HUAWEI> is Huawei', () => {
    expectNamed(identifyText('ssh', 'login banner\r\n<HUAWEI>display version\r\nVRP software\r\n<HUAWEI>'), 'huawei', 'telnet.huawei-vrp-default-prompt');
  });

  it('a Telnet transcript reaching <Huawei> or a system view is Huawei', () => {
    expectNamed(identifyText('telnet', '\r\nLogin authentication\r\n\r\nUsername:admin\r\nPassword:\r\n<Huawei>'), 'huawei', 'telnet.huawei-vrp-default-prompt');
    expectNamed(identifyText('telnet', 'Username:admin\r\nPassword:\r\n<Huawei>system-view\r\n[Huawei-ui-console0] display this'), 'huawei', 'telnet.huawei-vrp-default-prompt');
  });

  it("H3C's and Quidway's defaults, a lower-case XML element and a renamed VRP prompt name nobody", () => {
    for (const s of ['Username:admin\r\nPassword:\r\n<H3C>', '[H3C-GigabitEthernet1/0/1]', '<Quidway>display version', '<huawei>1</huawei>', 'Username:admin\r\nPassword:\r\n<core-sw1>']) {
      expect(identifyText('telnet', s).manufacturer, s).toBeNull();
    }
  });
});
