// OUI calibration (issue 16): how often does a MAC OUI change the verdict? Every lab profile (switched: the device
// MAC in the neighbour table; with and without the lab credentials) and every shared/dev capture is attributed twice,
// with its MACs and with every OUI left out (`attributeHost(obs, { oui: false })`: neighbour-table MACs, MAC fields
// of discovery replies and MACs rules read out of identifiers), and the verdicts (maker / confidence / risk) compared. Printed per set,
// and asserted: an OUI never lifts technical evidence to a higher confidence and never changes the maker technical
// evidence names; its only effect is a "possible" maker where no technical evidence names one (and the risk that
// follows). docs/fingerprints.md records the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../src/core/observation.js';
import { attributeHost } from '../../src/fingerprint/attribute.js';
import { evaluateRisk } from '../../src/policy/evaluate.js';
import { evidenceFromSample, PROTOCOLS } from '../../src/identify/input.js';
import { makeObservation } from '../../src/core/observation.js';
import { captureFiles, readCapture, tunableCaptureSets } from '../helpers/captures.js';
import { collectEvidence, startLoopbackLab, type LoopbackLab } from '../helpers/lab-evidence.js';

const RANK: Record<string, number> = { null: 0, possible: 1, probable: 2, confirmed: 3 };

interface Change { id: string; without: string; with: string; kind: 'maker from OUI only' | 'lifted' | 'maker changed' | 'lowered' }

function compare(id: string, obs: readonly Observation[]): Change | null {
  const a = attributeHost(obs);
  const b = attributeHost(obs, { oui: false });
  const va = `${a.manufacturer ?? '-'}/${a.confidence ?? '-'}/${evaluateRisk(a).level}`;
  const vb = `${b.manufacturer ?? '-'}/${b.confidence ?? '-'}/${evaluateRisk(b).level}`;
  if (va === vb) return null;
  const kind: Change['kind'] = !b.manufacturer ? 'maker from OUI only' : a.manufacturer !== b.manufacturer ? 'maker changed' : RANK[String(a.confidence)] > RANK[String(b.confidence)] ? 'lifted' : 'lowered';
  return { id, without: vb, with: va, kind };
}

function report(label: string, total: number, changes: Change[]): void {
  const by = (k: Change['kind']) => changes.filter((c) => c.kind === k).length;
  console.log(
    `[oui calibration] ${label}: ${changes.length} of ${total} verdicts change with the OUI (maker from OUI only ${by('maker from OUI only')}, confidence lifted ${by('lifted')}, maker changed ${by('maker changed')}, lowered ${by('lowered')})` +
      (changes.length ? `\n${changes.map((c) => `  ${c.id}: without ${c.without} → with ${c.with} (${c.kind})`).join('\n')}` : ''),
  );
}

describe('OUI calibration over the captures', () => {
  for (const set of tunableCaptureSets()) {
    it(`${set} captures: an OUI only ever adds a "possible" maker where nothing else names one`, () => {
      const changes: Change[] = [];
      let total = 0;
      for (const f of captureFiles(set)) {
        const c = readCapture(f, set);
        if (!(PROTOCOLS as readonly string[]).includes(c.protocol)) continue;
        const obs = evidenceFromSample(c.protocol, c.payload).map((e) => makeObservation('0.0.0.0', 'identify', e));
        total++;
        const ch = compare(`${set}/${f}`, obs);
        if (ch) changes.push(ch);
      }
      report(`${set} captures`, total, changes);
      expect(changes.filter((c) => c.kind !== 'maker from OUI only')).toEqual([]);
    });
  }
});

describe('OUI calibration over the lab (switched: device MACs visible)', () => {
  let lab: LoopbackLab;
  beforeAll(async () => {
    lab = await startLoopbackLab('127.43.87.');
  }, 60_000);
  afterAll(async () => {
    await lab?.stop();
  });
  for (const credentials of [false, true]) {
    it(`every lab profile, ${credentials ? 'with' : 'without'} the lab credentials`, async () => {
      const changes: Change[] = [];
      for (const { profile } of lab.profiles) {
        const ch = compare(profile.id, await collectEvidence(lab, profile, { credentials, network: 'switched' }));
        if (ch) changes.push(ch);
      }
      report(`lab, ${credentials ? 'credentials' : 'no credentials'}`, lab.profiles.length, changes);
      expect(changes.filter((c) => c.kind !== 'maker from OUI only')).toEqual([]);
    }, 120_000);
  }
});
