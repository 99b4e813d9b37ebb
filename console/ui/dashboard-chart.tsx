import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { numberText } from './number-text';

/** One line or bar series; `tone` names a CSS colour token (`--ok`), so light and dark both read. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  tone: string;
}

/** Props of DashboardChart. */
export interface DashboardChartProps {
  /** Read out for the canvas; the figures themselves are in the table the page puts beneath. */
  label: string;
  /** One label per x position (a week, a month, an age band). */
  categories: string[];
  series: ChartSeries[];
  kind: 'lines' | 'bars';
  /** Y axis suffix (`%`). */
  unit?: string;
}

const HEIGHT = 200;

/**
 * A uPlot chart over categories, coloured from the theme's tokens and redrawn when the theme or
 * the width changes. The canvas is an image to assistive technology; the legend is plain HTML.
 */
export function DashboardChart({ label, categories, series, kind, unit = '' }: DashboardChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([categories, series, kind, unit]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | null = null;
    const draw = () => {
      plot?.destroy();
      const css = getComputedStyle(el);
      const color = (token: string) => css.getPropertyValue(token).trim() || '#888';
      const xs = categories.map((_, i) => i);
      const bars = kind === 'bars' ? uPlot.paths.bars?.({ size: [0.55, 48] }) : undefined;
      // A label per category while they fit (about 64 px each), else every step-th: a year of weeks on half a page.
      const width = Math.max(el.clientWidth, 240);
      const step = Math.max(1, Math.ceil(categories.length / Math.max(1, Math.floor((width - 60) / 64))));
      const axis = { stroke: color('--text-2'), font: '12px system-ui, sans-serif', grid: { stroke: color('--border'), width: 1 }, ticks: { show: false } };
      plot = new uPlot(
        {
          width,
          height: HEIGHT,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false, range: [-0.5, Math.max(categories.length - 0.5, 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.1] } },
          axes: [
            { ...axis, grid: { show: false }, splits: () => xs.filter((i) => i % step === 0), values: (_u, splits) => splits.map((i) => categories[i] ?? '') },
            { ...axis, size: 48, values: (_u, splits) => splits.map((v) => `${numberText(v)}${unit}`) },
          ],
          series: [
            {},
            ...series.map((s) => ({
              label: s.label,
              stroke: color(s.tone),
              width: 2,
              ...(bars ? { paths: bars, fill: color(s.tone), points: { show: false } } : { points: { show: categories.length <= 24, size: 6 } }),
            })),
          ],
        },
        [xs, ...series.map((s) => s.values)] as uPlot.AlignedData,
        el,
      );
    };
    draw();
    // Redraw on theme switches (data-theme on the root) and when the card changes width.
    const themes = new MutationObserver(draw);
    themes.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    let width = el.clientWidth;
    const sizes = new ResizeObserver(() => {
      if (Math.abs(el.clientWidth - width) < 8) return;
      width = el.clientWidth;
      draw();
    });
    sizes.observe(el);
    return () => {
      themes.disconnect();
      sizes.disconnect();
      plot?.destroy();
    };
  }, [key]);
  return (
    <figure class="chart">
      <div class="chart-canvas" ref={box} role="img" aria-label={label} />
      <figcaption class="chart-legend">
        {series.map((s) => (
          <span key={s.label} class={`chart-key chart-key-${s.tone.slice(2)}`}>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
