/** `npm run corpus:stats`: counts per family, format and source domain, so gaps are visible. */
import { isNegative, loadCorpus } from './corpus.js';
import { sourceDomain } from './corpus.js';

const entries = loadCorpus();

function table(title: string, key: (e: (typeof entries)[number]) => string): void {
  const rows = new Map<string, { pos: number; neg: number }>();
  for (const e of entries) {
    const row = rows.get(key(e)) ?? { pos: 0, neg: 0 };
    if (isNegative(e)) row.neg++;
    else row.pos++;
    rows.set(key(e), row);
  }
  const width = Math.max(title.length, ...[...rows.keys()].map((k) => k.length));
  console.log(`\n${title.padEnd(width)}  positives  negatives`);
  for (const [k, r] of [...rows].sort((a, b) => b[1].pos + b[1].neg - (a[1].pos + a[1].neg))) {
    console.log(`${k.padEnd(width)}  ${String(r.pos).padStart(9)}  ${String(r.neg).padStart(9)}`);
  }
}

const negatives = entries.filter(isNegative).length;
console.log(`corpus: ${entries.length} lines (${entries.length - negatives} positives, ${negatives} negatives)`);
table('family', (e) => e.family);
table('format', (e) => e.format);
table('service', (e) => e.service);
table('source domain', (e) => sourceDomain(e.source));
