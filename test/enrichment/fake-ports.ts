import type { AutoScalingGroupInfo, AutoScalingGroups, AuthorizationMessageDecoder, CloudTrailEvents, TrailEvent, TrailQuery } from '../../functions/enrichment/ports.js';

/** In-memory CloudTrail: answers each query with the events matching its one attribute. */
export function fakeTrail(events: TrailEvent[], fail?: (q: TrailQuery) => Error | undefined): CloudTrailEvents & { queries: TrailQuery[] } {
  const queries: TrailQuery[] = [];
  return {
    backend: 'lookup-events',
    queries,
    lookup(q) {
      queries.push(q);
      const err = fail?.(q);
      if (err) return Promise.reject(err);
      const matches = events.filter((e) => {
        const t = Date.parse(e.eventTime);
        if (t < q.start.getTime() || t > q.end.getTime()) return false;
        if (q.attribute.key === 'Username') return e.username === q.attribute.value;
        if (q.attribute.key === 'EventName') return e.eventName === q.attribute.value;
        if (q.attribute.key === 'EventSource') return e.eventSource === q.attribute.value;
        if (q.attribute.key === 'ResourceName') return e.resources.includes(q.attribute.value);
        return String(e.readOnly) === q.attribute.value;
      });
      return Promise.resolve({ events: matches.slice(0, q.maxEvents), truncated: matches.length > q.maxEvents });
    },
  };
}

export function trailEvent(over: Partial<TrailEvent> & Pick<TrailEvent, 'eventId'>): TrailEvent {
  return {
    eventTime: '2025-03-14T09:40:57.000Z',
    eventSource: 'autoscaling.amazonaws.com',
    eventName: 'DescribeAutoScalingGroups',
    readOnly: true,
    awsRegion: 'us-east-1',
    username: 'aws-go-sdk-1741944012',
    userIdentity: {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::210987654321:assumed-role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role/aws-go-sdk-1741944012',
      sessionIssuerArn: 'arn:aws:iam::210987654321:role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role',
      sessionIssuerName: 'acme-ci-circleci-nomad-clients-autoscaler-irsa-role',
    },
    resources: [],
    complete: true,
    ...over,
  };
}

export function fakeDecoder(answers: Record<string, string | Error>): AuthorizationMessageDecoder & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    decode(m) {
      calls.push(m);
      const a = answers[m];
      if (a === undefined) return Promise.reject(new Error(`unexpected message ${m.slice(0, 10)}`));
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    },
  };
}

export function fakeGroups(groups: AutoScalingGroupInfo[]): AutoScalingGroups {
  return {
    describe: (names) => Promise.resolve(groups.filter((g) => names.includes(g.name))),
    list: (limit) => Promise.resolve({ groups: groups.slice(0, limit), truncated: false }),
    lifecycleHooks: () => Promise.resolve([]),
    instanceRefreshes: () => Promise.resolve([]),
  };
}
