// One self-contained HTML report: no external request of any kind (CSP default-src 'none', inline
// style, one inline script allowed by its hash), readable on screen and on A4 paper. Every string
// that came from a device, a file or the user goes through escapeHtml.
import { createHash } from 'node:crypto';
import type { DeviceRecord, ScanResult } from '../core/result.js';
import { builtinPolicies } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';
import { resultSha256 } from './json.js';
import { escapeHtml as attr, escapeWords as e, RISK_ORDER, typeLabel } from './text.js';
import { countByMaker } from '../core/maker-count.js';
import { failureNote } from '../core/failure.js';
import { policyDataLine, policyDataWarning, quoteLabel } from './policy-text.js';
import { behindWithRecorder, channelLabel, estateLine, estateOf, onlineLabel } from './estate-text.js';
import type { BehindDevice, EstateCounts } from '../core/result.js';
import { addressesInScope, coverageLine, scopeParts, vulnerabilityCounts } from './summary-text.js';

// Sort on header click, filter by text and risk. Reads cell text only (never innerHTML).
const SCRIPT = `(function(){
var t=document.getElementById('devices');if(!t)return;var tb=t.tBodies[0];
var q=document.getElementById('filter'),r=document.getElementById('riskfilter');
function apply(){var s=(q.value||'').toLowerCase(),rv=r.value;
for(var i=0;i<tb.rows.length;i++){var row=tb.rows[i];var ok=(!s||row.textContent.toLowerCase().indexOf(s)>=0)&&(!rv||row.getAttribute('data-risk')===rv);row.hidden=!ok;}}
q.addEventListener('input',apply);r.addEventListener('change',apply);
var ths=t.tHead.rows[0].cells;for(var c=0;c<ths.length;c++){(function(c){ths[c].addEventListener('click',function(){
var asc=ths[c].getAttribute('data-dir')!=='asc';for(var k=0;k<ths.length;k++)ths[k].removeAttribute('data-dir');ths[c].setAttribute('data-dir',asc?'asc':'desc');
var rows=Array.prototype.slice.call(tb.rows);rows.sort(function(a,b){var x=a.cells[c].getAttribute('data-sort')||a.cells[c].textContent,y=b.cells[c].getAttribute('data-sort')||b.cells[c].textContent;
return (asc?1:-1)*x.localeCompare(y,undefined,{numeric:true});});rows.forEach(function(x){tb.appendChild(x);});});})(c);}
})();`;
export const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');
export const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

const STYLE = `
:root{--high:#b00020;--elevated:#b35c00;--unknown:#1f5f8b;--none:#3b6e3b;--line:#ccc}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#111;overflow-wrap:break-word}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #333;padding-bottom:.2em;margin-top:1.8em}
.tw{overflow-x:auto;max-width:100%;margin:.5em 0}.tw>table{margin:0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid var(--line);padding:.25em .45em;vertical-align:top;text-align:left;overflow-wrap:normal;word-break:normal}
.w,.nw{white-space:nowrap}.ponly{display:none}.lw{overflow-wrap:anywhere;word-break:break-all}
#devices td.pol{min-width:8em}
th{background:#f0f0f0}#devices th{cursor:pointer}#devices th[data-dir=asc]::after{content:" ▲"}#devices th[data-dir=desc]::after{content:" ▼"}
.risk{font-weight:bold;padding:0 .35em;border-radius:3px;color:#fff;white-space:nowrap}
.risk-high{background:var(--high)}.risk-elevated{background:var(--elevated)}.risk-unknown{background:var(--unknown)}.risk-none{background:var(--none)}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid var(--line);border-radius:6px;padding:.5em 1em;min-width:8em}.card b{font-size:1.6em;display:block}
figure{margin:1em 0;max-width:100%}figure svg{max-width:100%;height:auto}
blockquote{border-left:4px solid #999;margin:.5em 0;padding:.2em .8em;background:#f7f7f7;white-space:pre-wrap}
.muted{color:#555}.warn{border:2px solid var(--elevated);border-radius:6px;padding:.4em .8em}.device{border:1px solid var(--line);border-radius:6px;padding:.5em 1em;margin:1em 0;page-break-inside:avoid;break-inside:avoid}
code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
.controls{margin:.5em 0;display:flex;flex-wrap:wrap;gap:.5em 1em}.controls input{padding:.2em;width:20em;max-width:100%}
tr.behind td:first-child{padding-left:1.6em}tr.behind{background:#fafafa}details.recorder{border:1px solid var(--line);border-radius:6px;padding:.4em 1em;margin:.6em 0}details.recorder summary{cursor:pointer}
.incomplete{border:3px solid var(--high);border-left-width:10px;border-radius:6px;padding:.6em 1em;margin:1em 0;background:#fdecee;font-size:1.1em}
.alert{border:2px solid var(--unknown);border-left-width:8px;border-radius:6px;padding:.5em 1em;margin:1em 0;background:#eef4f9}.alert b.n{font-size:1.4em}
@media (max-width:600px){body{margin:1em auto;padding:0 .6em}.device{padding:.4em .6em}.card{min-width:6em;padding:.4em .7em}}
@media print{@page{size:A4;margin:14mm 12mm}.ponly{display:inline}.sonly{display:none}body{margin:0;max-width:none;padding:0;font-size:10.5px}.tw{overflow:visible}#devices{font-size:.86em}#devices td,#devices th{padding:.2em .3em}.controls{display:none}#devices th{cursor:auto}h2{page-break-after:avoid;break-after:avoid}tr{page-break-inside:avoid;break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

const COLOURS: Record<string, string> = { high: '#b00020', elevated: '#b35c00', unknown: '#1f5f8b', none: '#3b6e3b' };

function badge(level: string): string {
  return `<span class="risk risk-${attr(level)}">${e(level)}</span>`;
}

/** A small horizontal bar chart as inline SVG (no script, no external resource). */
function barChart(title: string, bars: { label: string; value: number; colour: string }[]): string {
  const rowH = 22;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = 460;
  const labelW = 150;
  const rows = bars
    .map((b, i) => {
      const w = Math.round(((width - labelW - 50) * b.value) / max);
      const y = i * rowH;
      return `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" font-size="12">${attr(b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label)}</text><rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 6}" fill="${attr(b.colour)}"></rect><text x="${labelW + w + 4}" y="${y + 15}" font-size="12">${b.value}</text>`;
    })
    .join('');
  return `<figure><svg role="img" aria-label="${attr(title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.max(rowH, bars.length * rowH)}" viewBox="0 0 ${width} ${Math.max(rowH, bars.length * rowH)}">${rows}</svg><figcaption class="muted">${e(title)}</figcaption></figure>`;
}

function list(values: readonly unknown[]): string {
  return values.length ? values.map((v) => e(v)).join('<br>') : '<span class="muted">—</span>';
}

function levelOfEffect(effect: string | undefined): string {
  return effect === 'binding' ? 'high' : effect === 'informational' ? 'none' : 'elevated';
}

/** Short policy labels for the device table, binding lists first ("US NDAA §889; FCC Covered List; …"). */
type PolicyLabel = (id: string) => { label: string; rank: number };

function deviceRow(d: DeviceRecord, i: number, label: PolicyLabel): string {
  const risk = RISK_ORDER.indexOf(d.risk.level as (typeof RISK_ORDER)[number]);
  const ipSort = d.ip.split('.').map((x) => x.padStart(3, '0')).join('.');
  // The lists that set the verdict (binding lists for "high"), then how many more apply: the full set,
  // with each condition quoted, is in the device's details.
  const ranked = d.risk.policies.map((p) => ({ ...label(p.id), effect: p.effect })).sort((a, b) => a.rank - b.rank);
  const decisive = ranked.filter((p) => levelOfEffect(p.effect) === d.risk.level);
  const shown = decisive.length ? decisive : ranked.slice(0, 1);
  const more = ranked.length - shown.length;
  const pols = [...shown.map((p) => p.label), ...(more > 0 ? [`+${more} more`] : [])];
  const notes = d.notes.length ? `<br><span class="muted nw">${d.notes.length} note${d.notes.length > 1 ? 's' : ''}</span>` : '';
  const maker = d.manufacturerName ?? d.manufacturer ?? 'unknown';
  // On paper the brand goes under the maker and the firmware under the model (.ponly), so that the table fits an
  // A4 line without breaking a word; on screen they are columns of their own (.sonly).
  const makerCell = `${e(maker)}${d.brand ? `<span class="ponly"><br>${e(`brand ${d.brand}`)}</span>` : ''}${d.confidence ? `<br><span class="muted">${e(d.confidence)}</span>` : ''}`;
  const modelCell = `${e(d.model ?? '')}${d.firmware ? `<span class="ponly"><br>${e(d.firmware)}</span>` : ''}`;
  // Each CVE with its verdict: "possibly affected" (maker or model listed, firmware not read) is not "affected".
  const kev = d.vulnerabilities.map((v) => `${e(v.cve)} <span class="muted">${e(`(${v.verdict})`)}</span>`).join('<br>');
  return `<tr data-risk="${attr(d.risk.level)}"><td class="nw" data-sort="${attr(ipSort)}"><a href="#dev-${i}">${e(d.ip)}</a>${notes}</td><td data-sort="${risk}">${badge(d.risk.level)}</td><td data-sort="${attr(maker)}">${makerCell}</td><td class="sonly">${e(d.brand ?? '')}</td><td data-sort="${attr(d.model ?? '')}">${modelCell}</td><td class="sonly">${e(d.firmware ?? '')}</td><td>${e(typeLabel(d))}</td><td class="pol">${pols.map((p) => e(p)).join('; ')}</td><td>${kev}</td></tr>`;
}

/** A camera behind a recorder, as a row under its recorder in the device table. */
function behindRow(recorder: DeviceRecord, b: BehindDevice, i: number, label: PolicyLabel): string {
  const risk = RISK_ORDER.indexOf(b.risk.level as (typeof RISK_ORDER)[number]);
  const ipSort = `${recorder.ip.split('.').map((x) => x.padStart(3, '0')).join('.')}~${b.analogue ? 'a' : 'd'}${String(b.channel).padStart(4, '0')}`;
  const pols = b.risk.policies.map((p) => label(p.id)).sort((a, c) => a.rank - c.rank).map((p) => p.label);
  const maker = b.manufacturerName ?? b.manufacturer ?? 'unknown';
  // The same columns as a device row (brand and firmware under maker and model on paper).
  const makerCell = `${e(maker)}${b.brand ? `<span class="ponly"><br>${e(`brand ${b.brand}`)}</span>` : ''}${b.confidence ? `<br><span class="muted">${e(b.confidence)}</span>` : ''}`;
  const modelCell = `${e(b.model ?? '')}${b.firmware ? `<span class="ponly"><br>${e(b.firmware)}</span>` : ''}`;
  const kev = b.vulnerabilities.map((v) => `${e(v.cve)} <span class="muted">${e(`(${v.verdict})`)}</span>`).join('<br>');
  return `<tr class="behind" data-risk="${attr(b.risk.level)}"><td class="nw" data-sort="${attr(ipSort)}">↳ <a href="#rec-${i}">${e(channelLabel(b))}</a><br><span class="muted">behind ${e(recorder.ip)}</span></td><td data-sort="${risk}">${badge(b.risk.level)}</td><td data-sort="${attr(maker)}">${makerCell}</td><td class="sonly">${e(b.brand ?? '')}</td><td data-sort="${attr(b.model ?? '')}">${modelCell}</td><td class="sonly">${e(b.firmware ?? '')}</td><td>${e(typeLabel(b))}</td><td class="pol">${pols.map((p) => e(p)).join('; ')}</td><td>${kev}</td></tr>`;
}

/** Seen / behind / not enumerated, and the per-maker totals (seen + behind = total). */
function estateSection(est: EstateCounts): string {
  if (!est.recorders) return '';
  const rows = Object.entries(est.byMaker)
    .map(([m, r]) => `<tr><td>${e(m === 'unknown' ? 'maker not established' : m)}</td><td>${r.seen}</td><td>${r.behind}</td><td><b>${r.total}</b></td></tr>`)
    .join('');
  const sum = Object.values(est.byMaker).reduce((a, r) => ({ seen: a.seen + r.seen, behind: a.behind + r.behind, total: a.total + r.total }), { seen: 0, behind: 0, total: 0 });
  return `<h3>Devices seen, cameras behind recorders, channels not enumerated</h3>
<div class="cards">
<div class="card"><b>${est.seen}</b>seen on the network (${est.seenVideo} camera/NVR/DVR)</div>
<div class="card"><b>${est.behind}</b>cameras behind ${est.recorders} recorder${est.recorders === 1 ? '' : 's'} (enumerated)</div>
<div class="card"><b>${est.notEnumerated}</b><a href="#recorders">channels not enumerated</a>: up to ${est.notEnumerated} more cameras not visible from here</div>
</div>
<p class="muted">${e(estateLine(est))}.</p>
<div class="tw"><table><thead><tr><th>Maker</th><th>Seen on the network</th><th>Behind recorders</th><th>Total</th></tr></thead><tbody>${rows}
<tr><td><b>All makers</b></td><td>${sum.seen}</td><td>${sum.behind}</td><td><b>${sum.total}</b></td></tr>
<tr><td>Channels not enumerated (maker unknown)</td><td></td><td></td><td>up to ${est.notEnumerated}</td></tr></tbody></table></div>`;
}

/** One recorder, expandable to the cameras it lists on its channels. */
function recorderSection(d: DeviceRecord, i: number): string {
  const r = d.recorder!;
  const cams = r.behind.length
    ? // On paper the name goes under the channel and firmware and serial under the model (.ponly), so that the
      // table fits an A4 line without breaking a word; on screen they are columns of their own (.sonly).
      `<div class="tw"><table><thead><tr><th>Channel<span class="ponly"> / name</span></th><th class="sonly">Name</th><th>Address on the recorder's side</th><th>State</th><th>Maker</th><th>Model<span class="ponly"> / firmware / serial</span></th><th class="sonly">Firmware</th><th class="sonly">Serial</th><th>Risk</th><th>Attribution</th></tr></thead><tbody>${r.behind
        .map(
          (b) =>
            `<tr><td><span class="nw">${e(channelLabel(b))}</span>${b.channelName ? `<span class="ponly"><br>${e(b.channelName)}</span>` : ''}</td><td class="sonly">${e(b.channelName ?? '')}</td><td class="mono">${e(b.address ?? '—')}${b.protocol ? `<br><span class="muted">${e(b.protocol)}</span>` : ''}</td><td>${e(onlineLabel(b))}</td><td>${e(b.manufacturerName ?? b.manufacturer ?? 'not established')}</td><td>${e(b.model ?? '')}${b.firmware ? `<span class="ponly"><br><span class="mono">${e(b.firmware)}</span></span>` : ''}${b.serial ? `<span class="ponly"><br><span class="mono">${e(b.serial)}</span></span>` : ''}</td><td class="mono sonly">${e(b.firmware ?? '')}</td><td class="mono sonly">${e(b.serial ?? '')}</td><td>${badge(b.risk.level)}${b.risk.policies.length ? `<br>${e(b.risk.policies.map((p) => p.id).join(', '))}` : ''}</td><td>${e(b.rationale)}${b.seenAs ? `<br><span class="muted">also seen on the network at ${e(b.seenAs)}</span>` : ''}${b.notes.length ? `<br><span class="muted">${list(b.notes.slice(0, 5))}</span>` : ''}</td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : '<p class="muted">The recorder listed no camera (see how its channel list was read above).</p>';
  return `<details class="recorder" id="rec-${i}" open><summary><b>${e(d.ip)}</b> ${e(d.manufacturerName ?? d.manufacturer ?? '')} ${e(d.model ?? '')} — ${e(r.statement)}</summary>
<p>Channels: ${e(r.capacityWhy)}${r.capacityConflicts.length ? `<br>Also said: ${e(r.capacityConflicts.join('; '))}` : ''}<br>Channel list: ${e(r.channelList)}</p>
${cams}</details>`;
}

const EFFECT_RANK = ['binding', 'predicate', 'export-control', 'administrative', 'informational'];

function deviceDetail(d: DeviceRecord, i: number): string {
  // Binding lists first: they are the ones that make a device "high".
  const hits = [...d.risk.policies].sort((a, b) => EFFECT_RANK.indexOf(a.effect) - EFFECT_RANK.indexOf(b.effect));
  const policies = hits.length
    ? `<div class="tw"><table><thead><tr><th style="width:24%">Policy</th><th style="width:26%">Basis</th><th>Condition quoted</th></tr></thead><tbody>${hits
        .map((p) => `<tr><td>${e(p.title)}<br><code>${e(p.id)}</code><br><b>${e(p.effect)}</b>${p.inferred ? ' (inferred)' : ''}</td><td>${e(p.basis)}</td><td><blockquote>${e(p.condition)}</blockquote>${quoteLine(p.conditionVerbatim, p.conditionSource)}</td></tr>`)
        .join('')}</tbody></table></div>`
    : '<p class="muted">No policy list covers this device’s maker (or the maker could not be established).</p>';
  const vulns = d.vulnerabilities.length
    ? `<div class="tw"><table><thead><tr><th>CVE</th><th>Name</th><th>Verdict</th><th>Reason</th><th>KEV added</th></tr></thead><tbody>${d.vulnerabilities
        .map((v) => `<tr><td><code>${e(v.cve)}</code></td><td>${e(v.name)}</td><td>${e(v.verdict)}</td><td>${e(v.reason)}</td><td>${e(v.kevDateAdded ?? '')}</td></tr>`)
        .join('')}</tbody></table></div>`
    : '<p class="muted">No known exploited vulnerability matched.</p>';
  const evidence = d.evidence.length
    ? `<div class="tw"><table><thead><tr><th>Module</th><th>Field</th><th>Value</th><th>Rule</th><th>Concludes</th></tr></thead><tbody>${d.evidence
        .slice(0, 200)
        .map((x) => `<tr><td>${e(x.module)}</td><td><code>${e(x.field)}</code></td><td class="mono">${e(String(x.value).slice(0, 500))}</td><td>${e(x.rule ?? '')}</td><td>${e(x.concludes ?? '')}</td></tr>`)
        .join('')}</tbody></table></div>`
    : '<p class="muted">No evidence recorded.</p>';
  const services = d.services.length ? d.services.map((s) => `${s.port}/${e(s.protocol)}${s.product ? ` (${e(s.product)})` : ''}`).join(', ') : '—';
  return `<section class="device" id="dev-${i}"><h3>${e(d.ip)} ${badge(d.risk.level)} ${e(d.manufacturerName ?? d.manufacturer ?? 'maker not established')}${d.model ? ` ${e(d.model)}` : ''}</h3>
<div class="tw"><table><tbody>
<tr><th>MAC</th><td class="mono">${e(d.mac ?? '—')}</td><th>Hostnames</th><td>${list(d.hostnames)}</td></tr>
<tr><th>Brand</th><td>${e(d.brand ?? '—')}</td><th>Serial</th><td class="mono">${e(d.serial ?? '—')}</td></tr>
<tr><th>Firmware</th><td class="mono">${e(d.firmware ?? '—')}</td><th>Maker confidence</th><td>${e(d.confidence ?? '—')}</td></tr>
<tr><th>Services</th><td colspan="3">${services}</td></tr>
<tr><th>Device type</th><td colspan="3">${e(typeLabel(d))}${d.deviceTypeRationale ? ` — ${e(d.deviceTypeRationale)}` : ''}</td></tr>
<tr><th>Attribution</th><td colspan="3">${e(d.rationale)}</td></tr>
<tr><th>Risk</th><td colspan="3">${badge(d.risk.level)} ${e(d.risk.reason)}${d.risk.checks?.length ? `<br>Check by hand: ${e(d.risk.checks.join('; '))}` : ''}</td></tr>
${d.conflicts.length ? `<tr><th>Conflicts</th><td colspan="3">${list(d.conflicts)}</td></tr>` : ''}
${d.claims?.length ? `<tr><th>Device says</th><td colspan="3">${list(d.claims.map((c) => `${c.field}: ${c.value} (${c.source})`))}</td></tr>` : ''}
${d.notes.length ? `<tr><th>Notes</th><td colspan="3">${list(d.notes.slice(0, 50))}</td></tr>` : ''}
${d.credentials ? `<tr><th>Credentials</th><td colspan="3">${list(Object.entries(d.credentials).map(([k, v]) => `${k}: ${v}`))}</td></tr>` : ''}
${d.recorder ? `<tr><th>Channels</th><td colspan="3">${e(d.recorder.statement)} — ${e(d.recorder.capacityWhy)}<br>Channel list: ${e(d.recorder.channelList)}${d.recorder.behind.length ? ` · <a href="#recorders">cameras behind it</a>` : ''}</td></tr>` : ''}
${d.sources?.length ? `<tr><th>From scans</th><td colspan="3" class="mono">${list(d.sources)}</td></tr>` : ''}
</tbody></table></div>
<h4>Policies</h4>${policies}<h4>Known exploited vulnerabilities</h4>${vulns}<h4>Evidence</h4>${evidence}</section>`;
}

/** "Source: …" under a verbatim quote, "Paraphrase; source: …" under one that is not. */
function quoteLine(verbatim: boolean | undefined, source: string | undefined): string {
  const label = quoteLabel(verbatim, source);
  return label ? `<p class="muted">${e(label.charAt(0).toUpperCase() + label.slice(1))}</p>` : '';
}

/** The "Unknown — check by hand" list: each device, what the scan saw, and what to check. */
function unknownSection(devices: readonly DeviceRecord[], indexOf: (d: DeviceRecord) => number): string {
  const unknown = devices.filter((d) => d.risk.level === 'unknown');
  const behind = devices.flatMap((r) => (r.recorder?.behind ?? []).filter((b) => b.risk.level === 'unknown').map((b) => ({ r, b })));
  if (!unknown.length && !behind.length) return '';
  const behindRows = behind
    .map(({ r, b }) => `<tr><td class="nw"><a href="#dev-${indexOf(r)}">${e(r.ip)}</a> ${e(channelLabel(b))}<br><span class="muted">behind the recorder</span></td><td><b>${e(typeLabel(b))}</b>: ${e(b.risk.reason)}${b.model ? `<br>model ${e(b.model)}` : ''}${b.address ? `<br>address on the recorder's side <span class="mono">${e(b.address)}</span>` : ''}</td><td><ul>${(b.risk.checks ?? []).map((c) => `<li>${e(c)}</li>`).join('')}</ul></td></tr>`)
    .join('\n');
  const rows = unknown
    .map((d) => {
      const typeEvidence = d.evidence.filter((x) => /deviceType=/.test(x.concludes ?? '')).slice(0, 6);
      const seen = [
        `<b>${e(typeLabel(d))}</b>: ${e(d.risk.reason)}`,
        ...typeEvidence.map((x) => `<code>${e(x.field)}</code> = <span class="mono">${e(String(x.value).slice(0, 160))}</span>`),
        d.services.length ? `ports ${e(d.services.map((s) => `${s.port}/${s.protocol}${s.product ? ` (${s.product})` : ''}`).join(', '))}` : '',
        d.mac ? `MAC <span class="mono">${e(d.mac)}</span>` : '',
        d.hostnames.length ? `names ${e(d.hostnames.join(', '))}` : '',
      ].filter(Boolean);
      return `<tr><td class="nw"><a href="#dev-${indexOf(d)}">${e(d.ip)}</a></td><td>${seen.join('<br>')}</td><td><ul>${(d.risk.checks ?? []).map((c) => `<li>${e(c)}</li>`).join('')}</ul></td></tr>`;
    })
    .join('\n');
  return `<h2 id="unknown">Unknown — check by hand</h2>
<p>These devices show the evidence of video equipment below, but the scan could not establish who made them (or only a possible maker no list covers). They are not cleared: check each by hand.</p>
<div class="tw"><table><thead><tr><th>IP</th><th>What the scan saw</th><th>What to check</th></tr></thead><tbody>${rows}${behindRows ? `\n${behindRows}` : ''}</tbody></table></div>`;
}

function policyFull(p: Policy, used: boolean): string {
  const dates = Object.entries(p.dates).map(([k, v]) => `${k.replace(/_/g, ' ')}: ${Array.isArray(v) ? v.join('; ') : v}`);
  const covers = p.watch
    ? `<span class="muted">No covered maker: a watch record, kept so this report can say the list was checked. It decides no verdict.</span>`
    : list(p.covered.map((c) => `${c.vendor ?? `any maker where ${c.vendor_predicate}`}: ${c.equipment}${c.condition ? ` — ${c.condition}` : ''}${c.date_added ? ` (added ${c.date_added})` : ''}`));
  const number = p.number === null ? `none — ${e(p.number_note ?? '')}` : `${e(p.number ?? '—')}${p.number_note ? ` <span class="muted">(${e(p.number_note)})</span>` : ''}`;
  return `<section class="device"><h3>${e(p.title)} <code>${e(p.id)}</code>${used ? '' : ' <span class="muted">(no device matched)</span>'}</h3>
<div class="tw"><table><tbody>${p.official_title ? `<tr><th>Official title</th><td colspan="3">${e(p.official_title)}</td></tr>` : ''}
<tr><th>Number</th><td colspan="3">${number}</td></tr>
<tr><th>Jurisdiction</th><td>${e(p.jurisdiction)}</td><th>Effect</th><td>${e(p.effect)}</td></tr>
<tr><th>Issuer / instrument</th><td colspan="3">${e(p.issuer)} — ${e(p.instrument)}</td></tr>
<tr><th>Date / address</th><td colspan="3">${e(p.date ?? '—')}${p.url ? ` · ${e(p.url)}` : ''}</td></tr>
<tr><th>Dates</th><td colspan="3">${list(dates)}</td></tr>
<tr><th>Whom it binds</th><td colspan="3">${e(p.binds)}</td></tr>
<tr><th>Covers</th><td colspan="3">${covers}</td></tr>
</tbody></table></div>
<p><b>Text:</b></p><blockquote>${e(p.quote)}</blockquote>${quoteLine(p.quote_verbatim, p.quote_source)}
${(p.passages ?? []).map((q) => `<blockquote>${e(q.text)}</blockquote>${quoteLine(q.verbatim, q.source)}`).join('\n')}
<p><b>How this report words it:</b> ${e(p.report_wording)}</p>
${p.pending?.length ? `<p><b>Pending changes that could alter a verdict:</b></p><ul>${p.pending.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : ''}
${p.notes?.length ? `<p><b>Notes:</b></p><ul>${p.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : ''}
<p class="muted">Sources: ${p.sources.map((s) => `${e(s.citation)}${s.url ? ` &lt;${e(s.url)}&gt;` : ''}`).join('; ')}. Last checked against its sources ${e(p.last_verified)}.</p></section>`;
}

const METHODOLOGY = `<h2>Methodology and limitations</h2>
<ul>
<li><b>What was done.</b> camaudit sent discovery requests (WS-Discovery, SSDP/UPnP, mDNS, Hikvision SADP, Dahua DHIP, Xiongmai) and connected to camera ports to read banners (HTTP, TLS certificates, RTSP, ONVIF pre-authentication calls). Each conclusion is traced to the evidence shown per device.</li>
<li><b>What unauthenticated scanning can prove.</b> That a device answered with a given name, model, certificate, MAC address or banner. Discovery replies from Hikvision SADP and Dahua DHIP are unauthenticated by design and often carry model and firmware.</li>
<li><b>What it cannot prove.</b> Who physically built a device, when it was made, what it is used for, or its exact firmware without credentials. Relabelled (OEM) products are attributed from technical traits and published evidence whose strength is stated. A device that answers nothing identifiable is reported as “unknown — check by hand”, not as safe.</li>
<li><b>Reach.</b> Multicast and broadcast discovery reaches one broadcast domain (the local subnet/VLAN of the interface used); devices behind routers are only found by the TCP probes to the addresses in scope.</li>
<li><b>Cameras behind recorders.</b> An NVR's or DVR's cameras usually sit on its own PoE ports, a private network behind it, or analogue inputs, where a scan of the office network cannot see them. Each recorder states its channel count (from what it says about itself, or its maker's model numbering, named in the evidence): that many cameras may be behind it. With the recorder's credentials, camaudit reads the recorder's own list of its cameras (Hikvision ISAPI input channels, Dahua RemoteDevice) and rates each camera from what the recorder says about it; it never connects to them. A camera another maker made stays that maker's camera whatever the recorder's maker; an analogue camera is of unknown make.</li>
<li><b>Rapid7 Recog fingerprints</b> (rules named <code>recog:…</code> in the evidence) name makers of devices beyond cameras. They weigh less than camaudit’s own rules (which win any disagreement; the disagreement is listed under the device’s conflicts), and one Recog match alone gives only a “possible” maker, never a high-risk verdict.</li>
<li><b>MAC OUIs are supporting evidence only.</b> A MAC prefix names the owner of the network chip’s address block, not necessarily the maker of the device; MACs are only visible on the local segment (behind a router the scan sees none). An OUI alone gives a “possible” maker; it never lifts a verdict to “probable” or “confirmed”.</li>
<li><b>Device type.</b> Whether a device is a camera, NVR or DVR is judged from the evidence itself (an RTSP or ONVIF service, discovery types, a video maker’s search protocol, camera port patterns, model numbers and channel counts), independently of its maker, with its own confidence. Video equipment whose maker cannot be established is reported “unknown”, never “none”.</li>
<li><b>Policies.</b> The lists differ in whom they name, what they cover and whom they bind. This report quotes each list’s own condition; whether it applies to a site depends on its use (for example, §889 covers the camera makers only “for the purpose of public safety, security of government facilities, physical security surveillance of critical infrastructure, and other national security purposes”). Each quote is marked with its source; words a report gives as a paraphrase say so, and elisions are shown with “…”. The UK statement of 24 Nov 2022 names no company; coverage is inferred from PRC incorporation. This report is evidence for a review, not legal advice.</li>
<li><b>Safety.</b> camaudit never guesses passwords, never tries default credentials and never sends an exploit.</li>
</ul>`;

/** The policy ids the scan applied, when the result records them (`scan.options.policies`); else null. */
export function appliedPolicyIds(result: ScanResult): string[] | null {
  const v = (result.scan.options as Record<string, unknown> | undefined)?.policies;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return null;
  return v as string[];
}

export function renderHtml(result: ScanResult): string {
  const s = result.summary;
  const sha = resultSha256(result);
  const riskCounts: Record<string, number> = { high: 0, elevated: 0, unknown: 0, none: 0 };
  for (const d of result.devices) riskCounts[d.risk.level] = (riskCounts[d.risk.level] ?? 0) + 1;
  // Counted from the devices with a Map: a maker string such as "__proto__" in a hand-edited or merged
  // result must neither vanish from nor poison a plain-object count.
  const makers = [...countByMaker(result.devices).entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  const usedIds = new Set(result.devices.flatMap((d) => d.risk.policies.map((p) => p.id)));
  let policies: Policy[] = [];
  let policiesUnread = '';
  try {
    // Binding lists first, then predicate, export-control, administrative, informational.
    policies = [...builtinPolicies()].sort((a, b) => EFFECT_RANK.indexOf(a.effect) - EFFECT_RANK.indexOf(b.effect) || a.id.localeCompare(b.id));
  } catch (err) {
    // The report still renders (the verdicts are in the result); it says why no policy text is quoted.
    policiesUnread = `<p class="muted">${e(failureNote('The built-in policy texts could not be read, so none is quoted', err))}</p>`;
  }
  // Quote only the policies the scan applied when the result records them (scan.options.policies, ids);
  // an older result without that record gets every built-in policy and says so.
  const applied = appliedPolicyIds(result);
  if (applied) policies = policies.filter((p) => applied.includes(p.id));
  const appliedNote = applied
    ? `<p class="muted">Policies applied in this scan: ${e(applied.join(', '))}.</p>`
    : '<p class="muted">This result does not record which policies the scan applied; every built-in policy is shown, and those marked “no device matched” may not have been selected.</p>'
  const policiesNote = appliedNote + policiesUnread;
  const effectRank = EFFECT_RANK;
  const byId = new Map(policies.map((p) => [p.id, p] as const));
  const policyLabel: PolicyLabel = (id) => {
    const p = byId.get(id);
    return p ? { label: p.short_title ?? p.id, rank: effectRank.indexOf(p.effect) } : { label: id, rank: effectRank.length };
  };
  const extraHits = [...new Set([...usedIds, ...(applied ?? [])])].filter((id) => !policies.some((p) => p.id === id));
  const sc = result.scan;
  const estate = estateOf(result);
  const recorders = result.devices.map((d, i) => ({ d, i })).filter(({ d }) => d.recorder);
  const behindAll = behindWithRecorder(result);
  for (const { b } of behindAll) for (const p of b.risk.policies) usedIds.add(p.id);
  const stale = policyDataWarning(result);
  const staleNote = stale ? `<p class="warn"><b>Policy data may be out of date.</b> ${e(stale)}</p>\n` : '';
  const title = `camaudit report — ${sc.startedAt.slice(0, 10)}`;
  // "Possibly affected" (maker or model listed, firmware not read) is counted apart from "affected".
  const vulns = vulnerabilityCounts(result.devices);
  const inScope = addressesInScope(result);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${attr(title)}</title><style>${STYLE}</style></head><body>
<h1>Surveillance device audit</h1>
<p class="muted">camaudit ${e(result.tool.version)} · ${sc.source?.kind === 'passive' ? 'passive read of captured traffic' : 'scan'} ${e(sc.id)} · ${e(sc.startedAt)} to ${e(sc.finishedAt)}${sc.complete ? '' : ' · <b>INCOMPLETE SCAN</b>'} · ${e(policyDataLine(result))}</p>
${sc.complete ? '' : `<div class="incomplete" role="alert" id="incomplete"><b>Incomplete scan.</b> ${e(coverageLine(result))}. Every count below covers only what was reached: a device not listed here may still be on the network.</div>
`}${staleNote}<h2 id="scope">Scope</h2>
<div class="tw"><table id="scope-table"><tbody>${scopeParts(result).map((p) => `<tr><th>${e(p.label)}</th><td${p.label === 'Complete' && !sc.complete ? ' class="risk-high" style="color:#fff;font-weight:bold"' : ''}>${e(p.value)}</td></tr>`).join('')}</tbody></table></div>
<h2>Summary</h2>
<div class="cards">
<div class="card"><b>${s.devices}</b>devices</div><div class="card"><b>${s.cameras}</b>cameras / NVRs / DVRs</div>
<div class="card" style="border-color:${COLOURS.high}"><b>${s.high}</b>high risk</div><div class="card" style="border-color:${COLOURS.elevated}"><b>${s.elevated}</b>elevated</div>
<div class="card" style="border-color:${COLOURS.unknown}"><b>${s.unknown}</b><a href="#unknown">unknown (check by hand)</a></div>
<div class="card"><b>${vulns.affected}</b>affected by a known exploited vulnerability</div>
${vulns.possibly ? `<div class="card"><b>${vulns.possibly}</b>possibly affected by one: firmware not established, check firmware</div>
` : ''}<div class="card"><b>${s.hostsAlive}</b>${sc.complete ? `live hosts of ${s.hostsScanned} addresses scanned` : `live hosts among ${s.hostsScanned} addresses reached before the scan stopped${inScope !== null ? ` (${inScope} in scope)` : ''}`}</div>
</div>
<div class="cards">
${barChart('Devices by risk level', RISK_ORDER.map((l) => ({ label: l, value: riskCounts[l] ?? 0, colour: COLOURS[l] })))}
${barChart('Devices by maker', makers.map(([m, n]) => ({ label: m === 'unknown' ? '(not established)' : m, value: n, colour: '#555' })))}
</div>
${s.unknown ? `<div class="alert"><b class="n">${s.unknown}</b> camera/NVR/DVR${s.unknown > 1 ? 's' : ''} of <b>unknown maker</b>: the evidence shows video equipment, but not who made it. <a href="#unknown">Check by hand</a>.</div>` : ''}
${estateSection(estate)}
<p><b>Risk levels.</b> <b>high</b>: the maker (or its parent/affiliate) is named on a binding list; <b>elevated</b>: the maker falls only under a predicate-based, export-control or administrative list, or the attribution is only possible; <b>unknown</b>: the evidence shows a camera/NVR/DVR (device type probable or confirmed) whose maker could not be established, or is only possible — check by hand; <b>none</b>: an established maker that no selected list covers, or a device that shows no sign of video equipment. The device type comes from the evidence (RTSP, ONVIF, discovery types, vendor search protocols, port patterns, model numbers), not from the maker.</p>
<h2>Devices</h2>
<div class="controls"><label>Filter <input id="filter" type="search" placeholder="text in any column"></label>
<label>Risk <select id="riskfilter"><option value="">all</option>${RISK_ORDER.map((l) => `<option value="${l}">${l}</option>`).join('')}</select></label></div>
<div class="tw"><table id="devices"><thead><tr><th>IP</th><th>Risk</th><th>Maker<span class="ponly"> / brand</span> (confidence)</th><th class="sonly">Brand</th><th>Model<span class="ponly"> / firmware</span></th><th class="sonly">Firmware</th><th>Type</th><th>Policies</th><th>KEV</th></tr></thead>
<tbody>${result.devices.map((d, i) => [deviceRow(d, i, policyLabel), ...(d.recorder?.behind ?? []).map((b) => behindRow(d, b, i, policyLabel))].join('\n')).join('\n')}</tbody></table></div>
${unknownSection(result.devices, ((idx) => (d: DeviceRecord) => idx.get(d) ?? 0)(new Map(result.devices.map((d, i) => [d, i] as const))))}
${recorders.length ? `<h2 id="recorders">Recorders and the cameras behind them</h2>
<p>Cameras on a recorder's own PoE ports, on a private camera network behind it, or analogue cameras on a DVR are not visible from the network that was scanned. camaudit reads what the recorder says about them (with the recorder's credentials, when given) and never connects to a camera behind a recorder: the addresses shown are on the recorder's side and were never scan targets.</p>
${recorders.map(({ d, i }) => recorderSection(d, i)).join('\n')}` : ''}
<h2>Device details and evidence</h2>
${result.devices.map(deviceDetail).join('\n') || '<p class="muted">No devices.</p>'}
<h2>Policies quoted in full</h2>
${policiesNote}
${policies.map((p) => policyFull(p, usedIds.has(p.id))).join('\n')}
${extraHits.length ? `<p>Further policies applied from user files: ${e(extraHits.join(', '))} (their conditions are quoted per device above).</p>` : ''}
${METHODOLOGY}
<h2>Scan metadata</h2>
<div class="tw"><table><tbody>
<tr><th>Scan id</th><td class="mono">${e(sc.id)}</td></tr>
<tr><th>Started / finished</th><td>${e(sc.startedAt)} / ${e(sc.finishedAt)}</td></tr>
<tr><th>Complete</th><td>${sc.complete ? 'yes' : 'no — partial result'}</td></tr>
<tr><th>Targets</th><td class="mono">${list(sc.targets.slice(0, 200))}</td></tr>
<tr><th>Excluded</th><td class="mono">${list(sc.excluded.slice(0, 200))}</td></tr>
<tr><th>Interfaces</th><td class="mono">${list(sc.interfaces)}</td></tr>
${sc.source?.kind === 'passive' ? `<tr><th>Read from captures (passive: no packet sent)</th><td class="mono">${list(sc.source.captures.map((c) => `${c.file} · SHA-256 ${c.sha256} · ${c.format}, ${c.frames} frames, ${c.firstPacket ?? '-'} to ${c.lastPacket ?? '-'}`))}</td></tr>` : ''}
<tr><th>Modules</th><td>${e(sc.modules.join(', '))}</td></tr>
<tr><th>Options</th><td class="mono">${e(JSON.stringify(sc.options).slice(0, 2000))}</td></tr>
<tr><th>Tool</th><td>${e(result.tool.name)} ${e(result.tool.version)}</td></tr>
<tr><th>Fingerprint database</th><td>version ${e(result.fingerprints.version)}, ${e('SHA-256')} <span class="mono">${e(result.fingerprints.sha256)}</span>, ${e('oui-data')} ${e(result.fingerprints.ouiDataVersion)}${result.fingerprints.kevCatalogVersion ? `, KEV catalogue ${e(result.fingerprints.kevCatalogVersion)}` : ''}${result.fingerprints.recogCommit ? `, Rapid7 Recog <span class="mono">${e(result.fingerprints.recogCommit.slice(0, 12))}</span>` : ''}</td></tr>
<tr><th>Policy data</th><td>${e(policyDataLine(result))}${stale ? ` — <b>${e(stale)}</b>` : ''}</td></tr>
<tr><th>Rendered from</th><td>${e(`report.json (schemaVersion ${result.schemaVersion}), SHA-256`)} <span class="mono" id="result-sha256">${sha}</span></td></tr>
</tbody></table></div>
<script>${SCRIPT}</script>
</body></html>
`;
}
