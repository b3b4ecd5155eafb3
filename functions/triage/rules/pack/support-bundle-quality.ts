import type { Rule } from '../rule.js';
import { re } from './shared.js';

/** Support bundle quality. */
export const supportBundleQualityRules: Rule[] = [
  {
    id: 'bundle.log-stream-rate-limited',
    title: 'Support bundle missing pod logs: Kubernetes API client rate limiter',
    issueType: 'bundle-quality',
    severity: 'medium',
    appliesTo: { fileKinds: ['collector-errors', 'text'] },
    patterns: [re`client rate limiter Wait returned an error`, re`failed to get log stream: [^\n]{0,200}?context deadline exceeded`],
    explanation:
      'The support-bundle plugin could not fetch some pod logs because the Kubernetes API client rate limiter timed out. The bundle is still useful, but logs of the affected pods are missing, so findings from them may be absent.',
    remediation: [
      'Check the current limits: kubectl get configmap kube-proxy-config -n kube-system -o yaml',
      'Raise them (the support bundle plugin expects up to 100): kubectl edit configmap kube-proxy-config -n kube-system and set clientConnection.burst: 100 and clientConnection.qps: 100.',
      'Re-generate the support bundle after applying the change.',
    ],
  },
  {
    id: 'bundle.rbac-forbidden',
    title: 'Support bundle incomplete: collector was denied by Kubernetes RBAC',
    issueType: 'bundle-quality',
    severity: 'medium',
    appliesTo: { fileKinds: ['collector-errors'] },
    patterns: [
      re`forbidden: User \\?"[^"\\\n]{1,200}\\?" cannot (?<action>[a-z]+) resource \\?"(?<resource>[^"\\\n]{1,100})\\?"`,
      re`\bis forbidden\b`,
    ],
    explanation:
      'The account that ran kubectl support-bundle may not read some resources, so the bundle lacks them (for example pod lists, logs or exec output).',
    remediation: [
      'Re-run the bundle with an account that can get/list pods, pods/log and create pods/exec in the CircleCI Server namespace (and cluster-scoped resources such as nodes).',
      'Check with: kubectl auth can-i --list -n <namespace>',
    ],
  },
  {
    id: 'bundle.collector-timeout',
    title: 'Support bundle collector timed out',
    issueType: 'bundle-quality',
    severity: 'low',
    appliesTo: { fileKinds: ['collector-errors'] },
    patterns: [re`context deadline exceeded`, re`[Tt]imed out`, re`\btimeout\b`],
    explanation: 'A collector (log fetch or exec command) did not finish in time, so its output is missing or partial.',
    remediation: ['Re-run the support bundle soon after reproducing the issue; if the API server is slow, retry when load is lower.'],
  },
];
