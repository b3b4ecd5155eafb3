import { fileURLToPath } from 'node:url';

/** Repository root: NodejsFunction bundles from here with package-lock.json. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/** Lambda entry files; each exports `handler`. */
export const HANDLER_ENTRIES = {
  bundleTriage: `${PROJECT_ROOT}/functions/handlers/bundle-triage-entry.ts`,
  alarmIntake: `${PROJECT_ROOT}/functions/handlers/alarm-intake-entry.ts`,
  notifier: `${PROJECT_ROOT}/functions/handlers/notifier-entry.ts`,
} as const;
