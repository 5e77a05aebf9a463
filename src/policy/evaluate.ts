// PLACEHOLDER until policy verdicts land (issue 7).
import type { Attribution, Risk } from '../core/result.js';

export interface PolicyOptions {
  policyIds?: string[];
  policyFiles?: string[];
}

export function evaluateRisk(attr: Attribution, _opts: PolicyOptions = {}): Risk {
  const highRisk = attr.manufacturer === 'hikvision' || attr.manufacturer === 'dahua';
  return { level: highRisk ? 'high' : attr.deviceType === 'camera' && !attr.manufacturer ? 'unknown' : 'none', policies: [] };
}
