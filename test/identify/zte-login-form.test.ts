// Issue 14, round 3: ZTE's ZXHN/F6xx login form fields read end to end through identify. The page lines are real
// (sources named); the HTTP reply around them is synthetic.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { expectNamed } from '../helpers/identify.js';

const page = (body: string) => `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><script>${body}</script></body></html>`;
const id = (body: string) => identifySample('t.json', { protocol: 'http', payload: page(body) });

describe('ZTE login form fields', () => {
  it('the Frm_Logintoken line of a ZXHN login page (mkst/zxhnh298n exploits/login.py) names ZTE', () => {
    const r = id('getObj("Frm_Logintoken").value = "29";');
    expectNamed(r, 'zte', 'body.zte-frm-login-fields');
  });

  it('a newer ZTE login script (juacas/zte_tracker zteclient/README.md) names ZTE', () => {
    expect(id('postData["Username"] = $("#Frm_Username").val();').manufacturer).toBe('zte');
  });

  it('generic login forms name nobody', () => {
    expect(id('var f = document.getElementById("frm_username"); f.name = "Username";').manufacturer).toBeNull();
    expect(id('postData["Username"] = $("#username").val();').manufacturer).toBeNull();
  });
});
