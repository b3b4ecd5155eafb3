import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileInput, triage, type Report } from '../../functions/triage/index.js';
import { writeTarGz } from '../fixtures/tar-gz-writer.js';
import { finding, tempDir } from './helpers.js';

const TOP = 'support-bundle-2026-12-01T10_00_00';
const NOW = () => new Date('2026-12-01T12:00:00Z');

function event(namespace: string, kind: string, name: string, type: string, reason: string, message: string, count = 1) {
  return {
    kind: 'Event',
    apiVersion: 'v1',
    metadata: { name: `${name}.17a1b2c3d4e5f6a7`, namespace },
    involvedObject: { kind, namespace, name },
    reason,
    message,
    count,
    type,
    firstTimestamp: '2026-12-01T09:50:00Z',
    lastTimestamp: '2026-12-01T09:58:00Z',
  };
}

const EVENTS = {
  kind: 'EventList',
  apiVersion: 'v1',
  items: [
    event('circleci-server', 'Pod', 'postgresql-0', 'Warning', 'FailedScheduling', '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', 12),
    event('circleci-server', 'Pod', 'frontend-7c9d8b6f4-qx2lm', 'Normal', 'Pulled', 'Container image "cciserver/frontend:4.9.0" already present on machine'),
    event('circleci-server', 'Pod', 'frontend-7c9d8b6f4-qx2lm', 'Warning', 'Unhealthy', 'Readiness probe failed: Get "http://10.0.1.7:8080/health": dial tcp 10.0.1.7:8080: connect: connection refused', 4),
  ],
};
const OTHER_NAMESPACE = {
  kind: 'EventList',
  apiVersion: 'v1',
  items: [event('team-apps', 'Pod', 'shop-5d8f7c9b6-abcde', 'Warning', 'BackOff', 'Back-off restarting failed container shop in pod shop-5d8f7c9b6-abcde_team-apps(1a2b)')],
};

describe('Warning events of a support bundle', () => {
  let report: Report;
  const eventsText = JSON.stringify(EVENTS, null, 2);

  beforeAll(async () => {
    const dir = tempDir('events');
    const file = join(dir, `${TOP}.tar.gz`);
    const log = '2026-12-01T09:58:00.000Z INFO frontend started\n';
    await writeTarGz(
      [
        { name: `${TOP}/cluster-resources/pods/logs/circleci-server/frontend-7c9d8b6f4-qx2lm/frontend.log`, type: 'file', content: Buffer.from(log) },
        { name: `${TOP}/cluster-resources/events/circleci-server.json`, type: 'file', content: Buffer.from(eventsText) },
        { name: `${TOP}/cluster-resources/events/team-apps.json`, type: 'file', content: Buffer.from(JSON.stringify(OTHER_NAMESPACE, null, 2)) },
      ],
      file,
    );
    report = await triage([fileInput(file)], { now: NOW });
  });

  it('raises a FailedScheduling event as a finding of the pod it is about, quoting its line', () => {
    const f = finding(report, 'k8s.failed-scheduling');
    expect(f).toMatchObject({ service: 'postgresql', issueType: 'cluster-networking', count: 1, lastSeen: '2026-12-01T09:58:00.000Z' });
    const evidence = f!.evidence[0]!;
    expect(evidence.path).toBe('cluster-resources/events/circleci-server.json');
    const lines = eventsText.split('\n');
    expect(lines[evidence.line - 1]).toBe(evidence.text);
    expect(evidence.text).toContain('0/3 nodes are available');
    expect(evidence.context).toMatch(/^Warning {3}FailedScheduling {3}pod\/postgresql-0 .*\(x12\)$/);
    expect(f!.data.reason?.[0]).toMatch(/^3 Insufficient memory/);
  });

  it('runs every Warning event through the same rules as log lines', () => {
    expect(finding(report, 'k8s.probe-failed')).toMatchObject({ service: 'frontend', data: { probe: ['Readiness'] } });
  });

  it('ignores Normal events and namespaces without CircleCI services', () => {
    const fromEvents = report.findings.filter((f) => f.evidence.some((e) => e.path.startsWith('cluster-resources/events/')) && f.issueType !== 'bundle-quality');
    expect(fromEvents.map((f) => f.ruleId).sort()).toEqual(['k8s.failed-scheduling', 'k8s.probe-failed']);
  });
});
