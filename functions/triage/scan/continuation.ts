/**
 * Lines that continue the record above them: Java stack frames and causes, hclog multi-line
 * values (`  | `), Python tracebacks, and indented wrapped lines.
 */
const CONTINUATION = /^(?:\s+\|\s?|\s+at\s|\tat\s|\s*\.\.\. \d+ (?:more|common frames omitted)|Caused by: |\s+File "|\s{2,}\S)/;

export function isContinuation(line: string): boolean {
  return CONTINUATION.test(line);
}
