// `camaudit pcap FILE… | --listen IF --duration S`: the passive route. Names the cameras in a packet capture (a
// SPAN/mirror port, a tap, a firewall export) without sending a packet: the same parsers, rules, attribution,
// policies and reports as a scan. Exit codes as scan: 0, 1 (devices at --fail-on level), 2 bad input, 3 runtime.
import type { Argv } from 'yargs';
import type { CommandSpec } from './index.js';
import type { PcapCliOptions } from '../pcap-run.js';

const EXAMPLES: [string, string][] = [
  ['camaudit pcap span-port.pcapng --out ./audit', 'Who made the cameras in a capture the network team handed over?'],
  ['camaudit pcap monday.pcap.gz tuesday.pcap.gz --json > site.json', 'Several captures of one site (gzip read as is), result as JSON'],
  ['tcpdump -r big.pcap -w - "udp or tcp" | camaudit pcap -', 'A capture from standard input'],
  ['sudo camaudit pcap --listen eth1 --duration 600 --save heard.pcap', 'Listen on a mirror port for 10 minutes (tcpdump; sends nothing)'],
  ['camaudit merge site.json scan.json --out combined.json', 'Then combine the passive and an active result per device'],
];

const spec: CommandSpec = {
  builder: (y: Argv) => {
    let b = y
      .positional('files', { type: 'string', array: true, describe: 'Capture files: pcap (µs/ns) or pcapng, optionally gzip-compressed; "-" reads standard input' })
      .option('listen', { alias: 'L', type: 'string', describe: 'Listen live on this interface through tcpdump instead of reading files' })
      .option('duration', { type: 'number', default: 300, describe: 'With --listen: seconds to listen (Ctrl-C stops early and keeps what was heard)' })
      .option('save', { type: 'string', describe: 'With --listen: also keep the raw capture (pcap) in this file' })
      .option('filter', { type: 'string', describe: 'With --listen: a tcpdump (BPF) filter, e.g. "not port 22"' })
      .option('include-public', { type: 'boolean', default: false, describe: 'Keep public addresses as devices too (default: only RFC 1918, link-local, CGNAT, ULA)' })
      .option('json', { type: 'boolean', default: false, describe: 'Write the machine result as JSON to stdout' })
      .option('out', { alias: 'o', type: 'string', describe: 'Write report files to this folder (an earlier result there is refused unless --force)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an earlier result in the --out folder' })
      .option('format', { type: 'string', describe: 'Report formats for --out, comma-separated (json,csv,html,pdf,cyclonedx)' })
      .option('fail-on', { type: 'string', choices: ['none', 'high', 'elevated', 'unknown'], default: 'high', describe: 'Exit 1 when devices at this risk level or above are found (high > elevated > unknown)' })
      .option('kev', { type: 'string', describe: 'A newer CISA KEV JSON catalogue to check firmware against' })
      .option('policy', { type: 'string', describe: 'Policy ids to apply, comma-separated (default: all)' })
      .option('policy-file', { type: 'string', array: true, describe: 'Your own policy file(s), validated' })
      .option('redact', { type: 'boolean', default: false, describe: 'Mask serial numbers in the result and reports' })
      .option('observations', { type: 'boolean', default: true, describe: 'Keep raw observations (each naming its file, frame and time) in the JSON result' });
    for (const [cmd, what] of EXAMPLES) b = b.example(cmd, what);
    return b.epilog(
      'Reads: Ethernet (802.1Q/QinQ tags), Linux cooked SLL/SLL2, raw IPv4/IPv6; UDP and TCP (IP fragments are counted, not reassembled).\n' +
        'Signals: SADP (UDP 37020 and layer-2 0x8033), DHIP, Xiongmai, DVRIP, SSDP, mDNS, WS-Discovery, HTTP/RTSP/ONVIF responses, TLS certificates (TLS 1.2 and earlier),\n' +
        'DHCP host name/vendor class/parameter list, DNS queries and TLS server names towards the makers\' clouds, the Ethernet source MAC\'s OUI.\n' +
        'Each piece of evidence belongs to the device that sent it and names its packet (file, frame, time).\n' +
        'Exit codes: 0 done, nothing at --fail-on level; 1 devices at that level found; 2 bad input (not a capture, truncated, corrupt) or usage; 3 runtime failure.',
    ) as Argv;
  },
  handler: async (argv) => {
    const a = argv as unknown as Omit<PcapCliOptions, 'files'> & { files?: string[] };
    // yargs drops a lone "-" (stdin) from the positionals; take it from the command line instead.
    const files = (a.files ?? []).map(String);
    if (!files.includes('-') && process.argv.slice(2).includes('-')) files.push('-');
    const { executePcap } = await import('../pcap-run.js');
    return executePcap({ ...a, files });
  },
};
export default spec;
