// facets: the filter sidebar (values with counts, several at once) and the
// chips that show the active filters and remove them.
import { el, clear } from './dom.js';
import { t, formatNumber, formatDate } from './i18n.js';
import { FILTER_FIELDS, FACET_SIZE } from './state.js';

function valueLabel(field, value) {
  if (field === 'lang') {
    const key = `lang_${value.toLowerCase()}`;
    const label = t(key);
    return label === key ? value : label;
  }
  return value;
}

// Counts for `field`: from the search without its own filter when it has
// one (so unpicked values keep their counts), else from the main search.
function countsFor(field, answer) {
  const source = answer.others[field] || answer.main;
  return (source.facets && source.facets[field]) || [];
}

// handlers: {toggle(field, value, on), more(field)}; expanded: fields showing more values.
export function renderFacets(node, state, answer, expanded, handlers) {
  clear(node);
  node.append(el('h2', { class: 'visually-hidden' }, t('filters')));
  for (const field of FILTER_FIELDS) {
    const picked = state.filters[field];
    const counts = countsFor(field, answer);
    const seen = new Set(counts.map((c) => c.value.toLowerCase()));
    // A picked value missing from the top list still shows, ticked.
    const rows = [...counts, ...picked.filter((v) => !seen.has(v.toLowerCase())).map((value) => ({ value, count: null }))];
    if (!rows.length) continue;
    const isPicked = (v) => picked.some((p) => p.toLowerCase() === v.toLowerCase());
    const list = el('ul', {},
      rows.map(({ value, count }) =>
        el('li', {},
          el('label', { class: isPicked(value) ? 'picked' : null },
            el('input', {
              type: 'checkbox', checked: isPicked(value), dataset: { field, value },
              onchange: (e) => handlers.toggle(field, value, e.target.checked),
            }),
            el('span', { class: 'value' }, valueLabel(field, value)),
            el('span', { class: 'count' }, count === null ? '' : formatNumber(count))))));
    const section = el('section', { class: 'facet', dataset: { field } },
      el('h3', { id: `facet-${field}` }, t(`field_${field}`)), list);
    list.setAttribute('aria-labelledby', `facet-${field}`);
    if (counts.length >= FACET_SIZE || expanded.has(field)) {
      section.append(el('button', { type: 'button', class: 'more', onclick: () => handlers.more(field) }, expanded.has(field) ? t('fewer') : t('more')));
    }
    node.append(section);
  }
}

// handlers: {remove(field, value), removeDate(), clearAll()}
export function renderChips(node, state, handlers) {
  clear(node);
  const chips = [];
  for (const field of FILTER_FIELDS) {
    for (const value of state.filters[field]) {
      const label = `${t(`field_${field}`)}: ${valueLabel(field, value)}`;
      chips.push(chip(label, () => handlers.remove(field, value), { field, value }));
    }
  }
  if (state.from || state.to) {
    const label = `${t('field_date')}: ${state.from ? formatDate(state.from) : '…'} – ${state.to ? formatDate(state.to) : '…'}`;
    chips.push(chip(label, handlers.removeDate, { field: 'date' }));
  }
  node.hidden = !chips.length;
  if (!chips.length) return;
  node.append(...chips);
  if (chips.length > 1) node.append(el('button', { type: 'button', class: 'clear-all', onclick: handlers.clearAll }, t('clearAll')));
}

function chip(label, onRemove, dataset) {
  return el('button', { type: 'button', class: 'chip', dataset, 'aria-label': t('removeFilter', { label }), onclick: onRemove },
    el('span', {}, label), el('span', { class: 'x', 'aria-hidden': 'true' }, '×'));
}
