// Provenance of every real capture in the repository (fixtures/captures/<set>/, found through
// test/helpers/captures.ts): the fields the scorer and identify read, a public source that can be
// followed, a note on form and redactions, no payload twice, and dev/blind exactly as the fixed-seed
// split by source puts them. This reads blind/ only for these checks; it scores nothing.
import { describe, expect, it } from 'vitest';
import { sourceKey, splitSide } from '../../scripts/capture-sets.js';
import { CAPTURE_SETS, readCaptures, type CaptureSet } from '../helpers/captures.js';

/** camera, nvr and dvr decide "other camera makers" in the scorer; any other kind is a plain lower-case word (router, printer, tv …). */
const DEVICE_TYPE = /^[a-z][a-z -]{1,30}$/;
/** A source that can be followed: a URL, a github.com path, or an owner/repo shorthand naming a file. */
const URL_LIKE = /https?:\/\/\S+|\b(?:gist\.)?github\.com\/[\w.-]+\/[\w.-]+|^[\w-]+\/[\w.-]+\s+\S/;
/** The shared corpus as received: ten of its sources say honestly that the repository was not recorded. */
const SHARED_UNRECORDED_MAX = 10;

const all = CAPTURE_SETS.flatMap((set) => readCaptures(set).map((c) => ({ set, ...c })));

describe('capture provenance', () => {
  for (const set of CAPTURE_SETS) {
    it(`${set}: every capture carries protocol, payload, vendor_truth, brand, model, device_type, a followable source and a note`, () => {
      const problems: string[] = [];
      let unrecorded = 0;
      for (const { file, capture: c } of readCaptures(set)) {
        const bad = (why: string) => problems.push(`${set}/${file}: ${why}`);
        if (typeof c.protocol !== 'string' || !/^[a-z0-9-]{2,20}$/.test(c.protocol)) bad(`protocol ${JSON.stringify(c.protocol)}`);
        if (c.payload === undefined || c.payload === null || c.payload === '') bad('no payload');
        if (typeof c.vendor_truth !== 'string' || !c.vendor_truth.trim()) bad('no vendor_truth');
        for (const k of ['brand', 'model', 'device_type'] as const) if (!(k in c)) bad(`no "${k}" field`);
        if (typeof c.note !== 'string' || c.note.trim().length < 20) bad('no note on form and redactions');
        if (typeof c.source !== 'string' || !c.source.trim()) bad('no source');
        else if (!URL_LIKE.test(c.source)) {
          if (set === 'shared' && /repository not recorded/.test(c.source)) unrecorded++;
          else bad(`source is not a URL or repository path: ${c.source.slice(0, 80)}`);
        }
        if (set !== 'shared' && !DEVICE_TYPE.test(String(c.device_type))) bad(`device_type ${JSON.stringify(c.device_type)}`);
      }
      expect(problems).toEqual([]);
      expect(unrecorded).toBeLessThanOrEqual(set === 'shared' ? SHARED_UNRECORDED_MAX : 0);
    });
  }

  it('no payload appears twice, within or across sets', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const { set, file, capture } of all) {
      const p = typeof capture.payload === 'string' ? capture.payload : JSON.stringify(capture.payload);
      const at = seen.get(p);
      if (at) dups.push(`${set}/${file} = ${at}`);
      else seen.set(p, `${set}/${file}`);
    }
    expect(dups).toEqual([]);
  });

  it('no file name is in two sets', () => {
    const where = new Map<string, CaptureSet>();
    const twice: string[] = [];
    for (const { set, file } of all) {
      if (where.has(file)) twice.push(`${file}: ${where.get(file)} and ${set}`);
      where.set(file, set);
    }
    expect(twice).toEqual([]);
  });

  it('dev and blind hold exactly what the fixed-seed split by source assigns them, so no source is on both sides', () => {
    const misplaced = all.filter((c) => c.set !== 'shared' && splitSide(sourceKey(c.capture.source)) !== c.set).map((c) => `${c.set}/${c.file} (${sourceKey(c.capture.source)})`);
    expect(misplaced).toEqual([]);
    const side = new Map<string, string>();
    for (const c of all.filter((x) => x.set !== 'shared')) {
      const k = sourceKey(c.capture.source);
      expect(side.get(k) ?? c.set, k).toBe(c.set);
      side.set(k, c.set);
    }
  });
});
