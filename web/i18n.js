// i18n: the page's words in Indonesian and English, picked by the browser's
// language and switchable; dates and numbers formatted for that language.

const STRINGS = {
  id: {
    searchLabel: 'Cari di arsip',
    searchPlaceholder: 'Cari berita… (tekan / untuk mulai)',
    searchButton: 'Cari',
    helpButton: 'Cara menulis pencarian',
    helpTitle: 'Sintaks pencarian',
    helpRows: [
      ['banjir jakarta', 'semua kata harus ada (bentuk imbuhan ikut cocok)'],
      ['"harga cabai"', 'frasa persis'],
      ['banjir OR longsor', 'salah satu kata'],
      ['banjir -jakarta', 'tanpa kata itu (juga NOT jakarta)'],
      ['(banjir OR longsor) bogor', 'kelompokkan dengan kurung'],
      ['korup*', 'awalan kata'],
      ['title:pemilu', 'hanya di judul; juga source:, section:, author:, location:, tag:, lang:'],
      ['date:2017-01-01..2017-03-31', 'rentang tanggal (ujung boleh kosong)'],
    ],
    helpKeys: 'Tombol: / ke kotak pencarian · Tab ke hasil · Esc kembali dari artikel',
    close: 'Tutup',
    language: 'Bahasa antarmuka',
    switchTo: 'English',
    filters: 'Saring',
    filtersShow: 'Tampilkan saringan',
    filtersHide: 'Sembunyikan saringan',
    field_source: 'Sumber',
    field_section: 'Rubrik',
    field_author: 'Penulis',
    field_location: 'Tempat',
    field_lang: 'Bahasa',
    field_tag: 'Tag',
    field_date: 'Tanggal',
    lang_id: 'Indonesia',
    lang_en: 'Inggris',
    more: 'Lainnya',
    fewer: 'Lebih sedikit',
    removeFilter: 'Hapus saringan {label}',
    clearAll: 'Hapus semua saringan',
    dateFrom: 'Dari',
    dateTo: 'Sampai',
    dateApply: 'Terapkan',
    histogramLabel: 'Jumlah artikel per {unit}: {first} sampai {last}, terbanyak {max}. Klik atau seret untuk memilih rentang.',
    histogramTitle: 'Artikel per {unit}',
    histogramHint: 'Klik atau seret untuk menyaring tanggal',
    unit_month: 'bulan',
    unit_year: 'tahun',
    undated: '{n} tanpa tanggal',
    results: '{n} artikel',
    resultsOne: '1 artikel',
    resultsAbout: 'sekitar {n} artikel',
    showing: 'menampilkan {from}–{to}',
    took: '{ms} md',
    sort: 'Urutkan',
    sort_relevance: 'Paling relevan',
    sort_newest: 'Terbaru',
    sort_oldest: 'Terlama',
    didYouMean: 'Mungkin maksud Anda:',
    readAs: 'Dibaca sebagai:',
    datesOn: 'tanggal {day}',
    datesBetween: 'tanggal {from} – {to}',
    datesSince: 'sejak {from}',
    datesUntil: 'sampai {to}',
    noResults: 'Tidak ada artikel yang cocok.',
    noResultsHint: 'Coba kata lain, atau hapus saringan.',
    pages: 'Halaman',
    prev: '‹ Sebelumnya',
    next: 'Berikutnya ›',
    page: 'Halaman {n}',
    loading: 'Memuat…',
    error: 'Galat: {message}',
    networkError: 'Server tidak dapat dihubungi.',
    back: '← Kembali ke hasil',
    backHome: '← Ke pencarian',
    permalink: 'Tautan tetap',
    original: 'Sumber asli',
    similar: 'Artikel serupa',
    noSimilar: 'Tidak ada artikel serupa.',
    meta_id: 'ID',
    meta_published: 'Terbit',
    meta_authors: 'Penulis',
    meta_tags: 'Tag',
    notFound: 'Artikel tidak ditemukan.',
    byline: 'oleh {names}',
    home: 'Beranda Warta',
  },
  en: {
    searchLabel: 'Search the archive',
    searchPlaceholder: 'Search the news… (press / to start)',
    searchButton: 'Search',
    helpButton: 'How to write a search',
    helpTitle: 'Search syntax',
    helpRows: [
      ['banjir jakarta', 'every word must appear (inflected forms match too)'],
      ['"harga cabai"', 'exact phrase'],
      ['banjir OR longsor', 'either word'],
      ['banjir -jakarta', 'without that word (also NOT jakarta)'],
      ['(banjir OR longsor) bogor', 'group with parentheses'],
      ['korup*', 'word prefix'],
      ['title:pemilu', 'in titles only; also source:, section:, author:, location:, tag:, lang:'],
      ['date:2017-01-01..2017-03-31', 'date range (either end may be left out)'],
    ],
    helpKeys: 'Keys: / to the search box · Tab to the results · Esc back from an article',
    close: 'Close',
    language: 'Interface language',
    switchTo: 'Bahasa Indonesia',
    filters: 'Filters',
    filtersShow: 'Show filters',
    filtersHide: 'Hide filters',
    field_source: 'Source',
    field_section: 'Section',
    field_author: 'Author',
    field_location: 'Place',
    field_lang: 'Language',
    field_tag: 'Tag',
    field_date: 'Date',
    lang_id: 'Indonesian',
    lang_en: 'English',
    more: 'More',
    fewer: 'Fewer',
    removeFilter: 'Remove filter {label}',
    clearAll: 'Clear all filters',
    dateFrom: 'From',
    dateTo: 'To',
    dateApply: 'Apply',
    histogramLabel: 'Articles per {unit}: {first} to {last}, at most {max}. Click or drag to pick a range.',
    histogramTitle: 'Articles per {unit}',
    histogramHint: 'Click or drag to filter by date',
    unit_month: 'month',
    unit_year: 'year',
    undated: '{n} undated',
    results: '{n} articles',
    resultsOne: '1 article',
    resultsAbout: 'about {n} articles',
    showing: 'showing {from}–{to}',
    took: '{ms} ms',
    sort: 'Sort',
    sort_relevance: 'Most relevant',
    sort_newest: 'Newest',
    sort_oldest: 'Oldest',
    didYouMean: 'Did you mean:',
    readAs: 'Read as:',
    datesOn: 'dated {day}',
    datesBetween: 'dated {from} – {to}',
    datesSince: 'since {from}',
    datesUntil: 'until {to}',
    noResults: 'No articles match.',
    noResultsHint: 'Try other words, or remove filters.',
    pages: 'Pages',
    prev: '‹ Previous',
    next: 'Next ›',
    page: 'Page {n}',
    loading: 'Loading…',
    error: 'Error: {message}',
    networkError: 'The server cannot be reached.',
    back: '← Back to results',
    backHome: '← To search',
    permalink: 'Permalink',
    original: 'Original',
    similar: 'Similar articles',
    noSimilar: 'No similar articles.',
    meta_id: 'ID',
    meta_published: 'Published',
    meta_authors: 'Authors',
    meta_tags: 'Tags',
    notFound: 'No such article.',
    byline: 'by {names}',
    home: 'Warta home',
  },
};

export const LANGUAGES = Object.keys(STRINGS);
const STORAGE_KEY = 'warta.ui-language';
let current = 'id';

// The stored choice, else the first browser language we speak, else Indonesian.
export function initLanguage() {
  let stored = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage may be disabled; the browser's language still decides.
  }
  if (LANGUAGES.includes(stored)) {
    current = stored;
  } else {
    const preferred = (navigator.languages || [navigator.language || ''])
      .map((l) => l.slice(0, 2).toLowerCase())
      .find((l) => LANGUAGES.includes(l));
    current = preferred || 'id';
  }
  document.documentElement.lang = current;
  return current;
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered across visits, still switched for this one.
  }
}

// The string for `key`, with {name} placeholders filled from `vars`.
export function t(key, vars = {}) {
  const value = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  if (typeof value !== 'string') return value;
  return value.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

// Fills data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label)
// and data-i18n-title under `root`.
export function applyStaticText(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
}

// Intl formatters are slow to make and fast to use: one of each per language.
const formatters = new Map();
function formatter(kind, make) {
  const key = `${current}:${kind}`;
  if (!formatters.has(key)) formatters.set(key, make());
  return formatters.get(key);
}

export function formatNumber(n) {
  return formatter('number', () => new Intl.NumberFormat(current)).format(n);
}

// "2017-05-12" or "2017-05-12T10:00:00+07:00" -> "12 Mei 2017": the date as
// written, never shifted by the reader's time zone.
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  if (!m) return iso || '';
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return formatter('date', () => new Intl.DateTimeFormat(current, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })).format(date);
}

// "2017-05" -> "Mei 2017"; "2017" -> "2017".
export function formatPeriod(value) {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, 1));
  return formatter('month', () => new Intl.DateTimeFormat(current, { month: 'short', year: 'numeric', timeZone: 'UTC' })).format(date);
}
