import { describe, it } from 'vitest';
import { checkNegative, checkPositive } from './helpers.js';
import { fallbackNegatives, fallbackPositives } from './cases/fallbacks.js';

describe('family fallback rules', () => {
  it.each(fallbackPositives.map((c) => [c.rule, c.format, c] as const))('%s claims a %s line', (_rule, _format, c) => {
    checkPositive(c);
  });

  it.each(fallbackNegatives.map((c) => [c.service, c.why, c] as const))('%s: %s is not a finding', (_service, _why, c) => {
    checkNegative(c);
  });
});
