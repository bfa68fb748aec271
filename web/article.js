// article: one stored article with all its metadata, a permalink and
// similar articles; its back link returns to the results it came from.
import { el, clear } from './dom.js';
import { t, formatDate } from './i18n.js';
import { stateToSearch, emptyState } from './state.js';

function metaRow(label, ...value) {
  return [el('dt', {}, label), el('dd', {}, ...value)];
}

function filterLink(state, field, value, label = value) {
  const target = { ...emptyState(), filters: { ...emptyState().filters, [field]: [value] } };
  return el('a', { href: `/${stateToSearch(target)}`, class: 'filter-link', dataset: { field, value } }, label);
}

function joined(items) {
  const out = [];
  items.forEach((item, i) => out.push(...(i ? [', ', item] : [item])));
  return out;
}

// state: the view (its search is what "back" returns to); cameFromResults:
// whether the previous history entry is those results.
export function renderArticle(node, { state, article, similar, cameFromResults, onBack }) {
  clear(node);
  const back = el('a', {
    href: `/${stateToSearch({ ...state, article: '' })}`, class: 'back', id: 'back',
    onclick: (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      onBack(cameFromResults);
    },
  }, cameFromResults || state.q ? t('back') : t('backHome'));
  node.append(el('nav', { class: 'article-nav' }, back));
  if (!article) {
    node.append(el('p', { class: 'error', role: 'alert' }, t('notFound')));
    return;
  }
  const permalink = `${location.origin}/${stateToSearch({ ...emptyState(), article: article.id })}`;
  const dl = el('dl', { class: 'article-meta' });
  if (article.source) dl.append(...metaRow(t('field_source'), filterLink(state, 'source', article.source)));
  if (article.published_at) dl.append(...metaRow(t('meta_published'), el('time', { datetime: article.published_at }, formatDate(article.published_at))));
  if (article.section) dl.append(...metaRow(t('field_section'), filterLink(state, 'section', article.section)));
  if (article.authors && article.authors.length) dl.append(...metaRow(t('meta_authors'), joined(article.authors.map((a) => filterLink(state, 'author', a)))));
  if (article.location) dl.append(...metaRow(t('field_location'), filterLink(state, 'location', article.location)));
  if (article.lang) dl.append(...metaRow(t('field_lang'), filterLink(state, 'lang', article.lang, t(`lang_${article.lang}`))));
  if (article.tags && article.tags.length) dl.append(...metaRow(t('meta_tags'), joined(article.tags.map((a) => filterLink(state, 'tag', a)))));
  if (article.url) dl.append(...metaRow(t('original'), el('a', { href: article.url, rel: 'noopener noreferrer', target: '_blank', class: 'original' }, article.url)));
  dl.append(...metaRow(t('permalink'), el('a', { href: permalink, id: 'permalink' }, permalink)));
  dl.append(...metaRow(t('meta_id'), el('code', {}, article.id)));

  const body = el('div', { class: 'article-body' },
    String(article.body || '').split(/\n+/).filter((p) => p.trim()).map((p) => el('p', {}, p)));
  const similarList = el('ol', { class: 'similar-list' });
  if (similar && similar.hits && similar.hits.length) {
    for (const hit of similar.hits) {
      similarList.append(el('li', {},
        el('a', { href: `/${stateToSearch({ ...state, article: hit.id })}`, class: 'similar-link', dataset: { id: hit.id } }, hit.title),
        el('span', { class: 'meta' }, [hit.source, hit.published_at ? formatDate(hit.published_at) : ''].filter(Boolean).join(' · '))));
    }
  } else {
    similarList.append(el('li', { class: 'empty' }, t('noSimilar')));
  }
  node.append(
    el('header', {}, el('h1', { id: 'article-title', tabindex: '-1' }, article.title)),
    dl, body,
    el('section', { class: 'similar', 'aria-labelledby': 'similar-title' }, el('h2', { id: 'similar-title' }, t('similar')), similarList));
}
