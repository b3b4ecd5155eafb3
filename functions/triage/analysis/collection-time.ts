import type { BundleFacts } from '../report/schema.js';

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The bundle folder's stamp is the collector's local wall-clock time with no zone. With an
 * offset given, convert it; otherwise infer the offset from the newest log line (which the
 * collection must follow), rounded to a quarter hour, and say it was inferred.
 */
export function collectionTime(
  local: string | null,
  newestLogUtc: string | null,
  offsetMinutes: number | undefined,
): BundleFacts['collectedAt'] {
  if (!local) return null;
  const asUtc = Date.parse(`${local}Z`);
  if (offsetMinutes !== undefined) {
    return { local, utc: new Date(asUtc - offsetMinutes * 60_000).toISOString(), utcOffset: formatOffset(offsetMinutes), offsetSource: 'option' };
  }
  if (newestLogUtc) {
    const diffMinutes = (asUtc - Date.parse(newestLogUtc)) / 60_000;
    // The stamp follows the newest line by seconds to a few minutes; the rest is the zone offset.
    const offset = Math.round(diffMinutes / 15) * 15;
    if (Math.abs(offset) <= 14 * 60 && diffMinutes - offset > -1) {
      return { local, utc: new Date(asUtc - offset * 60_000).toISOString(), utcOffset: formatOffset(offset), offsetSource: 'inferred-from-logs' };
    }
  }
  return { local, offsetSource: 'unknown' };
}
