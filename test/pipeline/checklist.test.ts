import { describe, expect, it } from 'vitest';
import { likelyIssueTypes } from '../../functions/pipeline/alarm-issue-types.js';
import { buildChecklist, checklistMarkdown } from '../../functions/pipeline/checklist.js';

describe('likely issue types of an alarm', () => {
  it('prefers an explicit issue-type in the description', () => {
    expect(likelyIssueTypes({ alarmName: 'docker-queue', description: 'issue-type: nomad-server, runner' }).types).toEqual(['nomad-server', 'runner']);
  });

  it('guesses from name and metric, and falls back to the cascade set', () => {
    expect(likelyIssueTypes({ alarmName: 'x', metric: { namespace: 'AWS/AutoScaling', name: 'GroupInServiceInstances', dimensions: {} } }).types).toEqual([
      'nomad-autoscaler',
    ]);
    expect(likelyIssueTypes({ alarmName: 'rds-postgres-connections' }).types).toEqual(['data-store']);
    expect(likelyIssueTypes({ alarmName: 'machine-provisioner-errors' }).types).toEqual(['machine-executor']);
    expect(likelyIssueTypes({ alarmName: 'something-else' })).toEqual({ types: ['cascade'], matched: false });
  });
});

describe('checklist', () => {
  it('lists each essential log once with its command, the upload command and the 10-minute deadline', () => {
    const c = buildChecklist(['nomad-autoscaler', 'cascade'], { bucket: 'b', folder: 'inc-0123456789ab', alarmTime: '2025-03-14T09:33:12.109Z' });
    expect(c.items.map((i) => i.id)).toEqual(['support-bundle', 'nomad-autoscaler-logs', 'distributor-logs', 'execution-gateway-logs', 'contexts-service-logs']);
    expect(c.items[0]!.issueTypes).toEqual(['nomad-autoscaler', 'cascade']);
    expect(c.collectBy).toBe('2025-03-14T09:43:12.109Z');
    expect(c.uploadCommand).toContain('s3://b/incoming/inc-0123456789ab/');
    const md = checklistMarkdown(c);
    expect(md).toContain('**09:43 UTC**');
    expect(md).toContain('kubectl logs -l app=nomad-autoscaler -n <namespace> --tail=5000 > nomad-autoscaler-logs.txt');
  });
});
