// answer_cache: the page's recent answers, so that going back shows the
// same results at once. An answer is kept for a minute only: the archive
// is updated while people search it, and an older answer would hide that.

export class AnswerCache {
  constructor({ size = 30, maxAgeMs = 60_000, now = () => Date.now() } = {}) {
    this.size = size;
    this.maxAgeMs = maxAgeMs;
    this.now = now;
    this.entries = new Map();
  }

  get(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key, value) {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value);
  }
}
