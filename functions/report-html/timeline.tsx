import type { Report } from '../triage/report/schema.js';
import { plainVisible, utc } from './text.js';
import { timelineModel, type TimelineModel } from './timeline-model.js';

/**
 * Two drawings of the same model: labels beside the bars for wide screens and print, labels above
 * the bars for phones (CSS shows one), so neither needs sideways scrolling to reach the alarm.
 */
interface Layout {
  name: 'wide' | 'compact';
  width: number;
  labelWidth: number;
  rowHeight: number;
  /** Bar offset inside its row; labels above the bar in the compact layout. */
  barTop: number;
  labelChars: number;
  tickCount: number;
}

const WIDE: Layout = { name: 'wide', width: 960, labelWidth: 250, rowHeight: 24, barTop: 6, labelChars: 34, tickCount: 6 };
const COMPACT: Layout = { name: 'compact', width: 400, labelWidth: 0, rowHeight: 32, barTop: 17, labelChars: 58, tickCount: 4 };
const RIGHT = 12;
const MARKER_LINE = 15;
const AXIS_HEIGHT = 22;
const BAR_HEIGHT = 12;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function hhmm(t: number, withDate: boolean): string {
  const iso = new Date(t).toISOString();
  return withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

const MINUTE = 60_000;
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * MINUTE);

/** Axis ticks on round clock times, at most `count` of them. */
function niceTicks(start: number, end: number, count: number): number[] {
  const step = STEPS.find((s) => (end - start) / s <= count) ?? STEPS.at(-1)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end && ticks.length < 12; t += step) ticks.push(t);
  return ticks;
}

function Chart({ model, layout }: { model: TimelineModel; layout: Layout }) {
  const { width, labelWidth, rowHeight, barTop } = layout;
  const top = model.markers.length * MARKER_LINE + 8;
  const plotLeft = labelWidth + (layout.name === 'compact' ? 6 : 0);
  const plotWidth = width - plotLeft - RIGHT;
  const height = top + model.rows.length * rowHeight + AXIS_HEIGHT;
  const x = (t: number) => plotLeft + ((t - model.start) / (model.end - model.start)) * plotWidth;
  const withDate = model.end - model.start > 20 * 3_600_000;
  const ticks = niceTicks(model.start, model.end, layout.tickCount);
  const bottom = top + model.rows.length * rowHeight;
  const titleId = `timeline-title-${layout.name}`;
  return (
    <svg class={`timeline-${layout.name}`} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} xmlns="http://www.w3.org/2000/svg">
      <title id={titleId}>Matched lines per finding over time (UTC)</title>
      {model.rows.map((row, i) => {
        const y = top + i * rowHeight;
        const x1 = x(row.start);
        const barWidth = Math.max(4, x(row.end) - x1);
        const f = row.finding;
        return (
          <g class="row" data-finding={f.id}>
            {i % 2 === 0 ? <rect class="row-bg" x={0} y={y} width={width} height={rowHeight} /> : null}
            <text x={6} y={y + (layout.name === 'compact' ? 13 : 16)}>
              {plainVisible(clip(`${f.id} ${f.groupedUnder ? '↳ ' : ''}${f.service}: ${f.title}`, layout.labelChars))}
            </text>
            <rect class={`mark sev-${f.severity}`} data-finding={f.id} x={x1} y={y + barTop} width={barWidth} height={BAR_HEIGHT} rx={2}>
              <title>{plainVisible(`${f.id} ${f.title}: ${f.count} matched line(s), ${utc(f.firstSeen)} to ${utc(f.lastSeen)}`)}</title>
            </rect>
            {row.samples.map((t) => (
              <circle class="tick" cx={x(t)} cy={y + barTop + BAR_HEIGHT / 2} r={2.5} />
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
        const labelLeft = mx > width * 0.6;
        return (
          <g class={`marker m-${m.kind}`} data-marker={m.kind}>
            <line x1={mx} x2={mx} y1={i * MARKER_LINE + 10} y2={bottom} />
            <text x={labelLeft ? mx - 4 : mx + 4} y={i * MARKER_LINE + 12} text-anchor={labelLeft ? 'end' : 'start'}>
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
            <Chart model={model} layout={WIDE} />
            <Chart model={model} layout={COMPACT} />
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
