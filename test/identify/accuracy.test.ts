// The accuracy bar on the real corpus (fixtures/captures/shared, copied from ../shared/corpus): every high-risk-made sample gets the right
// manufacturer, and nothing made by anyone else is flagged high-risk. identify reads only protocol
// and payload; vendor_truth is read by the scorer (scripts/accuracy.ts), to score.
import { describe, expect, it } from 'vitest';
import { HIGH_RISK_GROUPS, leaveOneSourceOut, scoreCorpus, summarise } from '../../scripts/accuracy.js';
import { readCaptureDir } from '../../scripts/capture-sets.js';
import { checkHighRiskFlags } from '../../scripts/truth.js';
import { captureDir } from '../helpers/captures.js';

const CORPUS = captureDir('shared');

/**
 * Known misses, kept visible rather than hidden: these two captures carry no maker-specific signal
 * (a bare `Server: gSOAP/2.7` ONVIF reply cut inside the namespace list; an RTSP OPTIONS reply with
 * only CSeq and Public). A rule that named Uniview from them would be written from the sample, not
 * from evidence, and would misfire on other gSOAP/RTSP devices. Unknown beats wrong.
 * The third (attr-b batch 3): a WS-Discovery reply on port 8899 with the stock gSOAP scopes (hardware/IPC-model,
 * name/NVT), whose truth the corpus itself only inferred from that port. A Bessky camera with another firmware serves
 * ONVIF on 8899 too (dev/bessky-onvif-31), so the port names no maker any more.
 */
const KNOWN_UNATTRIBUTABLE = new Set(['uniview-http-2.json', 'uniview-rtsp-1.json', 'xiongmai-ws-discovery-1.json']);

describe('identify accuracy on the shared corpus', () => {
  const scores = scoreCorpus(CORPUS);

  it('reads all 60 samples, every truth text mapped to a vendor or stated unknown', () => {
    expect(scores.length).toBe(60);
    expect(scores.filter((s) => s.truthStatus === 'unmapped').map((s) => `${s.file}: ${s.truthText}`)).toEqual([]);
    expect(scores.filter((s) => s.error).map((s) => s.file)).toEqual([]);
  });

  it('every high-risk-made sample gets the right manufacturer (except the documented unattributable ones, which get none)', () => {
    const hr = scores.filter((s) => s.truth && HIGH_RISK_GROUPS.has(s.truth));
    expect(hr.length).toBe(32);
    for (const s of hr) {
      if (KNOWN_UNATTRIBUTABLE.has(s.file)) expect(s.predicted, s.file).toBeNull();
      else expect(s.predicted, s.file).toBe(s.truth);
    }
    const sum = summarise(scores);
    expect([sum.highRisk.right, sum.highRisk.total]).toEqual([29, 32]);
    expect(sum.highRisk.missed.sort()).toEqual([...KNOWN_UNATTRIBUTABLE].sort());
  });

  it('no sample made by anyone else is flagged high-risk or given a high-risk maker', () => {
    const others = scores.filter((s) => !s.truth || !HIGH_RISK_GROUPS.has(s.truth));
    for (const s of others) {
      expect(s.risk, s.file).not.toBe('high');
      expect(HIGH_RISK_GROUPS.has(s.predicted ?? ''), s.file).toBe(false);
    }
    expect(summarise(scores).falseFlags.count).toBe(0);
  });

  it('never names a wrong maker on any sample', () => {
    for (const s of scores) if (s.predicted && s.truth) expect(s.predicted, s.file).toBe(s.truth);
  });

  it('leave one source out never scores above the in-sample recall and never adds a false flag', () => {
    const loso = leaveOneSourceOut(readCaptureDir(CORPUS, 'shared'));
    expect(loso.highRisk.total).toBe(32);
    expect(loso.highRisk.right).toBeLessThanOrEqual(29);
    expect(loso.falseFlags).toBe(0);
    // every capture it loses was attributed in-sample, and lost because rules were held out
    for (const l of loso.lost) expect(l.disabled.length, l.file).toBeGreaterThan(0);
    expect(loso.highRisk.right + loso.lost.length).toBe(29);
  });
});

describe('high-risk makers come from the data', () => {
  it('every vendor a binding policy names (FCC Covered List, NDAA §889) is flagged high_risk_maker', () => {
    const c = checkHighRiskFlags();
    expect(c.namedByBinding).toEqual(expect.arrayContaining(['hikvision', 'dahua', 'huawei', 'zte', 'hytera']));
    expect(c.bindingNotFlagged).toEqual([]);
  });

  it('the scored groups include the camera makers of the UK statement and the Entity List, and no western maker', () => {
    for (const g of ['hikvision', 'dahua', 'uniview', 'xiongmai', 'huawei', 'zte', 'hytera', 'tiandy', 'kedacom']) expect(HIGH_RISK_GROUPS.has(g), g).toBe(true);
    for (const g of ['axis', 'hanwha', 'reolink', 'tp-link', 'ubiquiti']) expect(HIGH_RISK_GROUPS.has(g), g).toBe(false);
  });
});

describe('high-risk recall with each source weighing one', () => {
  // Synthetic scores (not captures): source A gave three high-risk samples, one named; source B one, named.
  const synthetic = (file: string, sourceKey: string, predicted: string | null) => ({
    file, set: 'synthetic', protocol: 'rtsp', deviceType: 'camera', sourceKey, truthText: 'Hikvision', truthStatus: 'vendor' as const,
    truth: 'hikvision', predicted, predictedVendor: predicted, confidence: predicted ? 'probable' : null, risk: predicted ? 'high' : 'none', error: null, rules: [],
  });
  it('averages the per-source shares instead of pooling samples', () => {
    const s = summarise([synthetic('a1', 'A', 'hikvision'), synthetic('a2', 'A', null), synthetic('a3', 'A', null), synthetic('b1', 'B', 'hikvision')]);
    expect([s.highRisk.right, s.highRisk.total]).toEqual([2, 4]);
    expect(s.highRiskBySource.sources).toBe(2);
    expect(s.highRiskBySource.meanShare).toBeCloseTo((1 / 3 + 1) / 2, 10);
  });
  it('is 0 over 0 sources when no sample is high-risk', () => {
    expect(summarise([]).highRiskBySource).toEqual({ meanShare: 0, sources: 0 });
  });
});
