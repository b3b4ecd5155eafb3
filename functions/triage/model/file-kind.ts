/** What a file in the inputs is, decided from its path and, for extra files, its first bytes. */
export const FILE_KINDS = [
  'pod-log', // cluster-resources/pods/logs/<ns>/<pod>/<ctr>(-previous).log
  'exec-output', // <collector>/<ns>/<pod>/<ctr>-stdout.txt | -stderr.txt
  'collector-errors', // *-errors.json, errors.json, *-logs-errors.log
  'k8s-resource', // cluster-resources/**.json (List object or bare array)
  'bundle-meta', // version.yaml, analysis.json, execution-data/summary.txt, cluster-info/*
  'journald', // journalctl dump from a Nomad client or machine instance
  'cloud-init', // cloud-init output
  'docker-network-ls', // `docker network ls` output
  'job-details', // job details JSON from the CircleCI API
  'curl-transcript', // `curl -vvv` transcript
  'text', // any other text log
  'binary', // skipped
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** File kinds whose lines the rule engine scans by default. */
export const SCANNED_KINDS: ReadonlySet<FileKind> = new Set<FileKind>([
  'pod-log',
  'exec-output',
  'collector-errors',
  'journald',
  'cloud-init',
  'docker-network-ls',
  'job-details',
  'curl-transcript',
  'text',
]);

/** Where a scanned file came from and which service wrote it. */
export interface FileInfo {
  /** Path relative to the bundle root, or `<input name>` for an extra file. */
  path: string;
  kind: FileKind;
  /** Canonical service name (e.g. `distributor-external`, `nomad-client`), or `unknown`. */
  service: string;
  namespace?: string;
  pod?: string;
  container?: string;
  /** `<ctr>-previous.log`: the container instance before the last restart. */
  previous?: boolean;
  /** Collector that selected the pod (`application`, `data`, `nomad`), learned from symlinks. */
  collector?: string;
  /** Name of the input this file belongs to. */
  input: string;
  /** A hand-collected file given beside (or instead of) a bundle, not a file inside one. */
  extra?: boolean;
}

/** A hand-collected file whose name and content name no writer: it may be any service's log. */
export function isUnattributedExtra(file: FileInfo): boolean {
  return file.extra === true && file.service === 'unknown';
}
