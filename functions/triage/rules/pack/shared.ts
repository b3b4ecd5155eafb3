import type { Rule } from '../rule.js';
import { CIRCLECI_SERVICES, DATA_STORES } from '../../model/services.js';

/** Version of the built-in pack; bump it whenever a rule is added, removed or changed. */
export const RULE_PACK_VERSION = '2026.12.7';

// Patterns are written with String.raw so they read like the regex they are.
export const re = String.raw;

export const CIRCLECI = [...CIRCLECI_SERVICES];
export const STORES: string[] = [...DATA_STORES];
/** CircleCI services that talk to the data stores; the stores' own logs have their own rules. */
export const STORE_CLIENTS = CIRCLECI.filter((s) => !STORES.includes(s));
/** CircleCI services plus files operators attach by hand (curl transcripts, host logs). */
export const CIRCLECI_AND_HAND_COLLECTED = [...CIRCLECI, 'api-client', 'nomad-client', 'host', 'cloud-init', 'container-agent', 'machine-runner', 'unknown'];
/** Logs of a machine executor instance or of the service that provisions it. */
export const MACHINE_HOSTS = ['machine-provisioner', 'vm-service', 'host', 'cloud-init', 'unknown'];
export const DISTRIBUTORS = ['distributor-external', 'distributor-internal'];
export const RUNNER_SERVICES = ['runner-admin', 'container-agent', 'machine-runner'];

// Level filters: only lines a service itself marked as a problem (lines without a level still count).
export const WARN_UP: Rule['levels'] = ['warn', 'error', 'fatal'];

/** The job outcome as CircleCI's services spell it. */
export const INFRA_FAIL = re`(?:infra_fail|INFRA_FAIL|infrastructure_fail|INFRASTRUCTURE_FAIL)`;
export const INFRA_FAIL_PATTERNS = [
  re`(?:job|task|build)[_-]?[iI][dD]\\?"?[=:] ?\\?"?(?<jobId>[\w-]{6,64})[^\w\n-][^\n]{0,120}?${INFRA_FAIL}`,
  re`${INFRA_FAIL}(?:[^\n]{0,120}?(?:job|task|build)[_-]?[iI][dD]\\?"?[=:] ?\\?"?(?<jobId>[\w-]{6,64}))?`,
];
/** A counter or metric reporting zero infra failures is not a failure. */
export const INFRA_FAIL_METRIC_ZERO = [
  re`(?:infra_fail|infrastructure_fail)[\w.]{0,40}(?:\{[^}\n]{0,200}\})?\\?"?(?:[=:] ?| )\\?"?0(?:\.0+)?(?:[^\d.]|$)`,
  re`(?:infra_fail|infrastructure_fail)[^\n]{0,40}?\b(?:count|value)\\?"?[=:] ?\\?"?0(?:\.0+)?(?:[^\d.]|$)`,
];
/** The user-facing "no output" step timeout shows up in job output; it is not an infrastructure problem. */
export const USER_STEP_TIMEOUT = re`Too long with no output|exceeded \d+m\d+s\)?: context deadline exceeded`;
/** Nomad's HashiCorp checkpoint (version check) failures are harmless, even in air-gapped installs. */
export const NOMAD_CHECKPOINT = re`update check failed|checkpoint`;

export const AWS_ARN = re`arn:aws[\w-]*:[^\s"\\,]+`;
/** An ASG ARN names the group after `autoScalingGroupName/`; other ARNs are taken whole. */
export const ASG_RESOURCE = re`arn:aws[\w-]*:autoscaling:[^\s"\\,]{0,300}?:autoScalingGroupName/(?<asgName>[\w.-]{1,255})|${AWS_ARN}`;
