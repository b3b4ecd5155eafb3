import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FULL_CONTEXT, resourcesOf, synthPipeline } from './synth.js';

/**
 * Stateful resources (and ARNs operators configure elsewhere) keep these logical IDs;
 * a change here means CloudFormation would replace the resource, losing its data.
 */
const PINNED = {
  BundleBucket: { type: 'AWS::S3::Bucket', retained: true },
  BundleAccessLogsBucket: { type: 'AWS::S3::Bucket', retained: true },
  IncidentTable: { type: 'AWS::DynamoDB::Table', retained: true },
  IdempotencyTable: { type: 'AWS::DynamoDB::Table', retained: false },
  TopicKey: { type: 'AWS::KMS::Key', retained: true },
  IncidentTopic: { type: 'AWS::SNS::Topic', retained: false },
  AlarmIntakeTopic: { type: 'AWS::SNS::Topic', retained: false },
} as const;

describe('logical IDs of stateful resources', () => {
  let templates: Template[];

  beforeAll(() => {
    templates = [synthPipeline().template, synthPipeline(FULL_CONTEXT).template];
  });

  it.each(Object.entries(PINNED))('%s keeps its logical ID and type in every configuration', (id, { type }) => {
    for (const template of templates) {
      expect(Object.keys(resourcesOf(template, type))).toContain(id);
    }
  });

  it('retains the data-holding resources when the stack is deleted', () => {
    const [template] = templates;
    for (const [id, { type, retained }] of Object.entries(PINNED)) {
      const resource = resourcesOf(template!, type)[id]!;
      // CloudFormation deletes a resource that has no DeletionPolicy
      expect(resource.DeletionPolicy ?? 'Delete', id).toBe(retained ? 'Retain' : 'Delete');
    }
  });

  it('has exactly these stateful resources', () => {
    const [template] = templates;
    expect(Object.keys(resourcesOf(template!, 'AWS::S3::Bucket')).sort()).toEqual(['BundleAccessLogsBucket', 'BundleBucket']);
    expect(Object.keys(resourcesOf(template!, 'AWS::DynamoDB::Table')).sort()).toEqual(['IdempotencyTable', 'IncidentTable']);
  });
});
