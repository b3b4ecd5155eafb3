/** Bounds that keep memory and time finite whatever the input. All are configurable (CLI flags). */
export interface ReadLimits {
  /** Entries read from one archive or directory; the rest are skipped and reported. */
  maxEntries: number;
  /** Decompressed bytes read from one input before it is treated as a decompression bomb. */
  maxUncompressedBytes: number;
  /** Decompressed/compressed ratio above which an input is a bomb (checked after 64 MiB). */
  maxCompressionRatio: number;
  /** Longest line examined; longer lines are cut there (the rest of the line is skipped). */
  maxLineBytes: number;
  /** Largest Kubernetes JSON document parsed for bundle facts. */
  maxJsonBytes: number;
  /** `locations[]` kept per finding (at least 1000). */
  maxLocationsPerFinding: number;
  /** Evidence samples per finding. */
  maxEvidencePerFinding: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxEntries: 200_000,
  maxUncompressedBytes: 8 * 1024 ** 3,
  maxCompressionRatio: 200,
  maxLineBytes: 1024 * 1024,
  maxJsonBytes: 64 * 1024 * 1024,
  maxLocationsPerFinding: 1000,
  maxEvidencePerFinding: 4,
};

export function resolveLimits(overrides: Partial<ReadLimits> = {}): ReadLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`limit ${key} must be a positive number, got ${String(value)}`);
  }
  if (limits.maxLocationsPerFinding < 1000) {
    throw new RangeError(`limit maxLocationsPerFinding must be at least 1000, got ${limits.maxLocationsPerFinding}`);
  }
  return limits;
}
