/** The scatter plot: points coloured by cluster, each component's mean with its 1σ and 2σ ellipses. */
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
import type { Dataset } from './data';
import { ellipsePoints } from './ellipse';
import { clusterColor, UNFITTED } from './palette';

/** The fitted parameters the plot needs (a `GaussianMixture` is one). */
export interface MixtureShape {
  readonly means: readonly (readonly number[])[];
  readonly covariances: readonly (readonly (readonly number[])[])[];
}

export interface ScatterInput {
  readonly dataset: Dataset;
  /** Per row, the predicted component; points are grey without. */
  readonly labels?: Int32Array | undefined;
  readonly mixture?: MixtureShape | undefined;
  /** Shown in the middle when there are no points. */
  readonly emptyHint?: string;
}

/** Draws the plot and returns its scales (for mapping clicks to data), or `undefined` if not laid out. */
export function drawScatter(canvas: HTMLCanvasElement, input: ScatterInput): Scales | undefined {
  const prepared = prepareCanvas(canvas);
  if (!prepared) return undefined;
  const { ctx, width, height } = prepared;
  const { dataset, labels, mixture } = input;
  const xDomain =
    dataset.domain?.x ??
    paddedExtent(
      dataset.X.map((row) => row[0] ?? Number.NaN),
      0.06,
    );
  const yDomain =
    dataset.domain?.y ??
    paddedExtent(
      dataset.X.map((row) => row[1] ?? Number.NaN),
      0.06,
    );
  // Room above the frame for the legend.
  const top = 34;
  const bottom = 46;
  const plotHeight = Math.max(10, height - top - bottom);
  const yTicks = niceTicks(yDomain[0], yDomain[1], Math.max(3, Math.round(plotHeight / 60)));
  const left = leftMargin(ctx, yTicks);
  const frame = { left, top, width: Math.max(10, width - left - 16), height: plotHeight };
  const xTicks = niceTicks(xDomain[0], xDomain[1], Math.max(3, Math.round(frame.width / 80)));
  const scales = linearScales(frame, xDomain, yDomain);
  drawAxes(ctx, scales, xTicks, yTicks, { x: dataset.xLabel, y: dataset.yLabel });

  ctx.save();
  ctx.beginPath();
  ctx.rect(frame.left, frame.top, frame.width, frame.height);
  ctx.clip();
  drawPoints(ctx, scales, dataset.X, labels);
  if (mixture) drawComponents(ctx, scales, mixture);
  ctx.restore();

  if (dataset.X.length === 0 && input.emptyHint) {
    ctx.fillStyle = MUTED;
    ctx.font = `14px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(input.emptyHint, frame.left + frame.width / 2, frame.top + frame.height / 2);
  }
  if (mixture) drawLegend(ctx, frame.left + frame.width, 4);
  return scales;
}

function drawPoints(
  ctx: CanvasRenderingContext2D,
  scales: Scales,
  X: readonly (readonly number[])[],
  labels: Int32Array | undefined,
): void {
  const radius = X.length > 2000 ? 2 : X.length > 500 ? 2.6 : 3.4;
  ctx.globalAlpha = 0.72;
  X.forEach((row, i) => {
    ctx.fillStyle = labels ? clusterColor(labels[i] ?? 0) : UNFITTED;
    ctx.beginPath();
    ctx.arc(scales.x(row[0] ?? 0), scales.y(row[1] ?? 0), radius, 0, 2 * Math.PI);
    ctx.fill();
  });
  ctx.globalAlpha = 1;
}

function drawComponents(ctx: CanvasRenderingContext2D, scales: Scales, mixture: MixtureShape): void {
  mixture.means.forEach((mean, k) => {
    const covariance = mixture.covariances[k] ?? [];
    const color = clusterColor(k);
    const path = (scale: number): void => {
      ctx.beginPath();
      ellipsePoints(mean, covariance, scale).forEach(([x, y], i) => {
        if (i === 0) ctx.moveTo(scales.x(x), scales.y(y));
        else ctx.lineTo(scales.x(x), scales.y(y));
      });
      ctx.closePath();
    };
    ctx.strokeStyle = color;
    path(1);
    ctx.fillStyle = color;
    ctx.globalAlpha = 0.1;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2;
    ctx.setLineDash([]);
    ctx.stroke();
    path(2);
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.stroke();
    ctx.setLineDash([]);
  });
  // Means last, so that no ellipse covers one.
  mixture.means.forEach((mean, k) => {
    const x = scales.x(mean[0] ?? 0);
    const y = scales.y(mean[1] ?? 0);
    diamond(ctx, x, y, 6);
    ctx.fillStyle = clusterColor(k);
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.lineWidth = 1;
    ctx.strokeStyle = INK;
    diamond(ctx, x, y, 7.5);
    ctx.stroke();
    ctx.font = `600 12px ${FONT}`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.strokeText(String(k + 1), x + 8, y - 5);
    ctx.fillStyle = INK;
    ctx.fillText(String(k + 1), x + 8, y - 5);
  });
}

function diamond(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
}

/** Key for the marks, right-aligned above the frame. */
function drawLegend(ctx: CanvasRenderingContext2D, right: number, top: number): void {
  const items: { label: string; draw: (x: number, y: number) => void }[] = [
    {
      label: 'mean',
      draw: (x, y) => {
        diamond(ctx, x + 9, y, 5);
        ctx.fill();
      },
    },
    { label: '1σ', draw: (x, y) => line(x, y, []) },
    { label: '2σ', draw: (x, y) => line(x, y, [4, 3]) },
  ];
  function line(x: number, y: number, dash: number[]): void {
    ctx.setLineDash(dash);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 18, y);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.save();
  ctx.font = `11px ${FONT}`;
  const widths = items.map((item) => 24 + ctx.measureText(item.label).width);
  const total = widths.reduce((sum, w) => sum + w, 0) + 10 * (items.length - 1) + 16;
  let x = right - total;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.88)';
  ctx.strokeStyle = '#d1d5db';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(x, top, total, 24, 6);
  ctx.fill();
  ctx.stroke();
  x += 8;
  items.forEach((item, i) => {
    ctx.fillStyle = INK;
    ctx.strokeStyle = INK;
    item.draw(x, top + 12);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(item.label, x + 22, top + 12.5);
    x += (widths[i] ?? 0) + 10;
  });
  ctx.restore();
}
