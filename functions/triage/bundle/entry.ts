/** One member of an input: a file or symlink, named as the archive or directory names it. */
export interface SourceEntry {
  /** Raw name (untrusted: may be absolute or contain `..`). */
  name: string;
  type: 'file' | 'symlink' | 'other';
  size: number;
  linkTarget?: string;
  /**
   * File content. Read it at most once; an entry that is not read is skipped by the source.
   * Absent for symlinks and other types.
   */
  body?: AsyncIterable<Buffer>;
}

/** A problem met while reading an input; it becomes bundle-quality evidence, never a crash. */
export interface ReadProblem {
  code:
    | 'unsafe-name'
    | 'symlink-escape'
    | 'symlink-loop'
    | 'entry-limit'
    | 'decompression-bomb'
    | 'truncated'
    | 'long-line'
    | 'binary-log'
    | 'json-too-large'
    | 'json-invalid'
    | 'unreadable';
  path: string;
  detail: string;
}

export class InputError extends Error {
  constructor(
    message: string,
    readonly partial: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'InputError';
  }
}
