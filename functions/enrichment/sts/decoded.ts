import type { DecodedMessage } from '../schema.js';

/**
 * Reads the document `DecodeAuthorizationMessage` returns. Every list is wrapped in `{items: [...]}`
 * and every value in `{value}`; fields vary between services, so each one is read defensively.
 * Throws only when the text is not a JSON object.
 */
export function parseDecodedMessage(text: string): DecodedMessage {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('the decoded message is not valid JSON');
  }
  if (!isObject(doc)) throw new Error('the decoded message is not a JSON object');
  const context = isObject(doc.context) ? doc.context : {};
  const principal = isObject(context.principal) ? context.principal : {};
  return {
    allowed: typeof doc.allowed === 'boolean' ? doc.allowed : null,
    explicitDeny: typeof doc.explicitDeny === 'boolean' ? doc.explicitDeny : null,
    principal: { arn: str(principal.arn), id: str(principal.id) ?? str(principal.name) },
    action: str(context.action),
    resource: str(context.resource),
    conditions: items(context.conditions).filter(isObject).map((c) => ({
      key: str(c.key) ?? '?',
      values: items(c.values).map(valueOf).filter((v): v is string => v !== null),
    })),
    matchedStatements: items(doc.matchedStatements)
      .filter(isObject)
      .map((s) => ({
        statementId: str(s.statementId),
        effect: str(s.effect),
        actions: values(s.actions),
        resources: values(s.resources),
        principals: values(s.principals),
        conditions: items(s.conditions).map((c) => (typeof c === 'string' ? c : JSON.stringify(c))),
      })),
    failures: items(doc.failures).map((f) => (typeof f === 'string' ? f : JSON.stringify(f))),
  };
}

/** One line an operator can act on. */
export function explainDecoded(d: DecodedMessage): string {
  const action = qualifiedAction(d) ?? 'the action';
  const resource = d.resource ?? 'an unknown resource';
  const who = d.principal.arn ?? d.principal.id ?? 'an unknown principal';
  if (d.allowed === true) {
    return `The decoded message says ${action} on ${resource} was allowed for ${who}; the failure has another cause (unknown).`;
  }
  if (d.explicitDeny === true) {
    const statements = d.matchedStatements.filter((s) => s.effect === null || /deny/i.test(s.effect));
    const named = statements.map((s) => (s.statementId ? `"${s.statementId}"` : 'without Sid')).join(', ');
    const where = named === '' ? 'a policy statement' : `policy statement ${named}`;
    return `Explicit deny in ${where} blocks ${action} on ${resource} for ${who}: no Allow can override it; check SCPs, permission boundaries and the role's policies for that statement.`;
  }
  if (d.explicitDeny === false) {
    return `No policy allows ${action} on ${resource} for ${who} (implicit deny): add an Allow for it to the role's policy, or check the resource ARN, account and region.`;
  }
  return `${action} on ${resource} was denied for ${who}; the document does not say whether by an explicit deny (unknown).`;
}

/** `RunInstances` → `ec2:RunInstances`, the service taken from the resource ARN or `aws:Service`. */
export function qualifiedAction(d: DecodedMessage): string | null {
  if (d.action === null) return null;
  if (d.action.includes(':')) return d.action;
  const fromArn = /^arn:[^:]+:([^:]+):/.exec(d.resource ?? '')?.[1];
  const fromCondition = d.conditions.find((c) => c.key === 'aws:Service')?.values[0];
  const service = fromArn ?? fromCondition;
  return service ? `${service}:${d.action}` : d.action;
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** `{items: [...]}` or a bare array. */
function items(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObject(v) && Array.isArray(v.items)) return v.items;
  return [];
}

function valueOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isObject(v)) return str(v.value);
  return null;
}

function values(v: unknown): string[] {
  return items(v)
    .map(valueOf)
    .filter((x): x is string => x !== null);
}
