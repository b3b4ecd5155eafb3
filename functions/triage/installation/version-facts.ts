/**
 * What CircleCI Server releases are known to need or break, as data. Each fact names the component
 * whose version it depends on, the range it applies to and where it is stated. The report lists the
 * facts that apply to the detected versions (known issues); the support window and the data-store
 * requirements also become findings (installation-findings.ts).
 */
export type Component = 'server' | 'kubernetes' | 'autoscaler' | 'mongodb' | 'nomad-client';

export interface VersionFact {
  id: string;
  component: Component;
  /** Range of the component's version (see versions.ts). */
  versions: string;
  kind: 'support' | 'broken-release' | 'requirement' | 'known-issue' | 'behaviour';
  title: string;
  detail: string;
  source: string;
}

const DOCS = 'https://github.com/circleci/circleci-docs/blob/main';
const LIFECYCLE = 'https://circleci.com/docs/server-admin/server-4.9/operator/application-lifecycle/';

/** Support windows of the Server minors: the two most recent minors are supported. */
export const SUPPORT_WINDOWS: ReadonlyArray<{ line: string; from: string; until: string; latestPatch: string }> = [
  { line: '4.7', from: '2024-11-07', until: '2025-11-07', latestPatch: '4.7.15' },
  { line: '4.8', from: '2025-07-24', until: '2026-07-24', latestPatch: '4.8.12' },
  { line: '4.9', from: '2025-12-09', until: '2026-12-09', latestPatch: '4.9.5' },
  // 4.10.0 was published on 2026-05-21; its end of support is not announced yet.
  { line: '4.10', from: '2026-05-21', until: '', latestPatch: '4.10.0' },
];
export const SUPPORT_SOURCE = LIFECYCLE;

/** Kubernetes versions each Server line supports. */
export const KUBERNETES_SUPPORT: ReadonlyArray<{ server: string; kubernetes: string; label: string }> = [
  { server: '>=4.7.0 <4.8.0', kubernetes: '>=1.31.0 <1.34.0', label: '1.31–1.33' },
  { server: '>=4.8.0 <4.11.0', kubernetes: '>=1.33.0 <1.36.0', label: '1.33–1.35' },
];
export const KUBERNETES_SOURCE = `${DOCS}/docs/server-admin-4.10/antora.yml`;

/** The oldest MongoDB each Server line runs with. */
export const MONGODB_REQUIREMENTS: ReadonlyArray<{ server: string; minimum: string; source: string }> = [
  { server: '>=4.9.0 <4.10.0', minimum: '4.4.0', source: `${DOCS}/docs/server-admin-4.9/modules/installation/pages/upgrade-server.adoc` },
  { server: '>=4.10.0', minimum: '7.0.0', source: `${DOCS}/docs/server-admin-4.10/modules/installation/pages/upgrade-server.adoc` },
];

export const VERSION_FACTS: readonly VersionFact[] = [
  {
    id: 'server-4.7.7-broken',
    component: 'server',
    versions: '4.7.7',
    kind: 'broken-release',
    title: 'CircleCI Server 4.7.7 is a broken release',
    detail: 'The 4.7 release notes say: "Server 4.7.7 is broken, do not use this version". Upgrade to the last 4.7 patch (4.7.15), then to a supported minor.',
    source: `${DOCS}/docs/server-admin-4.7/modules/overview/pages/release-notes.adoc`,
  },
  {
    id: 'server-4.9-vault-to-tink',
    component: 'server',
    versions: '<4.9.0',
    kind: 'known-issue',
    title: 'Migrate contexts from Vault to Tink before upgrading to 4.9 or 4.10',
    detail: 'Vault is deprecated. The 4.9 and 4.10 upgrade pages require the migration to Tink on the current installation first; otherwise restoring Vault from backup may fail. Scripts: server-scripts/vault-to-tink/{export,import}-contexts.sh.',
    source: `${DOCS}/docs/server-admin-4.9/modules/installation/pages/upgrade-server.adoc`,
  },
  {
    id: 'server-4.9-mongodb-4.4',
    component: 'server',
    versions: '>=4.9.0 <4.10.0',
    kind: 'requirement',
    title: 'Server 4.9 requires MongoDB 4.4 or newer',
    detail: 'The chart ships MongoDB 4.4.15 (image 4.4.15-debian-10-r8); older external MongoDB servers are not supported.',
    source: `${DOCS}/docs/server-admin-4.9/modules/installation/pages/upgrade-server.adoc`,
  },
  {
    id: 'server-4.10-mongodb-7.0',
    component: 'server',
    versions: '>=4.10.0',
    kind: 'requirement',
    title: 'Server 4.10 requires MongoDB 7.0 or newer',
    detail: 'Upgrade MongoDB to 7.0 (image 7.0.15-debian-12-r2; script server-scripts/upgrade-mongo-to-7.0) before upgrading Server to 4.10. A 4.10 installation on MongoDB 4.4 is an upgrade-order failure.',
    source: `${DOCS}/docs/server-admin-4.10/modules/installation/pages/upgrade-server.adoc`,
  },
  {
    id: 'server-4.10-workflow-retention-setting',
    component: 'server',
    versions: '>=4.10.0',
    kind: 'known-issue',
    title: 'Workflow retention setting renamed in 4.10 and not migrated',
    detail: '`:wfc-workflow-deletion-retention-period` became `:wfc-workflow-expired-delete-after-days`; the old key is ignored and the default (660 days) applies until the new key is set.',
    source: `${DOCS}/docs/server-admin-4.10/modules/installation/pages/upgrade-server.adoc`,
  },
  {
    id: 'server-4.10-machine-images',
    component: 'server',
    versions: '<4.10.0',
    kind: 'known-issue',
    title: 'Ubuntu 24.04 machine images need Server 4.10',
    detail: '`ubuntu-2404` and `ubuntu-2604` machine images arrived with 4.10; on earlier releases "image not found" for them is a version mismatch, not a provisioner fault. `default` still resolves to ubuntu-2204.',
    source: `${DOCS}/docs/server-admin-4.10/modules/overview/pages/release-notes.adoc`,
  },
  {
    id: 'server-4.8-external-nomad',
    component: 'server',
    versions: '>=4.8.0',
    kind: 'behaviour',
    title: 'Nomad servers may run outside the cluster (optional since 4.8)',
    detail: 'With `nomad.server.internal: false` the Nomad servers are VMs in the ASG <basename>-circleci-nomad-servers-asg behind an internal NLB (mTLS required); the support bundle then holds no Nomad server logs or `nomad node status` output.',
    source: 'https://github.com/CircleCI-Public/server-terraform/tree/main/nomad-aws',
  },
  {
    id: 'server-4.8-machine-runner-3',
    component: 'server',
    versions: '>=4.8.0',
    kind: 'known-issue',
    title: 'The machine runner launch agent is not supported',
    detail: 'Migrate machine runners to machine runner 3.0 (4.8–4.10 upgrade steps).',
    source: `${DOCS}/docs/server-admin-4.8/modules/installation/pages/upgrade-server.adoc`,
  },
  {
    id: 'autoscaler-0.4-describe-instance-refreshes',
    component: 'autoscaler',
    versions: '>=0.4.0',
    kind: 'requirement',
    title: 'Nomad autoscaler 0.4.x needs autoscaling:DescribeInstanceRefreshes',
    detail: 'Before every scaling action the aws-asg target checks for an instance refresh; without the permission it logs "failed to describe AWS InstanceRefresh" (403) and never scales. server-terraform added the permission for this reason.',
    source: 'https://github.com/CircleCI-Public/server-terraform/pull/202',
  },
  {
    id: 'autoscaler-0.4-instance-refresh-pause',
    component: 'autoscaler',
    versions: '>=0.4.0',
    kind: 'behaviour',
    title: 'Scaling pauses while an instance refresh runs',
    detail: 'The autoscaler logs "scaling will not take place due to InstanceRefresh" while the client ASG has an active instance refresh: expected, not a fault; scaling resumes when the refresh ends.',
    source: 'https://github.com/hashicorp/nomad-autoscaler/blob/ede4e617db9b03305c70d053ef57ad098e9a2a73/plugins/builtin/target/aws-asg/plugin/plugin.go',
  },
  {
    id: 'nomad-client-version-skew',
    component: 'nomad-client',
    versions: '<1.11.0',
    kind: 'behaviour',
    title: 'Nomad clients older than the servers are expected',
    detail: 'server-terraform defaults to Nomad 1.11.3 servers and 1.7.7 clients; this skew is the shipped default, not a finding.',
    source: 'https://github.com/CircleCI-Public/server-terraform/blob/main/nomad-aws/variables.tf',
  },
];
