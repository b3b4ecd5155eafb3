// What the bundled CLI is built from, and a cheap fingerprint of it: paths, sizes and mtimes
// (no file is read), so a launch can tell in about a millisecond whether dist/ is stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Source folders and files whose change means a rebuild (relative to the package root). */
export const BUILD_INPUTS = ['functions', 'bin/build.mjs', 'bin/build-inputs.mjs', 'bin/assemble-wasm.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
export const STAMP_FILE = 'dist/.build-stamp';

function collect(root, relative, out) {
  let stat;
  try {
    stat = statSync(join(root, relative));
  } catch {
    out.push(`${relative}\0absent`);
    return;
  }
  // A folder's own mtime changes when an entry is added, removed or renamed.
  out.push(`${relative}\0${stat.size}\0${stat.mtimeMs}`);
  if (!stat.isDirectory()) return;
  for (const name of readdirSync(join(root, relative)).sort()) collect(root, `${relative}/${name}`, out);
}

export function inputsFingerprint(root) {
  const entries = [];
  for (const input of BUILD_INPUTS) collect(root, input, entries);
  return createHash('sha256').update(entries.join('\n')).digest('hex');
}

/** True when dist/ was not built from the sources as they are now (or is missing). */
export function buildIsStale(root) {
  let stamp;
  try {
    stamp = readFileSync(join(root, STAMP_FILE), 'utf8').trim();
  } catch {
    return true;
  }
  return stamp !== inputsFingerprint(root);
}
