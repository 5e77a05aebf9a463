// PLACEHOLDER until the fingerprint database lands (issue 6): attributes nothing.
import type { Observation } from '../core/observation.js';
import type { Attribution } from '../core/result.js';

export interface AttributeOptions {
  redact?: boolean;
}

export function attributeHost(_obs: readonly Observation[], _opts: AttributeOptions = {}): Attribution {
  return {
    manufacturer: null,
    manufacturerName: null,
    brand: null,
    model: null,
    firmware: null,
    serial: null,
    deviceType: 'unknown',
    confidence: null,
    rationale: 'no fingerprint database loaded',
    conflicts: [],
    evidence: [],
  };
}
