import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { rulePackSchema, type Rule } from './rule.js';

export class RuleFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RuleFileError';
  }
}

/** Validates a parsed rule document (`{ rules: [...] }`); errors name the rule and the field. */
export function parseRulePack(document: unknown, origin: string): Rule[] {
  const parsed = rulePackSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new RuleFileError(`${origin}: invalid rule file at ${where || '(root)'}: ${issue?.message ?? 'unknown error'}`);
  }
  return parsed.data.rules;
}

/** Loads a user rule file in YAML or JSON. */
export async function loadRuleFile(path: string): Promise<Rule[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RuleFileError(`cannot read rule file ${path}: ${(error as Error).message}`, { cause: error });
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new RuleFileError(`${path}: not valid YAML or JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseRulePack(document, path);
}

/** Joins packs; a later rule with an id already present replaces the earlier one in place. */
export function mergeRules(base: readonly Rule[], extra: readonly Rule[]): Rule[] {
  const out = [...base];
  for (const rule of extra) {
    const at = out.findIndex((r) => r.id === rule.id);
    if (at >= 0) out[at] = rule;
    else out.push(rule);
  }
  return out;
}
