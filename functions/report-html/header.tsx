import type { Report } from '../triage/report/schema.js';
import { COLLECTION_DEADLINE_MINUTES, collectionDeadline } from './incident-facts.js';
import { Text, utc } from './text.js';
import type { PageIncident } from './types.js';

function collected(report: Report): string {
  const c = report.bundle.collectedAt;
  if (!c) return 'unknown (no time stamp in the bundle folder name)';
  if (!c.utc) return `${c.local.replace('T', ' ')} collector local time (zone unknown)`;
  const how = c.offsetSource === 'option' ? 'offset given' : 'offset inferred from the newest log line';
  return `${utc(c.utc)} (local ${c.local.replace('T', ' ')}, UTC${c.utcOffset ?? ''}, ${how})`;
}

function Deadline({ report }: { report: Report }) {
  const d = collectionDeadline(report);
  if (d.state === 'no-alarm') return <span class="badge unknown">deadline n/a: no alarm</span>;
  if (d.state === 'collection-unknown') return <span class="badge unknown">deadline {utc(d.deadline)}: collection time unknown</span>;
  return (
    <span class={`badge ${d.state}`} data-deadline={d.state}>
      {d.state === 'met' ? 'collected in time' : 'collected late'}: {d.minutesAfterAlarm} min after the alarm (rule: {COLLECTION_DEADLINE_MINUTES})
    </span>
  );
}

export function Header({ report, incident }: { report: Report; incident: PageIncident | undefined }) {
  const b = report.bundle;
  const d = collectionDeadline(report);
  return (
    <header>
      <div class="badges">
        <span class={`badge sev-${report.summary.severity}`}>{report.summary.severity}</span>
        <span class="badge status">{incident ? `${incident.status} · report v${incident.reportVersion}` : 'offline triage'}</span>
        <Deadline report={report} />
      </div>
      <h1>
        <Text value={report.summary.headline} />
      </h1>
      <dl class="facts">
        {incident ? (
          <>
            <dt>Incident</dt>
            <dd class="mono">
              <Text value={incident.id} />
            </dd>
          </>
        ) : null}
        <dt>CircleCI Server</dt>
        <dd>
          {b.serverVersion.value ? <Text value={b.serverVersion.value} /> : 'unknown'} <span class="meta">(<Text value={b.serverVersion.source} />)</span>
        </dd>
        <dt>Kubernetes</dt>
        <dd>{b.kubernetesVersion ? <Text value={b.kubernetesVersion} /> : 'unknown'}</dd>
        <dt>nomad-autoscaler</dt>
        <dd>{b.autoscalerVersion ? <Text value={b.autoscalerVersion} /> : 'unknown'}</dd>
        <dt>Bundle collected</dt>
        <dd>
          <Text value={collected(report)} />
        </dd>
        <dt>Alarm</dt>
        <dd>
          {report.alarm ? (
            <>
              <Text value={report.alarm.name} /> at {utc(report.alarm.time)}
              {report.alarm.region ? <> ({report.alarm.region})</> : null}
              {report.alarm.reason ? (
                <div class="meta">
                  <Text value={report.alarm.reason} />
                </div>
              ) : null}
            </>
          ) : (
            'none recorded in this report'
          )}
        </dd>
        <dt>Collect-by deadline</dt>
        <dd>{d.state === 'no-alarm' ? 'n/a (no alarm)' : `${utc(d.deadline)} (${COLLECTION_DEADLINE_MINUTES} minutes after the alarm)`}</dd>
        <dt>Evidence window</dt>
        <dd>
          first error {utc(report.summary.window.start)}, last {utc(report.summary.window.end)}
        </dd>
        <dt>Issue types</dt>
        <dd>{report.summary.issueTypes.join(', ') || 'none'}</dd>
      </dl>
    </header>
  );
}
