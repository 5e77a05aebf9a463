// Issue 14 (attr-f, round 6b): Xiongmai firmware answers ONVIF GetSnapshotUri with its Sofia web server's snapshot
// CGI, /webcapture.jpg?command=snap&channel=<n> (usually with &user=…&password=… appended). Sources: josuku/
// onvif-events-telegram (iCSee cameras' ONVIF snapshot URI), a Sunba PTZ camera's snapshot beside Xiongmai's RTSP path
// (GitHub code search). Read only from a device's GetSnapshotUri reply (onvif.uris); a preset list names nobody.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const snapshot = (uri: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:trt="http://www.onvif.org/ver10/media/wsdl"><SOAP-ENV:Body><trt:GetSnapshotUriResponse><trt:MediaUri><tt:Uri>${uri}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetSnapshotUriResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

describe('ONVIF GetSnapshotUri: Xiongmai webcapture.jpg', () => {
  it('with credentials in the query, entity-encoded as a SOAP reply carries them (josuku/onvif-events-telegram form)', () => {
    const r = identifyText('onvif', snapshot('http://192.168.1.217/webcapture.jpg?command=snap&amp;channel=0&amp;user=yfyf&amp;password=aZlg5hk1'));
    expectNamed(r, 'xiongmai', 'onvif.xiongmai-webcapture-snapshot');
  });

  it('channel only (a Sunba PTZ camera\'s form without credentials)', () => {
    expectNamed(identifyText('onvif', snapshot('http://192.168.86.23/webcapture.jpg?command=snap&amp;channel=1')), 'xiongmai', 'onvif.xiongmai-webcapture-snapshot');
  });

  it('credentials before command=snap (the order OpenIPC/camerasrnd documents for XM-based cameras)', () => {
    expectNamed(identifyText('onvif', snapshot('http://192.168.1.10/webcapture.jpg?user=admin&amp;password=&amp;command=snap&amp;channel=1')), 'xiongmai', 'onvif.xiongmai-webcapture-snapshot');
  });

  it("JVT's /capture/webCapture.jpg is not Xiongmai's", () => {
    expect(ruleIds(identifyText('onvif', snapshot('http://192.168.1.10/capture/webCapture.jpg?channel=1&amp;FTpsend=0&amp;checkinfo=0')))).not.toContain('onvif.xiongmai-webcapture-snapshot');
  });

  it("Reolink's onvifSnapPic names no high-risk maker", () => {
    const r = identifyText('onvif', snapshot('http://192.168.86.250:80/cgi-bin/api.cgi?cmd=onvifSnapPic&amp;channel=0'));
    expect(['hikvision', 'dahua', 'xiongmai']).not.toContain(r.manufacturer);
    expect(ruleIds(r)).not.toContain('onvif.xiongmai-webcapture-snapshot');
  });

  it('a snapshot preset list in plain text is not a reply', () => {
    const r = identifyText('http', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"xmeye": "/webcapture.jpg?command=snap&channel=1"');
    expect(ruleIds(r)).not.toContain('onvif.xiongmai-webcapture-snapshot');
  });
});
