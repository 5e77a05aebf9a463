// Errors with stable codes, for every layer (as undici does). A module throws the error that names what
// went wrong; the CLI alone decides the exit code (src/cli/exit-codes.ts) and prints one line, no stack.
// Codes are part of the interface: scripts may match on them; never rename one, only add.

export const ERROR_CODES = [
  /** A flag, command or argument that cannot be used as given. */
  'CAMAUDIT_ERR_USAGE',
  /** A target, range, exclusion or scope refusal (public range, too large, empty). */
  'CAMAUDIT_ERR_TARGET',
  /** An input file (result, KEV catalogue, credentials, @targets, capture) missing, unreadable or malformed. */
  'CAMAUDIT_ERR_INPUT',
  /** A policy id or policy file that cannot be used. */
  'CAMAUDIT_ERR_POLICY',
  /** A credentials file or CAMAUDIT_USER/CAMAUDIT_PASS that cannot be used. */
  'CAMAUDIT_ERR_CREDENTIALS',
  /** A report format that does not exist, or a report that cannot be rendered. */
  'CAMAUDIT_ERR_FORMAT',
  /** A network interface that does not exist or has no IPv4 address. */
  'CAMAUDIT_ERR_INTERFACE',
  /** The command needs root (network namespaces) and does not have it. */
  'CAMAUDIT_ERR_PRIVILEGE',
  /** The virtual lab could not be built, used or removed. */
  'CAMAUDIT_ERR_LAB',
  /** Chromium, needed for PDF, is missing or does not start. */
  'CAMAUDIT_ERR_PDF_ENGINE',
  /** A report or result file could not be written (disk full, read-only, not a directory …). */
  'CAMAUDIT_ERR_OUTPUT',
  /** Anything else that failed while running. */
  'CAMAUDIT_ERR_RUNTIME',
  /** The fingerprint database (fingerprints/) cannot be loaded: a data file missing, not JSON, or failing its schema. */
  'CAMAUDIT_ERR_FINGERPRINTS',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The base of every error camaudit means to show the user. `code` is stable; `message` is one line. */
export class CamauditError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CamauditError';
  }
}

/** Bad arguments or bad input the user can fix; `code` narrows it (default CAMAUDIT_ERR_USAGE). */
export class UsageError extends CamauditError {
  constructor(message: string, code: ErrorCode = 'CAMAUDIT_ERR_USAGE', options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'UsageError';
  }
}

/** A failure while running (lab, Chromium, disk …); `code` narrows it (default CAMAUDIT_ERR_RUNTIME). */
export class RuntimeError extends CamauditError {
  constructor(message: string, code: ErrorCode = 'CAMAUDIT_ERR_RUNTIME', options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'RuntimeError';
  }
}

export function isCamauditError(e: unknown): e is CamauditError {
  return e instanceof CamauditError;
}
