import type { Rule } from '../rule.js';
import { re, WARN_UP, MACHINE_HOSTS } from './shared.js';
import { AWS_CALLERS, METRIC_ZERO, sdkErrorEnvelopes } from './aws-errors.js';

const EC2_ERROR_CODES = 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html';
const CAPACITY_CODES = re`InsufficientInstanceCapacity|InsufficientHostCapacity|InsufficientCapacityOnHost|InsufficientReservedInstanceCapacity|UnfulfillableCapacity|ReservationCapacityExceeded`;
const QUOTA_CODES = re`VcpuLimitExceeded|InstanceLimitExceeded|MaxSpotInstanceCountExceeded|MaxSpotFleetRequestCountExceeded|MaxFleetCountExceeded|VolumeLimitExceeded|AttachmentLimitExceeded|AddressLimitExceeded|NetworkInterfaceLimitExceeded`;
const THROTTLE_CODES = re`Throttling|ThrottlingException|RequestLimitExceeded|TooManyRequestsException`;
/** A code followed by the separators SDKs put before the message (`Code: msg`, `(Code)`, `Code - msg`, quoted). */
const CODE_END = re`(?::|\)| -| =>|"|'|<)`;

/** EC2 capacity, quotas and API rate limits, and the Auto Scaling activities that report them. */
export const awsCapacityRules: Rule[] = [
  {
    id: 'aws.ec2-insufficient-capacity',
    title: 'EC2 has no capacity for the requested instance type',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: AWS_CALLERS },
    levels: WARN_UP,
    unless: [METRIC_ZERO],
    patterns: [
      re`We currently do not have sufficient (?:(?<instanceType>[\w.-]{2,40}) )?capacity in the Availability Zone you requested(?: \((?<availabilityZone>[\w-]{4,30})\))?`,
      re`There is no Spot capacity available that matches your request`,
      re`\b(?<errorCode>${CAPACITY_CODES})${CODE_END}`,
      re`insufficient capacity, all requested instance types were unavailable`,
      re`creating instance, insufficient capacity`,
      re`has insufficient capacity to launch the instances`,
      // Dedicated Hosts: the console and RunInstances wording when no allocated host has room.
      re`You do not have a host with a matching configuration and sufficient capacity`,
      // Spot request status codes (describe-spot-instance-requests, Spot Fleet history).
      re`\b(?<spotStatus>capacity-not-available|capacity-oversubscribed)\b`,
    ],
    explanation:
      'EC2 could not launch the instance type in the requested Availability Zone (or Spot pool) because AWS has no spare capacity there. Nomad clients or machine executor instances are not created until capacity returns or another type or zone is allowed.',
    remediation: [
      'Allow more instance types (mixed instances policy on the ASG, several types for the machine resource class) and more subnets in other Availability Zones.',
      'For Spot, add on-demand fallback or the capacity-optimized allocation strategy; for steady needs, create an On-Demand Capacity Reservation.',
    ],
    references: [
      EC2_ERROR_CODES,
      'https://github.com/kubernetes/autoscaler/issues/1402',
      'https://github.com/aws/karpenter-provider-aws/issues/5578',
      'https://github.com/ray-project/ray/issues/49097',
      'https://github.com/scylladb/scylla-cluster-tests/issues/5119',
      'https://github.com/MozillaSecurity/FuzzManager/issues/556',
      'https://github.com/AlexsLemonade/refinebio/issues/528',
      'https://github.com/aws/aws-sdk-js-v3/issues/5340',
      'https://github.com/onmyway133/notes/issues/707',
    ],
  },
  {
    id: 'aws.ec2-quota-exceeded',
    title: 'AWS account quota reached (vCPUs, instances, Spot, fleets, EBS)',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: AWS_CALLERS },
    levels: WARN_UP,
    unless: [METRIC_ZERO],
    patterns: [
      re`You have requested more vCPU capacity than your current vCPU limit of (?<limit>\d+) allows`,
      re`You have requested more instances \((?<requested>\d+)\) than your current instance limit of (?<limit>\d+) allows`,
      re`Your quota allows for (?<remaining>\d+) more running instance\(s\)`,
      re`Max spot instance count exceeded`,
      re`You've reached your quota for maximum (?:Spot )?Fleet Requests`,
      re`You have exceeded your maximum (?<volumeType>\w+) storage limit of (?<limit>[\d.]+ ?\w+)`,
      re`You may attach up to (?<limit>\d+) devices for this instance type`,
      re`\b(?<errorCode>${QUOTA_CODES})${CODE_END}`,
    ],
    explanation:
      'An AWS service quota of the account stops new resources: running On-Demand or Spot vCPUs, instance count, fleet requests, EBS storage or volume attachments. Scale-out stops at the quota however much work is queued.',
    remediation: [
      'Check the quota and its usage: aws service-quotas list-service-quotas --service-code ec2 (L-1216C47A is Running On-Demand Standard instances vCPUs; L-34B43A08 All Standard Spot Instance Requests).',
      'Request an increase: aws service-quotas request-service-quota-increase --service-code ec2 --quota-code <code> --desired-value <n>, or lower the ASG maximum / resource class concurrency below the quota.',
    ],
    references: [
      EC2_ERROR_CODES,
      'https://github.com/kubernetes/autoscaler/issues/1263',
      'https://github.com/bentoml/bentoctl/issues/202',
      'https://github.com/hashicorp/terraform/issues/1891',
      'https://github.com/vrivellino/spoptimize/issues/15',
      'https://github.com/runs-on/runs-on/issues/88',
      'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/pull/2500',
    ],
  },
  {
    id: 'aws.node-group-scale-up-failed',
    title: 'Cluster autoscaler could not grow a node group (scale-up failed, timed out or backed off)',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: AWS_CALLERS },
    // The cluster autoscaler logs these at INFO and WARNING: the level does not tell a failure here.
    patterns: [
      re`Scale-up timed out for node group (?<nodeGroup>\S{1,255}) after`,
      re`Disabling scale-up for node group (?<nodeGroup>\S{1,255}) until\b(?:[^\n]{0,120}?errorCode=(?<errorCode>[\w.-]{1,100}))?`,
      re`Failed adding \d+ nodes (?:\(\d+ unseen previously\) )?to group (?<nodeGroup>\S{1,255}) due to (?<errorCode>[\w.-]{1,100})`,
      re`Found \d+ instances with errorCode (?<errorCode>[\w.-]{1,100}) in nodeGroup (?<nodeGroup>\S{1,255})`,
      re`Node group (?<nodeGroup>\S{1,255}) is not ready for scaleup - backoff`,
    ],
    explanation:
      'The cluster autoscaler asked the cloud for nodes and none arrived: the Auto Scaling group behind the node group could not launch instances (capacity, quota, launch template, subnet) or they never joined the cluster, so it backs the group off. Pods of CircleCI services stay Pending until the group can grow.',
    remediation: [
      'Read the failed launches of the group: aws autoscaling describe-scaling-activities --auto-scaling-group-name <asg> --max-items 20 (the status message names the EC2 error).',
      'Allow more instance types or Availability Zones in the node group, or raise the quota the activity names; check that new instances can join the cluster (kubectl get nodes, node bootstrap logs).',
    ],
    references: [
      // clusterstate.go logs "Disabling scale-up for node group %v until %v; errorClass=%v; errorCode=%v" (older releases stop after "until %v").
      'https://github.com/kubernetes/autoscaler/issues/6128',
      'https://github.com/kubernetes/autoscaler/issues/9043',
      'https://github.com/kubernetes/autoscaler/issues/3115',
    ],
  },
  {
    id: 'aws.subnet-addresses-exhausted',
    title: 'Subnet has no free IP addresses',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: AWS_CALLERS },
    levels: WARN_UP,
    patterns: [
      re`There are not enough free addresses in subnet '?(?<subnetId>subnet-[0-9a-f]+)?`,
      re`The specified subnet does not have enough free addresses`,
      re`\b(?<errorCode>InsufficientFreeAddressesInSubnet)\b`,
      re`There aren't sufficient free Ipv4 addresses or prefixes`,
      re`Insufficient Free IP Addresses in subnet`,
      // Prefix delegation needs a free contiguous /28: a fragmented subnet has addresses but no blocks.
      re`\b(?<errorCode>InsufficientCidrBlocks)\b`,
      re`does not have enough free cidr blocks`,
    ],
    explanation:
      'The subnet has run out of free IP addresses, so EC2 cannot start instances in it (and the VPC CNI cannot give pods addresses). Nomad clients, machine executor instances or pods stay missing.',
    remediation: [
      'Check free addresses: aws ec2 describe-subnets --subnet-ids <subnet> --query "Subnets[].AvailableIpAddressCount".',
      'Add larger or more subnets to the ASG / machine provisioner configuration, release leaked ENIs (aws ec2 describe-network-interfaces --filters Name=status,Values=available), or enable VPC CNI prefix delegation.',
    ],
    references: [
      'https://github.com/PrairieLearn/PrairieLearn/issues/3271',
      'https://github.com/aws/karpenter-provider-aws/issues/3380',
      'https://github.com/aws/amazon-vpc-cni-k8s/issues/40',
      'https://github.com/aws/amazon-vpc-cni-k8s/issues/3105',
      'https://github.com/aws/amazon-vpc-cni-k8s/pull/1585',
    ],
  },
  {
    id: 'aws.api-throttled',
    title: 'AWS API requests throttled',
    issueType: 'cloud-permissions',
    severity: 'medium',
    appliesTo: { services: AWS_CALLERS },
    levels: WARN_UP,
    patterns: [
      re`\b(?<errorCode>RequestLimitExceeded)\b`,
      re`Request limit exceeded\.`,
      re`has been throttled on (?<action>[\w-]+:\w+)`,
      re`\b(?<errorCode>Throttling(?:Exception)?): Rate exceeded`,
      re`\b(?<errorCode>SlowDown): Please reduce your request rate`,
      ...sdkErrorEnvelopes(THROTTLE_CODES),
    ],
    // SDKs retry throttled calls; a line that says it retries is not the failure (nor benign: an
    // error-level one still reaches the unrecognised-error pass).
    defer: [re`[Rr]etrying in|[Rr]etriable|will retry`],
    unless: [METRIC_ZERO],
    explanation:
      'AWS rejected API calls because the account exceeded the request rate for the action (EC2 RunInstances, DescribeInstances and Auto Scaling calls share per-account token buckets). Scaling and provisioning slow down or fail while the throttling lasts.',
    remediation: [
      'Find the callers in CloudTrail (errorCode RequestLimitExceeded or ThrottlingException) and reduce polling by other tools in the account and region.',
      'Request a higher EC2 API rate limit through AWS Support, and raise the SDK retry budget (AWS_MAX_ATTEMPTS, AWS_RETRY_MODE=adaptive) of the service that logs it.',
    ],
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/throttling.html',
      'https://github.com/CloudSnorkel/cdk-github-runners/issues/946',
      'https://github.com/cloudfoundry/bosh-aws-cpi-release/issues/61',
      'https://github.com/karamelchef/karamel/issues/46',
      'https://github.com/zalando-stups/senza/issues/81',
    ],
  },
  {
    id: 'aws.launch-ami-unavailable',
    title: 'Instance launch refused: AMI not found or not shared',
    issueType: 'cloud-permissions',
    severity: 'high',
    // Machine executor hosts have their own rule (machine.ami-unavailable) with machine-specific steps.
    appliesTo: { services: AWS_CALLERS, excludeServices: [...MACHINE_HOSTS, 'vm-scaler'] },
    levels: WARN_UP,
    patterns: [
      re`\b(?<errorCode>InvalidAMIID\.(?:NotFound|Malformed|Unavailable))\b`,
      re`The image id '\[?(?<amiId>ami-[0-9a-f]{8,17})\]?' does not exist`,
      re`Not authorized for images: \[?(?<amiId>ami-[0-9a-f]{8,17})`,
    ],
    explanation:
      'EC2 refused the AMI of a launch template or node group: it does not exist in this region, was deregistered or is not shared with the account. The Auto Scaling group or node provisioner cannot start instances from it.',
    remediation: [
      'Check the AMI in the region of the group: aws ec2 describe-images --image-ids <ami-id> --region <region>.',
      'Point the launch template (Nomad client ASG, node group) at an AMI that exists and is shared with the account, then let the group retry.',
    ],
    references: ['https://github.com/ambrosejcarr/seqc/issues/324', 'https://github.com/validatedpatterns/agof/issues/57'],
  },
  {
    id: 'aws.asg-launch-failed',
    title: 'EC2 instance launch rejected (Auto Scaling activity, Fleet or launch parameters)',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: AWS_CALLERS },
    levels: WARN_UP,
    patterns: [
      re`Launching a new EC2 instance(?:: (?<instanceId>i-[0-9a-f]{8,17}))?\.? +Status Reason: (?<statusReason>[^\n"]{1,400})`,
      re`(?:Launching EC2 instance|Placing Spot instance request|Launching a new EC2 instance) failed`,
      re`Could not launch Spot Instances\.`,
      re`\b(?<errorCode>AsgInstanceLaunchFailures)\b`,
      // The Auto Scaling notification (SNS / EventBridge) of a failed launch.
      re`autoscaling:EC2_INSTANCE_LAUNCH_ERROR`,
      re`Instance became unhealthy while waiting for instance to be in InService state`,
      re`creating instance, with fleet error\(s\), (?<errorCode>\w+)`,
      re`\b(?<errorCode>InvalidParameterCombination)${CODE_END}`,
      re`\(code (?<errorCode>InvalidParameterCombination); status \d{3}\)`,
      re`Your requested instance type \((?<instanceType>[\w.-]{2,40})\) is not supported in your requested Availability Zone`,
      // Other Unsupported / InvalidParameterValue refusals of the launch request itself.
      re`The requested configuration is currently not supported\. Please check the documentation for supported configurations`,
      re`The requested Availability Zone is currently constrained and we are no longer accepting new customer requests`,
      re`for parameter (?<parameter>iamInstanceProfile\.(?:name|arn)) is invalid`,
      re`Invalid IAM Instance Profile (?:name|ARN)`,
      re`\b(?<errorCode>Invalid(?:SubnetID|Subnet|Group|KeyPair|LaunchTemplateId|LaunchTemplateName|Snapshot|VolumeID)\.(?:NotFound|Malformed))\b`,
      // The same refusal when a client (fog, Auto Scaling validation) drops the error code.
      re`The key pair '(?<keyName>[^'\n]{1,255})' does not exist`,
      // Deployment tools giving up on a group that never became healthy: Terraform's capacity wait and CloudFormation's signals.
      re`Need (?:at least|exactly) (?<wanted>\d{1,5}) healthy instances? in (?:ASG|ELB), have (?<healthy>\d{1,5})`,
      re`Unable to satisfy (?<percent>\d{1,3})% MinSuccessfulInstancesPercent requirement`,
      // Spot requests refused for their price: the API code, its message, the Spot request status and the Fleet event.
      re`\b(?<errorCode>SpotMaxPriceTooLow)${CODE_END}`,
      re`Your Spot request price of (?<spotPrice>[\d.]{1,20}) is lower than the minimum required Spot request fulfillment price`,
      re`Spot bid price is less than Spot market price`,
      re`\b(?<spotStatus>price-too-low)\b`,
      // Auto Scaling's validation of the launch template named by the group.
      re`Invalid launch template: (?<reason>[^\n]{1,300})`,
      re`You must use a valid fully-formed launch template\.?(?<reason>[^\n]{0,300})`,
    ],
    explanation:
      'An Auto Scaling group, EC2 Fleet or RunInstances call failed to launch an instance; the status reason or error names the AWS cause (AMI, launch template, Spot price, parameters that cannot be combined, key, subnet, quota). The group stays below its desired capacity, so Nomad clients or machine executor instances are missing.',
    remediation: [
      'Read the failed activities: aws autoscaling describe-scaling-activities --auto-scaling-group-name <asg> --max-items 20 (StatusCode Failed, StatusMessage).',
      'Fix the cause named in the status reason in the launch template (AMI id and region, instance type, subnet, Spot max price, KMS key of encrypted volumes), then let the group retry.',
    ],
    references: [
      'aws/aws-cli@07c4fe366b49c4dde816d674f4941134fc432673:awscli/examples/autoscaling/describe-scaling-activities.rst',
      'https://github.com/kubernetes/autoscaler/issues/3241',
      'https://github.com/aws/aws-parallelcluster/issues/340',
      'https://github.com/aws/karpenter-provider-aws/issues/5850',
      'https://github.com/aws/aws-cli/issues/809',
      'https://github.com/machulav/ec2-github-runner/issues/168',
      'https://github.com/hashicorp/terraform-provider-aws/issues/9113',
      'https://github.com/chef/knife-ec2/pull/51',
      'https://github.com/machulav/ec2-github-runner/issues/132',
      'https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/3439',
      'https://github.com/aws/aws-parallelcluster-node/pull/415',
      'https://github.com/hashicorp/terraform-provider-aws/pull/2047',
      'https://github.com/cloudfoundry/bosh/pull/585',
      'https://github.com/traveloka/terraform-aws-autoscaling/issues/38',
      'https://github.com/ryanmurakami/hbfl/issues/58',
      'https://github.com/rubber/rubber/issues/193',
      'https://github.com/magma/magma/issues/929',
      'https://github.com/hashicorp/terraform/issues/9074',
      'https://github.com/hashicorp/terraform-provider-aws/issues/5241',
      'https://github.com/aws-cloudformation/aws-cloudformation-templates/issues/247',
    ],
  },
];
