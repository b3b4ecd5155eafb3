import { parseHcl } from './hcl.js';

/** A `scaling "<name>"` block, read from HCL or HCL-JSON. */
export interface ParsedScaling {
  name: string;
  format: 'hcl' | 'hcl-json';
  enabled?: unknown;
  type?: unknown;
  min?: unknown;
  max?: unknown;
  checks: Array<{ name: string; source?: unknown; query?: unknown }>;
  targets: Array<{ plugin: string; config: Record<string, unknown> }>;
}

export type ParseResult = { ok: true; scalings: ParsedScaling[] } | { ok: false; error: string };

/**
 * Parses one nomad-autoscaler policy document. `.json` keys (and text starting with `{`) are
 * HCL-JSON, as hclsimple decides by extension; anything else is native HCL. Documents without a
 * `scaling` block (agent config) parse to an empty list.
 */
export function parsePolicyDocument(name: string, text: string): Promise<ParseResult> {
  return Promise.resolve(parseDocument(name, text));
}

function parseDocument(name: string, text: string): ParseResult {
  const json = name.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{');
  let root: unknown;
  if (json) {
    try {
      root = JSON.parse(text);
    } catch (err) {
      return { ok: false, error: `invalid HCL-JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  } else {
    try {
      root = parseHcl(text);
    } catch (err) {
      return { ok: false, error: `invalid HCL: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  if (!isObject(root)) return { ok: false, error: 'the policy document is not an object' };
  const format = json ? 'hcl-json' : 'hcl';
  const scalings = labelled(root.scaling).map(([label, body]) => readScaling(label, body, format));
  return { ok: true, scalings };
}

function readScaling(name: string, body: Record<string, unknown>, format: ParsedScaling['format']): ParsedScaling {
  const policy = bodies(body.policy)[0] ?? {};
  return {
    name,
    format,
    enabled: body.enabled,
    type: body.type,
    min: body.min,
    max: body.max,
    checks: labelled(policy.check).map(([checkName, check]) => ({ name: checkName, source: check.source, query: check.query })),
    targets: labelled(policy.target).map(([plugin, config]) => ({ plugin, config })),
  };
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A block body is an object, or a list of objects when the block repeats (HCL → JSON). */
function bodies(v: unknown): Obj[] {
  if (Array.isArray(v)) return v.filter(isObject);
  return isObject(v) ? [v] : [];
}

/** `block "label" { … }` → `{label: body | [body]}`; also accepts a list of such maps. */
function labelled(v: unknown): Array<[string, Obj]> {
  const maps = Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : [];
  return maps.flatMap((m) => Object.entries(m).flatMap(([label, body]) => bodies(body).map((b): [string, Obj] => [label, b])));
}
