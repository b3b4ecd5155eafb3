import { describe, expect, it } from 'vitest';
import { explainDecoded, parseDecodedMessage } from '../../functions/enrichment/sts/decoded.js';
import { DECODED_EXPLICIT, DECODED_IMPLICIT } from './fixtures.js';

describe('parseDecodedMessage', () => {
  it('unwraps items/value and reads the context', () => {
    const d = parseDecodedMessage(DECODED_IMPLICIT);
    expect(d).toMatchObject({
      allowed: false,
      explicitDeny: false,
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1:210987654321:volume/*',
      principal: { arn: 'arn:aws:sts::210987654321:assumed-role/acme-ci-machine-provisioner/i-0abc' },
      conditions: [{ key: 'aws:Region', values: ['us-east-1'] }],
      matchedStatements: [],
    });
  });

  it('reads matched statements of an explicit deny', () => {
    const d = parseDecodedMessage(DECODED_EXPLICIT);
    expect(d.matchedStatements).toEqual([
      { statementId: 'DenyLargeInstances', effect: 'DENY', actions: ['ec2:RunInstances'], resources: ['*'], principals: ['AROAEXAMPLE'], conditions: [] },
    ]);
  });

  it('accepts principal.name and missing fields, and rejects non-JSON', () => {
    const d = parseDecodedMessage('{"allowed":false,"context":{"principal":{"name":"bob"}}}');
    expect(d.principal).toEqual({ arn: null, id: 'bob' });
    expect(d.explicitDeny).toBeNull();
    expect(d.action).toBeNull();
    expect(() => parseDecodedMessage('not json')).toThrow(/not valid JSON/);
    expect(() => parseDecodedMessage('[1,2]')).toThrow(/not a JSON object/);
  });
});

describe('explainDecoded', () => {
  it('says no policy allows the action on the resource for an implicit deny', () => {
    expect(explainDecoded(parseDecodedMessage(DECODED_IMPLICIT))).toBe(
      'No policy allows ec2:RunInstances on arn:aws:ec2:us-east-1:210987654321:volume/* for arn:aws:sts::210987654321:assumed-role/acme-ci-machine-provisioner/i-0abc (implicit deny): add an Allow for it to the role\'s policy, or check the resource ARN, account and region.',
    );
  });

  it('names the denying statement and qualifies a bare action from the resource ARN', () => {
    const text = explainDecoded(parseDecodedMessage(DECODED_EXPLICIT));
    expect(text).toMatch(/^Explicit deny in policy statement "DenyLargeInstances" blocks ec2:RunInstances on arn:aws:ec2:us-east-1:210987654321:instance\/\*/);
  });

  it('says unknown when the document does not tell', () => {
    expect(explainDecoded(parseDecodedMessage('{}'))).toMatch(/unknown/);
  });
});
