/**
 * Canonical values for captures whose wording varies between AWS services and SDK versions, so a
 * finding's data can be compared across lines (`service control policy` and `SCP` both become `scp`).
 */
const POLICY_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/^(?:service control polic(?:y|ies)|scp)$/i, 'scp'],
  [/^(?:resource control polic(?:y|ies)|rcp)$/i, 'rcp'],
  [/^permissions? boundar(?:y|ies)$/i, 'permissions-boundary'],
  [/^session polic(?:y|ies)$/i, 'session-policy'],
  [/^identity-based polic(?:y|ies)$/i, 'identity-policy'],
  [/^resource-based polic(?:y|ies)$/i, 'resource-policy'],
  [/^vpc endpoint polic(?:y|ies)$/i, 'vpc-endpoint-policy'],
];

/** `because no ... allows` is an implicit deny; `with an explicit deny` names the denying policy. */
function denialOf(value: string): string {
  return /explicit/i.test(value) ? 'explicit' : 'implicit';
}

function policyTypeOf(value: string): string {
  const wording = value.trim().replace(/\s+/g, ' ');
  return POLICY_TYPES.find(([re]) => re.test(wording))?.[1] ?? wording.toLowerCase();
}

const NORMALISERS: Record<string, (value: string) => string> = {
  policyType: policyTypeOf,
  denial: denialOf,
};

/** The captures with known names rewritten to their canonical values; others pass unchanged. */
export function normaliseCaptures(captures: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(captures)) out[name] = NORMALISERS[name]?.(value) ?? value;
  return out;
}
