// Reads real captures from fixtures/captures/shared (each keeps its `source`), through test/helpers/captures.ts.
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { captureDir } from '../helpers/captures.js';

export interface CorpusSample {
  protocol: string;
  vendor_truth: string;
  brand: string;
  model: string | null;
  source: string;
  note: string;
  payload: string;
}

export const CORPUS_DIR = captureDir('shared');

export function sample(name: string): CorpusSample {
  const s = JSON.parse(readFileSync(path.join(CORPUS_DIR, name), 'utf8')) as CorpusSample;
  expect(s.source, `${name} carries its source`).toBeTruthy();
  return s;
}
