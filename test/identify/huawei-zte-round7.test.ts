// Round 7 (issue 14): what Huawei's and ZTE's network gear says over HTTP in general, in the forms a scan or a
// pasted log shows, end to end through identify. Values are the public ones the rules cite (fingerprints/rules/
// http-body.json) unless marked synthetic.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText } from '../helpers/identify.js';

const http = (body: string, type = 'text/xml') => identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\n\r\n${body}`);
const bodyOnly = (body: string) => identifyText('http', body);

describe('Huawei HiLink /api/device/signal', () => {
  it("the XML reply a Go client's test replays is Huawei", () => {
    const r = http('<?xml version="1.0" encoding="UTF-8"?>\n<response>\n<pci>43</pci>\n<sc></sc>\n<cell_id>44294436</cell_id>\n<rsrq>-14dB</rsrq>\n<rsrp>-86dBm</rsrp>\n<rssi>-61dBm</rssi>\n<sinr>10dB</sinr>\n<mode>7</mode>\n<ulbandwidth>15MHz</ulbandwidth>\n<dlbandwidth>15MHz</dlbandwidth>\n<txpower>PPusch:8dBm PPucch:-5dBm PSrs:0dBm PPrach:-4dBm</txpower>\n<tdd></tdd>\n<ul_mcs>mcsUpCarrier1:22</ul_mcs>\n<dl_mcs>mcsDownCarrier1Code0:25 mcsDownCarrier1Code1:25 </dl_mcs>\n<earfcn>DL:3025 UL:21025</earfcn>\n<band>7</band>\n</response>\n');
    expectNamed(r, 'huawei', 'body.huawei-hilink-signal');
  });

  it('the same values as huawei-lte-api prints them (Python tuples, pasted without headers) are Huawei', () => {
    const r = bodyOnly("('ulbandwidth', u'15MHz')\n('dlbandwidth', u'15MHz')\n('txpower', u'PPusch:22dBm PPucch:11dBm PSrs:22dBm PPrach:17dBm')\n('tdd', None)\n('ul_mcs', u'mcsUpCarrier1:6')\n('dl_mcs', u'mcsDownCarrier1Code0:1 mcsDownCarrier1Code1:0')\n");
    expectNamed(r, 'huawei', 'body.huawei-hilink-signal');
  });

  it("ZTE goform signal values and a generic label name no Huawei", () => {
    expect(http('{"lte_rsrp":"-73","lte_snr":"12","network_type":"LTE"}', 'application/json').manufacturer).not.toBe('huawei');
    expect(bodyOnly('PUSCH tx power: 8 dBm\nRSRP: -86 dBm').manufacturer).toBeNull();
  });
});

describe('Huawei HiLink status, traffic, notification and login-state replies', () => {
  it("traffic_statistics and check_notifications of a 5G CPE Pro 2 as the client prints them (Salamek/huawei-lte-api #105) are Huawei", () => {
    const r = bodyOnly('{\n    "CurrentConnectTime": "289",\n    "CurrentDownload": "407238382",\n    "CurrentDownloadRate": "443457",\n    "TotalConnectTime": "5344844",\n    "showtraffic": "1"\n}\n{\n    "OnlineUpdateStatus": "14",\n    "SimOperEvent": "0",\n    "SmsStorageFull": "0",\n    "UnreadMessage": "1"\n}');
    expectNamed(r, 'huawei', 'body.huawei-hilink-status-keys');
  });

  it('the /api/user/state-login reply before login is Huawei', () => {
    const r = http('<?xml version="1.0" encoding="UTF-8"?>\n<response>\n<State>-1</State>\n<Username></Username>\n<password_type>4</password_type>\n<firstlogin>1</firstlogin>\n<extern_password_type>1</extern_password_type>\n<accounts_number>2</accounts_number>\n</response>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-status-keys');
  });

  it('generic element names name nobody (synthetic)', () => {
    expect(http('<response><ConnectionStatus>901</ConnectionStatus><CurrentUpload>1</CurrentUpload><State>0</State></response>').manufacturer).toBeNull();
    expect(http('<response><currentnetworktypeex>101</currentnetworktypeex></response>').manufacturer).toBeNull();
  });
});

describe('Huawei ONT web UI scripts', () => {
  it("a login page fetching the token from /asp/GetRandCount.asp is Huawei (synthetic page around the HG8145V5 firmware's call)", () => {
    const page = "<html><head><script language=\"JavaScript\" src=\"/resource/common/md5.js\"></script><script>function SubmitForm(){ var cnt; $.ajax({ type : \"POST\", async : false, cache : false, url : '/asp/GetRandCount.asp', success : function(data) { cnt = data; } }); }</script></head><body></body></html>";
    expectNamed(http(page, 'text/html'), 'huawei', 'body.huawei-ont-login-script');
  });

  it('a page loading /html/bbsp/ modules is Huawei (the HG8145V5 infopage.asp include)', () => {
    const r = http('<script language="javascript" src="/html/bbsp/common/managemode.asp"></script>', 'text/html');
    expectNamed(r, 'huawei', 'body.huawei-ont-login-script');
  });

  it('generic ASP paths name nobody (synthetic)', () => {
    expect(http('<form action="/asp/login.asp"><a href="/html/index.html">x</a></form>', 'text/html').manufacturer).toBeNull();
  });
});

describe('ZTE ONT/router web UI session token and ThinkLua calls', () => {
  it('a page carrying _sessionTmpToken is ZTE (synthetic page in the form the ZTE clients parse)', () => {
    const page = '<html><body><script type="text/javascript">var _sessionTmpToken = "\\x31\\x38\\x33\\x34\\x35\\x36";</script></body></html>';
    expectNamed(http(page, 'text/html'), 'zte', 'body.zte-web-session-token');
  });

  it('a login page calling /?_type=loginData&_tag=login_entry is ZTE (synthetic)', () => {
    const page = '<script>$.ajax({url: "/?_type=loginData&_tag=login_entry", type: "POST"});</script>';
    expectNamed(http(page, 'text/html'), 'zte', 'body.zte-web-session-token');
  });

  it('other token and page-type names name nobody (synthetic)', () => {
    expect(http('<script>var sessionToken = "abc"; fetch("/?_type=json&_tag=x");</script>', 'text/html').manufacturer).toBeNull();
  });
});

describe('ZTE mobile-router firmware build', () => {
  it("an MF266's goform reply with its headers (API notes, MEO Portugal) is ZTE", () => {
    const r = identifyText('http', 'HTTP/1.1 200 OK\nServer: WebServer-Webs\nPragma: no-cache\nCache-Control: no-store\nContent-Type: text/html\nX-Frame-Options: sameorigin\nX-XSS-Protection: 1; mode=block\n\n{"Language":"pt","cr_version":"","wa_inner_version":"BD_MEOPTMF266V1.0.0B06"}\n');
    expectNamed(r, 'zte', 'body.zte-firmware-build');
  });

  it("the modem's ATI lines (OpenWrt forum, MF286D) are ZTE", () => {
    const r = bodyOnly('ATI\nManufacturer: ZTE CORPORATION\nModel: MF286DMODULE\nRevision: BD_TELIAMF286DV1.0.0B12\nSVN: 12\n');
    expectNamed(r, 'zte', 'body.zte-firmware-build');
  });

  it('a white-label hotspot build and a bare version name nobody (synthetic)', () => {
    expect(http('{"cr_version":"","wa_inner_version":"BD_UZ901V1.0.0B01"}', 'text/html').manufacturer).toBeNull();
    expect(http('{"wa_inner_version":"V1.0.0B10"}', 'text/html').manufacturer).toBeNull();
  });
});

describe("Huawei's factory certificate authorities", () => {
  it("a certificate issued under Huawei's ONT CA is Huawei (an ONT firmware analysis's issuer DN)", () => {
    const r = identifyText('tls', 'O=Root CA of HuaWei ONT,1.2.840.113549.1.9.1=support@huawei.com,C=CN,ST=Guangdong,CN=HuaWei ONT CA');
    expectNamed(r, 'huawei', 'tls.huawei-device-ca');
  });

  it('the Huawei Equipment CA in openssl one-line form is Huawei', () => {
    expectNamed(identifyText('tls', '/C=CN/O=Huawei/CN=Huawei Equipment CA'), 'huawei', 'tls.huawei-device-ca');
  });

  it("a public web site's certificate and H3C's name no Huawei device (synthetic)", () => {
    expect(identifyText('tls', 'CN=www.example.org,O=Huawei Cloud Partner Shop,C=DE').manufacturer).not.toBe('huawei');
    expect(identifyText('tls', 'CN=H3C Device CA,O=H3C,C=CN').manufacturer).not.toBe('huawei');
  });
});

describe("mscdex/ssh2's debug log", () => {
  it("the server ident a Node ssh2 client logged (dev/huawei-ssh-186, mscdex/ssh2 #925) reaches the SSH rules: VRP's empty software version", () => {
    const r = identifyText('ssh', "DEBUG: Remote ident: 'SSH-2.0--'\nDEBUG: (remote) KEX algorithms: diffie-hellman-group-exchange-sha256,ecdh-sha2-nistp521,sm2kep-sha2-nistp256\nDEBUG: (remote) Host key formats: ssh-dss,ssh-rsa,ecdsa-sha2-nistp521");
    expectNamed(r, 'huawei', 'ssh.huawei-empty-version');
    expect(r.confidence).toBe('possible');
  });

  it("another server's ident through ssh2-sftp-client's prefix is read as that server's (a dropbear line from an sftp client's docs)", () => {
    const r = identifyText('ssh', "SFTP Debug: Local ident: 'SSH-2.0-ssh2js1.17.0'\nSFTP Debug: Client: Trying 172.26.3.11 on port 22 ...\nSFTP Debug: Socket connected\nSFTP Debug: Remote ident: 'SSH-2.0-dropbear_2019.78'\nSFTP Debug: Outbound: Sending KEXINIT");
    expect(r.manufacturer).not.toBe('huawei');
    // The server's line is the one read (Recog's Dropbear fingerprint on its software version), not the client's own.
    expect(r.evidence.map((e) => [e.field, e.value])).toContainEqual(['ssh.banner', 'dropbear_2019.78']);
  });
});

describe('Huawei HiLink /api/device/signal element names', () => {
  it("a signal reply whose values are empty still names Huawei by its element names (a recorded reply in a monitor's test)", () => {
    const r = http('<response>\n<rrc_status></rrc_status>\n<rac></rac>\n<lac></lac>\n<tac>53281</tac>\n<band>1</band>\n<nei_cellid></nei_cellid>\n<plmn>50502</plmn>\n<ims>0</ims>\n<wdlfreq></wdlfreq>\n<lteulfreq>19499</lteulfreq>\n<ltedlfreq>21399</ltedlfreq>\n</response>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-status-keys');
  });

  it('an E8372 signal dict with no values (Salamek/huawei-lte-api #87) is Huawei by psatt', () => {
    const r = bodyOnly("{'pci': None, 'sc': None, 'cell_id': None, 'rsrq': None, 'rsrp': None, 'rssi': None, 'sinr': None, 'rscp': None, 'ecio': None, 'psatt': '1', 'mode': '7', 'lte_bandwidth': None, 'lte_bandinfo': None}");
    expectNamed(r, 'huawei', 'body.huawei-hilink-status-keys');
  });

  it('generic radio element names name nobody (synthetic)', () => {
    expect(http('<response><pci>35</pci><cell_id>6687</cell_id><rsrp>-81dBm</rsrp><band>1</band></response>').manufacturer).toBeNull();
  });
});


describe('Huawei ONT login page language variables', () => {
  it('a rendered HG8245Q login page script (STC firmware, as saved from the device) is Huawei', () => {
    const page = "<script language=\"JavaScript\" type=\"text/javascript\">\nvar FailStat ='0';\nvar CfgMode ='STC2';\nvar LoginTimes = '0';\nvar ModeCheckTimes = '0';\nvar ProductName = 'HG8245Q';\nvar Var_DefaultLang = 'arabic';\nvar Var_LastLoginLang = 'arabic';\nvar LockTime = '60';\n</script>";
    expectNamed(http(page, 'text/html'), 'huawei', 'body.huawei-ont-login-vars');
  });

  it('generic language variables name nobody (synthetic)', () => {
    expect(http("<script>var DefaultLang = 'english'; var lastLoginLang = 'english';</script>", 'text/html').manufacturer).toBeNull();
  });
});

describe('Huawei HiLink /api/global/module-switch', () => {
  it("the module-switch reply (HiLink API notes) is Huawei", () => {
    const r = http('<?xml version="1.0" encoding="UTF-8"?>\n<response>\n    <ussd_enabled>1</ussd_enabled>\n    <bbou_enabled>1</bbou_enabled>\n    <sms_enabled>1</sms_enabled>\n    <sdcard_enabled>1</sdcard_enabled>\n    <wifi_enabled>1</wifi_enabled>\n    <statistic_enabled>1</statistic_enabled>\n    <help_enabled>1</help_enabled>\n    <stk_enabled>1</stk_enabled>\n    <pb_enabled>1</pb_enabled>\n</response>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-status-keys');
  });

  it('generic feature switches name nobody (synthetic)', () => {
    expect(http('<response><sms_enabled>1</sms_enabled><wifi_enabled>1</wifi_enabled></response>').manufacturer).toBeNull();
  });
});
