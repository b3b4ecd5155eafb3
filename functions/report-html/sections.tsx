import { ISSUE_TYPE_INFO } from '../triage/model/issue-types.js';
import type { Finding, Report } from '../triage/report/schema.js';
import type { FindingLink } from '../enrichment/schema.js';
import { FindingCard } from './findings.js';
import { Text } from './text.js';

function FindingRef({ f }: { f: Finding }) {
  return (
    <>
      <a href={`#finding-${f.id}`}>{f.id}</a> <span class={`badge sev-${f.severity}`}>{f.severity}</span> <Text value={f.title} /> ({<Text value={f.service} />},{' '}
      {f.count}×)
    </>
  );
}

/** Root finding → the downstream findings it groups, by service, as the triage grouped them. */
export function Cascade({ report }: { report: Report }) {
  const roots = report.findings.filter((f) => f.issueType === 'cascade');
  if (roots.length === 0) return null;
  const byId = new Map(report.findings.map((f) => [f.id, f]));
  return (
    <section id="cascade" class="cascade">
      <h2>Cascade</h2>
      {roots.map((root) => {
        const downstream = (root.related ?? []).map((id) => byId.get(id)).filter((f): f is Finding => f !== undefined);
        const services = [...new Set(downstream.map((f) => f.service))];
        return (
          <div class="card sev-critical" data-cascade={root.id}>
            <h3>
              <FindingRef f={root} />
            </h3>
            {downstream.length === 0 ? <p class="meta">No downstream finding grouped.</p> : null}
            {services.map((service) => (
              <>
                <div class="meta">
                  ↳ <Text value={service} />
                </div>
                <ul>
                  {downstream
                    .filter((f) => f.service === service)
                    .map((f) => (
                      <li>
                        <FindingRef f={f} />
                      </li>
                    ))}
                </ul>
              </>
            ))}
          </div>
        );
      })}
    </section>
  );
}

export function MissingEvidence({ report }: { report: Report }) {
  if (report.missingEvidence.length === 0) return null;
  return (
    <section id="missing-evidence">
      <h2>Missing evidence</h2>
      <p>The diagnostic guide lists these logs as essential for the detected issue types, and the upload lacks them:</p>
      <ul class="evidence">
        {report.missingEvidence.map((m) => (
          <li>
            <strong>
              <Text value={m.label} />
            </strong>{' '}
            <span class="meta">({ISSUE_TYPE_INFO[m.issueType].title})</span>
            <pre>
              <Text value={m.collect} />
            </pre>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function BundleQuality({ report, links, perFinding }: { report: Report; links: FindingLink[]; perFinding: number }) {
  const quality = report.findings.filter((f) => f.issueType === 'bundle-quality');
  const b = report.bundle;
  const troubled = report.inputs.filter((i) => i.status !== 'ok');
  return (
    <section id="bundle-quality">
      <h2>Bundle quality</h2>
      <p class="meta">
        Read {b.stats.files} files, {b.stats.logFiles} logs, {b.stats.linesScanned} lines, {(b.stats.bytesScanned / 1e6).toFixed(1)} MB; {b.stats.skippedFiles}{' '}
        skipped. Inputs: {report.inputs.map((i) => `${i.name} (${i.status})`).join(', ') || 'none'}.
      </p>
      {troubled.map((i) => (
        <p class="meta">
          Input <Text value={i.name} />: {i.status}
          {i.error ? (
            <>
              {' '}
              — <Text value={i.error} />
            </>
          ) : null}
        </p>
      ))}
      {quality.length === 0 ? <p>No bundle-quality problem found.</p> : null}
      {quality.map((f) => (
        <FindingCard f={f} report={report} links={links.filter((l) => l.findingId === f.id)} perFinding={perFinding} />
      ))}
    </section>
  );
}

export function NextSteps({ report }: { report: Report }) {
  return (
    <section id="next-steps">
      <h2>Next steps</h2>
      {report.nextSteps.length === 0 ? <p>None.</p> : null}
      <ol>
        {report.nextSteps.map((s) => (
          <li>
            <Text value={s} />
          </li>
        ))}
      </ol>
    </section>
  );
}
