// The web login page of Huawei's VRP enterprise gear: 'Log In to AR Web' (AR access routers; GHDB 4374) and
// 'Log In to WLAN Web' (WLAN ACs/APs), both in Greenbone's Huawei VRP HTTP detection (gb_huawei_vrp_network_device_http_detect).
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText } from '../helpers/identify.js';

const page = (title: string): string => `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>${title}</title></head><body></body></html>`;

describe('title.huawei-ar-wlan-web-login', () => {
  it('the AR and WLAN login titles name Huawei', () => {
    for (const t of ['Log In to AR Web', 'Log In to WLAN Web']) expectNamed(identifyText('http', page(t)), 'huawei', 'title.huawei-ar-wlan-web-login', t);
  });

  it("the generic 'Log In to Router Web' and H3C's login title name nobody", () => {
    for (const t of ['Log In to Router Web', 'Web user login']) expect(identifyText('http', page(t)).manufacturer, t).toBeNull();
  });
});
