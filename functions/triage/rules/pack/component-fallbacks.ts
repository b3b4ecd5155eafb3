import type { Rule } from '../rule.js';
import { CIRCLECI_AND_HAND_COLLECTED, NOMAD_CHECKPOINT, re, WARN_UP } from './shared.js';
import { AFTER_NAME, BEFORE_NAME, BENIGN, FAILURE, RETRIED, SERVICES_WITH_FAMILY } from './family-fallbacks.js';

/**
 * Component fallbacks, the very last rules: a failure line whose writer has no family of its own
 * (a cluster add-on, a CircleCI service, a log attached under a neutral name) still reaches the
 * family of the component it names. A name and a failure word must sit close together, at WARN or
 * above (or with no level stated), the way the store fallbacks read a line naming MongoDB.
 *
 * Shapes seen (real lines in test/corpus/): S3 and MinIO client errors naming a bucket or an object
 * call (object-storage-*), AWS SDK and CLI errors naming EC2, KMS, STS or IAM (aws-iam-*, kms-*,
 * ec2-capacity-*), Kubernetes add-ons failing on pods, volumes or DNS (kubernetes-*,
 * cluster-networking-*), git and SSH failures towards a repository (vcs-integration-*), and Nomad
 * allocation failures quoted by other tools (nomad-client-*).
 */
interface Component {
  id: string;
  title: string;
  issueType: Rule['issueType'];
  /** What the names denote, for the explanation. */
  what: string;
  names: string;
  /** Look-alikes of this component that report nothing wrong. */
  benign?: string[];
  advice: string;
}

const COMPONENTS: Component[] = [
  {
    id: 'data-store.object-storage-component-failure',
    what: 'the object storage (S3, a bucket or an object call)',
    title: 'Object storage (S3) call failing',
    issueType: 'data-store',
    // `S3` spelled with what follows it: a two-letter literal would put every line through the regex.
    names: re`\bS3 |\bS3:|\bS3\.|\bS3,|\bS3\)|\bS3"|\bs3://|\b[Bb]ucket\b|\bNoSuch(?:Bucket|Upload)\b|\b(?:Put|Get|Delete|Copy)Object\b|\bListObjects(?:V2)?\b|\b(?:Create|Complete)MultipartUpload\b`,
    // A missing key is what a lookup before a write expects (HeadObject 404, NoSuchKey).
    benign: [re`\bNoSuchKey\b|\(404\)|\b404 Not Found\b|\bHeadObject\b`],
    advice: 'Check the bucket named in the line, its region and endpoint, and the credentials the service uses for it (aws s3api head-bucket --bucket <bucket>).',
  },
  {
    id: 'cloud-permissions.aws-component-failure',
    what: 'an AWS service or call (EC2, KMS, STS, IAM, the SDK), a KMS data key or the credentials chain',
    title: 'AWS call failing (EC2, KMS, STS, IAM)',
    issueType: 'cloud-permissions',
    names: re`\bAWS\b|\bEC2\b|\bec2:[A-Z]|\bKMS\b|\bkms:[A-Z]|\bSTS\b|\bsts:[A-Z]|\bIAM\b|\biam:[A-Z]|\bAssumeRole\w*|\bRunInstances\b|\bCreateFleet\b|\b[Bb]otocore\b|\baws-sdk\b|\b[Ll]aunch [Tt]emplate\b|\bEKS\b|\bECR\b|\bdata key\b|\bciphertext\b|\bmaster key\b|\bCMK\b|\bcached credentials\b|\bcredentials? (?:chain|providers?)\b|\b(?:fetching|loading|refreshing|retrieving|obtaining) (?:AWS |aws )?credentials\b|\bservice account token\b|\bweb identity\b|\binstance metadata service\b|\bIMDS(?:v2)?\b|\bcredential[- ]provider\b`,
    // Other clouds' KMS codes (`KMS.2901`, Open Telekom Cloud).
    benign: [re`\bKMS\.\d`],
    advice: 'Find the AWS call and the error code in the line; decode an encoded authorization message with aws sts decode-authorization-message, and check the role, its policy and the service quotas.',
  },
  {
    id: 'cluster-networking.kubernetes-component-failure',
    what: 'a Kubernetes component (kubelet, volumes, pod networking, cluster DNS)',
    title: 'Kubernetes component failing (pods, volumes, cluster DNS)',
    issueType: 'cluster-networking',
    names: re`\bkubelet\b|\bkube-(?:proxy|apiserver|scheduler|controller-manager|dns)\b|\bPersistentVolume(?:Claim)?s?\b|\bPVCs?\b|\b[Pp]ods? (?:sandbox|network)\b|\bCNI\b|\b[Cc]ore[Dd][Nn][Ss]\b|\bDNS\b|\bno such host\b|\bconntrack\b|\biptables\b`,
    advice: 'Check the pods, volumes and nodes named in the line (kubectl describe, kubectl get events -A --sort-by=.lastTimestamp) and the cluster DNS and networking add-ons.',
  },
  {
    id: 'custom-integration.git-component-failure',
    what: 'git or SSH access to a repository',
    title: 'Git or SSH access to a repository failing',
    issueType: 'custom-integration',
    names: re`\bgit (?:clone|fetch|pull|checkout)\b|\b[Cc]lon(?:e|ing) (?:repository|into)\b|\bremote repository\b|[Hh]ost key verification\b|\bknown_?hosts\b|\bssh: handshake\b`,
    // ssh's note that it could not record a host key it has just accepted; the clone goes on.
    benign: [re`\bFailed to add the \w+ host key\b`],
    advice: 'Check the checkout key and the VCS host key the job or service uses, and reach the VCS from a Nomad client (ssh -T git@<vcs-host>).',
  },
  {
    id: 'nomad-autoscaler.component-failure',
    what: "the Nomad autoscaler's plugins or scaling policies",
    title: 'Nomad autoscaler plugin or policy failing',
    issueType: 'nomad-autoscaler',
    // Before Nomad: the autoscaler's plugin errors name its `nomad` plugin ("failed to dispense
    // plugin nomad", hashicorp/nomad#14576), which is not a Nomad client failing.
    names: re`\b[Nn]omad[- ][Aa]utoscaler\b|\bdispense plugin\b|\bsetup plugins\b|\bplugin_manager\b|\bscaling polic(?:y|ies)\b`,
    advice: "Read the autoscaler's log around this time, check that every plugin it names exists in its plugin directory (plugin_dir) and that its policies parse (nomad-autoscaler agent -config).",
  },
  {
    id: 'nomad-client.component-failure',
    what: 'Nomad or one of its allocations',
    title: 'Nomad allocation failing',
    issueType: 'nomad-client',
    names: re`\b[Nn]omad\b|\balloc_id=|\ballocation [0-9a-f]{8}\b`,
    // The agent's update check to HashiCorp (checkpoint) fails on every air-gapped host.
    benign: [NOMAD_CHECKPOINT],
    advice: 'Find the allocation in the line (nomad alloc status <id>) and read the Nomad client journal on its node.',
  },
];

function componentFallback(component: Component): Rule {
  return {
    id: component.id,
    title: `${component.title}, not classified by a specific rule`,
    issueType: component.issueType,
    severity: 'medium',
    // CircleCI's own services and logs collected by hand (other software's help texts and chatter
    // name pods and webhooks freely); a service with a family of its own speaks for itself.
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED, excludeServices: SERVICES_WITH_FAMILY },
    patterns: [re`(?:${component.names})[^\n]{0,${AFTER_NAME}}?${FAILURE}`, re`${FAILURE}[^\n]{0,${BEFORE_NAME}}?(?:${component.names})`],
    levels: WARN_UP,
    // Other CI products' runners name repositories and pods in every line; their failures are not ours.
    defer: [RETRIED],
    unless: [...BENIGN, ...(component.benign ?? []), re`\b(?:gitlab-runner|buildkite-agent|EphemeralRunners?|actions-runner|arc-runners|github-runners)\b`],
    explanation: `A line names ${component.what} together with a failure, and no specific rule (nor a fallback for the family of its writer) knows it.`,
    remediation: [component.advice, 'If the wording is new to the pack, turn it into a rule (incident-triage rules suggest <report.json>).'],
  };
}

export const componentFallbackRules: Rule[] = COMPONENTS.map(componentFallback);
