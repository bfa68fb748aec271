// xapian_baseline_index: the plain-Xapian indexer Warta's indexer is measured
// against: one writer, TermGenerator with the Indonesian stemmer, title and
// body, the record stored as data, add_document, Xapian's default settings.
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include <xapian.h>

#include "baseline_document.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: warta-bench-xapian-baseline DB INPUT.jsonl[.gz]\n";
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  gzFile in = gzopen(argv[2], "rb");
  if (in == nullptr) {
    std::cerr << argv[2] << ": cannot open\n";
    return 1;
  }
  gzbuffer(in, 1 << 18);
  Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator = warta::bench::baseline_term_generator();
  std::string line;
  char buf[1 << 16];
  unsigned long docs = 0;
  auto index_line = [&] {
    if (line.empty()) return;
    std::optional<Xapian::Document> doc = warta::bench::baseline_document(generator, line);
    if (!doc) return;
    db.add_document(*doc);
    ++docs;
  };
  while (gzgets(in, buf, sizeof buf) != nullptr) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      index_line();
      line.clear();
    }
  }
  index_line();
  gzclose(in);
  db.commit();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"accepted\": %lu, \"seconds\": %.3f, \"docs_per_sec\": %.1f}\n", docs, secs,
              static_cast<double>(docs) / secs);
  return 0;
}
