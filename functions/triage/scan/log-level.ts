import type { LogLevel } from '../rules/rule.js';

const WORDS: Record<string, LogLevel> = {
  trace: 'trace',
  trc: 'trace',
  debug: 'debug',
  dbg: 'debug',
  info: 'info',
  inf: 'info',
  notice: 'info',
  log: 'info',
  warn: 'warn',
  warning: 'warn',
  wrn: 'warn',
  err: 'error',
  error: 'error',
  crash: 'error',
  severe: 'error',
  crit: 'fatal',
  critical: 'fatal',
  fatal: 'fatal',
  panic: 'fatal',
  emerg: 'fatal',
  alert: 'fatal',
  // logrus's text format on a terminal (dockerd, docker CLI, containerd tools): `ERRO[0000] …`.
  trac: 'trace',
  debu: 'debug',
  erro: 'error',
  fata: 'fatal',
  pani: 'fatal',
};
/** klog's and MongoDB's one-letter severities (`E1201 …`, `"s":"E"`; MongoDB writes D1…D5 for debug). */
const LETTERS: Record<string, LogLevel> = { D: 'debug', I: 'info', W: 'warn', E: 'error', F: 'fatal' };
/** Redis marks: `.` debug, `-` verbose, `*` notice, `#` warning; Redis has no error level. */
const REDIS: Record<string, LogLevel> = { '.': 'debug', '-': 'debug', '*': 'info', '#': 'warn' };
/** pino / bunyan numeric levels. */
const NUMERIC: Record<string, LogLevel> = { '10': 'trace', '20': 'debug', '30': 'info', '40': 'warn', '50': 'error', '60': 'fatal' };

const TS = String.raw`(?:\d{4}-\d\d-\d\d[ T])?\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d| UTC| GMT)?`;

// Ordered by how specific the syntax is: structured fields first, bracketed and bare words last.
const LEVEL_PATTERNS: RegExp[] = [
  /"(?:level|@level|severity|lvl|log\.level|levelname)"\s*:\s*"([A-Za-z]+)"/,
  /\b(?:level|lvl|severity)=["']?([A-Za-z]+)/,
  /^\S*\s*\[(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|ERR|FATAL|PANIC)\]/i,
  // Go's standard log before the bracket (Nomad and Consul before hclog): `2018/06/23 15:13:32.671029 [ERR] client: …`.
  /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d+)? \[(TRACE|DEBUG|INFO|WARN|ERR|ERROR)\] /,
  /\s\[(trace|debug|info|notice|warning|warn|error|critical|crit|alert|emerg)\]\s/i,
  // NetworkManager and other daemons in a journal: `NetworkManager[818]: <info>  (veth8adad17): …`.
  /(?:^|\s)<(trace|debug|info|notice|warn|warning|error|crit|critical)>\s/,
  /^\d{4}-\d\d-\d\d[ T][\d:.,]+(?:Z|[+-]\d\d:?\d\d)?\s+\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\]?\s/,
  /\s(?:UTC|GMT|[+-]\d{4})?\s*\[\d+\]\s+(LOG|DEBUG\d?|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC):/,
  // Python logging's default `%(asctime)s - %(name)s - %(levelname)s - %(message)s` (botocore, AWS CLI --debug).
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - .{1,120}? - (DEBUG|INFO|WARNING|ERROR|CRITICAL) - /,
  // PostgreSQL with any log_line_prefix: the level is followed by a colon and two spaces.
  /(?:^|[\s:\]])(DEBUG[1-5]|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC):\s\s/,
  // zap console (tab-separated) and Logback / Python after a time and up to two bracketed fields.
  new RegExp(String.raw`^${TS}\t(trace|debug|info|warn|warning|error|dpanic|panic|fatal)\t`, 'i'),
  new RegExp(String.raw`^${TS}(?:\s+\[[^\]]*\]){0,2}\s+(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL|SEVERE)\b`),
  // zerolog's console writer (Traefik 2.10+ and other Go services): `2023-06-07T15:56:55Z ERR github.com/… > msg`.
  new RegExp(String.raw`^${TS} (TRC|DBG|INF|WRN|ERR) `),
  // Erlang/OTP reports (RabbitMQ before 3.9): `=ERROR REPORT==== 1-Dec-2023::10:00:00 ===`.
  /^=(ERROR|CRASH|WARNING|INFO) REPORT====/,
  // logrus's terminal format: `WARN[2021-03-11T14:30:38.471708685+01:00] msg`, `ERRO[0000] msg`.
  /^(TRAC|DEBU|INFO|WARN|ERRO|FATA|PANI)\[[^\]]{1,40}\] /,
];
const LETTER_PATTERNS: RegExp[] = [
  /^([IWEF])\d{4} \d\d:\d\d:\d\d/,
  /"s"\s*:\s*"(D|I|W|E|F)\d?"/,
  // MongoDB before 4.4 (text log): `2019-12-04T11:55:15.381+0000 I NETWORK  [conn1] …`.
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4} ([DIWEF])\d? +[A-Z-]+ +\[/,
];
const NUMERIC_PATTERN = /"level"\s*:\s*(10|20|30|40|50|60)\b/;
const REDIS_PATTERN = /^\d+:[XCSM] \d\d [A-Z][a-z]{2}(?: \d{4})? \d\d:\d\d:\d\d\.\d+ ([.\-*#]) /;
/** Records that state no level but are failures by their form: uncaught exceptions, Go panics, tracebacks. */
const UNCAUGHT = /^(?:Exception in thread "|Uncaught (?:\w*Error|exception)|Unhandled(?:PromiseRejection| exception| rejection)|panic: |fatal error: |Traceback \(most recent call last\):|\[UnhandledPromiseRejection)/;

/** Records that state no level but report an exhausted host resource (Go's and libc's wordings). */
const EXHAUSTED = /too many open files|no space left on device|cannot allocate memory|disk quota exceeded|[Oo]ut of memory: Kill/;

const JOURNALD_PREFIX = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ [^:\s]+: /;
/** journalctl -o short-iso / short-precise. */
const JOURNALD_ISO_PREFIX = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d{4}|Z) \S+ [^:\s]+\[\d+\]: /;
/** CRI log files (/var/log/pods): `2023-12-01T10:00:00.123456789Z stderr F `. */
const CRI_PREFIX = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d) (?:stdout|stderr) [FP] /;
/** `kubectl logs --prefix`: `[pod/name/container] `. */
const KUBECTL_PREFIX = /^\[pod\/[^\]\s]+\] /;
/** `docker compose logs`: `mongodb-standalone_1  | ` (v1) or `mongodb-1  | ` (v2). */
const COMPOSE_PREFIX = /^[a-z0-9][\w.-]*[_-]\d+\s+\| /;

/** The record without the transport's prefix (journald, CRI file, kubectl --prefix) and leading blanks. */
export function recordBody(line: string): string {
  let body = line;
  const first = body.charCodeAt(0);
  // Cheap guards first: most lines carry no transport prefix, and this runs on every error line.
  if (first === 91 /* [ */) body = body.replace(KUBECTL_PREFIX, '');
  else if (first >= 48 && first <= 57) {
    const head = body.slice(0, 100);
    if (head.includes(' stdout ') || head.includes(' stderr ')) body = body.replace(CRI_PREFIX, '');
    if (head.includes(']: ')) body = body.replace(JOURNALD_ISO_PREFIX, '');
  } else if (first >= 65 && first <= 90 && body.charCodeAt(3) === 32) body = body.replace(JOURNALD_PREFIX, '');
  else if (first >= 97 && first <= 122 && body.includes('  | ')) body = body.replace(COMPOSE_PREFIX, '');
  return body.charCodeAt(0) === 32 || body.charCodeAt(0) === 9 ? body.trimStart() : body;
}

/** The level of a log line, when its format states one. */
export function logLevelOf(line: string): LogLevel | undefined {
  return levelOfRecord(recordBody(line));
}

/** `logLevelOf` for a line already passed through `recordBody`. */
export function levelOfRecord(body: string): LogLevel | undefined {
  for (const re of LETTER_PATTERNS) {
    const m = re.exec(body);
    if (m?.[1]) return LETTERS[m[1]];
  }
  const redis = REDIS_PATTERN.exec(body);
  if (redis?.[1]) return REDIS[redis[1]];
  const numeric = NUMERIC_PATTERN.exec(body);
  if (numeric?.[1]) return NUMERIC[numeric[1]];
  for (const re of LEVEL_PATTERNS) {
    const m = re.exec(body);
    if (m?.[1]) {
      const word = m[1].toLowerCase().replace(/\d+$/, '').replace(/^dpanic$/, 'panic');
      const level = WORDS[word];
      if (level) return level;
    }
  }
  if (UNCAUGHT.test(body)) return 'fatal';
  return EXHAUSTED.test(body) ? 'error' : undefined;
}

/**
 * Words one of which every error or fatal record holds, whichever pattern above finds its level:
 * the error-level words of WORDS (`err` covers error, `crit` critical, `panic` dpanic), the
 * uncaught-exception forms, and the JSON letter and numeric fields. A record without any is not
 * error-level, so most records are settled by this one search instead of the patterns in turn.
 */
const ERROR_WORDS = /err|crash|too many open files|no space left|cannot allocate|quota exceeded|out of memory|severe|crit|fatal?|panic|pani\[|emerg|alert|uncaught|unhandled|exception in thread|traceback|"s"\s*:\s*"[ef]|"level"\s*:\s*[56]0/i;

const MONGO_TEXT_ERROR = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4} [EF]/;

/** False only for records `levelOfRecord` cannot find error or fatal in (a quick, exact pre-check). */
export function mayBeErrorLevel(line: string): boolean {
  if (ERROR_WORDS.test(line)) return true;
  // klog's `E1201 …` / `F1201 …` header states the level by its first letter, MongoDB's text log
  // by a letter after the time (`…+0000 F -  [thread1] …`).
  const body = recordBody(line);
  const first = body.charCodeAt(0);
  return first === 69 /* E */ || first === 70 /* F */ || MONGO_TEXT_ERROR.test(body);
}

/** Whether a line is an error-level record (error or fatal, including uncaught exceptions). */
export function isErrorLevel(line: string): boolean {
  if (!mayBeErrorLevel(line)) return false;
  const level = logLevelOf(line);
  return level === 'error' || level === 'fatal';
}

/**
 * Literals at least one of which every error-level line holds (case-insensitive), so the same
 * literal-automaton pass that selects rule candidates also selects error-level lines; the level
 * itself is then read by `logLevelOf` on those lines only. klog error headers (`E1201 `) are not
 * literals (one per month and day would be 744, and made every automaton several times slower to
 * build); a klog error line is selected by its message instead, which nearly always says "error",
 * "failed", "unable to", "cannot" or one of the other failure words below.
 */
export const ERROR_LEVEL_LITERALS: readonly string[] = [
  'error',
  'erro[',
  'fata[',
  'pani[',
  '[err]',
  '=err',
  'fatal',
  'panic',
  'crit',
  'emerg',
  'alert',
  'crash',
  'severe',
  '"s":"e"',
  '"s":"f"',
  '"level":50',
  '"level":60',
  'exception in thread',
  'uncaught',
  'unhandled',
  'traceback (most recent call last)',
  'failed',
  'unable to',
  'cannot',
  // klog error lines whose message names no error: "Couldn't get configMap …", "… timed out".
  "couldn't",
  'could not',
  "can't",
  'timed out',
  'refused',
  'denied',
  'unreachable',
  // Exhausted resources, a failure whatever level the record states (or none).
  'too many open files',
  'no space left on device',
  'cannot allocate memory',
  'disk quota exceeded',
  'out of memory',
];
