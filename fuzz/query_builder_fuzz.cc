// Fuzz target: the query syntax of `q` (searchd/query_builder), parsed
// against a small index of tests/testdata/articles.jsonl so that wildcards
// expand and spelling suggestions are looked up, then matched.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <xapian.h>

#include "common/error.h"
#include "fuzz/fuzz_check.h"
#include "indexer/analyse.h"
#include "indexer/parse_jsonl.h"
#include "indexer/spelling.h"
#include "searchd/query_builder.h"

namespace {

// Built once per process in a temporary directory (the in-memory backend
// has no spelling dictionary), removed when the process exits.
// Never destroyed, so the exit handler can still read it.
const std::filesystem::path& fixture_dir() {
  static const std::filesystem::path* const dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "warta-fuzz-XXXXXX").string();
    WARTA_FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr);
    auto* path = new std::filesystem::path(pattern);
    std::atexit([] { std::filesystem::remove_all(fixture_dir()); });
    return path;
  }();
  return *dir;
}

const Xapian::Database& fixture_index() {
  static const Xapian::Database db = [] {
    Xapian::WritableDatabase writable((fixture_dir() / "index").string(), Xapian::DB_CREATE);
    std::ifstream in(WARTA_FUZZ_ARTICLES);
    WARTA_FUZZ_CHECK(in.good());
    warta::indexer::DocumentBuilder builder;
    std::string line;
    while (std::getline(in, line)) {
      warta::indexer::ParsedRecord record = warta::indexer::parse_jsonl_record(line);
      WARTA_FUZZ_CHECK(record.article.has_value());
      Xapian::Document doc = builder.build(*record.article);
      warta::indexer::add_spellings_from_document(writable, doc);
      writable.add_document(doc);
    }
    writable.commit();
    WARTA_FUZZ_CHECK(writable.get_doccount() > 0);
    return Xapian::Database((fixture_dir() / "index").string());
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace warta;
  const Xapian::Database& db = fixture_index();
  searchd::SearchRequest request;
  request.q = std::string(fuzz::as_text(data, size));
  // The codec refuses such a q before any query is built.
  if (find_invalid_utf8(request.q)) return 0;
  // With and without filters: they wrap the text query.
  for (const bool filtered : {false, true}) {
    if (filtered) {
      request.filters = {{"source", {"kompas.com", "detik.com"}}, {"lang", {"id"}}};
      request.date = searchd::DateRange{"2020-01-01", std::nullopt};
    }
    searchd::BuiltQuery built;
    try {
      built = searchd::build_query(request, db);
    } catch (const Error& e) {
      // The one way to refuse a query: a 400 naming q.
      WARTA_FUZZ_CHECK(e.code() == ErrorCode::kBadRequest);
      WARTA_FUZZ_CHECK(std::string_view(e.what()).substr(0, 3) == "q: ");
      return 0;
    }
    if (built.suggestion) WARTA_FUZZ_CHECK(!find_invalid_utf8(*built.suggestion));
    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    enquire.set_time_limit(1.0);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    WARTA_FUZZ_CHECK(mset.size() <= db.get_doccount());
  }
  return 0;
}
