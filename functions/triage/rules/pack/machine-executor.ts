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
    patterns: [re`[Cc]onnection timed out`],
    unless: [NOMAD_CHECKPOINT],
    levels: WARN_UP,
    explanation: 'A network connection from the machine executor instance or the provisioner timed out (security groups, proxy or routing).',
    remediation: ['Check security groups, NACLs and proxy settings between the instance subnet and the endpoint it was calling.'],
  },
];
