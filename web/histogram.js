// histogram: matches per month (per year when the range is long), drawn as
// an SVG bar chart from the month/year facets; click a bar or drag across
// bars (or use the arrow keys and Enter) to filter by that date range.
import { el, svg, clear } from './dom.js';
import { t, formatNumber, formatPeriod } from './i18n.js';
import { bucketRange } from './state.js';

const MAX_MONTH_BARS = 72;
const BAR_WIDTH = 10;
const HEIGHT = 100;

function nextMonth(value) {
  let [y, m] = value.split('-').map(Number);
  m += 1;
  if (m > 12) {
    m = 1;
    y += 1;
  }
  return `${y}-${String(m).padStart(2, '0')}`;
}

// Every bucket from the first to the last, with zeros for the empty ones.
export function buckets(facets) {
  const months = (facets && facets.month) || [];
  const years = (facets && facets.year) || [];
  if (!months.length) return { unit: 'month', bars: [] };
  const first = months[0].value;
  const last = months[months.length - 1].value;
  const span = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5)) - Number(first.slice(5)) + 1;
  if (span > MAX_MONTH_BARS && years.length) {
    const counts = new Map(years.map((y) => [y.value, y.count]));
    const bars = [];
    for (let y = Number(years[0].value); y <= Number(years[years.length - 1].value); ++y) bars.push({ value: String(y), count: counts.get(String(y)) || 0 });
    return { unit: 'year', bars };
  }
  const counts = new Map(months.map((m) => [m.value, m.count]));
  const bars = [];
  for (let v = first; ; v = nextMonth(v)) {
    bars.push({ value: v, count: counts.get(v) || 0 });
    if (v === last) break;
  }
  return { unit: 'month', bars };
}

// node: the container; facets: month/year counts of the search without its
// date filter; total: matches of that search; range: {from, to} picked;
// onSelect({from, to}) when the reader picks bars.
export function renderHistogram(node, { facets, total, range, onSelect }) {
  clear(node);
  const { unit, bars } = buckets(facets);
  node.hidden = !bars.length;
  if (!bars.length) return;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const width = bars.length * BAR_WIDTH;
  const inRange = (b) => {
    if (!range.from && !range.to) return false;
    const r = bucketRange(b.value);
    return (!range.from || r.to >= range.from) && (!range.to || r.from <= range.to);
  };
  const rects = bars.map((b, i) => {
    const h = b.count ? Math.max(3, (b.count / max) * (HEIGHT - 4)) : 0;
    return svg('rect', {
      class: `bar${inRange(b) ? ' selected' : ''}`, x: i * BAR_WIDTH + 1, y: HEIGHT - h, width: BAR_WIDTH - 2, height: h,
      'data-value': b.value, 'data-count': b.count,
    }, svg('title', {}, `${formatPeriod(b.value)}: ${formatNumber(b.count)}`));
  });
  const sum = bars.reduce((s, b) => s + b.count, 0);
  const label = t('histogramLabel', { unit: t(`unit_${unit}`), first: formatPeriod(bars[0].value), last: formatPeriod(bars[bars.length - 1].value), max: formatNumber(max) });
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${HEIGHT}`, preserveAspectRatio: 'none', class: `chart${range.from || range.to ? ' has-range' : ''}`,
    role: 'slider', tabindex: '0', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': String(bars.length - 1), 'aria-valuenow': '0',
  }, svg('rect', { class: 'backdrop', x: 0, y: 0, width, height: HEIGHT }), rects);

  // Picking: a drag (or a click, a drag of one bar) from `anchor` to `end`.
  let anchor = null;
  let end = null;
  const indexAt = (clientX) => {
    const box = chart.getBoundingClientRect();
    return Math.min(bars.length - 1, Math.max(0, Math.floor(((clientX - box.left) / box.width) * bars.length)));
  };
  const preview = () => {
    const [a, b] = anchor === null ? [-1, -1] : [Math.min(anchor, end), Math.max(anchor, end)];
    rects.forEach((r, i) => r.classList.toggle('preview', i >= a && i <= b));
    chart.classList.toggle('picking', anchor !== null);
    if (anchor !== null) {
      chart.setAttribute('aria-valuenow', String(end));
      chart.setAttribute('aria-valuetext', `${formatPeriod(bars[end].value)}: ${formatNumber(bars[end].count)}`);
    }
  };
  const commit = () => {
    const a = Math.min(anchor, end);
    const b = Math.max(anchor, end);
    anchor = end = null;
    preview();
    onSelect({ from: bucketRange(bars[a].value).from, to: bucketRange(bars[b].value).to });
  };
  chart.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    anchor = end = indexAt(e.clientX);
    chart.setPointerCapture(e.pointerId);
    preview();
    e.preventDefault();
  });
  chart.addEventListener('pointermove', (e) => {
    if (anchor === null) return;
    end = indexAt(e.clientX);
    preview();
  });
  chart.addEventListener('pointerup', () => {
    if (anchor !== null) commit();
  });
  chart.addEventListener('pointercancel', () => {
    anchor = end = null;
    preview();
  });
  // Keys: arrows move, Shift+arrows stretch, Enter picks, Escape drops.
  chart.addEventListener('keydown', (e) => {
    const step = { ArrowLeft: -1, ArrowRight: 1, Home: -bars.length, End: bars.length }[e.key];
    if (step !== undefined) {
      if (anchor === null) anchor = end = step > 0 ? 0 : bars.length - 1;
      else {
        end = Math.min(bars.length - 1, Math.max(0, end + step));
        if (!e.shiftKey) anchor = end;
      }
      preview();
      e.preventDefault();
    } else if (e.key === 'Enter' && anchor !== null) {
      commit();
      e.preventDefault();
    } else if (e.key === 'Escape' && anchor !== null) {
      anchor = end = null;
      preview();
      e.stopPropagation();
    }
  });
  chart.addEventListener('blur', () => {
    anchor = end = null;
    preview();
  });

  const undated = total - sum;
  node.append(
    el('h2', { class: 'chart-title' }, t('histogramTitle', { unit: t(`unit_${unit}`) })),
    el('div', { class: 'chart-wrap' }, chart),
    el('div', { class: 'axis' },
      el('span', {}, formatPeriod(bars[0].value)),
      el('span', { class: 'hint' }, t('histogramHint'), undated > 0 ? ` · ${t('undated', { n: formatNumber(undated) })}` : ''),
      el('span', {}, formatPeriod(bars[bars.length - 1].value))));
}
