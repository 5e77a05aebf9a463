// Reads real captures from ../shared/corpus (each keeps its `source`).
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

export interface CorpusSample {
  protocol: string;
  vendor_truth: string;
  brand: string;
  model: string | null;
  source: string;
  note: string;
  payload: string;
}

export const CORPUS_DIR = path.join(ROOT, '../shared/corpus');

export function sample(name: string): CorpusSample {
  const s = JSON.parse(readFileSync(path.join(CORPUS_DIR, name), 'utf8')) as CorpusSample;
  expect(s.source, `${name} carries its source`).toBeTruthy();
  return s;
}
