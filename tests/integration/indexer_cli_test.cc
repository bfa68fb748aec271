// Integration: the real warta-indexer binary on the bundled sample and the
// hand-written fixture.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>
#include <zlib.h>

#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/analysis.h"
#include "common/index_meta.h"
#include "common/schema.h"
#include "tests/support/process.h"

namespace warta {
namespace {

using test::run_process;
using test::TempDir;

const std::string kIndexer = WARTA_INDEXER_BIN;
const std::string kFixture = std::string(WARTA_TESTDATA_DIR) + "/articles.jsonl";
const std::string kSample = WARTA_SAMPLE_ARCHIVE;

std::vector<std::string> gz_lines(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  std::vector<std::string> lines;
  std::string line;
  char buf[1 << 16];
  while (gzgets(f, buf, sizeof buf) != nullptr) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      lines.push_back(line);
      line.clear();
    }
  }
  if (!line.empty()) lines.push_back(line);
  gzclose(f);
  return lines;
}

test::ProcessResult index(const std::vector<std::string>& args, const std::string& input = {}) {
  std::vector<std::string> argv{kIndexer};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, input);
}

// id -> stored data: equal snapshots mean the same articles, stored alike.
std::map<std::string, std::string> snapshot(const std::string& db_path) {
  Xapian::Database db = open_index_for_reading(db_path);
  std::map<std::string, std::string> docs;
  std::string prefix(schema::id_prefix());
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    EXPECT_EQ(t.get_termfreq(), 1u) << "duplicate id " << *t;
    auto p = db.postlist_begin(*t);
    docs[(*t).substr(prefix.size())] = db.get_document(*p).get_data();
  }
  EXPECT_EQ(docs.size(), db.get_doccount());
  return docs;
}

std::set<std::string> search(const std::string& db_path, const std::string& q) {
  Xapian::Database db = open_index_for_reading(db_path);
  Xapian::QueryParser parser;
  configure_query_parser(parser, Language::kIndonesian, db);
  Xapian::Enquire enquire(db);
  enquire.set_query(parser.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT));
  std::set<std::string> ids;
  for (auto m = enquire.get_mset(0, 1000).begin(); m != Xapian::MSetIterator(); ++m) {
    ids.insert(nlohmann::json::parse(m.get_document().get_data())["id"].get<std::string>());
  }
  return ids;
}

TEST(IndexerCli, HelpAndVersion) {
  auto help = index({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--db"), std::string::npos);
  EXPECT_NE(help.out.find("--rejects"), std::string::npos);
  auto version = index({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, "warta-indexer 0.1.0\n");
}

TEST(IndexerCli, UsageErrorsExitTwo) {
  TempDir dir;
  EXPECT_EQ(index({kFixture}).exit_code, 2);                                    // no --db
  EXPECT_EQ(index({"--db", dir.file("db"), "--bogus", kFixture}).exit_code, 2);  // unknown flag
  auto nothing = index({"--db", dir.file("db")});
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.err.find("nothing to do"), std::string::npos);
}

TEST(IndexerCli, AMissingInputIsFatalAndNamed) {
  TempDir dir;
  auto r = index({"--db", dir.file("db"), dir.file("missing.jsonl")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("missing.jsonl: no such file or directory"), std::string::npos) << r.err;
}

TEST(IndexerCli, TheBundledSampleGivesOneDocumentPerArticle) {
  TempDir dir;
  auto lines = gz_lines(kSample);
  ASSERT_GE(lines.size(), 500u);
  auto r = index({"--db", dir.file("db"), "--json-summary", kSample});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["accepted"], lines.size());
  EXPECT_EQ(summary["rejected"], 0);
  EXPECT_EQ(summary["documents"], lines.size());
  EXPECT_EQ(Xapian::Database(dir.file("db")).get_doccount(), lines.size());
  auto check = run_process({"/usr/bin/xapian-check", dir.file("db")});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST(IndexerCli, FieldQueriesFindTheRightArticles) {
  TempDir dir;
  ASSERT_EQ(index({"--db", dir.file("db"), kFixture}).exit_code, 0);
  const std::string db = dir.file("db");
  using Ids = std::set<std::string>;
  EXPECT_EQ(search(db, "title:banjir"), Ids{"t02-banjir-jakarta"});
  EXPECT_EQ(search(db, "author:\"rina wulandari\""), (Ids{"t02-banjir-jakarta", "t17-kementerian"}));
  EXPECT_EQ(search(db, "location:cianjur"), Ids{"t07-gempa-cianjur"});
  EXPECT_EQ(search(db, "source:antaranews.com"), (Ids{"t03-pemilu-kpu", "t07-gempa-cianjur"}));
  EXPECT_EQ(search(db, "section:teknologi"), (Ids{"t06-teknologi-ai", "t14-script-escape"}));
  EXPECT_EQ(search(db, "tag:gempa"), Ids{"t07-gempa-cianjur"});
  EXPECT_EQ(search(db, "lang:en"),
            (Ids{"t11-en-election", "t12-en-markets", "t13-en-no-lang", "t20-reuters-en"}));
  // Inflections meet: "bangun" finds "membangun".
  EXPECT_EQ(search(db, "bangun"), (Ids{"t16-mojibake"}));
  // Clean-up: the glued sentence is split, the cross-link line is gone.
  EXPECT_EQ(search(db, "kegiatan"), Ids{"t15-cleanup"});
  EXPECT_EQ(search(db, "\"sampah plastik cemari laut\""), Ids{});
  // Mojibake repaired: the quote marks no longer glue to the words.
  EXPECT_EQ(search(db, "title:siap"), Ids{"t16-mojibake"});
}

TEST(IndexerCli, ExactFiltersAndDatesUseTheSchemaTerms) {
  TempDir dir;
  ASSERT_EQ(index({"--db", dir.file("db"), kFixture}).exit_code, 0);
  Xapian::Database db = open_index_for_reading(dir.file("db"));
  EXPECT_EQ(db.get_termfreq(schema::exact_term(*schema::find_field("location"), "JAKARTA")), 4u);
  EXPECT_EQ(db.get_termfreq(schema::exact_term(*schema::find_field("section"), "Olahraga")), 1u);
  EXPECT_EQ(db.get_termfreq(schema::year_term(2022)), 3u);
  EXPECT_EQ(db.get_termfreq(schema::month_term(2024, 3)), 2u);
  EXPECT_EQ(db.get_termfreq(schema::exact_term(*schema::find_field("author"), "nadia putri")), 1u);
}

TEST(IndexerCli, ReindexingChangesNothing) {
  TempDir dir;
  ASSERT_EQ(index({"--db", dir.file("db"), kFixture}).exit_code, 0);
  auto before = snapshot(dir.file("db"));
  auto again = index({"--db", dir.file("db"), "--json-summary", kFixture});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["mode"], "incremental");
  EXPECT_EQ(snapshot(dir.file("db")), before);
  EXPECT_EQ(before.size(), 20u);
}

TEST(IndexerCli, DeleteByIdAndFromAFile) {
  TempDir dir;
  ASSERT_EQ(index({"--db", dir.file("db"), kFixture}).exit_code, 0);
  auto r = index({"--db", dir.file("db"), "--json-summary", "--delete", "t01-humas-bogor", "no-such-id"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["deleted"], 1);
  EXPECT_EQ(summary["delete_missing"], 1);
  test::write_file(dir.file("ids.txt"), "# ids to drop\nt02-banjir-jakarta\n\n  t03-pemilu-kpu  \n");
  ASSERT_EQ(index({"--db", dir.file("db"), "--delete-from", dir.file("ids.txt")}).exit_code, 0);
  auto docs = snapshot(dir.file("db"));
  EXPECT_EQ(docs.size(), 17u);
  EXPECT_FALSE(docs.count("t01-humas-bogor"));
  EXPECT_FALSE(docs.count("t03-pemilu-kpu"));
  // A file saved with a byte-order mark names its first id all the same.
  test::write_file(dir.file("bom.txt"), "\xEF\xBB\xBFt04-sepak-bola\r\n");
  ASSERT_TRUE(docs.count("t04-sepak-bola"));
  ASSERT_EQ(index({"--db", dir.file("db"), "--delete-from", dir.file("bom.txt")}).exit_code, 0);
  EXPECT_EQ(snapshot(dir.file("db")).size(), 16u);
  // A directory is not a file of ids; --db is not a file.
  auto not_a_file = index({"--db", dir.file("db"), "--delete-from", dir.path()});
  EXPECT_EQ(not_a_file.exit_code, 1);
  EXPECT_NE(not_a_file.err.find("is a directory, not a file of ids"), std::string::npos) << not_a_file.err;
  auto db_is_a_file = index({"--db", dir.file("bom.txt"), kFixture});
  EXPECT_EQ(db_is_a_file.exit_code, 1);
  EXPECT_NE(db_is_a_file.err.find("--db " + dir.file("bom.txt") + " is a file, not an index directory"),
            std::string::npos)
      << db_is_a_file.err;
}

TEST(IndexerCli, PlantedBadLinesAreExactlyTheRejects) {
  TempDir dir;
  std::string good = test::read_file(kFixture);
  std::string input = good;
  input += "{\"id\": \"bad-1\", \"title\": \"no body\"}\n";            // line 21
  input += "\n";                                                     // 22: blank, skipped
  input += "{\"id\": \"bad-2\", \"title\": \"t\", \"body\": \"b\", \"published_at\": \"kemarin\"}\n";  // 23
  input += "{\"id\": \"bad-3\", \"title\": \"t\", \"body\": \"b\xff\"}\n";  // 24
  input += "{\"id\": \"bad-4\", \"title\": \"t\", \"body\": \"" + std::string(5000, 'x') + "\"}\n";  // 25
  input += "{\"id\": \"bad-5\", \"title\": \"t\", \"body\": \"b\", \"authors\": 5}\n";  // 26
  input += "{\"id\": \"bad-6\", \"title\": \"t\", \"body\": \"b\"\n";              // 27
  input += "{\"id\": \"good-21\", \"title\": \"Masih diterima\", \"body\": \"Baris sesudah yang rusak tetap masuk.\"}\n";
  test::write_file(dir.file("mixed.jsonl"), input);
  auto r = index({"--db", dir.file("db"), "--json-summary", "--max-record-bytes", "4096", "--rejects",
                  dir.file("rejects.jsonl"), dir.file("mixed.jsonl")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  auto summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["accepted"], 21);
  EXPECT_EQ(summary["rejected"], 6);
  EXPECT_EQ(Xapian::Database(dir.file("db")).get_doccount(), 21u);

  std::vector<nlohmann::json> rejects;
  std::istringstream lines(test::read_file(dir.file("rejects.jsonl")));
  for (std::string line; std::getline(lines, line);) rejects.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rejects.size(), 6u);
  const std::pair<int, std::string> expected[] = {
      {21, "missing required field \"body\""},
      {23, "field \"published_at\": \"kemarin\" is not an ISO 8601 date (YYYY-MM-DD or "
           "YYYY-MM-DDThh:mm:ss with an optional offset)"},
      {24, "invalid UTF-8 at byte 41"},
      {25, "record is 5041 bytes, over the limit of 4096 (--max-record-bytes)"},
      {26, "field \"authors\": expected an array of strings, got number"},
      {27, "invalid JSON at byte 42"},
  };
  for (std::size_t i = 0; i < rejects.size(); ++i) {
    EXPECT_EQ(rejects[i]["file"], dir.file("mixed.jsonl"));
    EXPECT_EQ(rejects[i]["line"], expected[i].first);
    EXPECT_EQ(rejects[i]["reason"], expected[i].second);
  }
  EXPECT_EQ(rejects[0]["text"], "{\"id\": \"bad-1\", \"title\": \"no body\"}");
}

// A file named as JSON Lines is read as lines whatever its first line
// holds: a damaged first record is one reject, not the whole file read as a
// page; an empty one is no articles and no error.
TEST(IndexerCli, AJsonLinesFileWithADamagedFirstLineKeepsItsOtherArticles) {
  TempDir dir;
  test::write_file(dir.file("damaged.jsonl"),
                   "corrupted line here\n"
                   "{\"id\": \"s1\", \"title\": \"Judul satu\", \"body\": \"Isi berita satu tentang banjir.\"}\n"
                   "\n"
                   "{\"id\": \"s2\", \"title\": \"Judul dua\", \"body\": \"Isi berita dua tentang pemilu.\"}\n");
  auto r = index({"--db", dir.file("db"), "--json-summary", "--rejects", dir.file("rejects.jsonl"),
                  dir.file("damaged.jsonl")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  auto rejects = nlohmann::json::parse(test::read_file(dir.file("rejects.jsonl")));
  EXPECT_EQ(rejects["line"], 1);
  EXPECT_EQ(rejects["text"], "corrupted line here");
  std::set<std::string> ids;
  for (const auto& [id, data] : snapshot(dir.file("db"))) ids.insert(id);
  EXPECT_EQ(ids, (std::set<std::string>{"s1", "s2"}));

  test::write_file(dir.file("empty.jsonl"), "");
  auto empty = index({"--db", dir.file("db2"), "--json-summary", dir.file("empty.jsonl")});
  EXPECT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(nlohmann::json::parse(empty.out)["records"], 0);
}

// A run that fails keeps nothing it wrote after its last commit: here the
// rejects file cannot be written (/dev/full) while an update runs.
TEST(IndexerCli, AFailedUpdateKeepsNothingAfterItsLastCommit) {
  TempDir dir;
  auto lines = gz_lines(kSample);
  std::string first_part, rest = "not an article\n";
  for (std::size_t i = 0; i < lines.size(); ++i) (i < 10 ? first_part : rest) += lines[i] + "\n";
  test::write_file(dir.file("first.jsonl"), first_part);
  test::write_file(dir.file("rest.jsonl"), rest);
  ASSERT_EQ(index({"--db", dir.file("db"), dir.file("first.jsonl")}).exit_code, 0);
  auto before = snapshot(dir.file("db"));
  ASSERT_EQ(before.size(), 10u);

  auto failed = index({"--db", dir.file("db"), "--rejects", "/dev/full", dir.file("rest.jsonl")});
  EXPECT_EQ(failed.exit_code, 1) << failed.err;
  EXPECT_NE(failed.err.find("cannot write rejects file /dev/full: No space left on device"), std::string::npos)
      << failed.err;
  EXPECT_EQ(snapshot(dir.file("db")), before) << "the failed run's articles were committed";

  auto rerun = index({"--db", dir.file("db"), dir.file("rest.jsonl")});
  EXPECT_EQ(rerun.exit_code, 3) << rerun.err;
  EXPECT_EQ(snapshot(dir.file("db")).size(), lines.size());
}

TEST(IndexerCli, ReadsStandardInputAndDirectories) {
  TempDir dir;
  auto r = index({"--db", dir.file("db1"), "--json-summary", "-"}, test::read_file(kFixture));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["documents"], 20);

  std::filesystem::create_directories(dir.file("archive/2023"));
  std::filesystem::copy_file(kFixture, dir.file("archive/2023/a.jsonl"));
  std::filesystem::copy_file(kSample, dir.file("archive/sample.jsonl.gz"));
  test::write_file(dir.file("archive/readme.md"), "not an archive file");
  auto d = index({"--db", dir.file("db2"), "--json-summary", dir.file("archive")});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  auto summary = nlohmann::json::parse(d.out);
  EXPECT_EQ(summary["files"], 2);
  EXPECT_EQ(summary["skipped_files"], 1);
  EXPECT_EQ(summary["documents"], 20 + gz_lines(kSample).size());
}

TEST(IndexerCli, DryRunPrintsTheParsedArticlesAndWritesNothing) {
  TempDir dir;
  std::string input = test::read_file(kFixture) + "{\"id\": \"bad\", \"title\": \"t\"}\n";
  test::write_file(dir.file("in.jsonl"), input);
  auto r = index({"--dry-run", "--rejects", dir.file("rejects.jsonl"), dir.file("in.jsonl")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  std::vector<nlohmann::json> printed;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) printed.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(printed.size(), 20u);
  EXPECT_EQ(printed[0]["id"], "t01-humas-bogor");  // input order
  EXPECT_EQ(printed[14]["id"], "t15-cleanup");
  EXPECT_EQ(printed[14]["title"], "Warga Gotong Royong Bersihkan Sungai");  // cleaned
  EXPECT_EQ(printed[19]["id"], "t20-reuters-en");
  EXPECT_NE(test::read_file(dir.file("rejects.jsonl")).find("missing required field"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.file("db")));
  EXPECT_EQ(index({"--dry-run", "--json-summary", kFixture}).exit_code, 2);
}

// One run over a directory that mixes JSON Lines, a raw page and IPTC XML;
// formats are told from content, bad files are rejects, the rest goes in.
TEST(IndexerCli, AMixedDirectoryIndexesInOneRun) {
  TempDir dir;
  namespace fs = std::filesystem;
  fs::create_directories(dir.file("archive/2022/03"));
  fs::copy_file(kFixture, dir.file("archive/feed.jsonl"));
  fs::copy_file(std::string(WARTA_TESTDATA_DIR) + "/raw/dialeksis-2022-03-30-humas.txt",
                dir.file("archive/2022/03/humas.txt"));
  for (const char* xml : {"nitf-basic.xml", "newsml-g2-message.xml", "malformed.xml"}) {
    fs::copy_file(std::string(WARTA_TESTDATA_DIR) + "/xml/" + xml, dir.file(std::string("archive/") + xml));
  }
  test::write_file(dir.file("archive/photo.jpg"), std::string("\xff\xd8\xff\xe0", 4));
  // A page saved in Windows-1252 (0x93/0x94 quotes, 0xE9 e-acute).
  test::write_file(dir.file("archive/lama.txt"),
                   "Kafe Tua Dibuka Kembali\nJAKARTA, KOMPAS.com - Pemilik caf\xe9 itu berkata \x93kami "
                   "senang sekali\x94 ketika menyambut para pelanggan lama yang datang kembali.\n");
  auto r = index({"--db", dir.file("db"), "--json-summary", "--rejects", dir.file("rejects.jsonl"),
                  dir.file("archive")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  auto summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["files"], 6);
  EXPECT_EQ(summary["skipped_files"], 1);  // the photo
  EXPECT_EQ(summary["rejected"], 1);       // the malformed XML
  EXPECT_NE(test::read_file(dir.file("rejects.jsonl")).find("invalid XML"), std::string::npos);
  EXPECT_EQ(summary["accepted"], 20 + 1 + 1 + 1 + 2);

  // The raw page: title, source, place, date and byline from the page itself.
  const std::string db = dir.file("db");
  // The fixture's t01 retells the same story; the page is the other one.
  auto ids = search(db, "title:pengelolaan title:humas");
  ids.erase("t01-humas-bogor");
  ASSERT_EQ(ids.size(), 1u);
  Xapian::Database index_db = open_index_for_reading(db);
  auto p = index_db.postlist_begin(schema::id_term(*ids.begin()));
  auto page = nlohmann::json::parse(index_db.get_document(*p).get_data());
  EXPECT_EQ(page["title"], "Pengelolaan Humas Harus Terapkan Cara-cara Baru");
  EXPECT_EQ(page["source"], "dialeksis.com");
  EXPECT_EQ(page["location"], "Bogor");
  EXPECT_EQ(page["published_at"], "2022-03-30");
  EXPECT_EQ(page["authors"], nlohmann::json({"PK"}));
  EXPECT_EQ(page["body"].get<std::string>().find("Font: Ukuran"), std::string::npos);
  EXPECT_EQ(page["body"].get<std::string>().find("[PK]"), std::string::npos);

  // The Windows-1252 page was converted, not rejected.
  auto old_page = search(db, "title:kafe");
  ASSERT_EQ(old_page.size(), 1u);
  auto q = index_db.postlist_begin(schema::id_term(*old_page.begin()));
  auto converted = nlohmann::json::parse(index_db.get_document(*q).get_data());
  EXPECT_NE(converted["body"].get<std::string>().find("caf\xC3\xA9 itu berkata \xE2\x80\x9Ckami"), std::string::npos)
      << converted["body"];
  EXPECT_EQ(converted["source"], "kompas.com");

  // Re-indexing the same tree replaces, never duplicates (stable ids).
  auto again = index({"--db", db, "--json-summary", dir.file("archive")});
  EXPECT_EQ(nlohmann::json::parse(again.out)["documents"], summary["documents"]);
}

// .tar.gz and .zip bundles are read in memory, entry by entry, each entry as
// its format; a damaged bundle is a reject naming it.
TEST(IndexerCli, BundlesAreReadWithoutUnpacking) {
  TempDir dir;
  namespace fs = std::filesystem;
  fs::create_directories(dir.file("src/2022"));
  fs::copy_file(kFixture, dir.file("src/feed.jsonl"));
  fs::copy_file(std::string(WARTA_TESTDATA_DIR) + "/raw/dialeksis-2022-03-30-humas.txt", dir.file("src/2022/humas.txt"));
  fs::copy_file(std::string(WARTA_TESTDATA_DIR) + "/xml/nitf-basic.xml", dir.file("src/nitf-basic.xml"));
  ASSERT_EQ(run_process({"/bin/tar", "-czf", dir.file("bundle.tar.gz"), "-C", dir.file("src"), "."}).exit_code, 0);
  auto zipped = run_process({"/usr/bin/python3", "-c",
                             "import zipfile,os,sys\n"
                             "z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\n"
                             "for r,_,fs in os.walk(sys.argv[2]):\n"
                             "  for f in fs: p=os.path.join(r,f); z.write(p, os.path.relpath(p, sys.argv[2]))\n"
                             "z.close()\n",
                             dir.file("bundle.zip"), dir.file("src")});
  ASSERT_EQ(zipped.exit_code, 0) << zipped.err;
  for (const char* bundle : {"bundle.tar.gz", "bundle.zip"}) {
    auto r = index({"--db", dir.file(std::string("db-") + bundle), "--json-summary", dir.file(bundle)});
    ASSERT_EQ(r.exit_code, 0) << bundle << ": " << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["documents"], 20 + 1 + 1) << bundle;
  }
  EXPECT_EQ(search(dir.file("db-bundle.zip"), "title:pengelolaan").size(), 2u);  // t01 and the page

  std::string tar = test::read_file(dir.file("bundle.tar.gz"));
  test::write_file(dir.file("damaged.tar.gz"), tar.substr(0, 300));
  auto damaged = index({"--db", dir.file("db-damaged"), "--rejects", dir.file("rejects.jsonl"),
                        dir.file("damaged.tar.gz")});
  EXPECT_EQ(damaged.exit_code, 3) << damaged.err;
  EXPECT_NE(test::read_file(dir.file("rejects.jsonl")).find("damaged.tar.gz"), std::string::npos);
}

TEST(IndexerCli, FormatCanBeForced) {
  TempDir dir;
  test::write_file(dir.file("page.data"), "Judul Berita Pendek\nJAKARTA, KOMPAS.com - Isi berita yang cukup panjang untuk diindeks dengan baik.\n");
  auto r = index({"--dry-run", "--format", "raw", dir.file("page.data")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto article = nlohmann::json::parse(r.out);
  EXPECT_EQ(article["title"], "Judul Berita Pendek");
  EXPECT_EQ(article["source"], "kompas.com");
  EXPECT_EQ(article["location"], "JAKARTA");
  EXPECT_EQ(index({"--dry-run", "--format", "csv", dir.file("page.data")}).exit_code, 2);
}

nlohmann::json json_summary_of(const test::ProcessResult& r) {
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.err;
  return nlohmann::json::parse(r.out);
}

// A nightly re-run reads only new and changed files; --prune removes the
// articles of files that are gone and those dropped from changed files;
// --full reads everything again.
TEST(IndexerCli, IncrementalRunsSkipUnchangedFilesAndPrune) {
  TempDir dir;
  std::vector<std::string> lines;
  std::istringstream fixture(test::read_file(kFixture));
  for (std::string line; std::getline(fixture, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  ASSERT_EQ(lines.size(), 20u);
  auto write_part = [&](const std::string& name, std::size_t from, std::size_t to) {
    std::string text;
    for (std::size_t i = from; i < to; ++i) text += lines[i] + "\n";
    test::write_file(dir.file(name), text);
  };
  std::filesystem::create_directories(dir.file("archive/2023"));
  write_part("archive/a.jsonl", 0, 7);
  write_part("archive/2023/b.jsonl", 7, 14);
  write_part("archive/2023/c.jsonl", 14, 20);
  std::vector<std::string> run{"--db", dir.file("db"), "--json-summary", dir.file("archive")};

  auto first = json_summary_of(index(run));
  EXPECT_EQ(first["read_files"], 3);
  EXPECT_EQ(first["documents"], 20);

  auto again = json_summary_of(index(run));
  EXPECT_EQ(again["files"], 3);
  EXPECT_EQ(again["read_files"], 0);
  EXPECT_EQ(again["unchanged_files"], 3);
  EXPECT_EQ(again["accepted"], 0);
  EXPECT_EQ(again["documents"], 20);

  // Same content under a new mtime: skipped. A changed file: read.
  auto a = dir.file("archive/a.jsonl");
  std::filesystem::last_write_time(a, std::filesystem::last_write_time(a) + std::chrono::hours(1));
  write_part("archive/2023/b.jsonl", 7, 10);  // four articles dropped
  std::filesystem::remove(dir.file("archive/2023/c.jsonl"));
  write_part("archive/d.jsonl", 0, 1);  // an article moved to a new file
  auto changed = json_summary_of(index(run));
  EXPECT_EQ(changed["files"], 3);
  EXPECT_EQ(changed["read_files"], 2);
  EXPECT_EQ(changed["unchanged_files"], 1);
  EXPECT_EQ(changed["pruned_files"], 0);
  EXPECT_EQ(changed["documents"], 20) << "nothing is removed without --prune";

  std::vector<std::string> prune = run;
  prune.insert(prune.begin(), "--prune");
  auto pruned = json_summary_of(index(prune));
  EXPECT_EQ(pruned["read_files"], 0);
  EXPECT_EQ(pruned["pruned_files"], 1);
  EXPECT_EQ(pruned["pruned_articles"], 10);  // c's six, b's four
  auto docs = snapshot(dir.file("db"));
  EXPECT_EQ(docs.size(), 10u);
  EXPECT_TRUE(docs.count(nlohmann::json::parse(lines[0])["id"].get<std::string>())) << "moved, not pruned";
  EXPECT_FALSE(docs.count(nlohmann::json::parse(lines[12])["id"].get<std::string>()));
  EXPECT_FALSE(docs.count(nlohmann::json::parse(lines[19])["id"].get<std::string>()));

  // A prune of one folder leaves the files of others alone.
  write_part("elsewhere.jsonl", 14, 20);
  ASSERT_EQ(index({"--db", dir.file("db"), dir.file("elsewhere.jsonl")}).exit_code, 0);
  auto other = json_summary_of(index(prune));
  EXPECT_EQ(other["pruned_articles"], 0);
  EXPECT_EQ(snapshot(dir.file("db")).size(), 16u);

  std::vector<std::string> full = run;
  full.insert(full.begin(), "--full");
  auto everything = json_summary_of(index(full));
  EXPECT_EQ(everything["read_files"], 3);
  EXPECT_EQ(everything["unchanged_files"], 0);
  EXPECT_EQ(everything["accepted"], 11);
}

// A file that fails part-way is not recorded, so the next run reads it again.
// Deleting every article leaves an empty index that still records the
// files it read: the next run must keep those records, or an unchanged
// file is read again later and brings back what was deleted.
// One run at a time writes an index, for the whole run: the lock beside it
// is held even while a bulk build's new index is swapped in, when Xapian's
// own lock on the index directory is let go.
TEST(IndexerCli, ARunHoldsTheIndexForItsWholeLength) {
  TempDir dir;
  ASSERT_EQ(index({"--db", dir.file("db"), kFixture}).exit_code, 0);
  int fd = ::open(dir.file("db.warta-lock").c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_GE(fd, 0) << "the lock file sits beside the index";
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  auto locked = index({"--db", dir.file("db"), kFixture});
  EXPECT_EQ(locked.exit_code, 1);
  EXPECT_NE(locked.err.find("index " + dir.file("db") + " is locked: another warta-indexer is writing it"),
            std::string::npos)
      << locked.err;
  ::close(fd);
  EXPECT_EQ(index({"--db", dir.file("db"), "--full", kFixture}).exit_code, 0);
}

// "idx/", as a shell completes a directory, names the index "idx".
TEST(IndexerCli, AnIndexNamedWithATrailingSlash) {
  TempDir dir;
  auto r = index({"--db", dir.file("idx/"), kFixture});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(snapshot(dir.file("idx")).size(), 20u);
  EXPECT_FALSE(std::filesystem::exists(dir.file("idx/.warta-lock")));
  EXPECT_EQ(index({"--db", dir.file("idx/"), "--full", kFixture}).exit_code, 0);
}

TEST(IndexerCli, AnIndexEmptiedByDeletesKeepsItsFileRecords) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("in"));
  test::write_file(dir.file("in/a.jsonl"), "{\"id\": \"x\", \"title\": \"Judul x\", \"body\": \"Isi berita x.\"}\n");
  test::write_file(dir.file("in/b.jsonl"), "{\"id\": \"y\", \"title\": \"Judul y\", \"body\": \"Isi berita y.\"}\n");
  auto ids = [&] {
    std::set<std::string> out;
    for (const auto& [id, data] : snapshot(dir.file("db"))) out.insert(id);
    return out;
  };
  ASSERT_EQ(index({"--db", dir.file("db"), dir.file("in/a.jsonl")}).exit_code, 0);
  ASSERT_EQ(index({"--db", dir.file("db"), "--delete", "x"}).exit_code, 0);
  ASSERT_EQ(ids(), std::set<std::string>{});
  for (int run = 0; run < 2; ++run) {
    auto r = index({"--db", dir.file("db"), dir.file("in/a.jsonl"), dir.file("in/b.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ids(), std::set<std::string>{"y"}) << "run " << run;
  }
}

TEST(IndexerCli, AFileThatFailedIsReadAgain) {
  TempDir dir;
  // A gzip stream cut short: the lines before the cut are read, then an error.
  std::filesystem::create_directories(dir.file("in"));
  gzFile out = gzopen(dir.file("whole.gz").c_str(), "wb");
  std::string whole = test::read_file(kFixture);
  gzwrite(out, whole.data(), static_cast<unsigned>(whole.size()));
  gzclose(out);
  std::string gz = test::read_file(dir.file("whole.gz"));
  test::write_file(dir.file("in/cut.jsonl.gz"), gz.substr(0, gz.size() / 2));
  std::vector<std::string> run{"--db", dir.file("db"), "--json-summary", dir.file("in")};
  auto first = json_summary_of(index(run));
  EXPECT_EQ(first["read_files"], 1);
  EXPECT_GT(first["rejected"].get<int>(), 0);
  auto second = json_summary_of(index(run));
  EXPECT_EQ(second["read_files"], 1) << "a file read only in part is not skipped";
  test::write_file(dir.file("in/cut.jsonl.gz"), gz);
  auto third = json_summary_of(index(run));
  EXPECT_EQ(third["read_files"], 1);
  EXPECT_EQ(third["documents"], 20);
  EXPECT_EQ(json_summary_of(index(run))["unchanged_files"], 1);
}

// Runs the indexer on a disk that fills up after `bytes` bytes written.
test::ProcessResult index_on_a_disk_of(long long bytes, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/env", "LD_PRELOAD=" + std::string(WARTA_DISK_FULL_PRELOAD),
                                "WARTA_TEST_DISK_BYTES=" + std::to_string(bytes),
                                // the library is not built with the sanitizer a test build may use
                                "ASAN_OPTIONS=verify_asan_link_order=0", kIndexer};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

// A full disk stops the run with a clear message and leaves an index that
// opens at its last commit; once there is room, a re-run completes it.
TEST(IndexerCli, AFullDiskFailsCleanlyAtTheLastCommit) {
  TempDir dir;
  auto lines = gz_lines(kSample);
  std::string first_part, all;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i < lines.size() / 4) first_part += lines[i] + "\n";
    all += lines[i] + "\n";
  }
  test::write_file(dir.file("first.jsonl"), first_part);
  test::write_file(dir.file("all.jsonl"), all);
  ASSERT_EQ(index({"--db", dir.file("reference"), dir.file("all.jsonl")}).exit_code, 0);
  auto reference = snapshot(dir.file("reference"));

  // A new index (segments, then the merge) and an update (commits as it goes).
  for (bool update : {false, true}) {
    std::string db = dir.file(update ? "updated" : "new");
    Xapian::doccount before = 0;
    if (update) {
      ASSERT_EQ(index({"--db", db, dir.file("first.jsonl")}).exit_code, 0);
      before = open_index_for_reading(db).get_doccount();
    }
    auto full = index_on_a_disk_of((64ll << 20) + 2'000'000, {"--db", db, "--commit-every", "50", "--threads", "1",
                                               dir.file("all.jsonl")});
    EXPECT_EQ(full.exit_code, 1) << full.err;
    EXPECT_TRUE(full.err.find("too little free space") != std::string::npos ||
                full.err.find("No space left on device") != std::string::npos)
        << full.err;
    EXPECT_NE(full.err.find(db), std::string::npos) << "the message names the index: " << full.err;
    if (std::filesystem::exists(db)) {
      Xapian::Database after = open_index_for_reading(db);
      EXPECT_GE(after.get_doccount(), before);
      EXPECT_LT(after.get_doccount(), reference.size()) << "the disk filled before the end";
    }
    auto rerun = index({"--db", db, dir.file("all.jsonl")});
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(snapshot(db), reference);
    EXPECT_EQ(run_process({"/usr/bin/xapian-check", db}).exit_code, 0);
  }
}

// A new index appears in one rename: a run's leftover half-made index from
// a dead process is cleared, and a directory holding other files is refused
// and left as it was.
TEST(IndexerCli, CreatesTheIndexInOneStep) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("db.warta-create-999999999"));
  test::write_file(dir.file("db.warta-create-999999999/flintlock"), "");
  auto r = index({"--db", dir.file("db"), kFixture});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("db.warta-create-999999999")));
  EXPECT_EQ(open_index_for_reading(dir.file("db")).get_doccount(), 20u);

  ASSERT_EQ(index({"--db", dir.file("new/parents/db"), kFixture}).exit_code, 0) << "missing parents are made";
  EXPECT_EQ(open_index_for_reading(dir.file("new/parents/db")).get_doccount(), 20u);

  std::filesystem::create_directories(dir.file("empty"));
  ASSERT_EQ(index({"--db", dir.file("empty"), kFixture}).exit_code, 0);
  EXPECT_EQ(open_index_for_reading(dir.file("empty")).get_doccount(), 20u);

  std::filesystem::create_directories(dir.file("papers"));
  test::write_file(dir.file("papers/notes.txt"), "keep me");
  auto refused = index({"--db", dir.file("papers"), kFixture});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("is not an index"), std::string::npos) << refused.err;
  EXPECT_EQ(test::read_file(dir.file("papers/notes.txt")), "keep me");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.file("papers")), std::filesystem::directory_iterator()), 1);
}

TEST(IndexerCli, RefusesAnIndexOfAnotherSchema) {
  TempDir dir;
  {
    Xapian::WritableDatabase db(dir.file("db"), Xapian::DB_CREATE);
    db.set_metadata(std::string(schema::kMetaSchemaVersion), "0");
    db.add_document(Xapian::Document());
    db.commit();
  }
  auto r = index({"--db", dir.file("db"), kFixture});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("schema version 0"), std::string::npos) << r.err;
  EXPECT_EQ(Xapian::Database(dir.file("db")).get_doccount(), 1u);
}

// Polls until `ready()` holds, then kills `pid` with SIGKILL. Returns false
// when the process ended first (the kill point was missed).
bool kill_when(pid_t pid, const std::function<bool()>& ready) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;
    if (ready()) {
      kill(pid, SIGKILL);
      test::wait_process(pid);
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(pid, SIGKILL);
  test::wait_process(pid);
  return false;
}

std::size_t count_entries(const std::string& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec)) {
    ++n;
  }
  return n;
}

Xapian::doccount doccount_or_zero(const std::string& db) {
  try {
    return Xapian::Database(db).get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

// A run killed with SIGKILL at any point leaves an index that opens at its
// last commit; running it again gives the same index as an uninterrupted run.
// The kill points are split over two tests (new index, update of an index) so
// that ctest can run them side by side; each builds its own reference. The
// killed runs use one thread, so the ThreadSanitizer stage leaves them out
// (tsan-concurrency in CMakePresets.json); every other build runs them.
struct KillPoint {
  std::string name;
  std::function<bool(const std::string& db)> ready;
};

class IndexerCliKilledRuns : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lines = gz_lines(kSample);
    first_ = lines.size() / 4;
    std::string first_part, all;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i < first_) first_part += lines[i] + "\n";
      all += lines[i] + "\n";
    }
    test::write_file(dir_.file("first.jsonl"), first_part);
    test::write_file(dir_.file("all.jsonl"), all);
    ASSERT_EQ(index({"--db", dir_.file("reference"), dir_.file("all.jsonl")}).exit_code, 0);
    reference_ = snapshot(dir_.file("reference"));
  }

  // Kills a run at each point (after indexing the first quarter when
  // `incremental`), checks the index opens, re-runs it and compares.
  void kill_and_rerun(const std::vector<KillPoint>& points, bool incremental) {
    int killed = 0;
    int i = 0;
    for (const KillPoint& point : points) {
      std::string db = dir_.file("db-" + std::to_string(i++));
      if (incremental) {
        ASSERT_EQ(index({"--db", db, dir_.file("first.jsonl")}).exit_code, 0);
      }
      pid_t pid = test::start_process({kIndexer, "--db", db, "--commit-every", "25", "--flush-every", "30",
                                       "--threads", "1", dir_.file("all.jsonl")});
      if (kill_when(pid, [&] { return point.ready(db); })) ++killed;
      // Whatever the moment, the index opens at a commit (unless the run was
      // killed before it had created the index at all).
      if (std::filesystem::exists(db)) {
        try {
          Xapian::Database after_kill = open_index_for_reading(db);
          EXPECT_LE(after_kill.get_doccount(), reference_.size()) << point.name;
          if (incremental) {
            EXPECT_GE(after_kill.get_doccount(), first_) << point.name;
          }
        } catch (const Xapian::Error& e) {
          ADD_FAILURE() << point.name << ": " << e.get_description();
        }
      }
      auto rerun = index({"--db", db, dir_.file("all.jsonl")});
      ASSERT_EQ(rerun.exit_code, 0) << point.name << ": " << rerun.err;
      EXPECT_EQ(snapshot(db), reference_) << point.name;
      auto check = run_process({"/usr/bin/xapian-check", db});
      EXPECT_EQ(check.exit_code, 0) << point.name << ": " << check.out;
    }
    // Most kill points must really fall inside the work (a very fast machine
    // may finish the merge before it is seen).
    EXPECT_GE(killed, static_cast<int>(points.size()) - 1);
  }

  TempDir dir_;
  std::size_t first_ = 0;
  std::map<std::string, std::string> reference_;
};

TEST_F(IndexerCliKilledRuns, ANewIndexKilledAnywhereRerunsToTheSameIndex) {
  auto staged_at_least = [](std::size_t n) {
    return [n](const std::string& db) { return count_entries(db + ".warta-staging") >= n; };
  };
  kill_and_rerun({{"at start", [](const std::string&) { return true; }},
                  {"after 1 segment", staged_at_least(2)},
                  {"after 3 segments", staged_at_least(4)},
                  {"after 6 segments", staged_at_least(7)},
                  {"after 12 segments", staged_at_least(13)},
                  {"while merging", [](const std::string& db) { return std::filesystem::exists(db + ".warta-new"); }}},
                 /*incremental=*/false);
}

TEST_F(IndexerCliKilledRuns, AnUpdateKilledAnywhereRerunsToTheSameIndex) {
  auto added_at_least = [this](std::size_t n) {
    return [this, n](const std::string& db) { return doccount_or_zero(db) >= first_ + n; };
  };
  kill_and_rerun({{"update, 100 in", added_at_least(100)},
                  {"update, 300 in", added_at_least(300)},
                  {"update, 500 in", added_at_least(500)},
                  {"update, 600 in", added_at_least(600)}},
                 /*incremental=*/true);
}

// SIGINT or SIGTERM stop a run cleanly: a message, exit 128 + the signal,
// no staging left, the index at its last commit; a re-run completes it.
TEST_F(IndexerCliKilledRuns, AnInterruptedRunStopsCleanlyAndRerunsToTheSameIndex) {
  struct Case {
    const char* name;
    int signal_number;
    bool incremental;
  };
  for (const Case& c : {Case{"bulk, SIGINT", SIGINT, false}, Case{"update, SIGTERM", SIGTERM, true}}) {
    std::string db = dir_.file(std::string("interrupted-") + (c.incremental ? "update" : "bulk"));
    if (c.incremental) {
      ASSERT_EQ(index({"--db", db, dir_.file("first.jsonl")}).exit_code, 0);
    }
    std::string err = dir_.file("err.txt");
    pid_t pid = test::start_process({kIndexer, "--db", db, "--commit-every", "25", "--flush-every", "30",
                                     "--threads", "1", dir_.file("all.jsonl")},
                                    {}, err);
    auto ready = [&] {
      return c.incremental ? doccount_or_zero(db) >= first_ + 100 : count_entries(db + ".warta-staging") >= 3;
    };
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!ready() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_EQ(kill(pid, c.signal_number), 0) << c.name;
    int status = test::wait_process(pid);
    if (status == 0) {
      ADD_FAILURE() << c.name << ": the run ended before the signal was seen";
      continue;
    }
    EXPECT_EQ(status, 128 + c.signal_number) << c.name << ": " << test::read_file(err);
    EXPECT_NE(test::read_file(err).find("interrupted by SIG"), std::string::npos) << c.name;
    EXPECT_FALSE(std::filesystem::exists(db + ".warta-staging")) << c.name;
    EXPECT_FALSE(std::filesystem::exists(db + ".warta-new")) << c.name;
    Xapian::doccount after = open_index_for_reading(db).get_doccount();
    if (c.incremental) {
      EXPECT_GE(after, first_) << c.name;
      EXPECT_LT(after, reference_.size()) << c.name;
    } else {
      EXPECT_EQ(after, 0u) << c.name << ": a bulk build keeps nothing until it is swapped in";
    }
    auto rerun = index({"--db", db, dir_.file("all.jsonl")});
    ASSERT_EQ(rerun.exit_code, 0) << c.name << ": " << rerun.err;
    EXPECT_EQ(snapshot(db), reference_) << c.name;
  }
}

}  // namespace
}  // namespace warta
