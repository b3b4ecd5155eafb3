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
  crit: 'fatal',
  critical: 'fatal',
  fatal: 'fatal',
  panic: 'fatal',
  emerg: 'fatal',
  alert: 'fatal',
};
const KLOG: Record<string, LogLevel> = { I: 'info', W: 'warn', E: 'error', F: 'fatal' };

// Ordered by how specific the syntax is: structured fields first, bracketed and bare words last.
const LEVEL_PATTERNS: RegExp[] = [
  /"(?:level|@level|severity|lvl|log\.level)"\s*:\s*"([A-Za-z]+)"/,
  /\b(?:level|lvl|severity)=["']?([A-Za-z]+)/,
  /^\S*\s*\[(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|ERR|FATAL|PANIC)\]/i,
  /\s\[(trace|debug|info|notice|warning|warn|error|critical|crit|alert|emerg)\]\s/i,
  /^\d{4}-\d\d-\d\d[ T][\d:.,]+(?:Z|[+-]\d\d:?\d\d)?\s+\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\]?\s/,
  /\s(?:UTC|GMT|[+-]\d{4})?\s*\[\d+\]\s+(LOG|DEBUG\d?|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC):/,
  // Python logging's default `%(asctime)s - %(name)s - %(levelname)s - %(message)s` (botocore, AWS CLI --debug).
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - .{1,120}? - (DEBUG|INFO|WARNING|ERROR|CRITICAL) - /,
];
const KLOG_PATTERN = /^([IWEF])\d{4} \d\d:\d\d:\d\d/;
const JOURNALD_PREFIX = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ [^:\s]+: /;

/** The level of a log line, when its format states one. */
export function logLevelOf(line: string): LogLevel | undefined {
  const body = line.replace(JOURNALD_PREFIX, '');
  const klog = KLOG_PATTERN.exec(body);
  if (klog?.[1]) return KLOG[klog[1]];
  for (const re of LEVEL_PATTERNS) {
    const m = re.exec(body);
    if (m?.[1]) {
      const word = m[1].toLowerCase().replace(/\d+$/, '');
      const level = WORDS[word];
      if (level) return level;
    }
  }
  return undefined;
}
