import { CUSTOM_RESOURCE_YAML, REDACTED_CUSTOM_RESOURCE_COPIES_SINCE, writesUnredactedCustomResourceCopies } from '../facts/troubleshoot-version.js';
import { draftFinding, evidenceOf, type DraftFinding } from './collector.js';
import type { RunState } from './run-state.js';

/**
 * A bundle from troubleshoot before v0.133.0 holds an unredacted YAML copy of every custom
 * resource. Nothing from those files is read into the report (and the report seal masks every
 * value of such a line if one ever gets there); the finding tells whoever handles the bundle.
 */
export function unredactedCopiesFinding(state: RunState): DraftFinding[] {
  const version = state.facts.facts().troubleshootVersion;
  const affected = writesUnredactedCustomResourceCopies(version);
  if (affected === false) return [];
  // From v0.133.0 the YAML is a symlink to the redacted JSON; a regular file is a copy.
  const copies = state.files.filter((f) => CUSTOM_RESOURCE_YAML.test(f.path) && !state.links.has(f.path));
  if (copies.length === 0) return [];
  const which = version ? `troubleshoot ${version}` : 'a troubleshoot version the bundle does not state (no readable version.yaml)';
  return [
    draftFinding({
      ruleId: 'bundle-quality.unredacted-custom-resources',
      issueType: 'bundle-quality',
      severity: 'medium',
      service: 'support-bundle',
      title: `Bundle holds unredacted YAML copies of custom resources (troubleshoot before ${REDACTED_CUSTOM_RESOURCE_COPIES_SINCE})`,
      explanation: `The bundle was written by ${which}. Before ${REDACTED_CUSTOM_RESOURCE_COPIES_SINCE}, troubleshoot wrote every custom resource twice: the redacted JSON and an unredacted YAML copy beside it, so those files may hold credentials. This report reads nothing from them.`,
      remediation: [
        'Treat the bundle as containing secrets: restrict who can read it and delete it when the incident is closed.',
        `Collect future bundles with kubectl support-bundle ${REDACTED_CUSTOM_RESOURCE_COPIES_SINCE} or newer.`,
        'Rotate any credential stored in a custom resource if the bundle was shared outside the team.',
      ],
      count: copies.length,
      evidence: [
        ...(version ? [evidenceOf('version.yaml', 1, `troubleshoot version ${version} (spec.versionNumber)`)] : []),
        ...copies.slice(0, 3).map((f) => evidenceOf(f.path, 1, 'YAML copy of a custom resource (regular file, not a link to the redacted JSON)')),
      ],
      data: { paths: copies.slice(0, 20).map((f) => f.path) },
    }),
  ];
}
