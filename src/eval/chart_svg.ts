/**
 * A grouped bar chart as a standalone SVG string, written by hand so the benchmark needs no chart
 * library: one group per metric, one bar per engine, values 0..1 shown as percentages.
 */
export interface ChartSeries {
  name: string;
  /** One value per group, between 0 and 1 (NaN draws no bar). */
  values: number[];
}

export interface ChartSpec {
  title: string;
  groups: string[];
  series: ChartSeries[];
  /** Vertical axis maximum (0..1); defaults to the next 10% above the largest value. */
  max?: number;
}

const COLORS = ['#3b6ea8', '#e08a2c', '#5a9e4b', '#b3403a', '#7d5ba6', '#8c6d31'];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function barChartSvg(spec: ChartSpec): string {
  const finite = spec.series.flatMap((s) => s.values).filter((v) => Number.isFinite(v));
  const max = spec.max ?? Math.min(1, Math.ceil((Math.max(0.1, ...finite) + 0.03) * 10) / 10);
  const left = 48;
  const top = 40;
  const plotH = 240;
  const barW = 18;
  const gap = 4;
  const groupW = spec.series.length * (barW + gap) + 26;
  const plotW = spec.groups.length * groupW;
  // Wide enough for the title and the legend whatever the number of groups.
  const width = Math.max(640, left + plotW + 20);
  const legendY = top + plotH + 46;
  const height = legendY + 24;
  const y = (v: number): number => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(spec.title)}</text>`);
  const step = max >= 0.3 ? 0.1 : 0.05;
  for (let t = 0; t * step <= max + 1e-9; t++) {
    const v = t * step;
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#dddddd"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Math.round(v * 100)}%</text>`);
  }
  spec.groups.forEach((group, g) => {
    const x0 = left + g * groupW + 13;
    spec.series.forEach((series, s) => {
      const v = series.values[g];
      if (!Number.isFinite(v)) return;
      const x = x0 + s * (barW + gap);
      const h = (Math.max(0, v) / max) * plotH;
      parts.push(`<rect x="${x}" y="${(top + plotH - h).toFixed(1)}" width="${barW}" height="${h.toFixed(1)}" fill="${COLORS[s % COLORS.length]}"><title>${esc(series.name)} ${esc(group)}: ${(v * 100).toFixed(1)}%</title></rect>`);
      parts.push(`<text x="${x + barW / 2}" y="${(top + plotH - h - 3).toFixed(1)}" text-anchor="middle" font-size="8">${Math.round(v * 100)}</text>`);
    });
    parts.push(`<text x="${x0 + (spec.series.length * (barW + gap)) / 2}" y="${top + plotH + 16}" text-anchor="middle">${esc(group)}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333333"/>`);
  let lx = left;
  spec.series.forEach((series, s) => {
    parts.push(`<rect x="${lx}" y="${legendY - 10}" width="12" height="12" fill="${COLORS[s % COLORS.length]}"/>`);
    parts.push(`<text x="${lx + 16}" y="${legendY}">${esc(series.name)}</text>`);
    lx += 24 + series.name.length * 7;
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
