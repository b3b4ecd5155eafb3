/** A timestamp read from a log line, normalised to UTC. */
export interface LineTime {
  iso: string;
  /** The line carried no zone (or no year) and UTC / the reference year was assumed. */
  assumed: boolean;
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

// Date and time, then an optional fraction and zone: ISO 8601, Logback, PostgreSQL, RabbitMQ, Go log.
const FULL =
  /(\d{4})[-/](\d\d)[-/](\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?\s?(Z|UTC|GMT|[+-]\d\d:?\d\d)?/;
const KLOG = /^[IWEF](\d\d)(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?/;
const SYSLOG = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d)/;
const EPOCH_FIELD = /"(?:ts|time|timestamp)"\s*:\s*(1\d{9})(?:\.(\d+))?/;

function iso(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function fractionMs(fraction: string | undefined): number {
  return fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
}

function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/**
 * Reads the first timestamp in the first 300 characters of a line. Formats without a year
 * (klog, syslog/journald) take `referenceYear`; formats without a zone are read as UTC and
 * marked `assumed`.
 */
export function timestampOf(line: string, referenceYear: number): LineTime | undefined {
  const head = line.length > 300 ? line.slice(0, 300) : line;
  const full = FULL.exec(head);
  if (full) {
    const [, y, mo, d, h, mi, s, frac, zone] = full;
    const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), fractionMs(frac));
    const offset = zone ? zoneOffsetMinutes(zone) : 0;
    const out = iso(base - offset * 60_000);
    if (out) return { iso: out, assumed: !zone };
  }
  const klog = KLOG.exec(head);
  if (klog) {
    const [, mo, d, h, mi, s, frac] = klog;
    const out = iso(Date.UTC(referenceYear, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), fractionMs(frac)));
    if (out) return { iso: out, assumed: true };
  }
  const syslog = SYSLOG.exec(head);
  if (syslog) {
    const [, mon, d, h, mi, s] = syslog;
    const month = MONTHS[mon!];
    if (month !== undefined) {
      const out = iso(Date.UTC(referenceYear, month, Number(d), Number(h), Number(mi), Number(s)));
      if (out) return { iso: out, assumed: true };
    }
  }
  const epoch = EPOCH_FIELD.exec(line);
  if (epoch) {
    const out = iso(Number(epoch[1]) * 1000 + fractionMs(epoch[2]));
    if (out) return { iso: out, assumed: false };
  }
  return undefined;
}
