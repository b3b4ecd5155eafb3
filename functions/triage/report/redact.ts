/**
 * Masks secrets the support-bundle redactors missed before anything leaves the process. The
 * collector's own `***HIDDEN***` marks are kept; a masked value becomes `***MASKED:xxxxxx***`
 * (see secrets/mark.ts). The rules live in secrets/: our support-bundle shapes plus the secretlint
 * recommended preset.
 */
import { maskText } from './secrets/mask.js';
import type { RedactionTally } from './secrets/tally.js';

export { setRedactionKey } from './secrets/mark.js';
export { maskTree } from './secrets/mask.js';
export { RedactionTally } from './secrets/tally.js';

/** Returns `text` with every secret-looking value masked. Safe to apply more than once. */
export function maskSecrets(text: string, tally?: RedactionTally): string {
  return maskText(text, tally);
}
