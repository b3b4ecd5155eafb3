import type { ComponentChildren } from 'preact';

/**
 * C0/C1 controls, DEL, and the bidirectional overrides and isolates (Trojan Source): shown as a
 * visible `\uXXXX` chip instead of being passed through, so a log line cannot hide or reorder
 * what the operator reads. Tab is kept.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

function chip(char: string): string {
  return `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()}`;
}

/** Untrusted text, escaped by the renderer, with invisible and reordering characters made visible. */
export function Text({ value }: { value: string }) {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const m of value.matchAll(INVISIBLE)) {
    if (m.index > last) parts.push(value.slice(last, m.index));
    parts.push(
      <span class="ctl" title="control character">
        {chip(m[0])}
      </span>,
    );
    last = m.index + m[0].length;
  }
  if (last < value.length) parts.push(value.slice(last));
  return <>{parts}</>;
}

/** For attribute values and titles, where markup cannot show a chip: the same characters as escapes. */
export function plainVisible(value: string): string {
  return value.replace(INVISIBLE, chip);
}

/** The same set without the line feed. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE_IN_TEXT_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * For the embedded ticket: line breaks and tabs stay, every other control or bidi character
 * becomes an escape, so neither the page nor the pasted ticket can be reordered by a log line.
 */
export function ticketText(value: string): string {
  return value.replace(/\r\n/g, '\n').replace(INVISIBLE_IN_TEXT_BLOCK, chip);
}

/** `2025-03-14T09:41:07.000Z` → `2025-03-14 09:41:07 UTC`. */
export function utc(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC') : 'unknown';
}
