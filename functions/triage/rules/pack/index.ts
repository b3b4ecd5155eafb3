import type { Rule } from '../rule.js';
import { knownBenignRules } from './known-benign.js';
import { supportBundleQualityRules } from './support-bundle-quality.js';
import { autoscalerVersionsRules } from './autoscaler-versions.js';
import { cloudPermissionsRules } from './cloud-permissions.js';
import { awsCapacityRules } from './aws-capacity.js';
import { nomadAutoscalerRules } from './nomad-autoscaler.js';
import { nomadServerRules } from './nomad-server.js';
import { nomadClientsRules } from './nomad-clients.js';
import { clusterNetworkingRules, vpcCniAddressRules } from './cluster-networking.js';
import { kubernetesRules } from './kubernetes.js';
import { dataStoresRules } from './data-stores.js';
import { customIntegrationsRules } from './custom-integrations.js';
import { apiConnectionRules } from './api-connection.js';
import { executionPathRules } from './execution-path.js';
import { runnerRules } from './runner.js';
import { machineExecutorRules } from './machine-executor.js';
import { objectStorageRules } from './object-storage.js';
import { backendClientsRules } from './backend-clients.js';
import { generalServiceErrorsRules } from './general-service-errors.js';
import { familyFallbackRules } from './family-fallbacks.js';
import { componentFallbackRules } from './component-fallbacks.js';

export { RULE_PACK_VERSION } from './shared.js';

/**
 * The CircleCI Server rule pack. Rules are data: a new pattern is a new entry plus its tests
 * (test/rules/). Order matters: the first rule that matches a line claims it, so specific rules
 * come before general ones.
 */
export const CIRCLECI_SERVER_RULES: Rule[] = [
  ...knownBenignRules,
  ...supportBundleQualityRules,
  // Before the cloud-permission rules: their generic Auto Scaling denial would claim these lines.
  ...autoscalerVersionsRules,
  // S3 wordings of AccessDenied and SlowDown name object storage; before the general AWS rules.
  ...objectStorageRules,
  ...cloudPermissionsRules,
  ...vpcCniAddressRules,
  ...awsCapacityRules,
  ...nomadAutoscalerRules,
  ...nomadServerRules,
  ...nomadClientsRules,
  ...clusterNetworkingRules,
  ...kubernetesRules,
  ...dataStoresRules,
  ...customIntegrationsRules,
  ...apiConnectionRules,
  ...executionPathRules,
  ...runnerRules,
  ...machineExecutorRules,
  ...backendClientsRules,
  ...generalServiceErrorsRules,
  // Last: a failure no specific rule knows still gets its family.
  ...familyFallbackRules,
  ...componentFallbackRules,
];
