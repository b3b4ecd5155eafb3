import { describe, expect, it } from 'vitest';
import { enrichmentHighlights } from '../../functions/adapters/enrichment-runner.js';
import { awsEnrichmentPorts, enrich, enrichmentSchema, renderEnrichmentMarkdown } from '../../functions/enrichment/index.js';
import type { FakeAwsState } from './fake-aws-server.js';
import { useFakeAws } from './fake-aws-env.js';
import { finding, incidentReport, trailRecord } from './fixtures.js';

const SCP_ARN = 'arn:aws:organizations::210987654321:policy/o-a1b2c3d4e5/service_control_policy/p-9x8y7z6w';
const ALICE = 'arn:aws:iam::210987654321:user/ops/alice';

/** An Organizations UpdatePolicy record: the policy is named by id in the request parameters only. */
function updatePolicy(id: string, time: string, policyId: string) {
  return {
    id,
    time,
    source: 'organizations.amazonaws.com',
    name: 'UpdatePolicy',
    username: 'alice',
    readOnly: false,
    record: trailRecord({
      eventID: id,
      eventTime: time,
      eventSource: 'organizations.amazonaws.com',
      eventName: 'UpdatePolicy',
      userIdentity: { type: 'IAMUser', arn: ALICE, userName: 'alice', accountId: '210987654321' },
      requestParameters: { policyId, content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"autoscaling:Describe*","Resource":"*"}]}' },
      errorCode: undefined,
      errorMessage: undefined,
      readOnly: false,
    }),
  };
}

const state: FakeAwsState = {
  decoded: {},
  groups: [],
  hooks: {},
  events: [updatePolicy('org-change-1', '2025-03-14T09:12:00Z', 'p-9x8y7z6w'), updatePolicy('org-other', '2025-03-14T09:15:00Z', 'p-00000000')],
  denied: new Set(),
  throttleCloudTrail: 0,
};

const fakeAws = useFakeAws(state);

describe('the denying policy over the AWS wire protocols', () => {
  it('lists who changed the SCP a denial names, in the result, the Markdown and the chat highlights', async () => {
    const report = incidentReport();
    report.findings.push(
      finding({
        id: 'f-scp',
        title: 'Nomad autoscaler lacks autoscaling:DescribeInstanceRefreshes (autoscaler 0.4.x)',
        data: { action: ['autoscaling:DescribeInstanceRefreshes'], policyType: ['service control policy'], policyArn: [SCP_ARN] },
      }),
    );
    const e = await enrich(report, awsEnrichmentPorts({ lookupEventsPerSecond: 200 }), { now: () => new Date('2025-03-14T10:05:00Z'), stepTimeoutMs: 20_000 });
    expect(enrichmentSchema.parse(e)).toEqual(e);
    expect(e.steps.find((s) => s.name === 'policy-changes')).toMatchObject({ status: 'ok', errors: [] });
    expect(e.cloudTrail.policyChanges).toEqual([
      { policyArn: SCP_ARN, policyType: 'service control policy', eventName: 'UpdatePolicy', principal: ALICE, time: '2025-03-14T09:12:00.000Z', eventId: 'org-change-1', errorCode: null, findingId: 'f-scp' },
    ]);
    expect(e.findingLinks).toContainEqual({ findingId: 'f-scp', step: 'policy-changes', text: expect.stringMatching(/^Likely cause: arn:aws:iam::210987654321:user\/ops\/alice changed/) as unknown });

    const md = renderEnrichmentMarkdown({ ...report, enrichment: e })!;
    // Markdown text is escaped (underscores of the ARN), the event id is inline code.
    expect(md).toContain(`- likely cause: ${ALICE} changed service control policy ${SCP_ARN.replaceAll('_', '\\_')} at 2025-03-14T09:12:00.000Z (UpdatePolicy). (finding f-scp, CloudTrail event \`org-change-1\`)`);
    expect(enrichmentHighlights(e)[0]).toBe(`Likely cause: ${ALICE} changed service control policy ${SCP_ARN} at 2025-03-14T09:12:00.000Z (UpdatePolicy).`);

    // The lookups went to CloudTrail by the policy's ARN and id, then by the Organizations event names.
    const lookups = fakeAws()
      .calls.filter((c) => c.service === 'cloudtrail')
      .map((c) => (c.params.LookupAttributes as Array<{ AttributeKey: string; AttributeValue: string }>)[0]!)
      .filter((a) => a.AttributeKey === 'ResourceName' || ['UpdatePolicy', 'AttachPolicy', 'DetachPolicy'].includes(a.AttributeValue));
    expect(lookups.map((a) => `${a.AttributeKey}=${a.AttributeValue}`)).toEqual([
      `ResourceName=${SCP_ARN}`,
      'ResourceName=p-9x8y7z6w',
      'EventName=UpdatePolicy',
      'EventName=AttachPolicy',
      'EventName=DetachPolicy',
    ]);
  });
});
