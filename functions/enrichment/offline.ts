import type { Report } from '../triage/report/schema.js';
import { asgTargets, unverified } from './asg/verify.js';
import { analysePolicies } from './policy/analyse.js';
import { ENRICHMENT_SCHEMA_VERSION, STEP_NAMES, type Enrichment } from './schema.js';
import { reportTextSources } from './sources.js';
import { collectMessages } from './sts/extract.js';
import { notAttempted } from './sts/step.js';
import { incidentWindow } from './window.js';

const OFF = 'AWS enrichment is off (run with --aws)';

/**
 * The part of the enrichment that needs no AWS: policy parsing and checks, and the list of
 * encoded messages waiting to be decoded. Used when `--aws` is off.
 */
export async function enrichmentFromPolicyOnly(report: Report): Promise<Enrichment> {
  const started = Date.now();
  const autoscaler = await analysePolicies(report);
  const window = incidentWindow(report);
  const messages = notAttempted(collectMessages(reportTextSources(report)), `${OFF}; or run: aws sts decode-authorization-message --encoded-message <message>`);
  const steps = STEP_NAMES.map((name) =>
    name === 'autoscaler-policy'
      ? { name, status: 'ok' as const, durationMs: Date.now() - started, errors: [] }
      : { name, status: 'skipped' as const, durationMs: 0, errors: [], note: OFF },
  );
  return {
    schemaVersion: ENRICHMENT_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    mode: 'offline',
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    steps,
    authorizationMessages: messages,
    cloudTrail: { backend: null, principals: [], denials: [], recentChanges: [], changesWindow: null, policyChanges: [], truncated: false },
    autoscaler,
    autoScalingGroups: unverified(asgTargets(autoscaler), report),
    findingLinks: [],
  };
}
