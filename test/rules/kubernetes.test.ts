import { describe, it } from 'vitest';
import { checkNegative, checkPositive } from './helpers.js';
import { kubernetesNegatives, kubernetesPositives } from './cases/kubernetes.js';

describe('kubernetes rules', () => {
  it.each(kubernetesPositives.map((c) => [c.rule, c.format, c] as const))('%s claims a %s line', (_rule, _format, c) => {
    checkPositive(c);
  });

  it.each(kubernetesNegatives.map((c) => [c.service, c.why, c] as const))('%s: %s is not a finding', (_service, _why, c) => {
    checkNegative(c);
  });
});
