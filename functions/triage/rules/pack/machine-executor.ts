import type { Rule } from '../rule.js';
import { re, MACHINE_HOSTS, WARN_UP, INFRA_FAIL_PATTERNS, INFRA_FAIL_METRIC_ZERO, NOMAD_CHECKPOINT } from './shared.js';

/** Machine executor. */
export const machineExecutorRules: Rule[] = [
  {
    id: 'machine-provisioner.infra-fail',
    title: 'Machine provisioning ending in infrastructure failure',
    issueType: 'machine-executor',
    severity: 'high',
    appliesTo: { services: ['machine-provisioner', 'vm-service'] },
    patterns: INFRA_FAIL_PATTERNS,
    unless: INFRA_FAIL_METRIC_ZERO,
    explanation: 'Machine (or remote Docker) jobs ended in infrastructure failure during provisioning.',
    remediation: [
      'Collect machine-provisioner logs: kubectl logs -l app=machine-provisioner-provisioner -n <namespace> > machine-provisioner-logs.txt',
      'Add a background journalctl --no-pager -f step to the job to capture instance logs.',
    ],
  },
  {
    id: 'machine.vm-preparation-failed',
    title: 'Build agent could not get a VM for a machine job',
    issueType: 'machine-executor',
    severity: 'high',
    appliesTo: { services: [...MACHINE_HOSTS, 'nomad-client'] },
    // The build agent's job output when the provisioning service did not hand it a VM; the first
    // line has no error word, the second wraps the provisioner's HTTP status.
    patterns: [
      re`unexpected error preparing a VM for this build`,
      re`failed to create host: [^\n]{0,300}?Provisioning Service returned status code: (?<statusCode>\d{3})`,
      re`failed to create host: [^\n]{0,300}?provisioning resources for this job`,
    ],
    explanation: 'The machine provisioner (vm-service) failed or refused to create the VM a machine or remote Docker job asked for, so the job never started.',
    remediation: [
      'Read the machine-provisioner logs at that time: kubectl logs -l app=machine-provisioner-provisioner -n <namespace> --since=1h; a 5xx status points at the provisioner or EC2 (capacity, quota, permissions).',
    ],
    references: ['https://github.com/bioconda/bioconda-recipes/issues/11723'],
  },
  {
    id: 'machine.ami-unavailable',
    title: 'Machine executor AMI not found or not usable',
    issueType: 'machine-executor',
    severity: 'high',
    appliesTo: { services: [...MACHINE_HOSTS, 'vm-scaler'] },
    patterns: [
      re`\b(?<errorCode>InvalidAMIID\.(?:NotFound|Malformed|Unavailable))\b`,
      re`The image id '\[?(?<amiId>ami-[0-9a-f]{8,17})\]?' does not exist`,
      re`Not authorized for images: \[?(?<amiId>ami-[0-9a-f]{8,17})`,
      re`AMI (?<amiId>ami-[0-9a-f]{8,17}) is invalid`,
    ],
    explanation:
      'EC2 refused the AMI of the machine executor image: it does not exist in this region, was deregistered, is malformed or is not shared with the account. No machine or remote Docker instance can start from it.',
    remediation: [
      'Check the AMI in the region the provisioner uses: aws ec2 describe-images --image-ids <ami-id> --region <region> (AMIs are regional; copy it with aws ec2 copy-image).',
      'Update the machine provisioner image configuration (Helm values for the resource class AMI) to an AMI that exists and is shared with the account.',
    ],
    references: [
      'https://github.com/ambrosejcarr/seqc/issues/324',
      'https://github.com/brikis98/terraform-up-and-running-code/issues/41',
      'https://github.com/doccano/doccano/issues/190',
      'https://github.com/StreisandEffect/streisand/issues/82',
    ],
  },
  {
    id: 'machine.instance-launch-failed',
    title: 'Machine executor instance terminated during launch or never became ready',
    issueType: 'machine-executor',
    severity: 'high',
    appliesTo: { services: [...MACHINE_HOSTS, 'vm-scaler'] },
    patterns: [
      re`(?<stateReason>(?:Server|Client)\.(?:InternalError|InstanceInitiatedShutdown|InvalidSnapshot\.NotFound|SpotInstanceTermination)): (?:Internal error|Client error|Instance initiated shutdown|[A-Z])`,
      re`\b(?<errorCode>ResourceNotReady): (?:failed waiting for successful resource state|exceeded wait attempts)`,
      re`waiting for instance \(?(?<instanceId>i-[0-9a-f]{8,17})\)? to become ready`,
      // The account cannot launch in the region yet: AWS is still validating a new account or region.
      re`\b(?<errorCode>PendingVerification)\b`,
      re`Your request for accessing resources in this region is being validated`,
    ],
    explanation:
      'An instance started for a machine job went from pending straight to terminated (the state reason says why: EC2 internal error, a client error such as an unreadable snapshot or KMS key, or a shutdown from inside), or never reached running before the provisioner gave up. EC2 also refuses every launch while it is still validating a new account or region (PendingVerification).',
    remediation: [
      'Read the state reason of the instance: aws ec2 describe-instances --instance-ids <id> --query "Reservations[].Instances[].StateReason".',
      'For Client.InternalError check the AMI block device mappings, encrypted volume KMS key and snapshot; for Server.InternalError retry in another Availability Zone or instance type.',
    ],
    references: [
      'https://github.com/jtriley/StarCluster/issues/329',
      'https://github.com/hashicorp/packer/issues/12683',
      'aws/aws-sdk-go@8d203ccff393340d080be0417d091cc60354449b:aws/request/waiter.go',
      'https://github.com/skyplane-project/skyplane/issues/799',
      'https://github.com/openshift/installer/issues/1709',
    ],
  },
  {
    id: 'machine.disk-full',
    title: 'Machine executor out of disk space',
    issueType: 'machine-executor',
    severity: 'high',
    appliesTo: { services: MACHINE_HOSTS },
    patterns: [re`[Nn]o space left on device`],
    explanation: 'The machine executor instance (or the provisioner) ran out of disk space; the job or provisioning step fails.',
    remediation: ['Increase the instance disk size for the resource class, or reduce what the job writes to disk.'],
  },
  {
    id: 'machine.cannot-allocate-memory',
    title: 'Machine executor out of memory (Cannot allocate memory)',
    issueType: 'machine-executor',
    severity: 'high',
    appliesTo: { services: MACHINE_HOSTS },
    patterns: [re`[Cc]annot allocate memory`, re`Out of memory: Killed? process \d+ \((?<process>[^)\n]{1,64})\)`],
    explanation: 'A process could not get memory, or the kernel OOM killer stopped one, on the machine executor instance.',
    remediation: ['Use a larger resource class or reduce the memory the job uses; check which process was killed.'],
  },
  {
    id: 'machine.connection-timed-out',
    title: 'Network connection timed out on a machine executor',
    issueType: 'machine-executor',
    severity: 'medium',
    appliesTo: { services: MACHINE_HOSTS },
    patterns: [
      re`[Cc]onnection timed out`,
      // SSH to the instance (port 22) that never answers or drops the handshake.
      re`(?:dial|read) tcp [^\s]{0,120}?(?<host>[\w.-]{1,253}):22: (?:i/o timeout|connect: connection refused)`,
      re`ssh: handshake failed: [^\n]{0,200}?(?:i/o timeout|EOF|connection reset by peer)`,
      // Packer's wording (the AMI builds of machine images, and provisioners built on its communicator).
      re`Timeout waiting for SSH`,
      // Ansible's wait_for on the SSH banner of a freshly launched instance.
      re`Timeout when waiting for search string OpenSSH in `,
    ],
    unless: [NOMAD_CHECKPOINT],
    levels: WARN_UP,
    explanation:
      'A network connection from the machine executor instance or the provisioner timed out (security groups, proxy or routing); an SSH connection to the instance on port 22 that times out means the provisioner cannot reach the VM it launched.',
    remediation: [
      'Check security groups, NACLs and proxy settings between the instance subnet and the endpoint it was calling.',
      'For port 22: the machine provisioner must reach the instance subnet on TCP 22 (security group of the machine instances, routes from the cluster VPC).',
    ],
    references: ['https://github.com/1Panel-dev/1Panel/issues/9994', 'https://github.com/ned1313/Getting-Started-Terraform/issues/18', 'https://github.com/StreisandEffect/streisand/issues/820'],
  },
];
