import { renderMarkdown, triage } from '../triage/index.js';
import type { Triage } from '../pipeline/ports.js';

/** The triage core behind the pipeline's port: S3 objects are handed over as streams, sniffed by content. */
export const coreTriage: Triage = {
  run: (inputs, options) =>
    triage(
      inputs.map((i) => ({ name: i.name, kind: 'stream' as const, open: i.open })),
      options.alarmTime ? { alarmTime: options.alarmTime } : {},
    ),
  renderMarkdown: (report, sections) => renderMarkdown(report, { sections }),
};
