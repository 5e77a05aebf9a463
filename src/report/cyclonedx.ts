// CycloneDX 1.6 JSON: each device a component of type "device" with manufacturer, model, firmware
// (version) and the risk verdict as properties. Validated against the official 1.6 schema shipped
// with @cyclonedx/cyclonedx-library.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import * as CDX from '@cyclonedx/cyclonedx-library';
import type { BehindDevice, DeviceRecord, PolicyHit, ScanResult, VulnFinding } from '../core/result.js';
import { quotedCondition } from './policy-text.js';
import { channelLabel, estateOf, onlineLabel } from './estate-text.js';

/** A stable urn:uuid derived from the scan id, so re-rendering a result gives the same BOM serial. */
function serialFor(scanId: string): string {
  const h = createHash('sha256').update(`camaudit-bom:${scanId}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const prop = (name: string, value: unknown) => ({ name: `camaudit:${name}`, value: String(value) });

const verdictProps = (policies: PolicyHit[], vulns: VulnFinding[]) => [
  ...policies.map((p) => prop('policy', `${p.id} (${p.effect}): ${p.basis}`)),
  ...policies.map((p) => prop('policyCondition', `${p.id}: ${quotedCondition(p)}`)),
  ...vulns.map((v) => prop('vulnerability', `${v.cve} ${v.verdict}${v.kevDateAdded ? ` (CISA KEV since ${v.kevDateAdded})` : ''}`)),
];

/** The recorder's channel count and statement, as properties of its component. */
function recorderProps(d: DeviceRecord) {
  const r = d.recorder;
  if (!r) return [];
  return [
    ...(r.channels !== null ? [prop('channels', r.channels)] : []),
    prop('channelsBasis', r.capacityWhy),
    prop('channelsStatement', r.statement),
    prop('channelList', r.channelList),
    prop('camerasListed', r.enumerated),
    ...(r.notEnumerated !== null ? [prop('channelsNotEnumerated', r.notEnumerated)] : []),
  ];
}

/** A camera behind a recorder: a sub-component of the recorder's component (never reached by the scan). */
function behindComponent(recorder: DeviceRecord, recorderRef: string, b: BehindDevice, j: number): Record<string, unknown> {
  const properties = [
    prop('behind', `${recorder.ip} ${channelLabel(b)}`),
    prop('channel', b.channel),
    prop('analogue', b.analogue),
    ...(b.address ? [prop('addressOnRecorderSide', b.address)] : []),
    ...(onlineLabel(b) ? [prop('online', onlineLabel(b))] : []),
    ...(b.protocol ? [prop('recorderProtocol', b.protocol)] : []),
    ...(b.channelName ? [prop('channelName', b.channelName)] : []),
    prop('risk', b.risk.level),
    prop('riskReason', b.risk.reason),
    ...(b.risk.checks ?? []).map((c) => prop('checkByHand', c)),
    prop('deviceType', b.deviceType),
    ...(b.model ? [prop('model', b.model)] : []),
    ...(b.firmware ? [prop('firmware', b.firmware)] : []),
    ...(b.serial ? [prop('serial', b.serial)] : []),
    ...(b.mac ? [prop('mac', b.mac)] : []),
    ...(b.confidence ? [prop('confidence', b.confidence)] : []),
    ...(b.seenAs ? [prop('seenAs', b.seenAs)] : []),
    ...verdictProps(b.risk.policies, b.vulnerabilities),
  ];
  const c: Record<string, unknown> = {
    type: 'device',
    'bom-ref': `${recorderRef}-${b.analogue ? 'a' : 'ch'}${b.channel}-${j + 1}`,
    name: b.model ?? `${b.analogue ? 'analogue camera' : 'camera'} on ${channelLabel(b)}`,
    properties,
  };
  if (b.manufacturerName || b.manufacturer) c.manufacturer = { name: b.manufacturerName ?? b.manufacturer };
  if (b.firmware) c.version = b.firmware;
  if (b.brand) c.supplier = { name: b.brand };
  return c;
}

const KEV_SOURCE = { name: 'CISA Known Exploited Vulnerabilities Catalog', url: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog' };

/**
 * camaudit's verdict as CycloneDX 1.6 analysis: "affected" (firmware read and in the affected range) is exploitable;
 * "possibly affected" (maker or model listed, firmware not established) is in triage, never exploitable; the
 * version status says the same (affected / unknown / unaffected). The verdict and reason are kept as written.
 */
function analysisOf(v: VulnFinding): { state: string; status: string; detail: string } {
  switch (v.verdict) {
    case 'affected':
      return { state: 'exploitable', status: 'affected', detail: `affected: ${v.reason}` };
    case 'possibly affected':
      return { state: 'in_triage', status: 'unknown', detail: `possibly affected: ${v.reason}; check the firmware` };
    case 'fixed':
      return { state: 'resolved', status: 'unaffected', detail: `fixed: ${v.reason}` };
    default:
      return { state: 'not_affected', status: 'unaffected', detail: `not affected: ${v.reason}` };
  }
}

/** One vulnerability entry per device and CVE (a verdict belongs to one device), pointing at its component. */
function vulnerabilityEntries(devices: { ref: string; version: string | null; vulns: VulnFinding[] }[]): Record<string, unknown>[] {
  return devices.flatMap(({ ref, version, vulns }) =>
    vulns.map((v, k) => {
      const a = analysisOf(v);
      return {
        'bom-ref': `${ref}-vuln-${k + 1}-${v.cve}`,
        id: v.cve,
        source: KEV_SOURCE,
        description: v.name,
        detail: a.detail,
        analysis: { state: a.state, detail: a.detail },
        affects: [{ ref, ...(version ? { versions: [{ version, status: a.status }] } : {}) }],
        properties: [prop('verdict', v.verdict), prop('reason', v.reason), ...(v.kevDateAdded ? [prop('kevDateAdded', v.kevDateAdded)] : [])],
      };
    }),
  );
}

/** The scan's scope and completeness, as metadata properties. */
function scopeProps(result: ScanResult) {
  const sc = result.scan;
  const opts = (sc.options ?? {}) as Record<string, unknown>;
  return [
    ...sc.targets.slice(0, 1000).map((t) => prop('scanTarget', t)),
    ...sc.excluded.slice(0, 1000).map((t) => prop('scanExcluded', t)),
    ...(Array.isArray(opts.ports) ? [prop('scanPorts', opts.ports.join(','))] : []),
    prop('scanModules', sc.modules.join(',')),
    ...(typeof opts.addressesInScope === 'number' ? [prop('addressesInScope', opts.addressesInScope)] : []),
    prop('addressesScanned', result.summary.hostsScanned),
    prop('liveHosts', result.summary.hostsAlive),
    prop('scanStarted', sc.startedAt),
    prop('scanFinished', sc.finishedAt),
    ...(typeof opts.stopReason === 'string' ? [prop('stopReason', opts.stopReason)] : []),
  ];
}

export function buildCycloneDx(result: ScanResult): Record<string, unknown> {
  const vulnTargets: { ref: string; version: string | null; vulns: VulnFinding[] }[] = [];
  const estate = estateOf(result);
  const components = result.devices.map((d, i) => {
    const properties = [
      prop('ip', d.ip),
      prop('risk', d.risk.level),
      prop('riskReason', d.risk.reason),
      ...(d.risk.checks ?? []).map((c) => prop('checkByHand', c)),
      prop('deviceType', d.deviceType),
      ...(d.deviceTypeConfidence ? [prop('deviceTypeConfidence', d.deviceTypeConfidence)] : []),
      prop('deviceTypeBasis', d.deviceTypeRationale),
      ...(d.mac ? [prop('mac', d.mac)] : []),
      ...(d.brand ? [prop('brand', d.brand)] : []),
      ...(d.model ? [prop('model', d.model)] : []),
      ...(d.firmware ? [prop('firmware', d.firmware)] : []),
      ...(d.serial ? [prop('serial', d.serial)] : []),
      ...(d.confidence ? [prop('confidence', d.confidence)] : []),
      ...verdictProps(d.risk.policies, d.vulnerabilities),
      ...recorderProps(d),
    ];
    const ref = `device-${i + 1}-${d.ip}`;
    if (d.vulnerabilities.length) vulnTargets.push({ ref, version: d.firmware, vulns: d.vulnerabilities });
    (d.recorder?.behind ?? []).forEach((b, j) => {
      if (b.vulnerabilities.length) vulnTargets.push({ ref: `${ref}-${b.analogue ? 'a' : 'ch'}${b.channel}-${j + 1}`, version: b.firmware, vulns: b.vulnerabilities });
    });
    const c: Record<string, unknown> = {
      type: 'device',
      'bom-ref': ref,
      name: d.model ?? d.hostnames[0] ?? d.ip,
      properties,
    };
    const behind = d.recorder?.behind ?? [];
    if (behind.length) c.components = behind.map((b, j) => behindComponent(d, ref, b, j));
    if (d.manufacturerName || d.manufacturer) c.manufacturer = { name: d.manufacturerName ?? d.manufacturer };
    if (d.firmware) c.version = d.firmware;
    if (d.brand) c.supplier = { name: d.brand };
    return c;
  });
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: serialFor(result.scan.id),
    version: 1,
    metadata: {
      timestamp: result.scan.finishedAt,
      tools: { components: [{ type: 'application', name: 'camaudit', version: result.tool.version }] },
      properties: [
        prop('scanId', result.scan.id),
        prop('fingerprintsVersion', result.fingerprints.version),
        ...(result.fingerprints.recogCommit ? [prop('recogCommit', result.fingerprints.recogCommit)] : []),
        prop('complete', result.scan.complete),
        ...scopeProps(result),
        prop('unknownMakerVideoDevices', result.summary.unknown),
        prop('devicesSeen', estate.seen),
        prop('camerasBehindRecorders', estate.behind),
        prop('channelsNotEnumerated', estate.notEnumerated),
        ...Object.entries(estate.byMaker).map(([m, r]) => prop('perMaker', `${m}: ${r.seen} seen + ${r.behind} behind = ${r.total}`)),
        ...(result.policyData
          ? [
              prop('policyDataVersion', result.policyData.version),
              prop('policyDataLastChecked', result.policyData.lastChecked),
              ...(result.policyData.stale ? [prop('policyDataWarning', result.policyData.warning ?? 'policy data last checked more than six months before the scan')] : []),
            ]
          : []),
      ],
    },
    components,
    ...(vulnTargets.length ? { vulnerabilities: vulnerabilityEntries(vulnTargets) } : {}),
  };
}

export function renderCycloneDx(result: ScanResult): string {
  return JSON.stringify(buildCycloneDx(result), null, 2) + '\n';
}

type Validate = (data: unknown) => boolean;
let compiled: (Validate & { errors?: unknown }) | null = null;

/** Our own ajv over the library's schema files, for when its optional validator plug-in is absent. */
function fallbackValidator(): Validate & { errors?: unknown } {
  if (compiled) return compiled;
  // The library's res/schema folder (not exported as a module path, so resolved from its package.json).
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
  const read = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as object;
  const ajv = new Ajv({
    strict: false,
    useDefaults: false,
    addUsedSchema: false,
    schemas: {
      'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': read('spdx.SNAPSHOT.schema.json'),
      'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': read('cryptography-defs.SNAPSHOT.schema.json'),
      'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': read('jsf-0.82.SNAPSHOT.schema.json'),
    },
  });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => void;
  addFormats(ajv);
  // The library uses ajv-formats-draft2019 for this one format; a permissive check is enough here.
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  ajv.addFormat('iri-reference', true);
  compiled = ajv.compile(read('bom-1.6.SNAPSHOT.schema.json'));
  return compiled;
}

/** Validates a CycloneDX 1.6 JSON document; returns [] when valid, else error lines. */
export async function validateCycloneDx(json: string): Promise<string[]> {
  try {
    const v = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6);
    const errors = await v.validate(json);
    return errors ? [JSON.stringify(errors).slice(0, 2000)] : [];
  } catch (err) {
    if (!(err instanceof CDX.Validation.MissingOptionalDependencyError)) throw err;
  }
  const validate = fallbackValidator();
  if (validate(JSON.parse(json))) return [];
  return ((validate.errors as { instancePath: string; message?: string }[] | undefined) ?? []).map((x) => `${x.instancePath || '/'}: ${x.message}`);
}
