// Articles and documents for the indexer's tests: an archive's accepted
// articles, and a document's terms as text for exact comparisons.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/parse_jsonl.h"
#include "indexer/source.h"

namespace warta::indexer::test {

// The articles of a JSON Lines file (plain or gzip) that parse and pass
// validation, in file order.
inline std::vector<Article> read_articles(const std::string& path) {
  std::vector<Article> articles;
  std::istringstream in(read_whole_file(path, std::size_t{1} << 30));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    ParsedRecord r = parse_jsonl_record(line);
    if (r.article) articles.push_back(*r.article);
  }
  return articles;
}

// Every term with its wdf and positions, a line each: "term:wdf,pos,pos".
inline std::string dump_terms(const Xapian::Document& doc) {
  std::ostringstream out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out << *t << ':' << t.get_wdf();
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out << ',' << *p;
    out << '\n';
  }
  return out.str();
}

}  // namespace warta::indexer::test
