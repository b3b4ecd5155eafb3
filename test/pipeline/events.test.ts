import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MalformedEventError, parseAlarmEvent } from '../../functions/pipeline/alarm-events.js';
import { parseUploadMessage } from '../../functions/pipeline/upload-events.js';
import { parseNotifyMessage } from '../../functions/handlers/notifier-handler.js';

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('alarm events', () => {
  it('reads an EventBridge alarm state change', () => {
    const [signal] = parseAlarmEvent(read('events/alarms/eventbridge-alarm-state-change.json'));
    expect(signal).toMatchObject({
      alarmName: 'circleci-server-nomad-autoscaler-asg-capacity',
      state: 'ALARM',
      previousState: 'OK',
      timestamp: '2025-03-14T09:33:12.109Z',
      region: 'us-east-1',
      accountId: '111122223333',
      envelope: 'eventbridge',
      metric: { namespace: 'AWS/AutoScaling', name: 'GroupInServiceInstances', dimensions: { AutoScalingGroupName: 'circleci-nomad-clients-asg' } },
    });
  });

  it('reads an SNS-wrapped alarm: +0000 offsets and the region code from the ARN', () => {
    const [signal] = parseAlarmEvent(read('events/alarms/sns-wrapped-alarm.json'));
    expect(signal).toMatchObject({
      alarmName: 'circleci-server-infra-fail-rate',
      state: 'ALARM',
      timestamp: '2025-03-14T09:35:20.012Z',
      region: 'us-east-1',
      envelope: 'sns',
      metric: { namespace: 'CircleCI/Server', name: 'infra_fail_rate', dimensions: { Namespace: 'circleci-server' } },
    });
  });

  it('rejects other events with the failed checks but without payload values', () => {
    const secretish = { 'detail-type': 'Something', source: 'aws.ec2', detail: { password: 'hunter2' } };
    try {
      parseAlarmEvent(secretish);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MalformedEventError);
      const err = e as MalformedEventError;
      expect(err.issues.join(' ')).toContain('detail-type');
      expect(JSON.stringify(err.issues)).not.toContain('hunter2');
    }
    expect(() => parseAlarmEvent({ Records: [{ Sns: { Message: 'not json' } }] })).toThrow('SNS message is not JSON');
    expect(() => parseAlarmEvent({ Records: [{ Sns: { Message: '{"AlarmName":"a"}' } }] })).toThrow(MalformedEventError);
  });
});

describe('S3 upload events', () => {
  it('reads an EventBridge Object Created event', () => {
    const [upload] = parseUploadMessage(readFileSync('events/s3/eventbridge-object-created.json', 'utf8'));
    expect(upload).toEqual({
      bucket: 'circleci-incidents-111122223333-us-east-1',
      key: 'incoming/inc-2f9c1b7e4a10/support-bundle-2025-03-14T09_41_07.tar.gz',
      size: 48213771,
      etag: '9b2cf535f27731c974343645a3985328-6',
      sequencer: '0067D3FA8B3C51A2F1',
      time: '2025-03-14T09:44:03.000Z',
    });
  });

  it('decodes the form-encoded key of a classic S3 notification', () => {
    const [upload] = parseUploadMessage(readFileSync('events/s3/s3-notification-object-created.json', 'utf8'));
    expect(upload?.key).toBe('incoming/inc-2f9c1b7e4a10/nomad autoscaler logs.txt');
    expect(upload?.etag).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('skips the S3 test event and rejects anything else', () => {
    expect(parseUploadMessage('{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"b"}')).toEqual([]);
    expect(() => parseUploadMessage('{')).toThrow('message body is not JSON');
    expect(() => parseUploadMessage('{"detail-type":"Object Deleted","source":"aws.s3"}')).toThrow(MalformedEventError);
  });

  it('validates notify messages', () => {
    expect(parseNotifyMessage('{"type":"incident-changed","incidentId":"inc-0123456789ab","version":3,"kind":"report-ready"}').version).toBe(3);
    expect(() => parseNotifyMessage('{"type":"incident-changed","incidentId":"../etc","version":3,"kind":"report-ready"}')).toThrow(MalformedEventError);
  });
});
