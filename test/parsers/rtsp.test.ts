import { describe, it, expect } from 'vitest';
import { parse } from '../../src/parsers/rtsp.js';
import { evidenceFromSample } from '../../src/identify/input.js';
import { sample } from '../probes/corpus.js';

describe('rtsp parser', () => {
  it('Hanwha 401 (hanwha-rtsp-1): Digest realm iPOLiS', () => {
    const [e] = parse(sample('hanwha-rtsp-1.json').payload);
    expect(e).toMatchObject({ kind: 'rtsp', fields: { status: 401, 'auth.scheme': 'Digest', 'auth.realm': 'iPOLiS' } });
  });
  it('Axis 401 with LF endings (axis-rtsp-1): both challenges, Server', () => {
    const [e] = parse(sample('axis-rtsp-1.json').payload);
    expect(e.fields.wwwAuthenticate).toHaveLength(2);
    expect(e.fields.server).toBe('GStreamer RTSP server');
    expect(e.fields['auth.realm']).toBe('AXIS_ACCC8E0CBE87');
  });
  it('Hikvision 401 (hikvision-rtsp-3) realm and TP-Link Public methods (tplink-rtsp-1)', () => {
    expect(parse(sample('hikvision-rtsp-3.json').payload)[0].fields['auth.realm']).toBe('IP Camera(C1214)');
    expect(parse(sample('tplink-rtsp-1.json').payload)[0].fields.public).toContain('MULTITRANS');
  });
  it('SDP session name and bounded a=/m= lines (mercury-rtsp-1, uniview-rtsp-3)', () => {
    const [e] = parse(sample('mercury-rtsp-1.json').payload);
    expect(e.fields['sdp.sessionName']).toBe('Session streamed by "MERCURY RTSP Server"');
    expect(e.fields['sdp.lines']).toContain('m=application/MERCURY 0 RTP/AVP smart/1/90000');
    expect(parse(sample('uniview-rtsp-3.json').payload)[0].fields['sdp.sessionName']).toBe('VCP IPC Realtime stream');
    const many = 'RTSP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nv=0\r\n' + 'a=x\r\n'.repeat(10000);
    expect((parse(many)[0].fields['sdp.lines'] as string[]).length).toBe(64);
  });
  it('ngrep rendering (amcrest-rtsp-1), read by identify → Dahua-family realm "Login to <serial>"', () => {
    const [e] = evidenceFromSample('rtsp', sample('amcrest-rtsp-1.json').payload);
    expect(e.fields['auth.realm']).toBe('Login to AMC0007RVY5EQ6DV29');
    expect(evidenceFromSample('rtsp', sample('dahua-rtsp-1.json').payload)[0].fields.server).toBe('Dahua Rtsp Server');
  });
  it('not RTSP → []', () => {
    expect(parse('HTTP/1.1 200 OK\r\n\r\n')).toEqual([]);
    expect(parse(Buffer.from([0, 1, 2]))).toEqual([]);
  });
});
