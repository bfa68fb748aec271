// app: the search page's controller. The URL is the state: every change goes
// through go(), which writes the URL and draws the view from it; the back
// and forward buttons and a shared link draw the same view the same way.
import { el, clear } from './dom.js';
import { initLanguage, setLanguage, language, t, applyStaticText } from './i18n.js';
import { parseState, stateToSearch, searchBodies, emptyState } from './state.js';
import { runSearch, getArticle, getSimilar, ApiError } from './api.js';
import { renderSummary, renderSuggestion, renderInterpreted, renderHits, renderPager } from './results.js';
import { renderFacets, renderChips } from './facets.js';
import { renderHistogram } from './histogram.js';
import { renderArticle } from './article.js';

const DEBOUNCE_MS = 250;
const $ = (id) => document.getElementById(id);

let state = parseState(location.search);
const expanded = new Set(); // facet fields showing more values
let shown = null; // {key, answer}: the results on screen
let article = null; // {id, article, similar}
let typing = false; // a typing burst has its own history entry already
let debounce = null;
let articleRequest = null;

// ---- navigation ------------------------------------------------------------

// Moves to `next`: a new history entry (push) or the current one changed.
function go(next, { push = true, fromResults = false } = {}) {
  if (!next.article && state.article) fromResults = false;
  if (push && !state.article) rememberScroll();
  const url = `/${stateToSearch(next)}`;
  const entry = { fromResults };
  if (push) history.pushState(entry, '', url);
  else history.replaceState({ ...history.state, ...entry }, '', url);
  state = next;
  draw();
}

function rememberScroll() {
  history.replaceState({ ...history.state, scrollY: window.scrollY }, '', location.href);
}

function draw({ restoreScroll = false } = {}) {
  syncForm();
  if (state.article) drawArticle();
  else drawResults(restoreScroll);
}

function syncForm() {
  const box = $('q');
  if (document.activeElement !== box || !typing) box.value = state.q;
  $('date-from').value = state.from;
  $('date-to').value = state.to;
}

// ---- results ---------------------------------------------------------------

async function drawResults(restoreScroll) {
  $('article-view').hidden = true;
  $('results-view').hidden = false;
  document.title = state.q ? `${state.q} · Warta` : 'Warta';
  const bodies = searchBodies(state, expanded);
  const key = JSON.stringify(bodies);
  if (shown && shown.key === key) {
    render(shown.answer); // same view (back from an article, a language switch)
    afterResults(restoreScroll);
    return;
  }
  const busy = setTimeout(() => document.body.classList.add('busy'), 150);
  let answer;
  try {
    const started = performance.now();
    answer = await runSearch(bodies);
    if (answer) performance.measure('warta:search', { start: started, end: performance.now() });
  } catch (error) {
    showError(error);
    return;
  } finally {
    clearTimeout(busy);
    document.body.classList.remove('busy');
  }
  if (!answer) return; // a newer search replaced this one
  // The reader may have moved on (to an article, say) while it ran.
  if (state.article || JSON.stringify(searchBodies(state, expanded)) !== key) return;
  shown = { key, answer };
  render(answer);
  afterResults(restoreScroll);
}

function afterResults(restoreScroll) {
  if (restoreScroll && history.state && typeof history.state.scrollY === 'number') window.scrollTo(0, history.state.scrollY);
  if (restoreScroll && history.state && history.state.focusId) {
    const link = document.querySelector(`.hit-link[data-id="${CSS.escape(history.state.focusId)}"]`);
    if (link) link.focus({ preventScroll: true });
  }
}

// The page's own work for a search: drawing every part from the answer.
// Timed so that tests (and anyone with the dev tools open) can read it.
function render(answer) {
  const start = performance.now();
  $('error').hidden = true;
  const { main } = answer;
  renderSummary($('summary'), state, main);
  renderInterpreted($('interpreted'), main);
  renderSuggestion($('suggestion'), state, main);
  renderChips($('chips'), state, chipHandlers);
  renderFacets($('facets'), state, answer, expanded, facetHandlers);
  const dated = answer.others.date || main;
  renderHistogram($('histogram'), {
    facets: dated.facets, total: dated.total, range: { from: state.from, to: state.to },
    onSelect: (range) => go({ ...state, ...range, page: 1 }),
  });
  renderHits($('hits'), state, main);
  renderPager($('pager'), state, main);
  performance.measure('warta:render', { start, end: performance.now() });
  markRendered();
}

// Which view is on screen, for tests and tools that wait for it.
function markRendered() {
  document.body.dataset.rendered = stateToSearch(state);
}

function showError(error) {
  const node = $('error');
  node.hidden = false;
  const message = error instanceof ApiError ? error.message : t('networkError');
  node.textContent = t('error', { message });
}

function toggleValue(list, value, on) {
  const rest = list.filter((v) => v.toLowerCase() !== value.toLowerCase());
  return on ? [...rest, value] : rest;
}

const facetHandlers = {
  toggle(field, value, on) {
    go({ ...state, filters: { ...state.filters, [field]: toggleValue(state.filters[field], value, on) }, page: 1 });
  },
  more(field) {
    if (expanded.has(field)) expanded.delete(field);
    else expanded.add(field);
    draw();
  },
};

const chipHandlers = {
  remove(field, value) {
    go({ ...state, filters: { ...state.filters, [field]: toggleValue(state.filters[field], value, false) }, page: 1 });
  },
  removeDate() {
    go({ ...state, from: '', to: '', page: 1 });
  },
  clearAll() {
    go({ ...state, filters: emptyState().filters, from: '', to: '', page: 1 });
  },
};

// ---- article ---------------------------------------------------------------

async function drawArticle() {
  const view = $('article-view');
  $('results-view').hidden = true;
  view.hidden = false;
  const id = state.article;
  const fromResults = !!(history.state && history.state.fromResults);
  const onBack = (cameFromResults) => {
    if (cameFromResults) history.back();
    else go({ ...state, article: '' });
  };
  if (!article || article.id !== id) {
    if (articleRequest) articleRequest.abort();
    articleRequest = new AbortController();
    const { signal } = articleRequest;
    clear(view).append(el('p', { class: 'loading' }, t('loading')));
    let loaded = null;
    let similar = null;
    try {
      [loaded, similar] = await Promise.all([getArticle(id, signal), getSimilar(id, signal).catch(() => null)]);
    } catch (error) {
      if (signal.aborted) return;
      if (!(error instanceof ApiError && error.status === 404)) {
        clear(view).append(el('p', { class: 'error', role: 'alert' }, t('error', { message: error.message })));
        return;
      }
    }
    if (signal.aborted || state.article !== id) return;
    article = { id, article: loaded, similar };
  }
  document.title = article.article ? `${article.article.title} · Warta` : 'Warta';
  renderArticle(view, { state, article: article.article, similar: article.similar, cameFromResults: fromResults, onBack });
  window.scrollTo(0, 0);
  markRendered();
  const title = $('article-title');
  if (title) title.focus({ preventScroll: true });
}

// ---- events ----------------------------------------------------------------

function onSearchInput() {
  clearTimeout(debounce);
  debounce = setTimeout(() => {
    const q = $('q').value;
    if (q === state.q && !state.article) return;
    // The first pause of a typing burst makes a history entry; later ones
    // update it, so back skips the half-typed words.
    const push = !typing || !!state.article;
    typing = true;
    go({ ...state, q, page: 1, article: '' }, { push });
  }, DEBOUNCE_MS);
}

function onSearchSubmit(e) {
  e.preventDefault();
  clearTimeout(debounce);
  const q = $('q').value;
  const push = !typing;
  typing = false;
  if (q !== state.q || state.article || state.page !== 1) go({ ...state, q, page: 1, article: '' }, { push });
}

function onDates(e) {
  if (e) e.preventDefault();
  let from = $('date-from').value;
  let to = $('date-to').value;
  if (from && to && from > to) [from, to] = [to, from];
  if (from !== state.from || to !== state.to) go({ ...state, from, to, page: 1 });
}

// Links inside the page (hits, pages, suggestions, filters) change the view
// without reloading; other clicks (new tab, window) are left to the browser.
function onClick(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const link = e.target.closest('a[href]');
  if (!link || link.target === '_blank' || link.origin !== location.origin || link.pathname !== '/') return;
  e.preventDefault();
  typing = false;
  const next = parseState(link.search);
  if (next.article && !state.article) {
    history.replaceState({ ...history.state, focusId: next.article }, '', location.href);
    go(next, { fromResults: true });
  } else {
    go(next, { fromResults: !!(history.state && history.state.fromResults) && !!next.article });
  }
}

function onKey(e) {
  const target = e.target;
  const editing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement || (target && target.isContentEditable);
  if (e.key === '/' && !editing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    const box = $('q');
    box.focus();
    box.select();
  } else if (e.key === 'Escape' && state.article && !editing) {
    const back = $('back');
    if (back) back.click();
  }
}

function onLanguageSwitch() {
  setLanguage(language() === 'id' ? 'en' : 'id');
  applyStaticText();
  drawHelp();
  $('lang-switch').textContent = t('switchTo');
  draw();
}

function drawHelp() {
  clear($('help-rows')).append(
    ...t('helpRows').map(([example, meaning]) => el('tr', {}, el('th', { scope: 'row' }, el('code', {}, example)), el('td', {}, meaning))));
}

function onFiltersToggle() {
  const open = $('facets').classList.toggle('open');
  const button = $('filters-toggle');
  button.setAttribute('aria-expanded', String(open));
  button.textContent = open ? t('filtersHide') : t('filtersShow');
}

function start() {
  initLanguage();
  applyStaticText();
  drawHelp();
  $('lang-switch').textContent = t('switchTo');
  history.scrollRestoration = 'manual';
  $('q').addEventListener('input', onSearchInput);
  $('q').addEventListener('blur', () => { typing = false; });
  $('search-form').addEventListener('submit', onSearchSubmit);
  $('dates').addEventListener('submit', onDates);
  // A date typed digit by digit is "valid" after each year digit: wait for a pause.
  let dateDebounce = null;
  const onDateChange = () => {
    clearTimeout(dateDebounce);
    dateDebounce = setTimeout(onDates, 600);
  };
  $('date-from').addEventListener('change', onDateChange);
  $('date-to').addEventListener('change', onDateChange);
  $('summary').addEventListener('change', (e) => {
    if (e.target.id === 'sort') go({ ...state, sort: e.target.value, page: 1 });
  });
  $('lang-switch').addEventListener('click', onLanguageSwitch);
  $('filters-toggle').addEventListener('click', onFiltersToggle);
  document.addEventListener('click', onClick);
  document.addEventListener('keydown', onKey);
  window.addEventListener('popstate', () => {
    typing = false;
    state = parseState(location.search);
    draw({ restoreScroll: true });
  });
  // A shared URL is kept, in its normal form, as the first entry.
  history.replaceState(history.state, '', `/${stateToSearch(state)}`);
  draw({ restoreScroll: true });
}

start();
