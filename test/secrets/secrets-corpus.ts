/**
 * test/corpus/secrets.jsonl: FAKE credentials (random values in real shapes) and benign
 * look-alikes, each embedded in a line an existing rule claims, in plain, JSON, escaped-JSON and
 * URL forms. The real-line corpus loader skips this file; it has its own schema here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { FileKind } from '../../functions/triage/model/file-kind.js';

const PLACEMENTS = {
  'nomad-journald': { service: 'nomad-client', kind: 'journald', file: 'nomad-client.log' },
  'iam-cli': { service: 'unknown', kind: 'text', file: 'aws-cli-output.txt' },
  'provisioner-json': { service: 'machine-provisioner', kind: 'pod-log', file: 'machine-provisioner.log' },
} as const satisfies Record<string, { service: string; kind: FileKind; file: string }>;

export type Placement = (typeof PLACEMENTS)[keyof typeof PLACEMENTS];

const base = {
  id: z.string().regex(/^secret-\d{3}$/),
  kind: z.string().min(2),
  form: z.enum(['plain', 'json', 'escaped-json', 'url']),
  placement: z.enum(Object.keys(PLACEMENTS) as [keyof typeof PLACEMENTS, ...Array<keyof typeof PLACEMENTS>]),
  text: z.string().min(1),
  note: z.string(),
};

const entrySchema = z.union([
  z.object({ ...base, secret: z.string().min(8) }).strict(),
  z.object({ ...base, benign: z.string().min(8) }).strict(),
]);

export type SecretEntry = z.infer<typeof entrySchema> & { where: Placement };

export function loadSecretCorpus(path = join(import.meta.dirname, '../corpus/secrets.jsonl')): SecretEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((raw, index) => ({ raw, index }))
    .filter(({ raw }) => raw.trim())
    .map(({ raw, index }) => {
      const parsed = entrySchema.safeParse(JSON.parse(raw));
      if (!parsed.success) throw new Error(`secrets.jsonl:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const value = 'secret' in parsed.data ? parsed.data.secret : parsed.data.benign;
      if (!parsed.data.text.includes(value)) throw new Error(`secrets.jsonl:${index + 1}: the value is not in the line`);
      return { ...parsed.data, where: PLACEMENTS[parsed.data.placement] };
    });
}

/** Undoes the output escapers, so an escaped secret cannot hide from the check. */
export function unescapeOutput(text: string): string {
  return text
    .replace(/\u200b/g, '')
    .replace(/\\([\\`*_~[\]|])/g, '$1')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/ˋ/g, '`');
}

/** Pieces of the secret that must not appear: the whole, and every 12-character window of a long one. */
export function leakPieces(secret: string): string[] {
  if (secret.length < 16) return [secret];
  const pieces = new Set<string>([secret]);
  for (let i = 0; i + 12 <= secret.length; i += 4) pieces.add(secret.slice(i, i + 12));
  return [...pieces];
}
