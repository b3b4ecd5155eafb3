import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBundleTarGz } from '../fixtures/bundle-generator.js';

export const ALARM_EVENT = JSON.parse(readFileSync('events/alarms/eventbridge-alarm-state-change.json', 'utf8')) as Record<string, unknown>;
export const OK_EVENT = JSON.parse(readFileSync('events/alarms/eventbridge-alarm-ok.json', 'utf8')) as Record<string, unknown>;
export const SNS_ALARM_EVENT = JSON.parse(readFileSync('events/alarms/sns-wrapped-alarm.json', 'utf8')) as Record<string, unknown>;

/** A small generated support bundle (the asg-typo variant) and an extra autoscaler log, in a temp folder. */
export async function sampleInputs(): Promise<{ bundle: string; log: string; secretLog: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-inputs-'));
  const bundle = join(dir, 'support-bundle-2025-03-14T09_41_07.tar.gz');
  await writeBundleTarGz({ variant: 'asg-typo' }, bundle);
  const log = join(dir, 'nomad-autoscaler-logs.txt');
  writeFileSync(
    log,
    [
      '2025-03-14T09:38:02.118Z [WARN]  policy_manager.policy_handler: failed to get target status: policy_id=3d0b6c1e-8f2a-4e57-9a41-2c7d5be0f913 error="failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"',
      '2025-03-14T09:38:47.118Z [ERROR] policy_manager.policy_handler: failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0: policy_id=3d0b6c1e-8f2a-4e57-9a41-2c7d5be0f913',
      '',
    ].join('\n'),
  );
  const secretLog = join(dir, 'machine-provisioner-logs.txt');
  writeFileSync(
    secretLog,
    [
      '2025-03-14T09:39:01.000Z level=error msg="infra_fail: UnauthorizedOperation: You are not authorized to perform this operation." aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      '2025-03-14T09:39:02.000Z level=error msg="request failed" Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      '',
    ].join('\n'),
  );
  return { bundle, log, secretLog };
}

export function withAlarm(event: Record<string, unknown>, patch: { id?: string; value?: string; timestamp?: string }): Record<string, unknown> {
  const copy = structuredClone(event) as { id: string; detail: { state: { value: string; timestamp: string } } };
  if (patch.id) copy.id = patch.id;
  if (patch.value) copy.detail.state.value = patch.value;
  if (patch.timestamp) copy.detail.state.timestamp = patch.timestamp;
  return copy;
}
