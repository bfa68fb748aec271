// state: the page's whole view lives in its URL (query, filters, dates, sort,
// page, open article); this module turns one into the other and into the
// bodies of POST /search.

export const FILTER_FIELDS = ['source', 'section', 'author', 'location', 'lang', 'tag'];
export const SORTS = ['relevance', 'newest', 'oldest'];
export const PAGE_SIZE = 10;
export const MAX_OFFSET = 10000; // the protocol's largest offset
export const FACET_SIZE = 8;
export const FACET_SIZE_MORE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function emptyState() {
  return { q: '', filters: Object.fromEntries(FILTER_FIELDS.map((f) => [f, []])), from: '', to: '', sort: '', page: 1, article: '' };
}

// Reads a location.search string; anything malformed is dropped, not fatal.
export function parseState(search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = params.get('q') || '';
  for (const field of FILTER_FIELDS) {
    state.filters[field] = [...new Set(params.getAll(field).filter((v) => v !== ''))];
  }
  const from = params.get('from') || '';
  const to = params.get('to') || '';
  state.from = DATE.test(from) ? from : '';
  state.to = DATE.test(to) ? to : '';
  const sort = params.get('sort') || '';
  state.sort = SORTS.includes(sort) ? sort : '';
  const page = Number.parseInt(params.get('page') || '1', 10);
  state.page = Number.isFinite(page) && page >= 1 ? Math.min(page, maxPage()) : 1;
  state.article = params.get('article') || '';
  return state;
}

// The URL query string ("?q=...") for `state`; parameters in a fixed order so
// that equal views have equal URLs.
export function stateToSearch(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const field of FILTER_FIELDS) for (const v of state.filters[field]) params.append(field, v);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.sort) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.article) params.set('article', state.article);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function maxPage() {
  return Math.floor(MAX_OFFSET / PAGE_SIZE) + 1;
}

// The sort the server applies when none is given.
export function effectiveSort(state) {
  return state.sort || (state.q.trim() ? 'relevance' : 'newest');
}

export function hasFilters(state) {
  return FILTER_FIELDS.some((f) => state.filters[f].length) || !!state.from || !!state.to;
}

function filtersBody(state, { withoutField = null, withoutDate = false } = {}) {
  const filters = {};
  for (const field of FILTER_FIELDS) {
    if (field !== withoutField && state.filters[field].length) filters[field] = state.filters[field];
  }
  if (!withoutDate && (state.from || state.to)) {
    filters.date = {};
    if (state.from) filters.date.from = state.from;
    if (state.to) filters.date.to = state.to;
  }
  return filters;
}

// The searches one view needs: the page of hits with every facet, and, for
// each filtered field (and the date), the same search without that filter so
// that its other values keep their counts and several can be picked at once.
export function searchBodies(state, expanded = new Set()) {
  const facet = (field) => ({ field, size: expanded.has(field) ? FACET_SIZE_MORE : FACET_SIZE });
  const main = {
    q: state.q,
    filters: filtersBody(state),
    facets: [...FILTER_FIELDS.map(facet), 'month', 'year'],
    offset: (state.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
    highlight: true,
  };
  if (state.sort) main.sort = state.sort;
  const others = {};
  for (const field of FILTER_FIELDS) {
    if (state.filters[field].length) {
      others[field] = { q: state.q, filters: filtersBody(state, { withoutField: field }), facets: [facet(field)], limit: 0 };
    }
  }
  if (state.from || state.to) {
    others.date = { q: state.q, filters: filtersBody(state, { withoutDate: true }), facets: ['month', 'year'], limit: 0 };
  }
  return { main, others };
}

// First and last day of a "YYYY-MM" or "YYYY" bucket.
export function bucketRange(value) {
  if (/^\d{4}$/.test(value)) return { from: `${value}-01-01`, to: `${value}-12-31` };
  const [y, m] = value.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${value}-01`, to: `${value}-${String(last).padStart(2, '0')}` };
}
