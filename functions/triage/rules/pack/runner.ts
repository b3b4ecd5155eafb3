import type { Rule } from '../rule.js';
import { re, RUNNER_SERVICES, WARN_UP, INFRA_FAIL_PATTERNS, INFRA_FAIL_METRIC_ZERO } from './shared.js';

/** Runner. */
export const runnerRules: Rule[] = [
  {
    id: 'runner.task-claim-failed',
    title: 'Runner task claim failing',
    issueType: 'runner',
    severity: 'high',
    appliesTo: { services: RUNNER_SERVICES },
    patterns: [
      re`[Tt]ask[ _-]?[Cc]laim[^\n]{0,200}?(?:fail|error|Error|timed out|deadline|refused|denied|conflict|unauthori[sz]ed|\b[45]\d\d\b)`,
      re`(?:failed|unable|error) (?:to )?claim(?:ing)? (?:the |a )?task`,
    ],
    levels: WARN_UP,
    explanation: 'Runners cannot claim tasks, so runner jobs stay queued or fail. Runners share upstream services (distributor, PostgreSQL, RabbitMQ) with the Docker executor path.',
    remediation: [
      'Collect runner logs: kubectl logs -l app=runner-admin -n <namespace> --tail=5000 > runner-admin-logs.txt; kubectl logs -l app=container-agent -n <runner-namespace> --tail=5000 > container-agent-logs.txt',
      'Check the runner resource class token and the backend services at the same time.',
    ],
  },
  {
    id: 'runner.infra-fail',
    title: 'Runner jobs ending in infrastructure failure',
    issueType: 'runner',
    severity: 'high',
    appliesTo: { services: RUNNER_SERVICES },
    patterns: INFRA_FAIL_PATTERNS,
    unless: INFRA_FAIL_METRIC_ZERO,
    explanation: 'Runner tasks end in infrastructure failure. If Docker executor jobs fail at the same time, suspect a shared backend service.',
    remediation: ['Generate a container runner support bundle as well (kubectl support-bundle https://raw.githubusercontent.com/CircleCI-Public/circleci-support-scripts/refs/heads/main/container-runner-support-bundle/support-bundle.yaml).'],
  },
];
