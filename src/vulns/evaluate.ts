// PLACEHOLDER until the KEV subset lands (issue 8).
import type { Observation } from '../core/observation.js';
import type { Attribution, VulnFinding } from '../core/result.js';

export function evaluateVulns(_attr: Attribution, _obs: readonly Observation[]): VulnFinding[] {
  return [];
}
