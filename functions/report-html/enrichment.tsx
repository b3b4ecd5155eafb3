import { enrichmentSchema, type AsgCheck, type Enrichment } from '../enrichment/schema.js';
import type { Report } from '../triage/report/schema.js';
import { Text } from './text.js';

const MAX_ROWS = 25;

/** The enrichment block, or a note when it is of another schema version; undefined when absent. */
export function parseEnrichment(report: Report): { data?: Enrichment; invalid: boolean } {
  if (report.enrichment === undefined) return { invalid: false };
  const parsed = enrichmentSchema.safeParse(report.enrichment);
  return parsed.success ? { data: parsed.data, invalid: false } : { invalid: true };
}

function Steps({ e }: { e: Enrichment }) {
  const missing = [...new Set(e.steps.flatMap((s) => s.errors.map((x) => x.missingPermission)).filter((x): x is string => x !== undefined))];
  return (
    <>
      <p class="meta">
        Window {e.window.start} to {e.window.end}
        {e.mode === 'offline' ? ' (offline: AWS was not queried; run with --aws)' : ''}.
      </p>
      <table>
        <thead>
          <tr>
            <th>Step</th>
            <th>Status</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {e.steps.map((s) => (
            <tr>
              <td>{s.name}</td>
              <td>{s.status}</td>
              <td>
                <Text value={[s.note, ...s.errors.map((x) => x.message)].filter((x): x is string => Boolean(x)).join('; ')} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {missing.length > 0 ? (
        <p>
          <strong>The pipeline's role lacks:</strong> <Text value={missing.join(', ')} /> (minimal policy: docs/enrichment-iam-policy.json).
        </p>
      ) : null}
    </>
  );
}

function Messages({ e }: { e: Enrichment }) {
  if (e.authorizationMessages.length === 0) return null;
  return (
    <>
      <h3>Decoded authorization messages (STS)</h3>
      <ul class="evidence">
        {e.authorizationMessages.map((m) => (
          <li>
            <div class="where mono">
              <Text value={`${m.preview} · ${m.length} chars · ${m.sources.slice(0, 3).map((s) => `${s.path}${s.line ? `:${s.line}` : ''}`).join(', ')}`} />
            </div>
            <strong>{m.status}</strong>: <Text value={m.explanation} />
            {m.decoded ? (
              <div class="meta">
                <Text
                  value={`${m.decoded.explicitDeny ? 'explicit deny' : m.decoded.allowed === false ? 'implicit deny' : 'allowed'} · principal ${m.decoded.principal.arn ?? m.decoded.principal.id ?? 'unknown'} · action ${m.decoded.action ?? 'unknown'} · resource ${m.decoded.resource ?? 'unknown'}${m.decoded.matchedStatements.length ? ` · ${m.decoded.matchedStatements.length} matched statement(s)` : ''}`}
                />
              </div>
            ) : null}
            {m.reason ? (
              <div class="meta">
                <Text value={m.reason} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function Denials({ e }: { e: Enrichment }) {
  if (e.mode === 'offline') return null;
  const ct = e.cloudTrail;
  return (
    <>
      <h3>CloudTrail: denied calls in the window</h3>
      {ct.denials.length === 0 ? (
        <p>No denied call found{ct.principals.length ? ` for ${ct.principals.map((p) => p.username).join(', ')}` : ' (no principal to look up)'}.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Principal</th>
              <th>Action</th>
              <th>Error</th>
              <th>Count</th>
              <th>First</th>
              <th>Last</th>
              <th>Sample message</th>
            </tr>
          </thead>
          <tbody>
            {ct.denials.slice(0, MAX_ROWS).map((d) => (
              <tr>
                <td>
                  <Text value={d.principal} />
                </td>
                <td>
                  <Text value={d.action} />
                </td>
                <td>
                  <Text value={d.errorCode} />
                </td>
                <td>{d.count}</td>
                <td>{d.firstTime}</td>
                <td>{d.lastTime}</td>
                <td>
                  <Text value={d.sampleMessage ?? ''} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ct.truncated ? <p class="meta">The lookup hit its event cap; counts are lower bounds.</p> : null}
    </>
  );
}

function Changes({ e }: { e: Enrichment }) {
  if (e.mode === 'offline') return null;
  const ct = e.cloudTrail;
  return (
    <>
      <h3>CloudTrail: recent changes</h3>
      {ct.changesWindow ? (
        <p class="meta">
          Write events from {ct.changesWindow.start} to {ct.changesWindow.end}.
        </p>
      ) : null}
      {ct.recentChanges.length === 0 ? (
        <p>{ct.changesWindow ? 'None found.' : 'Not available (see the step status above).'}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Time</th>
              <th>Who</th>
              <th>Event</th>
              <th>Resources</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {ct.recentChanges.slice(0, MAX_ROWS).map((c) => (
              <tr>
                <td>{c.time}</td>
                <td>
                  <Text value={c.principal} />
                </td>
                <td>
                  <Text value={`${c.service} ${c.eventName}`} />
                </td>
                <td>
                  <Text value={c.resources.join(', ')} />
                </td>
                <td>
                  <Text value={c.errorCode ?? ''} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ct.recentChanges.length > MAX_ROWS ? <p class="meta">{ct.recentChanges.length - MAX_ROWS} more in the report JSON.</p> : null}
    </>
  );
}

function groupText(g: AsgCheck): string {
  const by = g.referencedBy.join(', ');
  if (g.exists === null) return `ASG ${g.name} (from ${by}): not verified against AWS.`;
  if (!g.exists) {
    const near = g.suggestions.map((s) => `${s.name} (edit distance ${s.distance}${s.circleciTagged ? ', CircleCI-tagged' : ''})`).join(', ');
    return `ASG ${g.name} (from ${by}): does not exist. ${near ? `Closest existing: ${near}.` : 'No similar group exists.'}`;
  }
  const grp = g.group;
  const hooks = !grp?.terminationHooks ? 'unknown' : grp.terminationHooks.length === 0 ? 'none' : grp.terminationHooks.map((h) => h.name).join(', ');
  const suspended = grp && grp.suspendedProcesses.length > 0 ? grp.suspendedProcesses.map((p) => p.name).join(', ') : 'none';
  return `ASG ${g.name} (from ${by}): exists; MinSize ${grp?.minSize ?? '?'}, MaxSize ${grp?.maxSize ?? '?'}, desired ${grp?.desiredCapacity ?? '?'}, ${grp?.instances ?? 0} instance(s); suspended processes: ${suspended}; termination hooks: ${hooks}.`;
}

function Autoscaler({ e }: { e: Enrichment }) {
  const a = e.autoscaler;
  if (a.policies.length === 0 && a.unparsed.length === 0 && e.autoScalingGroups.length === 0) return null;
  return (
    <>
      <h3>Autoscaler policy and Auto Scaling groups</h3>
      <ul>
        {a.policies.map((p) => (
          <li>
            <Text
              value={`Policy ${p.name} (${p.source}, ${p.format}): type ${p.type}, min ${p.min ?? 'unset'}, max ${p.max ?? 'unset'}, target ${p.targetPlugin ?? 'none'}${p.asgName ? `, ASG ${p.asgName}` : ''}.`}
            />
            {p.issues.map((i) => (
              <div class="meta">
                {i.level}: <Text value={i.message} />
              </div>
            ))}
          </li>
        ))}
        {a.unparsed.map((u) => (
          <li>
            <Text value={`Policy in ${u.source} could not be parsed: ${u.error}`} />
          </li>
        ))}
        {e.autoScalingGroups.map((g) => (
          <li data-asg={g.exists === false ? 'missing' : g.exists ? 'exists' : 'unverified'}>
            <Text value={groupText(g)} />
            {g.issues.map((i) => (
              <div class="meta">
                {i.level}: <Text value={i.message} />
              </div>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}

export function EnrichmentSection({ report }: { report: Report }) {
  const { data, invalid } = parseEnrichment(report);
  if (invalid) {
    return (
      <section id="aws">
        <h2>AWS enrichment</h2>
        <p>The enrichment data does not match this version of the schema; see the report JSON.</p>
      </section>
    );
  }
  if (!data) return null;
  return (
    <section id="aws">
      <h2>AWS enrichment</h2>
      <Steps e={data} />
      <Autoscaler e={data} />
      <Messages e={data} />
      <Denials e={data} />
      <Changes e={data} />
    </section>
  );
}
