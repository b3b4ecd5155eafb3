import type { Report } from '../triage/report/schema.js';
import { plainVisible, utc } from './text.js';
import { timelineModel, type TimelineModel } from './timeline-model.js';

const WIDTH = 960;
const LABEL_WIDTH = 250;
const RIGHT = 16;
const ROW_HEIGHT = 24;
const MARKER_LINE = 15;
const AXIS_HEIGHT = 22;
const LABEL_CHARS = 34;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function hhmm(t: number, withDate: boolean): string {
  const iso = new Date(t).toISOString();
  return withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

const MINUTE = 60_000;
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * MINUTE);

/** Axis ticks on round clock times, about five of them. */
function niceTicks(start: number, end: number): number[] {
  const step = STEPS.find((s) => (end - start) / s <= 6) ?? STEPS.at(-1)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end && ticks.length < 12; t += step) ticks.push(t);
  return ticks;
}

function Chart({ model }: { model: TimelineModel }) {
  const top = model.markers.length * MARKER_LINE + 8;
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT;
  const height = top + model.rows.length * ROW_HEIGHT + AXIS_HEIGHT;
  const x = (t: number) => LABEL_WIDTH + ((t - model.start) / (model.end - model.start)) * plotWidth;
  const span = model.end - model.start;
  const withDate = span > 20 * 3_600_000;
  const ticks = niceTicks(model.start, model.end);
  const bottom = top + model.rows.length * ROW_HEIGHT;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">
      <title id="timeline-title">Matched lines per finding over time (UTC)</title>
      {model.rows.map((row, i) => {
        const y = top + i * ROW_HEIGHT;
        const x1 = x(row.start);
        const width = Math.max(4, x(row.end) - x1);
        const f = row.finding;
        return (
          <g class="row" data-finding={f.id}>
            {i % 2 === 0 ? <rect class="row-bg" x={0} y={y} width={WIDTH} height={ROW_HEIGHT} /> : null}
            <text x={6} y={y + 16}>
              {plainVisible(clip(`${f.id} ${f.groupedUnder ? '↳ ' : ''}${f.service}: ${f.title}`, LABEL_CHARS))}
            </text>
            <rect class={`mark sev-${f.severity}`} data-finding={f.id} x={x1} y={y + 6} width={width} height={ROW_HEIGHT - 12} rx={2}>
              <title>{plainVisible(`${f.id} ${f.title}: ${f.count} matched line(s), ${utc(f.firstSeen)} to ${utc(f.lastSeen)}`)}</title>
            </rect>
            {row.samples.map((t) => (
              <circle class="tick" cx={x(t)} cy={y + ROW_HEIGHT / 2} r={2.5} />
            ))}
          </g>
        );
      })}
      <g class="axis">
        {ticks.map((t) => (
          <g>
            <line class="grid" x1={x(t)} x2={x(t)} y1={top} y2={bottom} />
            <text x={x(t)} y={bottom + 15} text-anchor="middle">
              {hhmm(t, withDate)}
            </text>
          </g>
        ))}
      </g>
      {model.markers.map((m, i) => {
        const mx = x(m.at);
        const labelRight = mx > WIDTH - 160;
        return (
          <g class={`marker m-${m.kind}`} data-marker={m.kind}>
            <line x1={mx} x2={mx} y1={i * MARKER_LINE + 10} y2={bottom} />
            <text x={labelRight ? mx - 4 : mx + 4} y={i * MARKER_LINE + 12} text-anchor={labelRight ? 'end' : 'start'}>
              {`${m.label} ${hhmm(m.at, withDate)}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function Timeline({ report }: { report: Report }) {
  const model = timelineModel(report);
  return (
    <section id="timeline">
      <h2>Timeline</h2>
      {model ? (
        <>
          <div class="chart">
            <Chart model={model} />
          </div>
          <p class="legend">
            One bar per finding from its first to its last matched line (UTC); dots are the evidence lines kept below. Dashed lines: first error,
            alarm, collect-by deadline, bundle collection. Cascade root first, its downstream findings (↳) under it.
          </p>
          {model.undated.length > 0 ? (
            <p class="legend">Without time stamps (not plotted): {model.undated.map((f) => f.id).join(', ')}.</p>
          ) : null}
        </>
      ) : (
        <p>No finding carries a time stamp, so there is no timeline.</p>
      )}
    </section>
  );
}
