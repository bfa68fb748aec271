// api: the page's calls to searchd. A new search cancels the one in flight,
// so a stale answer never overwrites a newer view; recent answers are kept
// (answer_cache.js) so going back shows the same results at once.

import { AnswerCache } from './answer_cache.js';

const cache = new AnswerCache();
let inflight = null;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request(url, options = {}) {
  const response = await fetch(url, { ...options, headers: { Accept: 'application/json', ...(options.headers || {}) } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : { code: 'http', message: `HTTP ${response.status}` };
    throw new ApiError(response.status, error.code, error.message);
  }
  return body;
}

function postSearch(body, signal) {
  const key = JSON.stringify(body);
  const known = cache.get(key);
  if (known !== undefined) return Promise.resolve(known);
  return request('/search', { method: 'POST', body: key, headers: { 'Content-Type': 'application/json' }, signal }).then((r) => {
    cache.set(key, r);
    return r;
  });
}

// Runs the main search and the per-filter ones together; resolves to
// {main, others: {field: response}}, or null when a newer search replaced it.
export async function runSearch({ main, others }) {
  if (inflight) inflight.abort();
  const controller = new AbortController();
  inflight = controller;
  const names = Object.keys(others);
  try {
    const answers = await Promise.all([postSearch(main, controller.signal), ...names.map((n) => postSearch(others[n], controller.signal))]);
    if (controller.signal.aborted) return null;
    return { main: answers[0], others: Object.fromEntries(names.map((n, i) => [n, answers[i + 1]])) };
  } catch (error) {
    if (error.name === 'AbortError' || controller.signal.aborted) return null;
    throw error;
  } finally {
    if (inflight === controller) inflight = null;
  }
}

export function getArticle(id, signal) {
  return request(`/articles/${encodeURIComponent(id)}`, { signal });
}

export function getSimilar(id, signal) {
  return request(`/articles/${encodeURIComponent(id)}/similar?limit=5`, { signal });
}
