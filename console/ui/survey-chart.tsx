import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One series of a chart: its name and a value per label (null: no data there). */
export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

/** Props of SurveyChart. */
export interface SurveyChartProps {
  /** What the chart shows, for people who cannot see it (the table beneath says it in full). */
  label: string;
  /** Category of each point, left to right. */
  labels: string[];
  series: ChartSeries[];
  kind: 'bars' | 'line';
  /** Caption of the table beneath. */
  caption: string;
  /** Header of the label column. */
  labelHeader: string;
}

const token = (name: string, fallback: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/**
 * A uPlot chart (canvas, ~50 KB minified, chosen in docs/architecture.md's stack for bytes and
 * speed) with the same numbers in a table beneath it, so screen readers and people who want exact
 * figures get them. Colours come from the console's theme tokens when it draws.
 */
export function SurveyChart({ label, labels, series, kind, caption, labelHeader }: SurveyChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const theme = typeof document === 'undefined' ? 'light' : document.documentElement.dataset.theme;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const colors = [token('--accent', '#4f46e5'), token('--ok', '#067647'), token('--warn', '#93370d')];
    const text = token('--text-2', '#5b5b66');
    const grid = token('--border', '#e4e4e8');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const bars = uPlot.paths.bars?.({ size: [0.6, 64], gap: 2 });
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height: 200,
        legend: { show: series.length > 1 },
        cursor: { show: false },
        scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
        axes: [
          { ...axis, values: (_u, splits) => splits.map((i) => labels[i] ?? ''), splits: () => labels.map((_, i) => i) },
          { ...axis, size: 44 },
        ],
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.name,
            stroke: colors[i % colors.length],
            width: 2,
            ...(kind === 'bars' && bars ? { paths: bars, fill: `${colors[i % colors.length]}cc` } : { points: { size: 7 } }),
          })),
        ],
      },
      [labels.map((_, i) => i), ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, el.clientWidth), height: 200 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify(labels), JSON.stringify(series), kind, theme]);
  return (
    <figure class="chart-figure">
      <div ref={box} class="chart" role="img" aria-label={label} />
      <table class="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            {series.map((s) => (
              <th key={s.name} scope="col" class="num">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((l, i) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {series.map((s) => (
                <td key={s.name} class="num">
                  {s.values[i] ?? '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
