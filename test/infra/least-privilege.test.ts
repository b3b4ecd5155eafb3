import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../triage/helpers.js';
import { resourcesOf, synthPipeline, type Synthesized } from './synth.js';

/**
 * The roles may do exactly what the deployed code does: the SDK commands sent by the code the
 * Lambdas run (everything under functions/ except the CLI and the local stack) are mapped to IAM
 * actions and compared with what the template grants on each store.
 */
const NOT_DEPLOYED = ['functions/cli/', 'functions/local/'];

/** lib-dynamodb's document commands and the IAM action each one needs. */
const DOCUMENT_COMMANDS: Record<string, string> = {
  GetCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
  TransactGetCommand: 'dynamodb:TransactGetItems',
  TransactWriteCommand: 'dynamodb:TransactWriteItems',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** IAM actions of the commands a file imports from `pkg` and sends. */
function commandsFrom(source: string, pkg: RegExp, toAction: (command: string) => string | undefined): string[] {
  const imports = [...source.matchAll(/import\s*{([^}]*)}\s*from\s*'([^']+)'/g)].filter((m) => pkg.test(m[2]!)).flatMap((m) => m[1]!.split(','));
  const names = imports.map((n) => n.trim().replace(/^type\s+/, '')).filter((n) => n.endsWith('Command') && source.includes(`new ${n}(`));
  return names.map((n) => toAction(n) ?? `unmapped:${n}`);
}

function deployedActions(): { dynamodb: Set<string>; s3: Set<string> } {
  const dynamodb = new Set<string>();
  const s3 = new Set<string>();
  for (const file of sourceFiles(join(REPO_ROOT, 'functions'))) {
    const rel = relative(REPO_ROOT, file);
    if (NOT_DEPLOYED.some((prefix) => rel.startsWith(prefix))) continue;
    const source = readFileSync(file, 'utf8');
    for (const a of commandsFrom(source, /^@aws-sdk\/lib-dynamodb$/, (c) => DOCUMENT_COMMANDS[c])) dynamodb.add(a);
    for (const a of commandsFrom(source, /^@aws-sdk\/client-dynamodb$/, (c) => `dynamodb:${c.replace(/Command$/, '')}`)) dynamodb.add(a);
    for (const a of commandsFrom(source, /^@aws-sdk\/client-s3$/, (c) => `s3:${c.replace(/Command$/, '')}`)) s3.add(a);
  }
  return { dynamodb, s3 };
}

/** Actions granted on resources whose ARN refers to the given logical ID. */
function grantedOn(template: Synthesized['template'], logicalIdPrefix: string): Set<string> {
  const actions = new Set<string>();
  for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
    const statements = (policy.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown; Effect: string }[] }).Statement;
    for (const s of statements) {
      if (s.Effect !== 'Allow' || !new RegExp(`"${logicalIdPrefix}[0-9A-F]{0,8}"`).test(JSON.stringify(s.Resource))) continue;
      for (const a of Array.isArray(s.Action) ? s.Action : [s.Action]) actions.add(a);
    }
  }
  return actions;
}

describe('least privilege', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synthPipeline();
  });

  it('grants on the incident table exactly the DynamoDB calls the deployed code sends', () => {
    const used = deployedActions().dynamodb;
    expect([...used].sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    expect([...grantedOn(synthesized.template, 'IncidentTable')].sort()).toEqual([...used].sort());
  });

  it('grants on the idempotency table exactly the calls Powertools idempotency sends', () => {
    const layer = readFileSync(join(REPO_ROOT, 'node_modules/@aws-lambda-powertools/idempotency/lib/esm/persistence/DynamoDBPersistenceLayer.js'), 'utf8');
    const used = [...new Set([...layer.matchAll(/new (\w+)ItemCommand\(/g)].map((m) => `dynamodb:${m[1]}Item`))].sort();
    expect(used).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect([...grantedOn(synthesized.template, 'IdempotencyTable')].sort()).toEqual(used);
  });

  it('grants on the bucket exactly the S3 calls the deployed code sends, plus prefix-limited listing', () => {
    const used = deployedActions().s3;
    expect([...used].sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(Object.keys(resourcesOf(synthesized.template, 'AWS::S3::Bucket'))).toContain('BundleBucket');
    const granted = grantedOn(synthesized.template, 'BundleBucket');
    expect([...granted].sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    // ListBucket only ever with a prefix condition: a missing key reads as NoSuchKey, nothing more.
    for (const policy of Object.values(resourcesOf(synthesized.template, 'AWS::IAM::Policy'))) {
      const statements = (policy.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Condition?: unknown }[] }).Statement;
      for (const s of statements.filter((st) => [st.Action].flat().includes('s3:ListBucket'))) {
        expect(s.Condition).toMatchObject({ StringLike: { 's3:prefix': [expect.stringMatching(/^[a-z-]+\/\*$/)] } });
      }
    }
  });
});
