/** Documented exit codes of the triage CLI (README "Exit codes"). */
export const EXIT = {
  /** A report was produced (possibly partial; findings do not change the code). */
  ok: 0,
  /** `--fail-on` was given and a finding at or above that severity exists. */
  findings: 1,
  /** Bad flags or arguments. */
  usage: 2,
  /** No input could be read at all. */
  unusableInput: 3,
  /** A bug or an unexpected environment failure. */
  internal: 4,
} as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
