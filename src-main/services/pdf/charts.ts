// Vector charts for PDFs, drawn with pdfmake's canvas (rectangles and lines, no raster images).
// Numbers and labels sit in the table beside each chart, so the charts carry no text.
import { COLORS, type Content } from './doc-kit';

const GRID = { type: 'line', lineWidth: 0.3, lineColor: COLORS.rule } as const;

function frame(width: number, height: number): Content[] {
  return [0, 0.5, 1].map((p) => ({ ...GRID, x1: 0, y1: height * p, x2: width, y2: height * p }));
}

/** Vertical bars, one per value; a second series (if given) is drawn as a thinner bar beside it. */
export function barChart(
  series: number[][],
  opts: { width: number; height: number; colors?: string[] },
): Content {
  const { width, height } = opts;
  const colors = opts.colors ?? [COLORS.accent, '#7aa6d6'];
  const n = series[0]?.length ?? 0;
  const max = Math.max(1, ...series.flat());
  const slot = n ? width / n : width;
  const barW = Math.max(1, (slot * 0.8) / series.length);
  const bars: Content[] = [];
  series.forEach((values, s) =>
    values.forEach((v, i) => {
      const h = (v / max) * height;
      bars.push({
        type: 'rect',
        x: i * slot + slot * 0.1 + s * barW,
        y: height - h,
        w: barW,
        h,
        color: colors[s % colors.length],
      });
    }),
  );
  return { canvas: [...frame(width, height), ...bars], margin: [0, 4, 0, 4] };
}

/** Bars sorted largest first with the cumulative share as a line (0–100 % on the same height). */
export function paretoChart(
  counts: number[],
  cumulativePct: number[],
  opts: { width: number; height: number },
) {
  const { width, height } = opts;
  const bars = barChart([counts], opts) as { canvas: Content[] };
  const slot = counts.length ? width / counts.length : width;
  const points = cumulativePct.map((p, i) => ({ x: i * slot + slot / 2, y: height - (p / 100) * height }));
  const line: Content[] =
    points.length > 1 ? [{ type: 'polyline', lineWidth: 1.2, lineColor: COLORS.warn, points }] : [];
  const dots: Content[] = points.map((p) => ({
    type: 'ellipse',
    x: p.x,
    y: p.y,
    r1: 1.8,
    r2: 1.8,
    color: COLORS.warn,
  }));
  return { canvas: [...bars.canvas, ...line, ...dots], margin: [0, 4, 0, 4] };
}

/** A line over 0–100 % (e.g. share resolved within the deadline), with a dashed target line. */
export function percentLineChart(
  values: (number | null)[],
  opts: { width: number; height: number; target?: number },
): Content {
  const { width, height } = opts;
  const slot = values.length ? width / values.length : width;
  const y = (p: number) => height - (p / 100) * height;
  const points = values
    .map((v, i) => (v === null ? null : { x: i * slot + slot / 2, y: y(v) }))
    .filter((p): p is { x: number; y: number } => p !== null);
  const shapes: Content[] = [...frame(width, height)];
  if (opts.target !== undefined)
    shapes.push({
      type: 'line',
      x1: 0,
      y1: y(opts.target),
      x2: width,
      y2: y(opts.target),
      lineWidth: 0.8,
      lineColor: COLORS.good,
      dash: { length: 3 },
    });
  if (points.length > 1) shapes.push({ type: 'polyline', lineWidth: 1.5, lineColor: COLORS.accent, points });
  for (const p of points)
    shapes.push({ type: 'ellipse', x: p.x, y: p.y, r1: 2, r2: 2, color: COLORS.accent });
  return { canvas: shapes, margin: [0, 4, 0, 4] };
}
