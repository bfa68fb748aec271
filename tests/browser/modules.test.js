// The page's pure modules (URL state, request bodies, histogram buckets),
// loaded straight from web/ by Node: no browser needed.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AnswerCache } from '../../web/answer_cache.js';
import { buckets } from '../../web/histogram.js';
import { bucketRange, effectiveSort, parseState, searchBodies, stateToSearch } from '../../web/state.js';

test('a view survives the URL round trip, in one normal form', () => {
  const search = '?q=banjir+jakarta&source=a.com&source=b.com&section=Nasional&from=2017-01-01&to=2017-03-31&sort=newest&page=3&article=x%2Fy';
  const state = parseState(search);
  assert.equal(state.q, 'banjir jakarta');
  assert.deepEqual(state.filters.source, ['a.com', 'b.com']);
  assert.equal(state.page, 3);
  assert.equal(state.article, 'x/y');
  assert.deepEqual(parseState(stateToSearch(state)), state);
  assert.equal(stateToSearch(parseState('?page=1&sort=relevance&q=a')), '?q=a&sort=relevance');
});

test('malformed parameters are dropped, not fatal', () => {
  const state = parseState('?from=yesterday&to=2017-13&sort=random&page=-2&source=&source=a&source=a&x=1');
  assert.equal(state.from, '');
  assert.equal(state.to, '');
  assert.equal(state.sort, '');
  assert.equal(state.page, 1);
  assert.deepEqual(state.filters.source, ['a']);
  assert.equal(parseState('?page=999999').page, 1001, 'no page past the largest offset');
});

test('each filtered field gets a search without its own filter', () => {
  const state = parseState('?q=gol&source=a&section=b&from=2017-01-01');
  const { main, others } = searchBodies(state);
  assert.deepEqual(main.filters, { source: ['a'], section: ['b'], date: { from: '2017-01-01' } });
  assert.equal(main.offset, 0);
  assert.equal(main.limit, 10);
  assert.equal(main.sort, undefined, 'the server picks the default sort');
  assert.deepEqual(Object.keys(others).sort(), ['date', 'section', 'source']);
  assert.deepEqual(others.source.filters, { section: ['b'], date: { from: '2017-01-01' } });
  assert.deepEqual(others.source.facets, [{ field: 'source', size: 8 }]);
  assert.equal(others.source.limit, 0);
  assert.deepEqual(others.date.filters, { source: ['a'], section: ['b'] });
  assert.deepEqual(others.date.facets, ['month', 'year']);
  assert.deepEqual(searchBodies(parseState('?page=2'), new Set(['tag'])).main.facets.find((f) => f.field === 'tag'), { field: 'tag', size: 50 });
  assert.equal(searchBodies(parseState('?page=2')).main.offset, 10);
  assert.equal(effectiveSort(parseState('?q=a')), 'relevance');
  assert.equal(effectiveSort(parseState('')), 'newest');
});

test('bucket ranges cover whole months and years', () => {
  assert.deepEqual(bucketRange('2016-02'), { from: '2016-02-01', to: '2016-02-29' });
  assert.deepEqual(bucketRange('2017-02'), { from: '2017-02-01', to: '2017-02-28' });
  assert.deepEqual(bucketRange('2017-12'), { from: '2017-12-01', to: '2017-12-31' });
  assert.deepEqual(bucketRange('2017'), { from: '2017-01-01', to: '2017-12-31' });
});

test('the histogram fills empty months and switches to years for long ranges', () => {
  const short = buckets({ month: [{ value: '2016-11', count: 2 }, { value: '2017-02', count: 5 }], year: [] });
  assert.equal(short.unit, 'month');
  assert.deepEqual(short.bars.map((b) => `${b.value}:${b.count}`), ['2016-11:2', '2016-12:0', '2017-01:0', '2017-02:5']);
  const long = buckets({
    month: [{ value: '2001-03', count: 1 }, { value: '2010-05', count: 4 }],
    year: [{ value: '2001', count: 1 }, { value: '2010', count: 4 }],
  });
  assert.equal(long.unit, 'year');
  assert.equal(long.bars.length, 10);
  assert.deepEqual(long.bars[0], { value: '2001', count: 1 });
  assert.deepEqual(long.bars[5], { value: '2006', count: 0 });
  assert.deepEqual(buckets({ month: [], year: [] }).bars, []);
});

test('recent answers are kept for a minute, the newest thirty at most', () => {
  let clock = 0;
  const cache = new AnswerCache({ size: 3, maxAgeMs: 60_000, now: () => clock });
  cache.set('a', 1);
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1);
  clock = 59_000;
  assert.equal(cache.get('b'), 2, 'still fresh');
  clock = 60_001;
  assert.equal(cache.get('a'), undefined, 'an answer older than a minute is asked again');
  cache.set('c', 3);
  cache.set('d', 4);
  cache.set('e', 5);
  cache.set('f', 6);
  assert.equal(cache.get('c'), undefined, 'the oldest goes past the size');
  assert.equal(cache.get('f'), 6);
  assert.equal(new AnswerCache().size, 30);
});
