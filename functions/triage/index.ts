/**
 * Public entry of the triage core, shared by the CLI, the Lambda handlers and the local stack.
 */
export { buildOptionsOf, triage, Triager, type TriageOptions } from './triage.js';
export type { RunState } from './analysis/run-state.js';
export { decodeState, encodeState, StaleStateError, type StoredState } from './incremental/state-codec.js';
export type { TriageInput } from './sources/input.js';
export type { SourceEntry } from './bundle/entry.js';
export { fileInput } from './sources/fs-sources.js';
export { renderMarkdown, type MarkdownOptions } from './report/render-markdown.js';
export { maskSecrets, setRedactionKey } from './report/redact.js';
export { sealBody, sealReport, sealText } from './report/seal.js';
export { DEFAULT_LIMITS, type ReadLimits } from './bundle/limits.js';
export { loadRuleFile, parseRulePack, RuleFileError } from './rules/load.js';
export { CIRCLECI_SERVER_RULES, RULE_PACK_VERSION } from './rules/circleci-server.js';
export type { Report, Finding, Evidence, BundleFacts, MissingEvidence } from './report/schema.js';
export { REPORT_SCHEMA_VERSION, reportSchema } from './report/schema.js';
export type { Rule } from './rules/rule.js';
export { ISSUE_TYPES, ISSUE_TYPE_INFO, type IssueType } from './model/issue-types.js';
export type { Severity } from './model/severity.js';
