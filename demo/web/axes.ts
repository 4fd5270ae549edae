/** Shared canvas plumbing for the plots: HiDPI setup, linear scales, "nice" ticks and labelled axes. */

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const INK = '#1f2937';
export const MUTED = '#6b7280';
export const GRID = '#e5e7eb';

/** The plotting rectangle inside the canvas, in CSS pixels. */
export interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Maps data to CSS pixels and back. */
export interface Scales {
  readonly frame: Frame;
  readonly x: (value: number) => number;
  readonly y: (value: number) => number;
  readonly invertX: (pixel: number) => number;
  readonly invertY: (pixel: number) => number;
}

/**
 * Sizes the canvas's backing store to its CSS size × devicePixelRatio and returns a context that draws
 * in CSS pixels, cleared; `undefined` while the canvas is not laid out.
 */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
): { ctx: CanvasRenderingContext2D; width: number; height: number } | undefined {
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx || width === 0 || height === 0) return undefined;
  const ratio = window.devicePixelRatio || 1;
  const pixelWidth = Math.round(width * ratio);
  const pixelHeight = Math.round(height * ratio);
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
  }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height };
}

/** Linear scales from the data ranges onto the frame (y grows upwards). */
export function linearScales(frame: Frame, xDomain: [number, number], yDomain: [number, number]): Scales {
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const sx = frame.width / (x1 - x0 || 1);
  const sy = frame.height / (y1 - y0 || 1);
  const bottom = frame.top + frame.height;
  return {
    frame,
    x: (value) => frame.left + (value - x0) * sx,
    y: (value) => bottom - (value - y0) * sy,
    invertX: (pixel) => x0 + (pixel - frame.left) / sx,
    invertY: (pixel) => y0 + (bottom - pixel) / sy,
  };
}

/** The range of `values` widened by `pad` of its span on each side (a unit range around a single value). */
export function paddedExtent(values: Iterable<number>, pad = 0.05): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min > max) return [0, 1];
  const span = max - min;
  // A span lost in rounding (a flat line) gets a readable range around its value instead.
  if (span <= 1e-9 * Math.max(Math.abs(min), Math.abs(max))) {
    const half = Math.max(Math.abs(min) * 1e-3, 0.5e-6);
    return [min - half, max + half];
  }
  if (span === 0) return [min - 0.5, max + 0.5];
  return [min - span * pad, max + span * pad];
}

/** About `count` round tick values (1, 2 or 5 × 10ⁿ apart) inside [min, max]. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return [min];
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const first = Math.ceil(min / step);
  const ticks: number[] = [];
  // Indexed, not accumulated: adding a step that rounding swallows would never end.
  for (let i = 0; i <= 2 * count + 2; i++) {
    const value = (first + i) * step;
    if (value > max + step * 1e-9) break;
    ticks.push(Math.abs(value) < step * 1e-9 ? 0 : value);
  }
  return ticks;
}

/** A tick label with no more decimals than the tick spacing needs. */
export function formatTick(value: number, ticks: readonly number[]): string {
  const step = ticks.length > 1 ? Math.abs((ticks[1] ?? 0) - (ticks[0] ?? 0)) : Math.abs(value) || 1;
  if (Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3)) return value.toExponential(1);
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  return value.toFixed(decimals);
}

/** Grid lines, ticks with labels, and axis titles around `scales.frame`. */
export function drawAxes(
  ctx: CanvasRenderingContext2D,
  scales: Scales,
  xTicks: readonly number[],
  yTicks: readonly number[],
  labels: { x: string; y: string; xFormat?: (value: number) => string },
): void {
  const { frame } = scales;
  const bottom = frame.top + frame.height;
  const right = frame.left + frame.width;
  ctx.save();
  ctx.lineWidth = 1;
  ctx.strokeStyle = GRID;
  ctx.beginPath();
  for (const tick of xTicks) {
    const px = Math.round(scales.x(tick)) + 0.5;
    ctx.moveTo(px, frame.top);
    ctx.lineTo(px, bottom);
  }
  for (const tick of yTicks) {
    const py = Math.round(scales.y(tick)) + 0.5;
    ctx.moveTo(frame.left, py);
    ctx.lineTo(right, py);
  }
  ctx.stroke();
  ctx.strokeStyle = '#9ca3af';
  ctx.strokeRect(
    Math.round(frame.left) + 0.5,
    Math.round(frame.top) + 0.5,
    Math.round(frame.width),
    Math.round(frame.height),
  );

  ctx.fillStyle = MUTED;
  ctx.font = `11px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const tick of xTicks)
    ctx.fillText(
      labels.xFormat ? labels.xFormat(tick) : formatTick(tick, xTicks),
      scales.x(tick),
      bottom + 5,
    );
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const tick of yTicks) ctx.fillText(formatTick(tick, yTicks), frame.left - 6, scales.y(tick));

  ctx.fillStyle = INK;
  ctx.font = `12px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(labels.x, frame.left + frame.width / 2, bottom + 36);
  ctx.translate(14, frame.top + frame.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(labels.y, 0, 0);
  ctx.restore();
}

/** Left margin that fits the y tick labels and the rotated y title. */
export function leftMargin(ctx: CanvasRenderingContext2D, yTicks: readonly number[]): number {
  ctx.save();
  ctx.font = `11px ${FONT}`;
  const widest = Math.max(0, ...yTicks.map((tick) => ctx.measureText(formatTick(tick, yTicks)).width));
  ctx.restore();
  return Math.ceil(widest) + 34;
}
