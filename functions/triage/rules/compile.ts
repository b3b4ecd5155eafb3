import { createHash } from 'node:crypto';
import { isUnattributedExtra, type FileInfo } from '../model/file-kind.js';
import type { LogLevel, Rule } from './rule.js';
import { compileScope, type ScopePredicate } from './scope.js';
import { ERROR_LEVEL_LITERALS, logLevelOf } from '../scan/log-level.js';
import { LiteralAutomaton } from '../scan/literal-automaton.js';
import { requiredLiterals } from './literals.js';
import { normaliseCaptures } from './capture-values.js';

export interface CompiledRule {
  rule: Rule;
  index: number;
  applies: ScopePredicate;
  patterns: RegExp[];
  unless: RegExp[];
  /** Lines these match belong to another rule: not a hit, not benign. */
  defer: RegExp[];
  levels: ReadonlySet<LogLevel> | undefined;
}

export interface LineMatch {
  rule: CompiledRule;
  /** Named captures of the pattern that matched (undefined groups left out). */
  captures: Record<string, string>;
}

/** The rules that apply to one file, with a combined prefilter regex over all their patterns. */
export interface FileMatcher {
  /** Literals required by the applicable patterns; a line holding one is a candidate. */
  literals: LiteralAutomaton | undefined;
  /** For each literal id, the indexes (into `lineRules`) of the rules that need it. */
  rulesByLiteral: number[][];
  /** Indexes of line rules with a pattern that requires no literal: always tested. */
  alwaysTested: number[];
  /** Global, multi-line alternation of the patterns that require no literal; a hit only means "check this line". */
  prefilter: RegExp | undefined;
  /** Rules raising findings when they match, in pack order (the first to match claims the line). */
  lineRules: CompiledRule[];
  /** Rules raising findings when no line of the file matches. */
  absentRules: CompiledRule[];
  /**
   * The applicable rules' `unless` patterns, each once: the pack's descriptions of benign
   * look-alikes, which keep a line out of the unrecognised-error pass whichever rule owns them.
   */
  benign: RegExp[];
  /** Ids of literals that mark error-level lines (for the unrecognised-error pass); empty when off. */
  levelLiteralIds: ReadonlySet<number>;
  /** `rulesForLiterals` of a line holding one literal, by its id: the common case, computed once. */
  rulesForOne: CompiledRule[][];
}

export interface RuleSetOptions {
  /** Also select lines holding an error-level marker, so unclaimed error lines reach the scanner's callback. */
  levelMarkers?: boolean;
}

/** Removes capture names so patterns can share one alternation. */
function anonymise(source: string): string {
  return source.replace(/\(\?<([A-Za-z_$][\w$]*)>/g, '(');
}

export class RuleSet {
  readonly compiled: CompiledRule[];
  private readonly cache = new Map<string, FileMatcher>();

  private readonly levelMarkers: boolean;
  /** One automaton over every literal of the set: built once, shared by every file's matcher. */
  private shared: SharedLiterals | undefined;

  constructor(
    readonly rules: readonly Rule[],
    options: RuleSetOptions = {},
  ) {
    this.levelMarkers = options.levelMarkers ?? false;
    this.compiled = rules.map((rule, index) => {
      const flags = rule.ignoreCase ? 'i' : '';
      return {
        rule,
        index,
        applies: compileScope(rule.appliesTo),
        patterns: rule.patterns.map((p) => new RegExp(p, flags)),
        unless: (rule.unless ?? []).map((p) => new RegExp(p, flags)),
        defer: (rule.defer ?? []).map((p) => new RegExp(p, flags)),
        levels: rule.levels ? new Set(rule.levels) : undefined,
      };
    });
  }

  private byId: Map<string, Rule> | undefined;
  private digest: string | undefined;

  ruleById(id: string): Rule | undefined {
    this.byId ??= new Map(this.rules.map((r) => [r.id, r]));
    return this.byId.get(id);
  }

  /** Identifies the rules and options: a stored run state is only reused with the same ones. */
  get fingerprint(): string {
    this.digest ??= createHash('sha256').update(JSON.stringify({ rules: this.rules, levelMarkers: this.levelMarkers })).digest('hex').slice(0, 32);
    return this.digest;
  }

  /** Matcher for a file; cached by the set of applicable rules, so many files share one regex. */
  forFile(file: FileInfo): FileMatcher {
    const applicable = this.compiled.filter((c) => c.applies(file));
    // A hand-collected file whose writer is unknown may be any service's: rules scoped to other
    // services go last there, so they only claim what no general rule (or one naming `unknown`) knows.
    if (isUnattributedExtra(file)) applicable.sort((a, b) => Number(secondTier(a)) - Number(secondTier(b)) || a.index - b.index);
    const key = applicable.map((c) => c.index).join(',');
    let matcher = this.cache.get(key);
    if (!matcher) {
      this.shared ??= sharedLiterals(this.compiled, this.levelMarkers);
      matcher = buildMatcher(applicable, this.shared);
      this.cache.set(key, matcher);
    }
    return matcher;
  }
}

/** A rule scoped to named services that does not name `unknown` itself. */
function secondTier(c: CompiledRule): boolean {
  const services = c.rule.appliesTo?.services;
  return services !== undefined && !services.includes('unknown');
}

/** Automata are shared by rule sets with the same literals (most services' sets coincide). */
const automatonCache = new Map<string, LiteralAutomaton>();

function automatonFor(literals: string[]): LiteralAutomaton {
  const key = literals.join('\u0000');
  let automaton = automatonCache.get(key);
  if (!automaton) {
    automaton = new LiteralAutomaton(literals);
    automatonCache.set(key, automaton);
  }
  return automaton;
}

/** Literal sets are cached per pattern source: many files share the same rules. */
const literalCache = new Map<string, string[] | undefined>();

function literalsOf(source: string): string[] | undefined {
  if (!literalCache.has(source)) literalCache.set(source, requiredLiterals(source));
  return literalCache.get(source);
}

interface SharedLiterals {
  ids: Map<string, number>;
  automaton: LiteralAutomaton | undefined;
  levelLiteralIds: ReadonlySet<number>;
}

/**
 * The literals of all the set's rules (and the level markers), with stable ids. A file's matcher
 * maps only its own rules to them: a line holding another service's literal is a candidate that
 * tests no regex. Building one automaton instead of one per distinct rule subset saves most of a
 * small input's run time (each build costs tens of milliseconds with several hundred rules).
 */
function sharedLiterals(compiled: readonly CompiledRule[], levelMarkers: boolean): SharedLiterals {
  const ids = new Map<string, number>();
  const add = (literal: string): number => {
    let id = ids.get(literal);
    if (id === undefined) {
      id = ids.size;
      ids.set(literal, id);
    }
    return id;
  };
  for (const c of compiled) for (const p of c.rule.patterns) for (const l of literalsOf(p) ?? []) add(l);
  const levelLiteralIds = new Set<number>(levelMarkers ? ERROR_LEVEL_LITERALS.map(add) : []);
  return { ids, automaton: ids.size ? automatonFor([...ids.keys()]) : undefined, levelLiteralIds };
}

function buildMatcher(applicable: CompiledRule[], shared: SharedLiterals): FileMatcher {
  const rulesByLiteral: number[][] = [];
  const idOf = (literal: string): number => {
    const id = shared.ids.get(literal)!;
    rulesByLiteral[id] ??= [];
    return id;
  };
  const alwaysTested = new Set<number>();
  const slow: string[] = [];
  let slowIgnoreCase = false;
  const lineRules = applicable.filter((c) => !c.rule.absent);
  for (const c of applicable) {
    const lineIndex = lineRules.indexOf(c);
    for (const p of c.rule.patterns) {
      const required = literalsOf(p);
      if (required) {
        for (const l of required) {
          const id = idOf(l);
          if (lineIndex >= 0 && !rulesByLiteral[id]!.includes(lineIndex)) rulesByLiteral[id]!.push(lineIndex);
        }
      } else {
        slow.push(`(?:${anonymise(p)})`);
        slowIgnoreCase ||= c.rule.ignoreCase === true;
        if (lineIndex >= 0) alwaysTested.add(lineIndex);
      }
    }
  }
  // Level markers ride on the same automaton pass as a pseudo rule that tests no regex.
  return {
    literals: shared.automaton,
    levelLiteralIds: shared.levelLiteralIds,
    benign: [...new Map(applicable.flatMap((c) => c.unless).map((u) => [`${u.flags}/${u.source}`, u])).values()],
    rulesByLiteral,
    alwaysTested: [...alwaysTested],
    prefilter: slow.length ? new RegExp(slow.join('|'), `gm${slowIgnoreCase ? 'i' : ''}`) : undefined,
    lineRules,
    absentRules: applicable.filter((c) => c.rule.absent),
    rulesForOne: [],
  };
}

function capturesOf(match: RegExpExecArray): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(match.groups ?? {})) if (value !== undefined) out[name] = value;
  return normaliseCaptures(out);
}

/** The first rule (in pack order) whose pattern matches the line and that no `unless` vetoes. */
export function matchLine(rules: readonly CompiledRule[], line: string): LineMatch | undefined {
  const verdict = classifyLine(rules, line);
  return verdict === 'benign' ? undefined : verdict;
}

/**
 * Like `matchLine`, but tells a line no rule knows (undefined) from one a rule's `unless` marked
 * benign ('benign'), which the unrecognised-error pass must skip.
 */
export function classifyLine(rules: readonly CompiledRule[], line: string): LineMatch | 'benign' | undefined {
  let benign = false;
  let level: LogLevel | undefined | null = null;
  for (const compiled of rules) {
    for (const re of compiled.patterns) {
      const m = re.exec(line);
      if (!m) continue;
      if (compiled.unless.some((u) => u.test(line))) {
        benign = true;
        break;
      }
      if (compiled.defer.some((d) => d.test(line))) break;
      if (compiled.levels) {
        if (level === null) level = logLevelOf(line);
        if (level !== undefined && !compiled.levels.has(level)) break;
      }
      return { rule: compiled, captures: capturesOf(m) };
    }
  }
  return benign ? 'benign' : undefined;
}

/** Whether a line matches one of the pack's benign look-alike patterns. */
export function isBenignLine(matcher: FileMatcher, line: string): boolean {
  return matcher.benign.some((u) => u.test(line));
}

/** Whether the automaton found an error-level marker on the line. */
export function hasLevelMarker(matcher: FileMatcher, ids: readonly number[] | undefined): boolean {
  if (!ids || matcher.levelLiteralIds.size === 0) return false;
  for (const id of ids) if (matcher.levelLiteralIds.has(id)) return true;
  return false;
}

/**
 * Whether no rule of the file (line rule or absent rule) requires any of these literals: then,
 * without a regex prefilter, no rule can match the line (every pattern needs one of its literals).
 */
export function noRuleNeeds(matcher: FileMatcher, ids: readonly number[]): boolean {
  if (matcher.prefilter) return false;
  for (const id of ids) if (matcher.rulesByLiteral[id] !== undefined) return false;
  return true;
}

/** The line rules worth testing on a candidate line, in pack order, given the literals it holds. */
export function rulesForLiterals(matcher: FileMatcher, ids: readonly number[] | undefined): CompiledRule[] {
  if (!ids) return matcher.lineRules;
  if (ids.length === 1) return (matcher.rulesForOne[ids[0]!] ??= pickRules(matcher, ids));
  return pickRules(matcher, ids);
}

function pickRules(matcher: FileMatcher, ids: readonly number[]): CompiledRule[] {
  const picked = new Set<number>(matcher.alwaysTested);
  for (const id of ids) for (const r of matcher.rulesByLiteral[id] ?? []) picked.add(r);
  return [...picked].sort((a, b) => a - b).map((i) => matcher.lineRules[i]!);
}

/** Absent-rules whose patterns match the line (they are satisfied for this file). */
export function absentRulesSatisfied(rules: readonly CompiledRule[], line: string): CompiledRule[] {
  return rules.filter((c) => c.patterns.some((re) => re.test(line)));
}
