// random_words: articles of random words for tests of matching and ranking,
// from a frequent, a middling and a rare vocabulary, with positions.
#pragma once

#include <random>
#include <string>
#include <vector>

#include <xapian.h>

namespace warta::test {

// How many words an article gets and how they are drawn: each word is
// `frequent` + 0..frequent_kinds-1 with probability frequent_below %, else
// "m" + 0..middling_kinds-1 below middling_below %, else "r" + 0..rare_kinds-1.
struct WordMix {
  unsigned min_words = 5;
  unsigned extra_words = 200;  // an article has min_words + 0..extra_words-1 words
  std::string frequent = "w";
  unsigned frequent_kinds = 5;
  unsigned frequent_below = 60;
  unsigned middling_kinds = 40;
  unsigned middling_below = 90;
  unsigned rare_kinds = 500;
};

// Adds an article's words to `doc`, each at the next position.
inline void add_random_words(Xapian::Document& doc, std::mt19937& random, const WordMix& mix) {
  Xapian::termpos pos = 0;
  unsigned words = mix.min_words + static_cast<unsigned>(random() % mix.extra_words);
  for (unsigned w = 0; w < words; ++w) {
    auto pick = random() % 100;
    doc.add_posting(pick < mix.frequent_below   ? mix.frequent + std::to_string(random() % mix.frequent_kinds)
                    : pick < mix.middling_below ? "m" + std::to_string(random() % mix.middling_kinds)
                                                : "r" + std::to_string(random() % mix.rare_kinds),
                    ++pos);
  }
}

// Shards for tests over several databases: each one opened, and all of
// them as one database (what a search over the shards reads).
struct TestShards {
  std::vector<Xapian::Database> each;
  Xapian::Database all;
};

// `count` shards, the one numbered s written by `build(path, s)` at
// `directory`/shard<s>, in order.
template <typename Build>
TestShards build_shards(const std::string& directory, unsigned count, Build build) {
  TestShards shards;
  for (unsigned s = 0; s < count; ++s) {
    std::string path = directory + "/shard" + std::to_string(s);
    build(path, s);
    shards.each.emplace_back(path);
    shards.all.add_database(shards.each.back());
  }
  return shards;
}

}  // namespace warta::test
