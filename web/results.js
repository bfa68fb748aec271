// results: the summary line, how date words were read, "did you mean", the
// list of hits and the pager.
import { el, highlighted, clear } from './dom.js';
import { t, formatNumber, formatDate } from './i18n.js';
import { PAGE_SIZE, maxPage, stateToSearch, effectiveSort, SORTS } from './state.js';

function totalText(response) {
  const n = formatNumber(response.total);
  if (!response.total_exact) return t('resultsAbout', { n });
  return response.total === 1 ? t('resultsOne') : t('results', { n });
}

export function renderSummary(node, state, response) {
  clear(node);
  const count = el('strong', { id: 'total', dataset: { total: String(response.total) } }, totalText(response));
  const parts = [count];
  if (response.total > 0 && response.hits.length) {
    const from = response.offset + 1;
    const to = response.offset + response.hits.length;
    if (response.total > response.hits.length) {
      parts.push(' · ', el('span', {}, t('showing', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(response.total) })));
    }
  }
  parts.push(el('span', { class: 'took' }, ` · ${t('took', { ms: formatNumber(Math.round(response.took_ms * 10) / 10) })}`));
  const sort = el('select', { id: 'sort', 'aria-label': t('sort') },
    SORTS.map((s) => el('option', { value: s, selected: s === effectiveSort(state) }, t(`sort_${s}`))));
  node.append(el('p', { class: 'count', role: 'status' }, parts), el('label', { class: 'sort' }, el('span', {}, `${t('sort')} `), sort));
}

export function renderSuggestion(node, state, response) {
  clear(node);
  node.hidden = !response.suggestion;
  if (!response.suggestion) return;
  const target = { ...state, q: response.suggestion, page: 1, article: '' };
  node.append(t('didYouMean'), ' ', el('a', { href: `/${stateToSearch(target)}`, id: 'suggestion-link', dataset: { q: response.suggestion } }, el('em', {}, response.suggestion)));
}

// Date words of the query ("tahun 2017", "kemarin") become a date filter on
// the server; saying how they were read keeps the search predictable.
export function renderInterpreted(node, response) {
  clear(node);
  const reading = response.interpreted;
  node.hidden = !reading || !reading.date;
  if (node.hidden) return;
  const { from, to } = reading.date;
  let dates;
  if (from && to) dates = from === to ? t('datesOn', { day: formatDate(from) }) : t('datesBetween', { from: formatDate(from), to: formatDate(to) });
  else if (from) dates = t('datesSince', { from: formatDate(from) });
  else dates = t('datesUntil', { to: formatDate(to) });
  const words = reading.q ? [el('q', { class: 'interpreted-q' }, reading.q), ', '] : [];
  node.append(t('readAs'), ' ', ...words, el('span', { class: 'interpreted-dates' }, dates));
}

function metaLine(hit) {
  const items = [];
  if (hit.source) items.push(el('span', { class: 'source' }, hit.source));
  if (hit.published_at) items.push(el('time', { datetime: hit.published_at.slice(0, 10) }, formatDate(hit.published_at)));
  if (hit.section) items.push(el('span', { class: 'section' }, hit.section));
  if (hit.location) items.push(el('span', { class: 'location' }, hit.location));
  if (hit.authors && hit.authors.length) items.push(el('span', { class: 'byline' }, t('byline', { names: hit.authors.join(', ') })));
  const out = [];
  items.forEach((item, i) => {
    if (i) out.push(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
    out.push(item);
  });
  return out;
}

export function renderHits(node, state, response) {
  clear(node);
  if (!response.hits.length) {
    node.append(el('li', { class: 'empty' }, el('p', {}, t('noResults')), el('p', { class: 'hint' }, t('noResultsHint'))));
    return;
  }
  for (const hit of response.hits) {
    const href = `/${stateToSearch({ ...state, article: hit.id })}`;
    node.append(
      el('li', { class: 'hit' },
        el('h2', {}, el('a', { href, class: 'hit-link', dataset: { id: hit.id } }, highlighted(hit.title_html))),
        el('p', { class: 'meta' }, metaLine(hit)),
        el('p', { class: 'snippet' }, highlighted(hit.snippet))));
  }
}

export function renderPager(node, state, response) {
  clear(node);
  const pages = Math.min(Math.ceil(response.total / PAGE_SIZE), maxPage());
  if (pages <= 1) return;
  const link = (page, label, extra = {}) =>
    el('a', { href: `/${stateToSearch({ ...state, page, article: '' })}`, dataset: { page: String(page) }, ...extra }, label);
  const items = [];
  if (state.page > 1) items.push(link(state.page - 1, t('prev'), { rel: 'prev', class: 'step' }));
  const first = Math.max(1, Math.min(state.page - 2, pages - 4));
  const last = Math.min(pages, first + 4);
  if (first > 1) items.push(link(1, '1', { 'aria-label': t('page', { n: 1 }) }), first > 2 ? el('span', { class: 'gap' }, '…') : null);
  for (let p = first; p <= last; ++p) {
    items.push(p === state.page
      ? el('span', { class: 'current', 'aria-current': 'page' }, formatNumber(p))
      : link(p, formatNumber(p), { 'aria-label': t('page', { n: p }) }));
  }
  if (last < pages) items.push(last < pages - 1 ? el('span', { class: 'gap' }, '…') : null, link(pages, formatNumber(pages), { 'aria-label': t('page', { n: pages }) }));
  if (state.page < pages) items.push(link(state.page + 1, t('next'), { rel: 'next', class: 'step' }));
  node.append(...items.filter(Boolean));
}
