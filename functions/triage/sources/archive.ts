import { Readable, type TransformOptions } from 'node:stream';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import type { SourceEntry } from '../bundle/entry.js';
import { InputError } from '../bundle/entry.js';
import type { ReadLimits } from '../bundle/limits.js';
import { isGzip, isTarHeader, looksLikeText, peek } from './peek.js';

/**
 * zlib's default 16 KiB output chunks are ~40% slower here than 64 KiB (toolchain measurements).
 * 128 KiB rather than 256: each chunk is a fresh buffer freed only by a scavenge, and with the
 * scan allocating little per byte, 256 KiB chunks waiting for one raised peak RSS on 1 GB from
 * ~170 to ~210 MB at the same CPU time.
 */
const GUNZIP_CHUNK = 128 * 1024;
const INFLATE_AHEAD = 8 * 1024 * 1024;
const BOMB_CHECK_AFTER = 64 * 1024 * 1024;

export interface OpenedStream {
  kind: 'bundle-archive' | 'log-file';
  entries: AsyncIterable<SourceEntry>;
}

export interface StreamHooks {
  onCompressedBytes?: (n: number) => void;
}

async function* counted(source: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/** Guards decompressed output against bombs: an absolute cap and a ratio to the compressed size. */
async function* bombGuarded(
  source: AsyncIterable<Buffer>,
  name: string,
  limits: ReadLimits,
  compressedSoFar: () => number,
): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limits.maxUncompressedBytes) {
      throw new InputError(
        `${name}: stopped after ${limits.maxUncompressedBytes} decompressed bytes (limit maxUncompressedBytes; possible decompression bomb)`,
        true,
      );
    }
    if (total > BOMB_CHECK_AFTER && total / Math.max(1, compressedSoFar()) > limits.maxCompressionRatio) {
      throw new InputError(
        `${name}: decompression ratio above ${limits.maxCompressionRatio}:1 (limit maxCompressionRatio; likely a decompression bomb)`,
        true,
      );
    }
    yield chunk;
  }
}

function gunzip(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  // A deep output buffer lets zlib inflate ahead on the thread pool while the main thread scans.
  // zlib passes stream options through to its Transform; the typings only list zlib's own.
  const options: ZlibOptions & TransformOptions = { chunkSize: GUNZIP_CHUNK, highWaterMark: INFLATE_AHEAD };
  const zlib = createGunzip(options);
  const input = Readable.from(source, { objectMode: false });
  input.on('error', (error) => zlib.destroy(error));
  input.pipe(zlib);
  return zlib;
}

/**
 * Opens a byte stream by content: a gzipped tar (support bundle), a plain tar, a gzipped text
 * log, or a plain text log. Throws InputError for anything else.
 */
export async function openStream(
  name: string,
  source: AsyncIterable<Buffer>,
  limits: ReadLimits,
  hooks: StreamHooks = {},
): Promise<OpenedStream> {
  let compressed = 0;
  const raw = counted(source, (n) => {
    compressed += n;
    hooks.onCompressedBytes?.(n);
  });
  const first = await peek(raw, 512);
  if (first.head.length === 0) throw new InputError(`${name}: empty file`, false);

  const namedArchive = /\.(?:tar\.gz|tgz|tar)$/i.test(name);
  if (isGzip(first.head)) {
    const inflated = bombGuarded(gunzip(first.stream), name, limits, () => compressed);
    let second: Awaited<ReturnType<typeof peek>>;
    try {
      second = await peek(inflated, 512);
    } catch (error) {
      throw new InputError(`${name}: gzip data is corrupt (${(error as Error).message})`, false, { cause: error });
    }
    if (isTarHeader(second.head)) return { kind: 'bundle-archive', entries: tarEntries(second.stream) };
    if (!namedArchive && looksLikeText(second.head)) {
      return { kind: 'log-file', entries: single(name.replace(/\.gz$/i, ''), second.stream) };
    }
    throw new InputError(`${name}: gzip data is not a tar archive (expected a support bundle .tar.gz)`, false);
  }
  if (isTarHeader(first.head)) return { kind: 'bundle-archive', entries: tarEntries(first.stream) };
  if (/\.(?:tar\.gz|tgz)$/i.test(name)) {
    throw new InputError(`${name}: not gzip-compressed (first bytes ${first.head.subarray(0, 4).toString('hex')}), expected a support bundle .tar.gz`, false);
  }
  if (namedArchive) throw new InputError(`${name}: not a tar archive`, false);
  if (looksLikeText(first.head)) return { kind: 'log-file', entries: single(name, first.stream) };
  throw new InputError(`${name}: binary data that is neither a support bundle (.tar.gz, .tar) nor a text log`, false);
}

// eslint-disable-next-line @typescript-eslint/require-await -- the entries of a plain log: one, known up front
async function* single(name: string, body: AsyncIterable<Buffer>): AsyncGenerator<SourceEntry> {
  yield { name, type: 'file', size: 0, body };
}

async function* tarEntries(source: AsyncIterable<Buffer>): AsyncGenerator<SourceEntry> {
  const extract = tarExtract();
  const input = Readable.from(source, { objectMode: false });
  input.on('error', (error) => extract.destroy(error));
  input.pipe(extract);
  for await (const entry of extract) {
    const header = entry.header;
    const type = header.type === 'file' || header.type === 'contiguous-file' ? 'file' : header.type === 'symlink' ? 'symlink' : 'other';
    const iterator = entry[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let finished = false;
    async function* body(): AsyncGenerator<Buffer> {
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          finished = true;
          return;
        }
        yield next.value;
      }
    }
    yield {
      name: header.name,
      type,
      size: header.size ?? 0,
      ...(header.linkname ? { linkTarget: header.linkname } : {}),
      ...(type === 'file' ? { body: body() } : {}),
    };
    // Whatever the consumer left unread must be drained before tar-stream moves on.
    while (!finished) {
      const next = await iterator.next();
      if (next.done) finished = true;
    }
  }
}
