import type { AutoScalingGroupInfo } from '../ports.js';
import { editDistance } from './distance.js';

const CIRCLECI = /circleci|nomad/i;
const MAX_SUGGESTIONS = 3;

/** Whether a group carries CircleCI's tags (server-terraform tags and names its groups so). */
export function circleciTagged(group: AutoScalingGroupInfo): boolean {
  return Object.entries(group.tags).some(([k, v]) => CIRCLECI.test(k) || CIRCLECI.test(v));
}

/**
 * Existing groups closest to a missing name: by edit distance, CircleCI-tagged groups first on a
 * tie, and only groups close enough to be a plausible typo or a CircleCI group at all.
 */
export function suggestGroups(
  missing: string,
  groups: readonly AutoScalingGroupInfo[],
): Array<{ name: string; distance: number; circleciTagged: boolean }> {
  const limit = Math.max(3, Math.ceil(missing.length * 0.4));
  return groups
    .map((g) => ({ name: g.name, distance: editDistance(missing.toLowerCase(), g.name.toLowerCase()), circleciTagged: circleciTagged(g) }))
    .filter((s) => s.name !== missing && (s.distance <= limit || s.circleciTagged || CIRCLECI.test(s.name)))
    .sort((a, b) => a.distance - b.distance || Number(b.circleciTagged) - Number(a.circleciTagged) || a.name.localeCompare(b.name))
    .slice(0, MAX_SUGGESTIONS);
}
