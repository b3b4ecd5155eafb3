import { describe, it } from 'vitest';
import { checkNegative, checkPositive } from './helpers.js';
import { backendNegatives, backendPositives } from './cases/backend.js';

describe('backend rules', () => {
  it.each(backendPositives.map((c) => [c.rule, c.format, c] as const))('%s claims a %s line', (_rule, _format, c) => {
    checkPositive(c);
  });

  it.each(backendNegatives.map((c) => [c.service, c.why, c] as const))('%s: %s is not a finding', (_service, _why, c) => {
    checkNegative(c);
  });
});
