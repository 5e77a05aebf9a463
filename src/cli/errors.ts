// Errors that carry an exit code. The CLI prints `camaudit: <message>` (one line, no stack) and exits.
export const EXIT = {
  OK: 0,
  HIGH_RISK: 1,
  USAGE: 2,
  RUNTIME: 3,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad arguments or bad input files: exit 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.USAGE);
    this.name = 'UsageError';
  }
}

/** Something failed while running (lab could not start, Chromium missing for PDF …): exit 3. */
export class RuntimeError extends CliError {
  constructor(message: string) {
    super(message, EXIT.RUNTIME);
    this.name = 'RuntimeError';
  }
}
