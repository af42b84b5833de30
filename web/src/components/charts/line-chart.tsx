import { useId } from 'react';
import type { ReactNode } from 'react';

export interface Point {
  /** ms since the epoch */
  x: number;
  y: number;
}

export interface Band {
  from: number;
  to: number;
  label: string;
  className: string;
}

interface Props {
  title: string;
  /** A sentence saying what the chart shows, for screen readers. */
  summary: string;
  points: Point[];
  yMin: number;
  yMax: number;
  /** The line to the target: from (start, baseline) to (due, target). */
  targetLine?: [Point, Point] | undefined;
  bands?: Band[];
  /** Points drawn with a ring, e.g. a reliable change. */
  marked?: Set<number>;
  formatX: (x: number) => string;
  formatY?: (y: number) => string;
  legend?: ReactNode;
}

const W = 480;
const H = 240;
const pad = { l: 44, r: 12, t: 12, b: 30 };

/**
 * A hand-written SVG line chart: observations, an optional dashed line to the target, optional
 * shaded bands (severity), and ringed points. Every chart has its data table alongside.
 */
export function LineChart(p: Props) {
  const id = useId();
  const fy = p.formatY ?? String;
  const xs = [...p.points.map((d) => d.x), ...(p.targetLine?.map((d) => d.x) ?? [])];
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const span = x1 - x0 || 1;
  const sx = (x: number) => pad.l + ((x - x0) / span) * (W - pad.l - pad.r);
  const sy = (y: number) =>
    pad.t + (1 - (y - p.yMin) / (p.yMax - p.yMin || 1)) * (H - pad.t - pad.b);
  const ticks = niceTicks(p.yMin, p.yMax);
  const path = p.points
    .map((d, i) => `${i ? 'L' : 'M'}${sx(d.x).toFixed(1)},${sy(d.y).toFixed(1)}`)
    .join(' ');

  return (
    <figure className="chart">
      <figcaption id={`${id}-t`} className="chart-title">
        {p.title}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="chart-svg"
      >
        <desc id={`${id}-d`}>{p.summary}</desc>
        {p.bands?.map((b) => (
          <g key={b.label}>
            <rect
              x={pad.l}
              width={W - pad.l - pad.r}
              y={sy(Math.min(b.to, p.yMax))}
              height={Math.max(0, sy(Math.max(b.from, p.yMin)) - sy(Math.min(b.to, p.yMax)))}
              className={`band ${b.className}`}
            />
            <text
              x={W - pad.r - 4}
              y={sy(Math.min(b.to, p.yMax)) + 16}
              textAnchor="end"
              className="band-label"
            >
              {b.label}
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.l} x2={W - pad.r} y1={sy(t)} y2={sy(t)} className="grid" />
            <text x={pad.l - 6} y={sy(t) + 5} textAnchor="end" className="axis-label">
              {fy(t)}
            </text>
          </g>
        ))}
        <text x={pad.l} y={H - 8} className="axis-label">
          {p.formatX(x0)}
        </text>
        <text x={W - pad.r} y={H - 8} textAnchor="end" className="axis-label">
          {p.formatX(x1)}
        </text>
        {p.targetLine && (
          <line
            x1={sx(p.targetLine[0].x)}
            y1={sy(p.targetLine[0].y)}
            x2={sx(p.targetLine[1].x)}
            y2={sy(p.targetLine[1].y)}
            className="target-line"
          />
        )}
        {p.points.length > 1 && <path d={path} className="series" />}
        {p.points.map((d, i) => (
          <circle
            key={`${d.x}-${i}`}
            cx={sx(d.x)}
            cy={sy(d.y)}
            r={p.marked?.has(i) ? 6 : 3.5}
            className={p.marked?.has(i) ? 'point marked' : 'point'}
          />
        ))}
      </svg>
      {p.legend && <div className="chart-legend">{p.legend}</div>}
    </figure>
  );
}

function niceTicks(min: number, max: number): number[] {
  const range = max - min || 1;
  const raw = range / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step)
    out.push(Number(v.toFixed(6)));
  return out;
}
