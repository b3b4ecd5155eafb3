import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking the real wire protocols of the three services the enrichment calls,
 * so the SDK's own serializers, signers, retries and paginators run: STS and Auto Scaling use the
 * AWS Query protocol (form POST, XML answers), CloudTrail uses JSON 1.1 (`X-Amz-Target`).
 */
export interface FakeGroup {
  name: string;
  minSize: number;
  maxSize: number;
  desired: number;
  instances: number;
  tags?: Record<string, string>;
  suspended?: Array<{ name: string; reason: string }>;
}

export interface FakeTrailEvent {
  id: string;
  time: string;
  source: string;
  name: string;
  username: string;
  readOnly: boolean;
  /** The CloudTrail record; serialized into `CloudTrailEvent`. */
  record: Record<string, unknown>;
  /** Event history's `Resources` (type and name), which `ResourceName` lookups match. */
  resources?: Array<{ type: string; name: string }>;
}

export interface FakeAwsState {
  decoded: Record<string, string>;
  groups: FakeGroup[];
  hooks: Record<string, Array<{ name: string; transition: string; heartbeat: number; result: string }>>;
  /** Instance refreshes per group name, newest first; none when absent. */
  refreshes?: Record<string, Array<{ id: string; status: string; start?: string; percent?: number }>>;
  events: FakeTrailEvent[];
  /** Actions answered with AccessDenied, as IAM would for the pipeline's role. */
  denied: Set<string>;
  /** How many CloudTrail calls to answer with ThrottlingException first. */
  throttleCloudTrail: number;
}

export interface RecordedCall {
  service: 'sts' | 'autoscaling' | 'cloudtrail' | 'athena';
  action: string;
  params: Record<string, unknown>;
  status: number;
}

const ACCOUNT = '210987654321';
const TRAIL_PAGE = 2;
const ASG_PAGE = 2;

export async function startFakeAws(state: FakeAwsState): Promise<{ url: string; calls: RecordedCall[]; close: () => Promise<void> }> {
  const calls: RecordedCall[] = [];
  const server = createServer((req, res) => {
    void read(req).then((body) => {
      try {
        handle(state, calls, req, body, res);
      } catch (err) {
        res.statusCode = 500;
        res.end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
  });
}

function handle(state: FakeAwsState, calls: RecordedCall[], req: IncomingMessage, body: string, res: ServerResponse): void {
  // Requests must be SigV4-signed for the right service, as AWS would insist.
  const auth = req.headers.authorization ?? '';
  const service = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)?.[1];
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const action = target.split('.').pop() ?? '';
    const params = JSON.parse(body) as Record<string, unknown>;
    if (service === 'athena' && target.startsWith('AmazonAthena.')) return athena(calls, action, params, res);
    if (service !== 'cloudtrail' || req.headers['content-type'] !== 'application/x-amz-json-1.1') return jsonError(res, calls, action, params, 400, 'InvalidSignatureException', 'bad signature');
    if (state.throttleCloudTrail > 0) {
      state.throttleCloudTrail--;
      return jsonError(res, calls, action, params, 400, 'ThrottlingException', 'Rate exceeded');
    }
    if (state.denied.has(`cloudtrail:${action}`)) {
      return jsonError(res, calls, action, params, 400, 'AccessDeniedException', `User: arn:aws:sts::${ACCOUNT}:assumed-role/incident-pipeline/test is not authorized to perform: cloudtrail:${action}`);
    }
    if (action !== 'LookupEvents') return jsonError(res, calls, action, params, 400, 'UnknownOperationException', action);
    return lookupEvents(state, calls, params, res);
  }

  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? '';
  const params = Object.fromEntries(form.entries());
  const expected = action === 'DecodeAuthorizationMessage' ? 'sts' : 'autoscaling';
  if (service !== expected || req.headers['content-type'] !== 'application/x-www-form-urlencoded') {
    return queryError(res, calls, expected, action, params, 403, 'SignatureDoesNotMatch', 'bad signature');
  }
  const namespace = expected === 'sts' ? 'https://sts.amazonaws.com/doc/2011-06-15/' : 'http://autoscaling.amazonaws.com/doc/2011-01-01/';
  if (state.denied.has(`${expected}:${action}`)) {
    return queryError(res, calls, expected, action, params, 403, 'AccessDenied', `User: arn:aws:sts::${ACCOUNT}:assumed-role/incident-pipeline/test is not authorized to perform: ${expected}:${action}`, namespace);
  }
  if (action === 'DecodeAuthorizationMessage') {
    const decoded = state.decoded[form.get('EncodedMessage') ?? ''];
    if (decoded === undefined) {
      return queryError(res, calls, 'sts', action, params, 400, 'InvalidAuthorizationMessageException', 'The message is invalid or has expired.', namespace);
    }
    return xml(res, calls, 'sts', action, params, namespace, `<DecodedMessage>${esc(decoded)}</DecodedMessage>`);
  }
  if (action === 'DescribeAutoScalingGroups') return describeGroups(state, calls, form, params, res, namespace);
  if (action === 'DescribeLifecycleHooks') {
    const hooks = state.hooks[form.get('AutoScalingGroupName') ?? ''] ?? [];
    const members = hooks
      .map(
        (h) =>
          `<member><LifecycleHookName>${esc(h.name)}</LifecycleHookName><AutoScalingGroupName>${esc(form.get('AutoScalingGroupName') ?? '')}</AutoScalingGroupName><LifecycleTransition>${esc(h.transition)}</LifecycleTransition><HeartbeatTimeout>${h.heartbeat}</HeartbeatTimeout><GlobalTimeout>${h.heartbeat * 100}</GlobalTimeout><DefaultResult>${esc(h.result)}</DefaultResult></member>`,
      )
      .join('');
    return xml(res, calls, 'autoscaling', action, params, namespace, `<LifecycleHooks>${members}</LifecycleHooks>`);
  }
  if (action === 'DescribeInstanceRefreshes') {
    const group = form.get('AutoScalingGroupName') ?? '';
    const max = Number(form.get('MaxRecords') ?? '50');
    const members = (state.refreshes?.[group] ?? [])
      .slice(0, max)
      .map(
        (r) =>
          `<member><InstanceRefreshId>${esc(r.id)}</InstanceRefreshId><AutoScalingGroupName>${esc(group)}</AutoScalingGroupName><Status>${esc(r.status)}</Status>${r.start ? `<StartTime>${esc(r.start)}</StartTime>` : ''}${r.percent !== undefined ? `<PercentageComplete>${r.percent}</PercentageComplete>` : ''}</member>`,
      )
      .join('');
    return xml(res, calls, 'autoscaling', action, params, namespace, `<InstanceRefreshes>${members}</InstanceRefreshes>`);
  }
  return queryError(res, calls, expected, action, params, 400, 'InvalidAction', `unknown action ${action}`, namespace);
}

/** Athena answers every query at once with a header row and no events. */
function athena(calls: RecordedCall[], action: string, params: Record<string, unknown>, res: ServerResponse): void {
  const answers: Record<string, unknown> = {
    StartQueryExecution: { QueryExecutionId: 'q-0001' },
    GetQueryExecution: { QueryExecution: { QueryExecutionId: 'q-0001', Status: { State: 'SUCCEEDED' } } },
    GetQueryResults: { ResultSet: { Rows: [{ Data: [{ VarCharValue: 'eventtime' }] }] } },
  };
  const answer = answers[action];
  calls.push({ service: 'athena', action, params, status: answer ? 200 : 400 });
  res.statusCode = answer ? 200 : 400;
  res.setHeader('content-type', 'application/x-amz-json-1.1');
  res.end(JSON.stringify(answer ?? { __type: 'InvalidRequestException', message: action }));
}

function lookupEvents(state: FakeAwsState, calls: RecordedCall[], params: Record<string, unknown>, res: ServerResponse): void {
  const attrs = params.LookupAttributes as Array<{ AttributeKey: string; AttributeValue: string }> | undefined;
  const attr = attrs?.[0];
  const start = typeof params.StartTime === 'number' ? params.StartTime * 1000 : -Infinity;
  const end = typeof params.EndTime === 'number' ? params.EndTime * 1000 : Infinity;
  const matches = state.events
    .filter((e) => {
      const t = Date.parse(e.time);
      if (t < start || t > end) return false;
      if (!attr) return true;
      if (attr.AttributeKey === 'ResourceName') return (e.resources ?? []).some((r) => r.name === attr.AttributeValue);
      const field = { Username: e.username, EventName: e.name, EventSource: e.source, ReadOnly: String(e.readOnly) }[attr.AttributeKey];
      return field === attr.AttributeValue;
    })
    .sort((a, b) => b.time.localeCompare(a.time));
  // A token is only valid with the parameters of the first page, as in CloudTrail.
  const fingerprint = JSON.stringify({ ...params, NextToken: undefined });
  let offset = 0;
  if (typeof params.NextToken === 'string') {
    const [fp, at] = JSON.parse(Buffer.from(params.NextToken, 'base64url').toString()) as [string, number];
    if (fp !== fingerprint) return jsonError(res, calls, 'LookupEvents', params, 400, 'InvalidNextTokenException', 'token previously used in a request with different parameters');
    offset = at;
  }
  const size = Math.min(TRAIL_PAGE, typeof params.MaxResults === 'number' ? params.MaxResults : 50);
  const page = matches.slice(offset, offset + size);
  const more = offset + size < matches.length;
  const out = {
    Events: page.map((e) => ({
      EventId: e.id,
      EventName: e.name,
      ReadOnly: String(e.readOnly),
      EventTime: Date.parse(e.time) / 1000,
      EventSource: e.source,
      Username: e.username,
      Resources: (e.resources ?? []).map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
      CloudTrailEvent: JSON.stringify({ eventID: e.id, eventTime: e.time, eventSource: e.source, eventName: e.name, readOnly: e.readOnly, ...e.record }),
    })),
    ...(more ? { NextToken: Buffer.from(JSON.stringify([fingerprint, offset + size])).toString('base64url') } : {}),
  };
  calls.push({ service: 'cloudtrail', action: 'LookupEvents', params, status: 200 });
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-ct' });
  res.end(JSON.stringify(out));
}

function describeGroups(state: FakeAwsState, calls: RecordedCall[], form: URLSearchParams, params: Record<string, unknown>, res: ServerResponse, ns: string): void {
  const names = [...form.entries()].filter(([k]) => k.startsWith('AutoScalingGroupNames.member.')).map(([, v]) => v);
  const all = names.length > 0 ? state.groups.filter((g) => names.includes(g.name)) : state.groups;
  const offset = Number(form.get('NextToken') ?? '0');
  const page = all.slice(offset, offset + ASG_PAGE);
  const next = offset + ASG_PAGE < all.length ? `<NextToken>${offset + ASG_PAGE}</NextToken>` : '';
  const members = page
    .map((g) => {
      const tags = Object.entries(g.tags ?? {})
        .map(([k, v]) => `<member><ResourceId>${esc(g.name)}</ResourceId><ResourceType>auto-scaling-group</ResourceType><Key>${esc(k)}</Key><Value>${esc(v)}</Value><PropagateAtLaunch>true</PropagateAtLaunch></member>`)
        .join('');
      const suspended = (g.suspended ?? []).map((s) => `<member><ProcessName>${esc(s.name)}</ProcessName><SuspensionReason>${esc(s.reason)}</SuspensionReason></member>`).join('');
      const instances = Array.from(
        { length: g.instances },
        (_, i) => `<member><InstanceId>i-0${i}</InstanceId><AvailabilityZone>us-east-1a</AvailabilityZone><LifecycleState>InService</LifecycleState><HealthStatus>Healthy</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>`,
      ).join('');
      return `<member><AutoScalingGroupName>${esc(g.name)}</AutoScalingGroupName><AutoScalingGroupARN>arn:aws:autoscaling:us-east-1:${ACCOUNT}:autoScalingGroup:0b1c:autoScalingGroupName/${esc(g.name)}</AutoScalingGroupARN><MinSize>${g.minSize}</MinSize><MaxSize>${g.maxSize}</MaxSize><DesiredCapacity>${g.desired}</DesiredCapacity><DefaultCooldown>300</DefaultCooldown><AvailabilityZones><member>us-east-1a</member></AvailabilityZones><HealthCheckType>EC2</HealthCheckType><CreatedTime>2025-01-10T12:00:00.000Z</CreatedTime><Instances>${instances}</Instances><SuspendedProcesses>${suspended}</SuspendedProcesses><Tags>${tags}</Tags></member>`;
    })
    .join('');
  xml(res, calls, 'autoscaling', 'DescribeAutoScalingGroups', params, ns, `<AutoScalingGroups>${members}</AutoScalingGroups>${next}`);
}

function xml(res: ServerResponse, calls: RecordedCall[], service: RecordedCall['service'], action: string, params: Record<string, unknown>, ns: string, result: string): void {
  calls.push({ service, action, params, status: 200 });
  res.writeHead(200, { 'content-type': 'text/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${ns}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

function queryError(
  res: ServerResponse,
  calls: RecordedCall[],
  service: 'sts' | 'autoscaling',
  action: string,
  params: Record<string, unknown>,
  status: number,
  code: string,
  message: string,
  ns = 'https://sts.amazonaws.com/doc/2011-06-15/',
): void {
  calls.push({ service, action, params, status });
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(`<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`);
}

function jsonError(res: ServerResponse, calls: RecordedCall[], action: string, params: Record<string, unknown>, status: number, code: string, message: string): void {
  calls.push({ service: 'cloudtrail', action, params, status });
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': `${code}:http://internal.amazon.com/` });
  res.end(JSON.stringify({ __type: `com.amazonaws.cloudtrail.v20131101#${code}`, message }));
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
