/** Line charts: the live log-likelihood per EM iteration and restart, and BIC against K per covariance type. */
import type { CovarianceType, SelectionRow } from '../../src/index';
import {
  drawAxes,
  FONT,
  INK,
  leftMargin,
  linearScales,
  MUTED,
  niceTicks,
  paddedExtent,
  prepareCanvas,
  type Scales,
} from './axes';
import { COVARIANCE_COLORS } from './palette';

export interface Series {
  readonly points: readonly (readonly [number, number])[];
  readonly color: string;
  readonly width?: number;
  readonly markers?: boolean;
  /** Shown in the legend when given. */
  readonly label?: string;
}

export interface LineChart {
  readonly series: readonly Series[];
  readonly xLabel: string;
  readonly yLabel: string;
  /** Defaults to the padded extent of all points. */
  readonly yDomain?: [number, number];
  /** A point circled and labelled (the best model). */
  readonly highlight?: { readonly x: number; readonly y: number; readonly label: string };
  /** Shown in the middle while there is nothing to draw. */
  readonly emptyHint: string;
}

/** Draws a chart with integer x ticks (iterations, components). */
export function drawLineChart(canvas: HTMLCanvasElement, chart: LineChart): void {
  const prepared = prepareCanvas(canvas);
  if (!prepared) return;
  const { ctx, width, height } = prepared;
  const all = chart.series.flatMap((s) => s.points);
  const xDomain = paddedExtent(
    all.map(([x]) => x),
    0.03,
  );
  if (all.length === 0) [xDomain[0], xDomain[1]] = [1, 10];
  const yDomain =
    chart.yDomain ??
    paddedExtent(
      all.map(([, y]) => y),
      0.08,
    );
  const top = 12;
  const plotHeight = Math.max(10, height - top - 44);
  const yTicks = niceTicks(yDomain[0], yDomain[1], Math.max(2, Math.round(plotHeight / 45)));
  const left = leftMargin(ctx, yTicks);
  const frame = { left, top, width: Math.max(10, width - left - 14), height: plotHeight };
  const xTicks = niceTicks(xDomain[0], xDomain[1], Math.max(2, Math.round(frame.width / 55))).filter(
    (tick, i, ticks) => Number.isInteger(tick) && (i === 0 || tick !== ticks[i - 1]),
  );
  const scales = linearScales(frame, xDomain, yDomain);
  drawAxes(ctx, scales, xTicks, yTicks, { x: chart.xLabel, y: chart.yLabel });

  ctx.save();
  ctx.beginPath();
  ctx.rect(frame.left, frame.top, frame.width, frame.height);
  ctx.clip();
  for (const series of chart.series) drawSeries(ctx, scales, series);
  if (chart.highlight) drawHighlight(ctx, scales, chart.highlight);
  ctx.restore();

  if (all.length === 0) {
    ctx.fillStyle = MUTED;
    ctx.font = `13px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(chart.emptyHint, frame.left + frame.width / 2, frame.top + frame.height / 2);
  }
  const labelled = chart.series.filter((s) => s.label !== undefined);
  if (labelled.length > 0) drawLegend(ctx, labelled, frame.left + frame.width - 8, frame.top + 8);
}

function drawSeries(ctx: CanvasRenderingContext2D, scales: Scales, series: Series): void {
  ctx.strokeStyle = series.color;
  ctx.fillStyle = series.color;
  ctx.lineWidth = series.width ?? 1.5;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  series.points.forEach(([x, y], i) => {
    if (i === 0) ctx.moveTo(scales.x(x), scales.y(y));
    else ctx.lineTo(scales.x(x), scales.y(y));
  });
  ctx.stroke();
  if (series.markers || series.points.length === 1) {
    for (const [x, y] of series.points) {
      ctx.beginPath();
      ctx.arc(scales.x(x), scales.y(y), 2.8, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}

function drawHighlight(
  ctx: CanvasRenderingContext2D,
  scales: Scales,
  { x, y, label }: NonNullable<LineChart['highlight']>,
): void {
  const px = scales.x(x);
  const py = scales.y(y);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(px, py, 7, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.font = `600 12px ${FONT}`;
  const width = ctx.measureText(label).width;
  const { frame } = scales;
  // Below the ring unless that leaves the frame; to the left when near the right edge.
  const tx = Math.min(px - width / 2, frame.left + frame.width - width - 4);
  const ty = py + 26 < frame.top + frame.height ? py + 11 : py - 26;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.lineWidth = 4;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.95)';
  ctx.strokeText(label, Math.max(frame.left + 4, tx), ty);
  ctx.fillStyle = INK;
  ctx.fillText(label, Math.max(frame.left + 4, tx), ty);
}

function drawLegend(
  ctx: CanvasRenderingContext2D,
  series: readonly Series[],
  right: number,
  top: number,
): void {
  ctx.save();
  ctx.font = `11px ${FONT}`;
  const width = 34 + Math.max(...series.map((s) => ctx.measureText(s.label ?? '').width));
  const height = 8 + series.length * 16;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.strokeStyle = '#d1d5db';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(right - width, top, width, height, 6);
  ctx.fill();
  ctx.stroke();
  series.forEach((s, i) => {
    const y = top + 12 + i * 16;
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(right - width + 8, y);
    ctx.lineTo(right - width + 24, y);
    ctx.stroke();
    ctx.fillStyle = INK;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(s.label ?? '', right - width + 29, y + 0.5);
  });
  ctx.restore();
}

/** Log-likelihood per iteration, one line per restart; `emphasis` (current or kept restart) drawn bold. */
export function drawLogLikelihood(
  canvas: HTMLCanvasElement,
  restarts: readonly number[][],
  emphasis?: number,
): void {
  const series: Series[] = restarts.map((values, r) => ({
    points: values.map((value, i) => [i + 1, value] as [number, number]),
    color: r === emphasis ? '#2563eb' : 'rgba(100, 116, 139, 0.45)',
    width: r === emphasis ? 2.5 : 1.25,
  }));
  // The emphasised line last, so that it is on top.
  const ordered = [...series.filter((_, r) => r !== emphasis), ...series.filter((_, r) => r === emphasis)];
  // The first iteration of a random start is often far below the rest: leave it out of the range.
  const settled = restarts.flatMap((values) => (values.length > 2 ? values.slice(1) : values));
  drawLineChart(canvas, {
    series: ordered,
    xLabel: 'EM iteration',
    yLabel: 'mean log-likelihood',
    yDomain: paddedExtent(settled, 0.08),
    emptyHint: 'Fit to see the log-likelihood per iteration',
  });
}

/** BIC against K, one line per covariance type in the table; the best candidate circled. */
export function drawBic(
  canvas: HTMLCanvasElement,
  table: readonly SelectionRow[],
  best?: SelectionRow,
): void {
  const types = [...new Set(table.map((row) => row.covariance))] as CovarianceType[];
  const series: Series[] = types.map((type) => ({
    points: table
      .filter((row) => row.covariance === type && Number.isFinite(row.bic))
      .map((row) => [row.components, row.bic] as [number, number]),
    color: COVARIANCE_COLORS[type],
    width: 2,
    markers: true,
    label: type,
  }));
  const values = series.flatMap((s) => s.points.map(([, bic]) => bic));
  const [low, high] = paddedExtent(values, 0.08);
  drawLineChart(canvas, {
    series,
    // Extra room under the lowest point for the best model's label.
    yDomain: [low - (high - low) * 0.14, high],
    xLabel: 'components K',
    yLabel: 'BIC (lower is better)',
    ...(best && {
      highlight: { x: best.components, y: best.bic, label: `best: K=${best.components}, ${best.covariance}` },
    }),
    emptyHint: 'Run model selection to compare K = 1…8',
  });
}
