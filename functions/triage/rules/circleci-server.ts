/** The built-in CircleCI Server rule pack; one file per failure family under pack/. */
export { CIRCLECI_SERVER_RULES, RULE_PACK_VERSION } from './pack/index.js';
