/** Reads the one-line statistics the triage CLI prints to stderr with --stats. */

export interface TriageStats {
  maxRssBytes?: number;
  bytesScanned?: number;
  wallMs?: number;
  cpuMs?: number;
}

/** The last stderr line that starts with `{"stats"`, or null when there is none or it is not JSON. */
export function parseStatsLine(stderr: string): TriageStats | null {
  const line = stderr
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{"stats"'));
  if (!line) return null;
  try {
    const parsed = JSON.parse(line) as { stats?: TriageStats };
    return parsed.stats ?? null;
  } catch {
    return null;
  }
}
