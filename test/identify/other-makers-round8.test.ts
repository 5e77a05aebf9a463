// Issue 14, round 8 (h8-oth): camera makers outside the high-risk list, end to end through identify. Device values
// are real with their sources named; where the lines around a public value are made up here, the test says "synthetic".
import { describe, expect, it } from 'vitest';
import { capturePayload } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

describe('SNMP system group of Axis and Vivotek devices', () => {
  // sysDescr.0 and sysObjectID.0 as the reporter's snmpwalk prints them (glpi-project/glpi-agent #975, AXIS M3045-V).
  const axisWalk =
    '.1.3.6.1.2.1.1.1.0 = STRING:  ; AXIS M3045-V; Network Camera; 6.15.4.1; Aug 23 2016 13:57; 71B; 1; \n' +
    '.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.368.1.1\n';

  it("an AXIS camera's sysDescr (; AXIS <model>; <type>; <firmware>; …) and enterprise 368 name Axis, confirmed", () => {
    const r = expectNamed(identifyText('snmp', axisWalk), 'axis', 'axis.snmp-sysdescr');
    expect(ruleIds(r)).toContain('axis.snmp-enterprise-oid');
    expect(r.confidence).toBe('confirmed');
    expect(r.model).toBe('M3045-V');
  });

  it('the AXIS OS sysDescr alone names Axis (LibreNMS PR #16783, AXIS Q1656 box camera; synthetic snmpget line around it)', () => {
    const r = expectNamed(identifyText('snmp', 'SNMPv2-MIB::sysDescr.0 = STRING: ; AXIS Q1656; Box Camera; 10.12.240; Jun 03 2024 14:13; 900; 1\n'), 'axis', 'axis.snmp-sysdescr');
    expect(r.model).toBe('Q1656');
  });

  it('the enterprise number alone names Axis (synthetic snmpget line, value from glpi-agent #975)', () => {
    expectNamed(identifyText('snmp', 'SNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.368.1.1\n'), 'axis', 'axis.snmp-enterprise-oid');
  });

  it("Vivotek's enterprise number 23465 names Vivotek (LibreNMS vivotek.yaml; synthetic snmpget lines)", () => {
    const r = identifyText('snmp', 'SNMPv2-MIB::sysDescr.0 = STRING: Linux\nSNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.23465\n');
    expectNamed(r, 'vivotek', 'vivotek.snmp-enterprise-oid');
  });

  it('near misses name neither: enterprise 3680, a Cisco OID with 368 inside, a Linux host called axis (synthetic)', () => {
    for (const p of [
      'SNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.3680.1\n',
      'SNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.9.9.368.4.5\n',
      'SNMPv2-MIB::sysDescr.0 = STRING: Linux axis 2.6.35 #1 PREEMPT armv5tejl\n',
      'SNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.234650.1\n',
    ]) {
      const r = identifyText('snmp', p);
      expect(r.manufacturer, p).not.toBe('axis');
      expect(r.manufacturer, p).not.toBe('vivotek');
    }
  });
});

describe("ffprobe's summary of an RTSP input: the URL it opened is a path the device serves (rtsp.requestUri)", () => {
  // FFmpeg prints `Input #0, rtsp, from '<url>':` only for an input it opened (DESCRIBE answered with success).
  // The form as Frigate and Savant threads paste it (insight-platform/Savant #709: an Axis camera probed on
  // /axis-media/media.amp?camera=1&streamprofile=…); the lines around the URL are synthetic.
  it('an Axis path in the opened URL names Axis, with the GStreamer session name beside it', () => {
    const text = [
      "Input #0, rtsp, from 'rtsp://xxxxx:xxxxx@172.27.61.228:554/axis-media/media.amp?camera=1&streamprofile=NC_use_H265':",
      '  Metadata:',
      '    title           : Session streamed with GStreamer',
      '    comment         : rtsp-server',
      '  Duration: N/A, start: 0.100000, bitrate: N/A',
      '  Stream #0:0: Video: hevc (Main), yuvj420p(pc), 1920x1080, 25 fps, 25 tbr, 90k tbn',
      '',
    ].join('\n');
    expectNamed(identifyText('rtsp', text), 'axis', 'axis.rtsp-media-amp');
  });

  it('a Hanwha SUNAPI path names Hanwha even without a Metadata block (synthetic summary)', () => {
    const text = "Input #0, rtsp, from 'rtsp://*:*@192.168.1.20:554/profile2/media.smp':\n  Duration: N/A, start: 0.000000, bitrate: N/A\n  Stream #0:0: Video: h264 (High), yuv420p, 1920x1080, 30 fps, 30 tbr, 90k tbn\n";
    expectNamed(identifyText('rtsp', text), 'hanwha', 'hanwha.rtsp-media-smp');
  });

  it('a high-risk stream path in the opened URL names nobody: no high-risk rule reads request URIs (synthetic)', () => {
    const text = "Input #0, rtsp, from 'rtsp://admin:x@192.168.1.64:554/Streaming/Channels/101':\n  Duration: N/A\n  Stream #0:0: Video: h264, yuvj420p, 1920x1080, 25 tbr, 90k tbn\n";
    const r = identifyText('rtsp', text);
    expect(r.manufacturer).toBeNull();
    expect(r.risk.level).not.toBe('high');
  });

  it('an ffmpeg command line or an error naming the URL is not an opened input (synthetic)', () => {
    for (const text of [
      'ffprobe rtsp://user:pass@192.168.1.50:554/axis-media/media.amp\n',
      "[rtsp @ 0x55d0] method DESCRIBE failed: 401 Unauthorized\nrtsp://user:pass@192.168.1.50:554/axis-media/media.amp: Server returned 401 Unauthorized (authorization failed)\n",
    ]) expect(ruleIds(identifyText('rtsp', text)), text).not.toContain('axis.rtsp-media-amp');
  });
});

describe("a reply logged on one line with its line ends written as \\r\\n", () => {
  it("a Foscam DESCRIBE reply printed by a JavaScript client's debug log is read (capture dev/foscam-rtsp-319)", () => {
    expectNamed(identifyText('rtsp', capturePayload('foscam-rtsp-319', 'dev')), 'foscam', 'foscam.rtsp-video-main');
  });

  it('a status line with a single escaped line end is left alone (synthetic)', () => {
    const r = identifyText('rtsp', 'RTSP/1.0 200 OK\\r\\nContent-Base: rtsp://192.168.1.9/videoMain/');
    expect(ruleIds(r)).not.toContain('foscam.rtsp-video-main');
  });
});

describe("Hanwha SUNAPI deviceinfo read as key=value lines (no status line)", () => {
  it('an HRX-1620 and an XRN-3210B2 recorder: WebURL and the Wisenet model name Hanwha (captures dev/hanwha-http-303, -304)', () => {
    for (const name of ['hanwha-http-303', 'hanwha-http-304']) {
      const r = expectNamed(identifyText('http', capturePayload(name, 'dev')), 'hanwha', 'hanwha.sunapi-weburl', name);
      expect(ruleIds(r), name).toContain('hanwha.wisenet-model');
    }
  });

  it("another maker's site in WebURL, or the group's site, names nobody (synthetic key=value bodies)", () => {
    for (const url of ['http://www.hikvision.com/', 'https://www.hanwha.com/', 'http://www.hanwhavision.com.example.net/']) {
      const r = identifyText('http', `Model=X1\nWebURL=${url}\nDeviceType=NWC\n`);
      expect(r.manufacturer, url).toBeNull();
    }
  });

  it('a Hanwha recorder listing Dahua cameras is never named Dahua (capture dev/hanwha-http-305)', () => {
    const r = identifyText('http', capturePayload('hanwha-http-305', 'dev'));
    expect(r.manufacturer).not.toBe('dahua');
    expect(r.risk.level).not.toBe('high');
  });
});

describe('a key=value body with no status line is read by the body rules too (as a full reply\'s body is)', () => {
  // AVTECH Machine.cgi?action=get_capability reply of an AVC798HA DVR (projectdiscovery/nuclei-templates PR #1779).
  const avtech = 'Firmware.Version=1011-1005-1008-1002\nMACAddress=00:0E:53:xx:xx:xx\nProduct.Type=DVR\nProduct.ID=308B';

  it('AVTECH capability lines alone, labelled http, name AVTECH', () => {
    expectNamed(identifyText('http', avtech), 'avtech', 'avtech.machine-capability');
  });

  it('a Dahua magicBox key=value body keeps its Dahua reading (synthetic getSystemInfo lines)', () => {
    const r = identifyText('http', 'deviceType=IPC-HDW1230S\nprocessor=S2L55M\nserialNumber=4L05A71PAZ5D4A6\nupdateSerial=IPC-HDW1230S-S2\n');
    expect(r.manufacturer).toBe('dahua');
  });
});

describe('log prefixes and one-line bodies', () => {
  it("homebridge-unifi-protect's prefix naming the recorder and the camera is dropped: the SDP's MAC session name reaches the OUI look-up (capture dev/ubiquiti-rtsp-310)", () => {
    const r = identifyText('rtsp', capturePayload('ubiquiti-rtsp-310', 'dev'));
    expect(ruleIds(r)).toContain('rtsp.unifi-protect-session');
    expect(r.manufacturer).toBe('ubiquiti');
    expect(r.risk.level).not.toBe('high');
  });

  it("VAPIX param.cgi's one-line error is a body, not a Server value (Axis VAPIX documentation copies; axis-js GetParametersResponse)", () => {
    const r = identifyText('http', "# Error: Error -1 getting param in group 'Properties.API.RTP.OnvifReplayExt'");
    expectNamed(r, 'axis', 'axis.vapix-param-error');
  });
});
