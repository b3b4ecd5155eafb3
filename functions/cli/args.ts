import { parseArgs } from 'node:util';
import type { ReadLimits } from '../triage/index.js';
import { SEVERITIES, type Severity } from '../triage/model/severity.js';
import { UsageError } from './exit-codes.js';

export interface CliOptions {
  inputs: string[];
  format: 'md' | 'json' | 'html';
  out?: string;
  rules: string[];
  alarmTime?: Date;
  collectorUtcOffsetMinutes?: number;
  aws: boolean;
  window?: string;
  region?: string;
  circleciRoles: string[];
  failOn?: Severity;
  limits: Partial<ReadLimits>;
  /** Mine error-level lines no rule claims into templates (off with --no-unrecognized). */
  unrecognizedErrors: boolean;
  stats: boolean;
  quiet: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: incident-triage <input...> [options]
       incident-triage rules suggest <report.json> [--template N] [--out FILE]

Triage CircleCI Server support bundles (.tar.gz, extracted folders) and extra logs
(journalctl dumps, docker network ls, job details JSON, curl -vvv transcripts) into one
ticket-ready report.

Options:
  --format md|json|html       output format (default md); html is one self-contained page
  --out FILE                  write the report to FILE instead of stdout
  --rules FILE                extra rule file (YAML or JSON); repeatable
  --alarm-time ISO            when the alarm fired; flags bundles collected >10 min later
  --collector-utc-offset ±HH:MM  UTC offset of the machine that collected the bundle
  --aws                       enrich with live AWS (STS decode, CloudTrail, Auto Scaling)
                              through the default credential chain; off by default
  --window SPEC               incident window for --aws: START/END (ISO) or a duration (90m, 2h)
  --region REGION             AWS region for --aws (default: the SDK chain)
  --circleci-role NAME        CircleCI IAM role whose denied calls to look up; repeatable
  --fail-on SEVERITY          exit 1 if a finding is at least this severe
                              (critical|high|medium|low|info)
  --max-entries N             entries read per input (default 200000)
  --max-uncompressed-bytes N  decompressed bytes per input (default 8GiB)
  --max-compression-ratio N   decompression ratio treated as a bomb (default 200)
  --max-line-bytes N          longest line examined (default 1MiB)
  --max-json-bytes N          largest Kubernetes JSON parsed for facts (default 64MiB)
  --max-locations N           locations kept per finding, at least 1000 (default 1000)
  --no-unrecognized           skip the pass that groups error lines no rule knows
                              into templates ("Unrecognised errors")
  --stats                     print one JSON line of run statistics to stderr
  --quiet                     no progress bar
  -h, --help                  show this help
  --version                   show the version

Exit codes: 0 report produced, 1 --fail-on threshold reached, 2 usage error,
3 no input could be read, 4 internal error.`;

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i;
const UNITS: Record<string, number> = { b: 1, k: 1024, kb: 1e3, kib: 1024, m: 1024 ** 2, mb: 1e6, mib: 1024 ** 2, g: 1024 ** 3, gb: 1e9, gib: 1024 ** 3 };

export function parseSize(flag: string, value: string): number {
  const m = SIZE.exec(value.trim());
  if (!m) throw new UsageError(`${flag} expects a size such as 512MB or 1GiB, got "${value}"`);
  return Math.round(Number(m[1]) * (UNITS[(m[2] ?? 'b').toLowerCase()] ?? 1));
}

function parseCount(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} expects a positive whole number, got "${value}"`);
  return n;
}

export function parseOffset(value: string): number {
  const m = /^(?:UTC)?([+-])(\d{1,2})(?::?(\d\d))?$/.exec(value.trim());
  if (!m) throw new UsageError(`--collector-utc-offset expects ±HH:MM, got "${value}"`);
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) throw new UsageError(`--collector-utc-offset is out of range: "${value}"`);
  return (m[1] === '-' ? -1 : 1) * minutes;
}

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'md' },
        out: { type: 'string' },
        rules: { type: 'string', multiple: true },
        'alarm-time': { type: 'string' },
        'collector-utc-offset': { type: 'string' },
        aws: { type: 'boolean', default: false },
        window: { type: 'string' },
        region: { type: 'string' },
        'circleci-role': { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        'max-entries': { type: 'string' },
        'max-uncompressed-bytes': { type: 'string' },
        'max-compression-ratio': { type: 'string' },
        'max-line-bytes': { type: 'string' },
        'max-json-bytes': { type: 'string' },
        'max-locations': { type: 'string' },
        'no-unrecognized': { type: 'boolean', default: false },
        stats: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.format !== 'md' && v.format !== 'json' && v.format !== 'html') throw new UsageError(`--format must be md, json or html, got "${v.format}"`);
  const help = v.help === true;
  const version = v.version === true;
  if (!help && !version && parsed.positionals.length === 0) throw new UsageError('no input given: pass a support bundle, a bundle folder or log files');
  let alarmTime: Date | undefined;
  if (v['alarm-time'] !== undefined) {
    alarmTime = new Date(v['alarm-time']);
    if (Number.isNaN(alarmTime.getTime())) throw new UsageError(`--alarm-time expects an ISO 8601 time, got "${v['alarm-time']}"`);
  }
  if (v['fail-on'] !== undefined && !(SEVERITIES as readonly string[]).includes(v['fail-on'])) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, got "${v['fail-on']}"`);
  }
  if (v.window !== undefined && !v.aws) throw new UsageError('--window only applies with --aws');
  const limits: Partial<ReadLimits> = {};
  if (v['max-entries']) limits.maxEntries = parseCount('--max-entries', v['max-entries']);
  if (v['max-uncompressed-bytes']) limits.maxUncompressedBytes = parseSize('--max-uncompressed-bytes', v['max-uncompressed-bytes']);
  if (v['max-compression-ratio']) limits.maxCompressionRatio = parseCount('--max-compression-ratio', v['max-compression-ratio']);
  if (v['max-line-bytes']) limits.maxLineBytes = parseSize('--max-line-bytes', v['max-line-bytes']);
  if (v['max-json-bytes']) limits.maxJsonBytes = parseSize('--max-json-bytes', v['max-json-bytes']);
  if (v['max-locations']) {
    limits.maxLocationsPerFinding = parseCount('--max-locations', v['max-locations']);
    if (limits.maxLocationsPerFinding < 1000) throw new UsageError('--max-locations must be at least 1000');
  }
  return {
    inputs: parsed.positionals,
    format: v.format,
    ...(v.out !== undefined ? { out: v.out } : {}),
    rules: v.rules ?? [],
    ...(alarmTime ? { alarmTime } : {}),
    ...(v['collector-utc-offset'] !== undefined ? { collectorUtcOffsetMinutes: parseOffset(v['collector-utc-offset']) } : {}),
    aws: v.aws === true,
    ...(v.window !== undefined ? { window: v.window } : {}),
    ...(v.region !== undefined ? { region: v.region } : {}),
    circleciRoles: v['circleci-role'] ?? [],
    ...(v['fail-on'] !== undefined ? { failOn: v['fail-on'] as Severity } : {}),
    limits,
    unrecognizedErrors: v['no-unrecognized'] !== true,
    stats: v.stats === true,
    quiet: v.quiet === true,
    help,
    version,
  };
}
