import type { Rule } from '../rule.js';
import { re, WARN_UP } from './shared.js';

/** Nomad autoscaler. */
export const nomadAutoscalerRules: Rule[] = [
  {
    id: 'nomad-autoscaler.asg-not-found',
    title: 'Nomad autoscaler cannot find its Auto Scaling Group',
    issueType: 'nomad-autoscaler',
    severity: 'critical',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [
      // v0.3.x WARN and v0.4.8+ "starting the policy handler" put the policy id before the error.
      re`policy_?[iI][dD]\\?"?[=:]\\?"?(?<policyId>[0-9a-f-]{36})[^\n]{0,400}?expected 1 Autoscaling Group, got (?<gotCount>\d+)`,
      re`expected 1 Autoscaling Group, got (?<gotCount>\d+)(?:[^\n]{0,300}?policy_?[iI][dD]\\?"?[=:]\\?"?(?<policyId>[0-9a-f-]{36}))?`,
      // The Auto Scaling API's own ValidationError for a group that does not exist (SetDesiredCapacity, tags, detach).
      re`AutoScalingGroup (?:name )?not found(?: - AutoScaling ?Group (?<asgName>[\w.-]{1,255}) not found)?`,
    ],
    explanation:
      'The aws-asg target asked DescribeAutoScalingGroups for the ASG named in the scaling policy and did not get exactly one group back. With "got 0" the name does not exist in the region (typo, renamed or recreated ASG, wrong region); the autoscaler skips every evaluation, so Nomad clients never scale and jobs queue.',
    remediation: [
      'Compare aws_asg_name in the autoscaler policy (kubectl get configmap -l app=nomad-autoscaler -n <namespace> -o yaml) with the real ASG name (aws autoscaling describe-auto-scaling-groups --query "AutoScalingGroups[].AutoScalingGroupName").',
      'Fix nomad.auto_scaler.aws.autoScalingGroup in the Helm values and roll out; check aws_region as well.',
      'Make sure the autoscaler role allows autoscaling:DescribeAutoScalingGroups.',
    ],
    references: ['https://github.com/aws/aws-sdk-go/issues/1151', 'https://github.com/cloud-custodian/cloud-custodian/issues/380'],
  },
  {
    id: 'nomad-autoscaler.policy-min-greater-than-max',
    title: 'Nomad autoscaler policy rejected: min is greater than max',
    issueType: 'nomad-autoscaler',
    severity: 'critical',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [
      re`failed to validate file (?<policyFile>[^\s:"\\]{1,255}):[^\n]{0,80}?policy Min must not be greater Max`,
      re`policy Min must not be greater Max`,
    ],
    explanation:
      'The scaling policy sets min higher than max, so it fails validation and is not loaded. The autoscaler is effectively broken for that resource class: it never scales the Nomad clients.',
    remediation: [
      'Check the autoscaler ConfigMap: kubectl get configmap -l app=nomad-autoscaler -n <namespace> -o yaml',
      'Set nomad.auto_scaler.scaling.min <= nomad.auto_scaler.scaling.max in the Helm values and roll out.',
    ],
  },
  {
    id: 'nomad-autoscaler.policy-invalid',
    title: 'Nomad autoscaler policy file failed validation',
    issueType: 'nomad-autoscaler',
    severity: 'critical',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [
      re`failed to validate file (?<policyFile>[^\s:"\\]{1,255})`,
      re`policy (?:Min|Max) can't be negative`,
      re`failed to decode file (?<policyFile>[^\s:"\\]{1,255})`,
    ],
    explanation: 'A scaling policy file could not be decoded or validated, so the autoscaler skipped it and does not scale that pool.',
    remediation: ['Inspect the policy in the autoscaler ConfigMap (kubectl get configmap -l app=nomad-autoscaler -n <namespace> -o yaml), fix the reported field and roll out.'],
  },
  {
    id: 'nomad-autoscaler.asg-name-missing',
    title: 'Nomad autoscaler policy has no aws_asg_name',
    issueType: 'nomad-autoscaler',
    severity: 'critical',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [re`required config param aws_asg_name not found`],
    explanation: 'The aws-asg target block of the scaling policy lacks aws_asg_name, so every status check and scale action fails.',
    remediation: ['Set nomad.auto_scaler.aws.autoScalingGroup in the Helm values to the Nomad client ASG name and roll out.'],
  },
  {
    id: 'nomad-autoscaler.node-drain-failed',
    title: 'Nomad autoscaler failed to drain a node during scale-in',
    issueType: 'nomad-autoscaler',
    severity: 'high',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [
      re`failed to drain node`,
      re`received error while draining node`,
      re`context done while monitoring node drain`,
    ],
    explanation: 'A scale-in drain did not complete. The node may stay drained (no new jobs) while the ASG still counts it, or jobs on it were stopped at the drain deadline.',
    remediation: [
      'Check node status: kubectl exec -it $(kubectl get pods -l app=nomad-server -n <namespace> -o name | head -1) -n <namespace> -- nomad node status',
      'Review node_drain_deadline in the autoscaler target block.',
    ],
  },
  {
    id: 'nomad-autoscaler.node-draining',
    title: 'Nomad autoscaler draining Nomad clients (many of these lines mean a drain storm)',
    issueType: 'nomad-autoscaler',
    severity: 'medium',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [
      re`triggering drain on node: [^\n]{0,200}?node_id=(?<node>[0-9a-f-]{8,36})`,
      re`node (?<node>[0-9a-f-]{8,36}) is draining`,
      re`received node drain message: [^\n]{0,200}?node_id=(?<node>[0-9a-f-]{8,36})`,
    ],
    explanation:
      'The autoscaler is draining Nomad clients for scale-in, or a draining node is blocking pool readiness. On older autoscaler versions scale-in can drain too many nodes at once (drain storm), removing capacity jobs need.',
    remediation: [
      'Upgrade to autoscaler v0.4.6+ (Server 4.8.x+) and set max_scale_down in the check strategy to limit how many nodes drain at once.',
      'Consider node_filter_ignore_drain = "true" in the target block to prevent cascading drain decisions.',
      'Review node_selector_strategy (e.g. empty, empty_ignore_system) to control which nodes are drained first.',
    ],
  },
  {
    id: 'nomad-autoscaler.min-raised-to-one',
    title: 'Nomad autoscaler raised policy min from 0 to 1',
    issueType: 'nomad-autoscaler',
    severity: 'info',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [re`policy modified[^\n]{0,300}?min value set to 1`],
    explanation: 'Scaling a cluster to 0 is not supported with the Nomad APM, so the autoscaler silently uses min = 1 instead of the configured 0.',
    remediation: ['Set nomad.auto_scaler.scaling.min to at least 1 (and the ASG min size to match) so configuration and behaviour agree.'],
  },
  {
    id: 'nomad-autoscaler.asg-target',
    title: 'Nomad autoscaler names the Auto Scaling Group it scales',
    issueType: 'nomad-autoscaler',
    severity: 'info',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [re`aws_asg_name[:=] ?\\?"?(?<asgName>[A-Za-z0-9._-]{1,255})`, re`internal_plugin\.aws-asg:[^\n]{0,200}?\basg_name=(?<asgName>[A-Za-z0-9._-]{1,255})`],
    // Routine decisions that merely mention the ASG are not worth a finding.
    unless: [re`scaling will not take place due to InstanceRefresh|scaling not required|(?:skipping|capping) scale-in`],
    explanation:
      'The autoscaler logs the ASG name from its policy target (policy dumps at DEBUG, scaling actions at INFO). It is the name to verify against AWS when the policy ConfigMap is not in the bundle.',
    remediation: ['Check that this name exists in the region the autoscaler uses: aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names <name>.'],
  },
  {
    id: 'nomad-autoscaler.policy-error',
    title: 'Nomad autoscaler error handling a scaling policy',
    issueType: 'nomad-autoscaler',
    severity: 'medium',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [
      re`encountered an error (?:monitoring policy IDs|starting the policy handler)`,
      re`failed to (?:get target status|evaluate policy|evaluate check|scale target|query source)`,
      re`failed to read policy in time`,
      re`policy_handler: failed to get policy`,
      re`failed to identify Nomad Autoscaler nodeID`,
      re`node pool status readiness check failed`,
      re`failed to perform (?:pre|post)-scale Nomad scale in tasks`,
      re`failed to update AutoScaling Group tag`,
      // v0.4.x handler and check runner wordings.
      re`unable to scale target`,
      re`check_handler: failed to run check`,
      re`encountered an error getting the (?:latest version for policy|target for the policy handler)`,
      re`failed to (?:ensure all activities completed|terminate instance in ASG)`,
      re`failed to (?:start the nomad client|reload Autoscaler configuration|reload plugins)`,
      // Scale-in picked a Nomad node whose instance is not in the target ASG (hashicorp/nomad-autoscaler#495).
      re`selected node not found in ASG`,
      // The evaluation broker dropping an evaluation it could not deliver (hashicorp/nomad-autoscaler#571).
      re`policy_eval\.broker: eval delivery limit reached`,
    ],
    // The handler retries on its own; only warnings and errors mean a missed evaluation.
    levels: ['warn', 'error', 'fatal'],
    explanation: 'The autoscaler could not evaluate or act on a scaling policy; while this repeats, the pool does not scale.',
    remediation: ['Read the error value and the continuation lines after it, and check the autoscaler ConfigMap and the Nomad server health.'],
    references: [
      'https://github.com/hashicorp/nomad-autoscaler/issues/254',
      'https://github.com/hashicorp/nomad-autoscaler/issues/519',
      'https://github.com/hashicorp/nomad-autoscaler/issues/514',
      'https://github.com/hashicorp/nomad-autoscaler/issues/559',
      'https://github.com/hashicorp/nomad-autoscaler/issues/410',
      'https://github.com/hashicorp/nomad-autoscaler/issues/1260',
      'https://github.com/hashicorp/nomad-autoscaler/issues/571',
      'hashicorp/nomad-autoscaler@ede4e617db9b03305c70d053ef57ad098e9a2a73:policy/handler.go',
    ],
  },
  {
    id: 'nomad-autoscaler.plugin-failed',
    title: 'Nomad autoscaler cannot load a plugin',
    issueType: 'nomad-autoscaler',
    severity: 'critical',
    appliesTo: { services: ['nomad-autoscaler'] },
    // go-plugin launch errors: a plugin named in the config or a policy is missing from plugin_dir
    // (hashicorp/nomad-autoscaler#532, #403; hashicorp/nomad#14576; jorgemarey/nomad-nova-autoscaler#2).
    patterns: [
      re`failed to dispense plugin (?<plugin>[\w.-]{1,80})?`,
      re`failed to instantiate plugin (?<plugin>[\w.-]{1,80}) client`,
    ],
    levels: WARN_UP,
    references: ['https://github.com/hashicorp/nomad-autoscaler/issues/532', 'https://github.com/hashicorp/nomad-autoscaler/issues/403', 'https://github.com/hashicorp/nomad/pull/14576', 'https://github.com/jorgemarey/nomad-nova-autoscaler/issues/2'],
    explanation: 'The autoscaler could not start a plugin (target, APM or strategy) it is configured to use: the agent does not start, or policies using that plugin are never evaluated, so the Nomad client pool does not scale.',
    remediation: ['Compare the plugin names in the autoscaler config and policies (nomad-target, aws-asg, threshold, target-value) with the plugins of the running autoscaler version and its plugin_dir.'],
  },
  {
    id: 'nomad-autoscaler.agent-start-failed',
    title: 'Nomad autoscaler agent failed to start',
    issueType: 'nomad-autoscaler',
    severity: 'critical',
    appliesTo: { services: ['nomad-autoscaler'] },
    // The agent's last words whatever the cause: plugins (claimed above when the cause is a plugin),
    // the Nomad API, or the HA lock that 0.4 takes through Nomad variables (hashicorp/nomad-autoscaler#838).
    patterns: [re`\bagent: failed to start agent\b`, re`"@message":"failed to start agent"`],
    levels: WARN_UP,
    references: ['https://github.com/hashicorp/nomad-autoscaler/issues/838', 'https://github.com/hashicorp/nomad-autoscaler/issues/532'],
    explanation: 'The autoscaler process exited during start-up, so no scaling policy is evaluated and the Nomad client ASG keeps its size whatever the queue.',
    remediation: [
      'Read the error value: a 403 on locks or variables means the autoscaler ACL token lacks the rights that high-availability mode needs (0.4+); a Nomad address error means the Nomad API is unreachable.',
      'Check the autoscaler pod restarts: kubectl get pods -l app=nomad-autoscaler -n <namespace>.',
    ],
  },
  {
    id: 'nomad-autoscaler.asg-scale-failed',
    title: 'Nomad autoscaler could not change or confirm the Auto Scaling Group size',
    issueType: 'nomad-autoscaler',
    severity: 'high',
    // Wordings of the aws-asg target plugin, so a file whose writer is unknown counts too; in the
    // autoscaler's own log the policy rules above claim them first
    // (hashicorp/nomad-autoscaler@06fb03545d2ec9ae018a2a1cda4f849123235bc3:plugins/builtin/target/aws-asg/plugin/aws.go).
    appliesTo: { services: ['nomad-autoscaler', 'unknown'] },
    // 0.3.x scaled in by detaching then terminating instances, with its own (misspelt) wordings
    // (hashicorp/nomad-autoscaler@04986bea51dd2d342bdfa55b50d0bde6eacaba16:plugins/builtin/target/aws-asg/plugin/aws.go).
    patterns: [
      re`failed to (?:confirm scale (?:out|in)|scale in) AWS AutoScaling Group`,
      re`failed to (?:update|detach intances from|detached instances from) Auto[Ss]caling Group: `,
      re`failed to terminate EC2 (?:instances|intances): `,
    ],
    levels: WARN_UP,
    references: ['https://github.com/hashicorp/nomad-autoscaler/issues/1234', 'hashicorp/nomad-autoscaler@06fb03545d2ec9ae018a2a1cda4f849123235bc3:plugins/builtin/target/aws-asg/plugin/aws.go', 'hashicorp/nomad-autoscaler@04986bea51dd2d342bdfa55b50d0bde6eacaba16:plugins/builtin/target/aws-asg/plugin/aws.go'],
    explanation: 'The autoscaler asked AWS to resize the Nomad client ASG but the call failed or the instance count never reached the desired size within its retries; jobs queue for want of Nomad clients.',
    remediation: ['Check the ASG activity history (aws autoscaling describe-scaling-activities --auto-scaling-group-name <asg>) for launch failures, capacity or quota errors.'],
  },
  {
    id: 'nomad-autoscaler.aws-asg-target-error',
    title: 'Nomad autoscaler aws-asg target could not read its ASG or prepare a scale-in',
    issueType: 'nomad-autoscaler',
    severity: 'high',
    // The target plugin's other error wrappers, unchanged from 0.3.0 to 0.5.0; placed after the
    // specific autoscaler rules, which claim the causes they know (denials, missing ASG)
    // (hashicorp/nomad-autoscaler@ede4e617db9b03305c70d053ef57ad098e9a2a73:plugins/builtin/target/aws-asg/plugin/plugin.go).
    appliesTo: { services: ['nomad-autoscaler', 'unknown'] },
    patterns: [
      re`failed to describe AWS Autoscaling Group activities: `,
      re`failed to perform (?:pre|post)-scale Nomad scale in tasks: `,
      re`failed to run Nomad node readiness check: `,
      re`failed to load default AWS config: `,
    ],
    levels: WARN_UP,
    references: ['hashicorp/nomad-autoscaler@ede4e617db9b03305c70d053ef57ad098e9a2a73:plugins/builtin/target/aws-asg/plugin/plugin.go', 'hashicorp/nomad-autoscaler@04986bea51dd2d342bdfa55b50d0bde6eacaba16:plugins/builtin/target/aws-asg/plugin/aws.go'],
    explanation: 'The aws-asg target could not read the ASG state, load its AWS configuration, or drain and purge the Nomad nodes it picked for scale-in, so that scaling action was abandoned; jobs may queue or idle clients stay up.',
    remediation: [
      'Read the error after the wrapper: AWS credentials or region (load default AWS config), the Auto Scaling API (activities), or the Nomad API (readiness check, scale-in tasks).',
      'Check the autoscaler pod identity (IRSA) and its route to the Auto Scaling endpoint and to the Nomad servers.',
    ],
  },
];
