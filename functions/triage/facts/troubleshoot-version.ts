/**
 * troubleshoot before v0.133.0 wrote every custom resource twice: the redacted JSON and an
 * unredacted YAML copy beside it (replicatedhq/troubleshoot PR #2117, 0c6fb217). From v0.133.0 the
 * YAML is a symlink to the redacted JSON.
 */
export const REDACTED_CUSTOM_RESOURCE_COPIES_SINCE = 'v0.133.0';

/** `cluster-resources/custom-resources/<crd>/<namespace>.yaml` */
export const CUSTOM_RESOURCE_YAML = /^cluster-resources\/custom-resources\/[^/]+\/[^/]+\.ya?ml$/;

function parts(version: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** True before v0.133.0, false from it, undefined when the version is missing or unreadable. */
export function writesUnredactedCustomResourceCopies(version: string | null | undefined): boolean | undefined {
  const v = version ? parts(version) : undefined;
  if (!v) return undefined;
  const fixed = parts(REDACTED_CUSTOM_RESOURCE_COPIES_SINCE)!;
  for (let i = 0; i < 3; i++) if (v[i] !== fixed[i]) return v[i]! < fixed[i]!;
  return false;
}
