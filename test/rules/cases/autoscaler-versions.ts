import { loadCorpus } from '../../corpus/corpus.js';
import type { Positive } from '../helpers.js';

/**
 * The autoscaler 0.4.x instance-refresh lines, taken from test/corpus/autoscaler-versions.jsonl
 * (source-format-string lines) so the pack-wide checks see them too.
 */
export const autoscalerVersionsPositives: Positive[] = loadCorpus(undefined, /^autoscaler-versions\.jsonl$/)
  .filter((e) => 'ruleId' in e.expect && e.expect.ruleId.startsWith('nomad-autoscaler.instance-refresh'))
  .map((e) => ({ rule: (e.expect as { ruleId: string }).ruleId, service: e.service, format: e.format, line: e.text }));
