/**
 * Drain (He, Zhu, Zheng, Lyu: "Drain: An Online Log Parsing Approach with Fixed Depth Tree",
 * ICWS 2017): a streaming log-template miner. Lines are routed through a tree of fixed depth,
 * first by token count, then by their leading tokens (a token with a digit goes down the `<*>`
 * branch); in the leaf, a line joins the most similar template when the similarity reaches the
 * threshold, and the positions where they differ become `<*>`. Memory is bounded: at most
 * `maxTemplates` templates, `maxChildren` children per node; lines that would need more are
 * counted as dropped.
 */
import { WILDCARD } from './mask.js';

export interface Template {
  /** Creation order within this tree. */
  id: number;
  tokens: string[];
  count: number;
}

export interface DrainOptions {
  /** Tree depth including the root and the token-count level (Drain's `depth`); >= 3. */
  depth: number;
  /** Share of non-wildcard positions that must agree for a line to join a template. */
  similarity: number;
  maxChildren: number;
  maxTemplates: number;
}

export const DEFAULT_DRAIN: DrainOptions = { depth: 5, similarity: 0.5, maxChildren: 64, maxTemplates: 100 };

interface Node {
  children: Map<string, Node>;
  templates: Template[];
}

const HAS_DIGIT = /\d/;

function newNode(): Node {
  return { children: new Map(), templates: [] };
}

/**
 * Agreement of a line with a template: equal tokens over the positions that are not a wildcard
 * in both (masked variables on both sides say nothing about the message).
 */
function similarity(template: readonly string[], tokens: readonly string[]): number {
  let equal = 0;
  let compared = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = template[i]!;
    const u = tokens[i]!;
    if (t === WILDCARD && u === WILDCARD) continue;
    compared++;
    if (t === u) equal++;
  }
  return compared === 0 ? 1 : equal / compared;
}

export class Drain {
  private readonly byLength = new Map<number, Node>();
  private readonly all: Template[] = [];
  /** Lines that matched no template when no new one could be made. */
  dropped = 0;

  constructor(
    private readonly options: DrainOptions = DEFAULT_DRAIN,
    /** Asked before a template is created, for a cap shared with other trees. */
    private readonly mayGrow: () => boolean = () => true,
  ) {}

  get size(): number {
    return this.all.length;
  }

  templates(): readonly Template[] {
    return this.all;
  }

  /** Adds a tokenised line; returns the template it joined or founded, or undefined when dropped. */
  add(tokens: readonly string[]): Template | undefined {
    return this.join(tokens, 1);
  }

  /**
   * Adds a template mined elsewhere (another input's tree) as `count` lines of its shape: it joins
   * the most similar template here or founds one, exactly as a line would.
   */
  absorb(template: Template): Template | undefined {
    return this.join(template.tokens, template.count);
  }

  /** Puts stored templates back in creation order, without merging them. */
  restore(templates: readonly Template[], dropped: number): void {
    for (const t of templates) {
      const template: Template = { id: this.all.length, tokens: [...t.tokens], count: t.count };
      this.leaf(template.tokens, true)!.templates.push(template);
      this.all.push(template);
    }
    this.dropped = dropped;
  }

  private join(tokens: readonly string[], count: number): Template | undefined {
    const leaf = this.leaf(tokens, false);
    const match = leaf ? this.bestMatch(leaf, tokens) : undefined;
    if (match) {
      for (let i = 0; i < tokens.length; i++) if (match.tokens[i] !== tokens[i]) match.tokens[i] = WILDCARD;
      match.count += count;
      return match;
    }
    if (this.all.length >= this.options.maxTemplates || !this.mayGrow()) {
      this.dropped += count;
      return undefined;
    }
    const template: Template = { id: this.all.length, tokens: [...tokens], count };
    this.leaf(tokens, true)!.templates.push(template);
    this.all.push(template);
    return template;
  }

  private bestMatch(leaf: Node, tokens: readonly string[]): Template | undefined {
    let best: Template | undefined;
    let bestScore = -1;
    for (const t of leaf.templates) {
      const score = similarity(t.tokens, tokens);
      if (score > bestScore) [best, bestScore] = [t, score];
    }
    return best && bestScore >= this.options.similarity ? best : undefined;
  }

  /** The leaf for a line; with `create`, missing nodes are made (a full node routes to `<*>`). */
  private leaf(tokens: readonly string[], create: boolean): Node | undefined {
    let node = this.byLength.get(tokens.length);
    if (!node) {
      if (!create) return undefined;
      this.byLength.set(tokens.length, (node = newNode()));
    }
    const levels = Math.min(this.options.depth - 2, tokens.length);
    for (let d = 0; d < levels; d++) {
      const token = tokens[d]!;
      const key = HAS_DIGIT.test(token) ? WILDCARD : token;
      let child: Node | undefined = node.children.get(key);
      if (!child && key !== WILDCARD && node.children.size >= this.options.maxChildren - 1) child = node.children.get(WILDCARD);
      if (!child) {
        if (!create) return undefined;
        const at = key !== WILDCARD && node.children.size >= this.options.maxChildren - 1 ? WILDCARD : key;
        node.children.set(at, (child = newNode()));
      }
      node = child;
    }
    return node;
  }
}
