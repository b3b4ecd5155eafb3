import { ISSUE_TYPE_INFO, type IssueType } from '../triage/model/issue-types.js';

/** The 10-minute rule of the diagnostic guide: logs rotate, collect within 10 minutes of the issue. */
export const COLLECTION_DEADLINE_MINUTES = 10;

export interface ChecklistItem {
  id: string;
  label: string;
  command: string;
  /** Issue types that ask for it. */
  issueTypes: IssueType[];
}

export interface Checklist {
  issueTypes: Array<{ id: IssueType; title: string }>;
  items: ChecklistItem[];
  uploadCommand: string;
  uploadPrefix: string;
  collectBy: string;
}

export function collectBy(alarmTime: string): string {
  return new Date(Date.parse(alarmTime) + COLLECTION_DEADLINE_MINUTES * 60_000).toISOString();
}

/**
 * What to collect for these issue types (the Quick Reference's "Essential Logs"), each log once,
 * and the exact command to upload everything into the incident's folder.
 */
export function buildChecklist(issueTypes: IssueType[], options: { bucket: string; folder: string; alarmTime: string }): Checklist {
  const items = new Map<string, ChecklistItem>();
  for (const type of issueTypes) {
    for (const log of ISSUE_TYPE_INFO[type].essentialLogs) {
      const existing = items.get(log.id);
      if (existing) existing.issueTypes.push(type);
      else items.set(log.id, { id: log.id, label: log.label, command: log.collect, issueTypes: [type] });
    }
  }
  const uploadPrefix = `s3://${options.bucket}/incoming/${options.folder}/`;
  return {
    issueTypes: issueTypes.map((id) => ({ id, title: ISSUE_TYPE_INFO[id].title })),
    items: [...items.values()],
    // One command for the bundle and the extra logs: everything in the folder joins this incident.
    uploadCommand: `aws s3 cp . ${uploadPrefix} --recursive --exclude "*" --include "support-bundle-*.tar.gz" --include "*.log" --include "*.txt" --include "*.json"`,
    uploadPrefix,
    collectBy: collectBy(options.alarmTime),
  };
}

export function checklistMarkdown(checklist: Checklist): string {
  const lines = [
    '## Collect now',
    '',
    `Likely issue type: ${checklist.issueTypes.map((t) => t.title).join('; ')}.`,
    `Collect before **${hhmm(checklist.collectBy)} UTC** (${COLLECTION_DEADLINE_MINUTES} minutes after the alarm): pod logs rotate and a later bundle may miss the cause.`,
    '',
  ];
  checklist.items.forEach((item, i) => {
    lines.push(`${i + 1}. ${item.label}`, '', '   ```sh', `   ${item.command}`, '   ```', '');
  });
  lines.push('Upload everything to the incident folder:', '', '```sh', checklist.uploadCommand, '```', '');
  return lines.join('\n');
}

export function hhmm(iso: string): string {
  return iso.slice(11, 16);
}
