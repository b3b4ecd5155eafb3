import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { maskDeep } from '../pipeline/message-view.js';
import type { Incident } from '../pipeline/model.js';
import type { ObjectStore } from '../pipeline/ports.js';
import { renderReportHtml } from '../report-html/index.js';
import { maskSecrets, reportSchema } from '../triage/index.js';

/**
 * The incident page of the latest report: the one the pipeline stored, or, for an incident
 * stored before pages existed, one rendered from its stored JSON and Markdown.
 */
export async function latestPage(incident: Incident, objects: ObjectStore): Promise<string | undefined> {
  const ref = incident.report;
  if (!ref) return undefined;
  if (ref.htmlKey) {
    const stored = await objects.getText(ref.htmlKey);
    if (stored !== undefined) return stored;
  }
  const [json, markdown] = await Promise.all([objects.getText(ref.jsonKey), objects.getText(ref.markdownKey)]);
  if (json === undefined) return undefined;
  const parsed = reportSchema.safeParse(JSON.parse(json));
  if (!parsed.success) return undefined;
  return renderReportHtml(maskDeep(parsed.data, maskSecrets), {
    ticketMarkdown: markdown ?? '',
    incident: { id: incident.id, status: incident.status, reportVersion: ref.evidenceVersion },
  });
}

/** Writes the page to `<dataDir>/pages/<incident>/v<n>.html` and returns the path. */
export async function writeLatestPage(incident: Incident, objects: ObjectStore, dataDir: string): Promise<string | undefined> {
  const html = await latestPage(incident, objects);
  if (html === undefined || !incident.report) return undefined;
  // Incident ids are generated (hex and dashes); the check keeps a stored id from escaping the folder.
  if (!/^[A-Za-z0-9._-]+$/.test(incident.id) || incident.id.startsWith('.')) throw new Error(`unexpected incident id: ${incident.id}`);
  const dir = join(dataDir, 'pages', incident.id);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `v${incident.report.evidenceVersion}.html`);
  await writeFile(path, html);
  return path;
}
