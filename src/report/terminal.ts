// The summary a person reads in the terminal after a scan. Colours only on a TTY with NO_COLOR unset;
// every string from the result goes through plain() (the one sanitiser), so a device cannot drive the terminal.
import type { DeviceRecord, ScanResult } from '../core/result.js';
import { builtinPolicies } from '../policy/load.js';
import { plain, typeLabel } from './text.js';
import { policyDataLine, policyDataWarning, quotedCondition } from './policy-text.js';
import { coverageLine, scopeParts, vulnerabilityLine } from './summary-text.js';
import { behindWithRecorder, channelLabel, estateLine, estateOf, onlineLabel, perMakerLine } from './estate-text.js';

/** The MAKER cell of a device whose maker is not known: the word an auditor reads, never a blank or 'none'. */
const MAKER_UNKNOWN = 'unknown';
const COLOURS: Record<string, string> = { high: '\x1b[31;1m', elevated: '\x1b[33m', unknown: '\x1b[36m', none: '' };

export function useColour(stream: { isTTY?: boolean } = process.stdout): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}

const EFFECT_RANK = ['binding', 'predicate', 'export-control', 'administrative', 'informational'];

/** Short titles of the built-in policies ("US NDAA §889", "FCC Covered List"); an id is its own label otherwise. */
function policyShortTitles(): Map<string, string> {
  // Unreadable built-in policies are a packaging fault: it throws, and the CLI falls back to the summary line.
  return new Map(builtinPolicies().map((p) => [p.id, p.short_title ?? p.id] as const));
}

/** The policy column: every list, binding ones first, by its short title, never cut (issue 17: NDAA and FCC in full). */
function policyCell(hits: readonly { id: string; effect: string }[], titles: Map<string, string>): string {
  return [...hits]
    .sort((a, b) => EFFECT_RANK.indexOf(a.effect) - EFFECT_RANK.indexOf(b.effect))
    .map((h) => plain(titles.get(h.id) ?? h.id, 80))
    .join('; ');
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function renderTerminal(result: ScanResult, opts: { colour?: boolean } = {}): string {
  const colour = opts.colour ?? useColour();
  const s = result.summary;
  const out: string[] = [];
  // An interrupted scan says so before anything else, and its counts claim only what was reached.
  if (!result.scan.complete) out.push(`${colour ? COLOURS.high : ''}SCAN ${plain(coverageLine(result), 300)}${colour ? '\x1b[0m' : ''}`);
  const hosts = result.scan.complete ? `of ${s.hostsScanned} scanned` : `among ${s.hostsScanned} addresses reached (scan INCOMPLETE)`;
  const src = result.scan.source;
  const where = src?.kind === 'passive'
    ? `seen in ${src.captures.reduce((n, c) => n + c.frames, 0)} captured frame(s) of ${src.captures.length} capture(s) (passive read, nothing sent)${result.scan.complete ? '' : ' (INCOMPLETE)'}`
    : `found on ${s.hostsAlive} live host(s) ${hosts}`;
  out.push(`${s.devices} device(s) ${where}: ${s.cameras} camera/NVR/DVR, ${s.high} high risk, ${s.elevated} elevated, ${s.unknown} unknown`);
  const vulns = vulnerabilityLine(result.devices);
  if (vulns) out.push(`${plain(vulns, 400)}.`);
  out.push(`Scope: ${plain(scopeParts(result, 8).filter((p) => p.label !== 'Complete').map((p) => `${p.label.toLowerCase()} ${p.value}`).join('; '), 600)}.`);
  // The FOI-style count: seen, behind recorders, not enumerated, and per maker (totals add up).
  const estate = estateOf(result);
  if (estate.recorders) {
    out.push(`Estate: ${plain(estateLine(estate), 400)}.`);
    out.push(`Per maker (seen + behind = total): ${plain(perMakerLine(estate), 1200)}.`);
  }
  out.push(`${plain(policyDataLine(result), 200)}.`);
  const stale = policyDataWarning(result);
  if (stale) out.push(`WARNING: ${plain(stale, 400)}`);
  const unknown = result.devices.filter((d) => d.risk.level === 'unknown');
  const behind = behindWithRecorder(result);
  const unknownBehind = behind.filter(({ b }) => b.risk.level === 'unknown');
  // The line an auditor must not miss: video equipment nobody could name.
  if (unknown.length) out.push(`${colour ? COLOURS.unknown : ''}${unknown.length} camera/NVR/DVR of UNKNOWN maker — check by hand (listed below)${colour ? '\x1b[0m' : ''}`);
  if (unknownBehind.length) out.push(`${colour ? COLOURS.unknown : ''}${unknownBehind.length} camera(s) behind recorders of UNKNOWN maker — check by hand (listed below)${colour ? '\x1b[0m' : ''}`);
  if (!result.devices.length) return out.join('\n') + '\n';
  const titles = policyShortTitles();
  // Each recorder is followed by the cameras it listed behind it, indented under it.
  const rows = result.devices.flatMap((d) => [
    [
      plain(d.ip, 40),
      plain(d.risk.level, 12),
      plain(typeLabel(d), 24),
      plain(d.manufacturerName ?? d.manufacturer ?? MAKER_UNKNOWN, 24),
      plain(d.brand ?? '', 20),
      plain(d.model ?? '', 24),
      plain(d.firmware ?? '', 28),
      policyCell(d.risk.policies, titles),
    ],
    ...(d.recorder?.behind ?? []).map((b) => [
      `  └ ${plain(channelLabel(b), 24)}`,
      plain(b.risk.level, 12),
      plain(typeLabel(b), 24),
      plain(b.manufacturerName ?? b.manufacturer ?? MAKER_UNKNOWN, 24),
      plain(b.brand ?? '', 20),
      plain(b.model ?? '', 24),
      plain(b.firmware ?? '', 28),
      policyCell(b.risk.policies, titles),
    ]),
  ]);
  const head = ['IP', 'RISK', 'TYPE', 'MAKER', 'BRAND', 'MODEL', 'FIRMWARE', 'POLICIES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  out.push('');
  out.push(head.map((h, i) => pad(h, widths[i])).join('  ').trimEnd());
  for (const r of rows) {
    const cells = r.map((c, i) => pad(c, widths[i]));
    if (colour && COLOURS[r[1]]) cells[1] = `${COLOURS[r[1]]}${cells[1]}\x1b[0m`;
    out.push(cells.join('  ').trimEnd());
  }
  const recorders = result.devices.filter((d) => d.recorder);
  if (recorders.length) {
    out.push('', 'Recorders and the cameras behind them (camaudit never contacts a camera behind a recorder):');
    for (const d of recorders.slice(0, 500)) {
      const r = d.recorder!;
      out.push(`  ${plain(d.ip, 40)}  ${plain(d.model ?? d.manufacturerName ?? 'recorder', 40)}: ${plain(r.statement, 200)}`);
      out.push(`      channels: ${plain(r.capacityWhy, 300)}${r.capacityConflicts.length ? `; also: ${plain(r.capacityConflicts.join('; '), 300)}` : ''}`);
      out.push(`      channel list: ${plain(r.channelList, 300)}`);
      for (const b of r.behind.slice(0, 512)) {
        const state = onlineLabel(b);
        out.push(
          `      ${plain(channelLabel(b), 24)}${b.channelName ? ` "${plain(b.channelName, 40)}"` : ''}${b.address ? ` at ${plain(b.address, 60)}` : ''}${state ? `, ${state}` : ''}: ${plain(b.rationale, 200)}${b.seenAs ? ` (also seen on the network at ${plain(b.seenAs, 40)})` : ''}`,
        );
      }
    }
  }
  if (unknown.length || unknownBehind.length) {
    out.push('', 'Unknown — check by hand:', ...unknown.slice(0, 500).flatMap(unknownLines));
    for (const { recorder, b } of unknownBehind.slice(0, 500)) {
      out.push(`  ${plain(recorder.ip, 40)} ${plain(channelLabel(b), 24)}  ${plain(typeLabel(b), 40)}: ${plain(b.risk.reason, 300)}`);
      if (b.risk.checks?.length) out.push(`      check: ${plain(b.risk.checks.join('; '), 400)}`);
    }
  }
  // Known exploited vulnerabilities, one line each, so the terminal carries the verdicts and not just a count.
  const kev = [
    ...result.devices.map((d) => ({ where: d.ip, vulns: d.vulnerabilities })),
    ...behind.map(({ recorder, b }) => ({ where: `${recorder.ip} ${channelLabel(b)}`, vulns: b.vulnerabilities })),
  ].flatMap(({ where, vulns }) => vulns.filter((v) => v.verdict !== 'not affected').map((v) => ({ d: { ip: where }, v })));
  if (kev.length) {
    const catalogue = result.fingerprints.kevCatalogVersion ? ` (CISA KEV catalogue ${plain(result.fingerprints.kevCatalogVersion, 40)})` : '';
    out.push('', `Known exploited vulnerabilities${catalogue}:`);
    for (const { d, v } of kev.slice(0, 200)) out.push(`  ${plain(d.ip, 60)}  ${plain(v.cve, 24)}  ${plain(v.verdict, 24)}${v.kevDateAdded ? `, in KEV since ${plain(v.kevDateAdded, 12)}` : ''}: ${plain(v.reason, 160)}`);
  }
  // The words of each list that decided a verdict, once per list and wording, with their source or marked a paraphrase.
  const conditions = new Map<string, string>();
  for (const d of [...result.devices, ...behind.map((x) => x.b)]) for (const h of d.risk.policies) conditions.set(`${h.id}\0${h.condition}`, `  ${plain(h.id, 64)}: ${plain(quotedCondition(h), 1200)}`);
  if (conditions.size) out.push('', 'Policy conditions quoted:', ...[...conditions.values()].slice(0, 50));
  return out.join('\n') + '\n';
}

/** An unknown device: what was seen, and what to check. */
function unknownLines(d: DeviceRecord): string[] {
  const seen = [d.risk.reason, d.services.length ? `ports ${d.services.map((s) => `${s.port}/${s.protocol}`).join(', ')}` : '', d.mac ? `MAC ${d.mac}` : '', d.hostnames.length ? `names ${d.hostnames.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
  const lines = [`  ${plain(d.ip, 40)}  ${plain(typeLabel(d), 40)}: ${plain(seen, 300)}`];
  if (d.risk.checks?.length) lines.push(`      check: ${plain(d.risk.checks.join('; '), 400)}`);
  return lines;
}
