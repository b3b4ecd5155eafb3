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
  {
    id: 'runner.task-failed',
    title: 'Self-hosted runner could not start or run a task',
    issueType: 'runner',
    severity: 'high',
    // The infrastructure message is pasted from the job page, so unattributed files count too.
    appliesTo: { services: [...RUNNER_SERVICES, 'unknown'] },
    patterns: [
      // Capturing shapes first; the generic prefix catches the other task errors.
      re`launch circleci-agent on "(?<container>[^"\n]{1,64})" failed(?:: command terminated with exit code (?<exitCode>\d{1,3}))?`,
      re`error creating task pod: Pod "(?<pod>[\w.-]{1,253})" is invalid`,
      re`could not (?:run|start) task(?: containers)?:`,
      re`Oops, there was an issue with your infrastructure\. Verify your self-hosted runner`,
    ],
    explanation:
      'The runner claimed the task but could not start it: the task pod was rejected or failed to start (bad pod spec, image for another architecture), or the task agent died (exit 137 = out of memory, 139 = bad entrypoint). The job fails in Runner Instance Failure or Task lifecycle.',
    remediation: [
      'Exit 137: raise the task pod memory limits in the resource class configuration; exit 139: fix the image entrypoint.',
      'Invalid pod: fix agent.resourceClasses.<class>.spec in the container-agent Helm values; pod failed to start: kubectl describe pod <task pod> (set KUBE_DISABLE_POD_DELETION_ON_TASK_CLEANUP=true to keep it).',
    ],
    references: ['https://circleci.com/docs/guides/execution-runner/troubleshoot-self-hosted-runner/'],
  },
];
