// The one place where an error's code becomes the process exit code (README "Exit codes").
import type { ErrorCode } from '../core/errors.js';

export const EXIT = {
  OK: 0,
  HIGH_RISK: 1,
  /** `diff`: the two results differ (as ndiff: 0 same, 1 different, 2 error). */
  DIFFERENT: 1,
  USAGE: 2,
  RUNTIME: 3,
  /** A second Ctrl-C: quit at once, nothing written (128 + SIGINT, as shells report it). */
  INTERRUPTED: 130,
} as const;

/** Every code has an exit code: the compiler refuses a new code that is not mapped here. */
const EXIT_FOR: Record<ErrorCode, number> = {
  CAMAUDIT_ERR_USAGE: EXIT.USAGE,
  CAMAUDIT_ERR_TARGET: EXIT.USAGE,
  CAMAUDIT_ERR_INPUT: EXIT.USAGE,
  CAMAUDIT_ERR_POLICY: EXIT.USAGE,
  CAMAUDIT_ERR_CREDENTIALS: EXIT.USAGE,
  CAMAUDIT_ERR_FORMAT: EXIT.USAGE,
  CAMAUDIT_ERR_INTERFACE: EXIT.USAGE,
  CAMAUDIT_ERR_PRIVILEGE: EXIT.RUNTIME,
  CAMAUDIT_ERR_LAB: EXIT.RUNTIME,
  CAMAUDIT_ERR_PDF_ENGINE: EXIT.RUNTIME,
  CAMAUDIT_ERR_OUTPUT: EXIT.RUNTIME,
  CAMAUDIT_ERR_RUNTIME: EXIT.RUNTIME,
  CAMAUDIT_ERR_FINGERPRINTS: EXIT.RUNTIME,
};

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_FOR[code];
}
