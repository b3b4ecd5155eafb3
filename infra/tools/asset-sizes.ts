/**
 * Prints the size of each Lambda artifact in a synthesized cloud assembly, so the numbers
 * in docs/deploy.md can be re-measured: `npm run synth && npx tsx infra/tools/asset-sizes.ts`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface TemplateResource {
  Type: string;
  Metadata?: Record<string, unknown>;
  Properties?: { Environment?: { Variables?: Record<string, unknown> } };
}

const outdir = process.argv[2] ?? 'cdk.out';
const template = JSON.parse(readFileSync(path.join(outdir, 'IncidentPipeline.template.json'), 'utf8')) as {
  Resources: Record<string, TemplateResource>;
};

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
for (const resource of Object.values(template.Resources)) {
  const assetPath = resource.Metadata?.['aws:asset:path'];
  if (resource.Type !== 'AWS::Lambda::Function' || typeof assetPath !== 'string') continue;
  const dir = path.join(outdir, assetPath);
  const files = readdirSync(dir);
  const bytes = files.reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
  const gzipped = files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(dir, file))).length, 0);
  const name = resource.Properties?.Environment?.Variables?.POWERTOOLS_SERVICE_NAME;
  const service = typeof name === 'string' ? name : assetPath;
  console.log(`${service.padEnd(14)} ${kb(bytes).padStart(9)} (${kb(gzipped)} gzipped) ${files.join(', ')}`);
}
