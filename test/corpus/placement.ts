/**
 * Places corpus lines where real ones live: each entry in its own pod log inside one support
 * bundle, and each entry as its own loose file, so every line is judged in both settings.
 */
import { join } from 'node:path';
import type { Report, TriageInput } from '../../functions/triage/index.js';
import { bytesInput } from '../triage/helpers.js';
import { writeTarGz, type TarEntry } from '../fixtures/tar-gz-writer.js';
import type { CorpusEntry } from './corpus.js';

export const BUNDLE_TOP = 'support-bundle-2026-12-01T10_00_00';
const NAMESPACE = 'circleci-server';

/**
 * A pod name of the Deployment shape (`<workload>-<replicaset hash>-<5 chars>`), unique per entry.
 * Padded with '0': padding with a base-36 digit ('x') gave entry 1191 ("x3") the pod of entry 3.
 */
function podName(service: string, index: number): string {
  const suffix = index.toString(36).padStart(5, '0');
  return `${service}-6d8f9c7b5-${suffix}`;
}

export function bundlePath(entry: CorpusEntry, index: number): string {
  return `cluster-resources/pods/logs/${NAMESPACE}/${podName(entry.service, index)}/${entry.service}.log`;
}

export function loosePath(entry: CorpusEntry, index: number): string {
  return `l${String(index).padStart(4, '0')}__${entry.looseName ?? `${entry.service}.log`}`;
}

/** A hand-collected file whose name names no writer: the content alone must tell. */
export function unnamedPath(index: number): string {
  return `l${String(index).padStart(4, '0')}__attached.log`;
}

export function unnamedInputs(entries: readonly CorpusEntry[]): TriageInput[] {
  return entries.map((entry, index) => bytesInput(unnamedPath(index), content(entry)));
}

export type Placement = 'bundle' | 'loose' | 'unnamed';

/** Where a corpus entry's file lies in the report of its placement. */
export function placedPath(placement: Placement, entry: CorpusEntry, index: number): string {
  if (placement === 'bundle') return bundlePath(entry, index);
  return placement === 'loose' ? loosePath(entry, index) : unnamedPath(index);
}

function content(entry: CorpusEntry): Buffer {
  return Buffer.from(entry.text.endsWith('\n') ? entry.text : `${entry.text}\n`, 'utf8');
}

export async function writeCorpusBundle(entries: readonly CorpusEntry[], dir: string): Promise<string> {
  const file = join(dir, `${BUNDLE_TOP}.tar.gz`);
  const tar: TarEntry[] = [
    { name: `${BUNDLE_TOP}/version.yaml`, type: 'file', content: Buffer.from('apiVersion: troubleshoot.sh/v1beta2\nkind: SupportBundleVersion\nspec:\n  versionNumber: v0.123.7\n') },
    ...entries.map((entry, index) => ({ name: `${BUNDLE_TOP}/${bundlePath(entry, index)}`, type: 'file' as const, content: content(entry) })),
  ];
  await writeTarGz(tar, file);
  return file;
}

export function looseInputs(entries: readonly CorpusEntry[]): TriageInput[] {
  return entries.map((entry, index) => bytesInput(loosePath(entry, index), content(entry)));
}

export interface Claimed {
  ruleId: string;
  issueType: string;
  service: string;
}

/** The findings that point into each file (by path suffix, since bundle paths carry the top folder). */
export function claimsByPath(report: Report): Map<string, Claimed[]> {
  const byPath = new Map<string, Claimed[]>();
  for (const finding of report.findings) {
    const paths = new Set([...finding.locations.map((l) => l.path), ...finding.evidence.map((e) => e.path)]);
    for (const path of paths) {
      const list = byPath.get(path) ?? [];
      list.push({ ruleId: finding.ruleId, issueType: finding.issueType, service: finding.service });
      byPath.set(path, list);
    }
  }
  return byPath;
}

export function claimsAt(byPath: Map<string, Claimed[]>, path: string): Claimed[] {
  return byPath.get(path) ?? byPath.get(`${BUNDLE_TOP}/${path}`) ?? [];
}
