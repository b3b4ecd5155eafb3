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
      // The task pod's liveness probe and the task orchestrator (runner-init) report a dead or stuck task agent.
      re`Task agent appears not running: `,
      re`task agent process is still running, which could interrupt the task`,
      re`error (?:while executing task agent|waiting for service containers to become ready): `,
      re`failed to (?:start task agent command|retry task: exhausted all task retries)`,
    ],
    explanation:
      'The runner claimed the task but could not start it: the task pod was rejected or failed to start (bad pod spec, image for another architecture), or the task agent died (exit 137 = out of memory, 139 = bad entrypoint). The job fails in Runner Instance Failure or Task lifecycle.',
    remediation: [
      'Exit 137: raise the task pod memory limits in the resource class configuration; exit 139: fix the image entrypoint.',
      'Invalid pod: fix agent.resourceClasses.<class>.spec in the container-agent Helm values; pod failed to start: kubectl describe pod <task pod> (set KUBE_DISABLE_POD_DELETION_ON_TASK_CLEANUP=true to keep it).',
    ],
    references: [
      'https://circleci.com/docs/guides/execution-runner/troubleshoot-self-hosted-runner/',
      'circleci/runner-init@d86f9126273e0506fd2e58469700df9051b33185:task/orchestrator.go',
    ],
  },
  {
    id: 'runner.task-claim-refused',
    title: 'Runner agent refused by the runner API when claiming tasks',
    issueType: 'runner',
    severity: 'high',
    // The launch agent's wording is specific enough for files that name no service.
    appliesTo: { services: [...RUNNER_SERVICES, 'unknown'] },
    patterns: [re`error claiming task: server supplied detail: (?<detail>[^\n"]{1,200}?) \((?<statusCode>[45]\d\d)-[\w -]{2,40}\)`],
    references: ['https://github.com/CircleCI-Public/circleci-runner-docker/issues/28'],
    explanation: 'The runner API rejected the agent (401: the resource class token is invalid or its resource class was deleted; 301/404: an outdated agent calls a retired endpoint); the runner takes no jobs.',
    remediation: ['Check the resource class and its token (circleci runner resource-class list <namespace>); create a new token or upgrade the agent as the status says.'],
  },
  {
    id: 'runner.job-not-runnable',
    title: 'Runner job not run: resource class unusable or runner went silent',
    issueType: 'runner',
    severity: 'high',
    // Job page messages, pasted by operators.
    appliesTo: { services: [...RUNNER_SERVICES, 'unknown'] },
    patterns: [
      re`We cannot run this job using the selected resource class`,
      re`This job was claimed but has not received a heartbeat in over \d+ minutes`,
    ],
    references: ['https://github.com/circleci/circleci-docs/issues/6873', 'circleci/circleci-docs@657973c844666f2c25e294651132a57716f70f51:jekyll/_cci2/troubleshooting-common-issues.md'],
    explanation:
      'CircleCI could not run the job on the runner resource class (the class or namespace does not exist, or runners are not enabled for the plan), or a runner claimed the task and stopped reporting (the agent host died, lost network or was OOM killed).',
    remediation: [
      'Check the resource class name in .circleci/config.yml against circleci runner resource-class list <namespace>.',
      'For a silent task: check the runner host or task pod at the claim time (journalctl -u circleci-runner, kubectl logs <container-agent pod>).',
    ],
  },
  {
    id: 'runner.agent-download-corrupt',
    title: 'Runner agent binary download failed its checksum',
    issueType: 'runner',
    severity: 'high',
    // The installers' own message; an install transcript attached by hand names no service.
    appliesTo: { services: [...RUNNER_SERVICES, 'host', 'cloud-init', 'unknown'] },
    patterns: [re`Invalid checksum for CircleCI (?<agent>Launch Agent|Runner Agent)(?: binary)?, please try download again`],
    references: [
      'CircleCI-Public/runner-installation-files@0b8ab9df74e3a0d6a193a0b79ed2b671bf87c4cc:download-launch-agent.sh',
      'CircleCI-Public/runner-installation-files@9103c255e7959f607f9f12457c22a5b958fd81ed:windows-install/circleci-runner/Install-CircleCIRunner.ps1',
    ],
    explanation: 'The machine runner installer downloaded the agent binary but its SHA-256 did not match the manifest (a proxy rewrote or cut the download); the agent is not installed, so the runner takes no jobs.',
    remediation: ['Run the download again from the runner host; if it keeps failing, check the proxy between the host and circleci-binary-releases.s3.amazonaws.com (or the server installation URL).'],
  },
  {
    id: 'runner.provisioner-api-unreachable',
    title: 'Runner provisioner cannot read the task queue',
    issueType: 'runner',
    severity: 'high',
    appliesTo: { services: [...RUNNER_SERVICES, 'runner-provisioner', 'unknown'] },
    patterns: [re`failed to get (?:unclaimed|running) tasks`],
    references: ['circleci/circleci-docs@9734a1410cc98741bc09b84f187325a8f43baf68:docs/guides/modules/execution-runner/pages/runner-provisioner.adoc'],
    explanation: 'The machine runner provisioner cannot reach the CircleCI API, so it does not start runner VMs for queued jobs.',
    remediation: ['Check circleciAPIAddr and the token in the provisioner values and the network from the provisioner pod to the CircleCI Server API.'],
  },
];
