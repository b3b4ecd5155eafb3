import { ISSUE_TYPE_INFO } from '../triage/model/issue-types.js';
import { SEVERITIES } from '../triage/model/severity.js';
import type { Evidence, Finding, Report } from '../triage/report/schema.js';
import type { FindingLink } from '../enrichment/schema.js';
import { Text, utc } from './text.js';

function EvidenceItem({ e }: { e: Evidence }) {
  return (
    <li>
      <div class="where mono">
        <Text value={`${e.path}:${e.line}`} />
        {e.timestamp ? ` · ${utc(e.timestamp)}` : ''}
      </div>
      {e.context ? (
        <pre class="context">
          <Text value={`record starts: ${e.context}`} />
        </pre>
      ) : null}
      <pre>
        <Text value={e.text} />
      </pre>
    </li>
  );
}

function DataList({ data }: { data: Finding['data'] }) {
  // Encoded STS messages are long and useless raw; the enrichment shows them decoded.
  const entries = Object.entries(data).filter(([k]) => k !== 'encodedMessage');
  if (entries.length === 0) return null;
  return (
    <ul class="meta">
      {entries.map(([k, v]) => (
        <li>
          {k}:{' '}
          {v.slice(0, 5).map((x, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <code>
                <Text value={x.slice(0, 200)} />
              </code>
            </>
          ))}
          {v.length > 5 ? ` (+${v.length - 5})` : ''}
        </li>
      ))}
    </ul>
  );
}

export function FindingCard({ f, report, links, perFinding }: { f: Finding; report: Report; links: FindingLink[]; perFinding: number }) {
  const titles = new Map(report.findings.map((x) => [x.id, x]));
  const when = f.firstSeen ? `${utc(f.firstSeen)} → ${utc(f.lastSeen)}${f.timesAssumedUtc ? ' (some lines had no zone; read as UTC)' : ''}` : 'time unknown';
  return (
    <article class={`card sev-${f.severity}`} id={`finding-${f.id}`} data-finding={f.id}>
      <h3>
        <span class={`badge sev-${f.severity}`}>{f.severity}</span> {f.id} · <Text value={f.title} />
      </h3>
      <p class="meta">
        <code>
          <Text value={f.ruleId} />
        </code>{' '}
        · {ISSUE_TYPE_INFO[f.issueType].title} · service <Text value={f.service} /> · {f.count} matched line(s) · {when}
      </p>
      <p>
        <Text value={f.explanation} />
      </p>
      <DataList data={f.data} />
      {f.data.encodedMessage?.length ? <p class="meta">{f.data.encodedMessage.length} encoded authorization message(s): see the AWS section.</p> : null}
      {f.related?.length ? (
        <p>
          Downstream findings grouped under this one:{' '}
          {f.related.map((id, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`#finding-${id}`}>{id}</a> {titles.get(id) ? <Text value={titles.get(id)!.title} /> : null}
            </>
          ))}
        </p>
      ) : null}
      {f.groupedUnder ? (
        <p class="meta">
          Downstream symptom of <a href={`#finding-${f.groupedUnder}`}>{f.groupedUnder}</a> (cascade).
        </p>
      ) : null}
      {links.map((l) => (
        <p class="aws">
          AWS ({l.step}): <Text value={l.text} />
        </p>
      ))}
      <ul class="evidence">
        {f.evidence.slice(0, perFinding).map((e) => (
          <EvidenceItem e={e} />
        ))}
      </ul>
      {f.count > Math.min(perFinding, f.evidence.length) ? (
        <p class="meta">
          {f.count} matches in all; {f.locationsTruncated ? `first ${f.locations.length} locations` : 'all locations'} in the JSON report.
        </p>
      ) : null}
      {f.remediation.length ? (
        <>
          <strong>Remediation</strong>
          <ol>
            {f.remediation.map((r) => (
              <li>
                <Text value={r} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </article>
  );
}

/** Findings grouped by severity, most severe first; bundle-quality findings have their own section. */
export function Findings({ report, links, perFinding }: { report: Report; links: FindingLink[]; perFinding: number }) {
  const main = report.findings.filter((f) => f.issueType !== 'bundle-quality');
  return (
    <section id="findings">
      <h2>Findings</h2>
      {main.length === 0 ? <p>No known CircleCI Server failure pattern matched.</p> : null}
      {SEVERITIES.map((severity) => {
        const group = main.filter((f) => f.severity === severity);
        if (group.length === 0) return null;
        return (
          <>
            <h3 class="meta">
              {severity} ({group.length})
            </h3>
            {group.map((f) => (
              <FindingCard f={f} report={report} links={links.filter((l) => l.findingId === f.id)} perFinding={perFinding} />
            ))}
          </>
        );
      })}
    </section>
  );
}
