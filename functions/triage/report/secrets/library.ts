import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintRuleCreator, SecretLintRuleReportDescriptor, SecretLintSourceCode } from '@secretlint/types';

/** A secret a library rule reported: the rule's short name and the exact text to mask. */
export interface LibraryFinding {
  kind: string;
  value: string;
}

/**
 * Rules skipped: `filter-comments` honours `secretlint-disable` comments, and a log line is
 * attacker-controlled text, so it must not be able to switch masking off.
 */
const SKIPPED = new Set(['@secretlint/secretlint-rule-filter-comments']);

interface Scanner {
  kind: string;
  file: (source: SecretLintSourceCode) => unknown;
}

let reported: Array<{ kind: string; descriptor: SecretLintRuleReportDescriptor }> = [];

/**
 * secretlint's `lintSource` is async and builds a fresh context per call. Its rules are plain
 * synchronous scanners behind a small context interface, so they are created once here and
 * called directly: one synchronous pass per text, no promise, no per-call setup.
 */
function createScanners(): Scanner[] {
  return (recommendedRules as SecretLintRuleCreator[])
    .filter((rule) => !SKIPPED.has(rule.meta.id))
    .map((rule) => {
      const kind = rule.meta.id.replace('@secretlint/secretlint-rule-', '');
      const context = {
        sharedOptions: {},
        createTranslator: () => (messageId: string, data?: Record<string, unknown>) => ({ message: messageId, messageId, data }),
        report: (descriptor: SecretLintRuleReportDescriptor) => reported.push({ kind, descriptor }),
        ignore: () => undefined,
      };
      const handlers = rule.create(context as never, {}) as { file?: Scanner['file'] };
      return { kind, file: handlers.file ?? (() => undefined) };
    });
}

const scanners = createScanners();

function sourceOf(content: string): SecretLintSourceCode {
  return {
    hasBOM: false,
    content,
    ext: '.log',
    contentType: 'text',
    getFilePath: () => undefined,
    getPhysicalFilePath: () => undefined,
  } as unknown as SecretLintSourceCode;
}

/**
 * The value a report points at. Rules put the secret in the message data (KEY, TOKEN, URL...);
 * the range is used only when no data value occurs in the text (some rules report the whole match).
 */
function valueOf(text: string, descriptor: SecretLintRuleReportDescriptor): string {
  const data = (descriptor.message as { data?: Record<string, unknown> }).data ?? {};
  const candidates = Object.values(data).filter((v): v is string => typeof v === 'string' && v.length >= 8 && text.includes(v));
  if (candidates.length) return candidates.sort((a, b) => a.length - b.length)[0]!;
  const [start, end] = descriptor.range;
  return text.slice(start, end);
}

/** Every secret the secretlint recommended preset finds in `text`. */
export function librarySecrets(text: string): LibraryFinding[] {
  reported = [];
  const source = sourceOf(text);
  for (const scanner of scanners) {
    // Only the PKCS#12 check is async, and it reads files by path, which a log line never has.
    const result = scanner.file(source);
    if (result instanceof Promise) result.catch(() => undefined);
  }
  const found = reported.map(({ kind, descriptor }) => ({ kind, value: valueOf(text, descriptor) }));
  reported = [];
  return found.filter((f) => f.value.length > 0);
}
