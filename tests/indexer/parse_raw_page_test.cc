// parse_raw_page_test: the founding page field by field, then short hand-written pages per rule.
#include "indexer/parse_raw_page.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace warta::indexer {
namespace {

using Strings = std::vector<std::string>;

constexpr std::string_view kNoHeadline = "title: the page has no headline line; the first sentence stands in";

RawPageResult parse(std::string_view text) { return parse_raw_page(text, RawPageContext{"test.txt", std::nullopt}); }

// Parses a page that must be accepted; fails the test otherwise.
Article accept(std::string_view text) {
  RawPageResult r = parse(text);
  EXPECT_TRUE(r.record.article.has_value()) << r.record.reject_reason << "\n" << text;
  return r.record.article.value_or(Article{});
}

Strings paragraphs(const std::string& body) {
  Strings out;
  std::stringstream in(body);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A body paragraph long enough to read as prose.
constexpr std::string_view kProse = "Warga kota itu menyambut baik keputusan pemerintah daerah kemarin sore.";

TEST(ParseRawPage, FoundingPageEveryField) {
  const std::string text = read_file(WARTA_TESTDATA_DIR "/raw/dialeksis-2022-03-30-humas.txt");
  ASSERT_FALSE(text.empty());
  RawPageResult r = parse_raw_page(text, RawPageContext{"dialeksis-2022-03-30-humas.txt", std::nullopt});
  ASSERT_TRUE(r.record.article) << r.record.reject_reason;
  const Article& a = *r.record.article;
  EXPECT_EQ(a.id, "");
  EXPECT_EQ(a.title, "Pengelolaan Humas Harus Terapkan Cara-cara Baru");
  EXPECT_EQ(a.source, "dialeksis.com");
  EXPECT_EQ(a.location, "Bogor");
  EXPECT_EQ(a.published_at, "2022-03-30");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->year, 2022);
  EXPECT_EQ(a.published->month, 3);
  EXPECT_EQ(a.published->day, 30);
  EXPECT_FALSE(a.published->has_time);
  EXPECT_EQ(a.authors, Strings{"PK"});
  EXPECT_FALSE(a.url);
  EXPECT_FALSE(a.lang);
  EXPECT_FALSE(a.section);
  EXPECT_TRUE(a.tags.empty());
  const Strings paras = paragraphs(a.body);
  ASSERT_EQ(paras.size(), 12u);  // 14 lines: headline, font widget, 12 paragraphs
  EXPECT_TRUE(paras.front().starts_with("Sekretaris Jenderal (Sekjen) Kementerian Dalam Negeri")) << paras.front();
  EXPECT_EQ(paras.back(),
            "Selain ASN dan tenaga lepas di lingkungan Kemendagri, perwakilan dari kementerian dan lembaga lainnya "
            "juga ikut dilibatkan oleh pihak penyelenggara sebagai peserta.");
  EXPECT_EQ(a.body.find("DIALEKSIS"), std::string::npos);
  EXPECT_EQ(a.body.find("Font:"), std::string::npos);
  EXPECT_EQ(a.body.find("Ukuran"), std::string::npos);
  EXPECT_EQ(a.body.find("[PK]"), std::string::npos);
  EXPECT_NE(a.body.find("Rabu (30/3/2022)"), std::string::npos);
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
}

// ------------------------------------------------------------------ datelines

TEST(ParseRawPage, DatelineForms) {
  struct Case {
    std::string lead;
    std::optional<std::string> source;
    std::optional<std::string> location;
    std::string body_start;
  };
  const Case cases[] = {
      {"DIALEKSIS.COM | Bogor - Sekjen membuka acara itu.", "dialeksis.com", "Bogor", "Sekjen membuka"},
      {"JAKARTA, KOMPAS.com - Presiden meresmikan jalan tol.", "kompas.com", "JAKARTA", "Presiden meresmikan"},
      {"Jakarta (ANTARA) - Menteri meninjau pasar.", "antaranews.com", "Jakarta", "Menteri meninjau"},
      {"Jakarta, CNN Indonesia -- Harga cabai naik lagi.", "cnnindonesia.com", "Jakarta", "Harga cabai"},
      {"jpnn.com, JAKARTA - Polisi menangkap dua pelaku.", "jpnn.com", "JAKARTA", "Polisi menangkap"},
      {"NEW YORK - Sebuah potongan sampah antariksa jatuh.", std::nullopt, "NEW YORK", "Sebuah potongan"},
      {"SOLO - Wali kota meninjau pasar.", std::nullopt, "SOLO", "Wali kota"},
      {"Samarinda \xE2\x80\x93 kementerian menggelar lomba.", std::nullopt, "Samarinda", "kementerian menggelar"},
      {"Bandung \xE2\x80\x94 Hujan deras turun sejak pagi.", std::nullopt, "Bandung", "Hujan deras"},
      {"KOMPAS.com - Gempa mengguncang Cianjur.", "kompas.com", std::nullopt, "Gempa mengguncang"},
      {"KONTAN.CO.ID - JAKARTA. Harga emas turun.", "kontan.co.id", "JAKARTA", "Harga emas"},
      {"KONTAN.CO.ID - Harga emas turun. Investor menahan diri.", "kontan.co.id", std::nullopt, "Harga emas"},
      {"Banda Aceh (ANTARA News) - Nelayan kembali melaut.", "antaranews.com", "Banda Aceh", "Nelayan kembali"},
      {"Liputan6.com, Surabaya - Banjir surut.", "liputan6.com", "Surabaya", "Banjir surut"},
      {"JAKARTA, KOMPAS.com\xC2\xA0- Spasi tak terputus sebelum tanda pisah.", "kompas.com", "JAKARTA", "Spasi tak"},
  };
  for (const Case& c : cases) {
    const Article a = accept("Judul Berita Uji\n" + c.lead + "\n" + std::string(kProse));
    EXPECT_EQ(a.source, c.source) << c.lead;
    EXPECT_EQ(a.location, c.location) << c.lead;
    EXPECT_TRUE(a.body.starts_with(c.body_start)) << c.lead << " -> " << a.body;
  }
}

TEST(ParseRawPage, NotDatelines) {
  const std::string leads[] = {
      "Cara-cara baru dibutuhkan - kata para pakar - untuk mengelola humas.",
      "Menurut dia - dan ini penting - anggaran harus dihemat.",
      "Dia mengatakan - sambil tertawa - bahwa semua aman.",
      "Pada 2022 - tahun yang sulit - ekspor tetap naik.",
      "Jakarta (Dok) - foto arsip yang dimuat ulang.",
      "Pekanbaru - Hujan deras turun sejak pagi.",  // a bare place in mixed case before a hyphen
      "Persib - Persija bermain imbang tadi malam.",
      "Dengan skema semacam ini, rumah sakit -- atau penyedia layanan lain -- jadi sasaran.",
      "Ketua panitia, Budi, yang juga warga setempat, berkata - acara lancar.",
      "Sebuah laporan panjang tentang kebijakan anggaran daerah yang dibacakan di depan dewan - disetujui.",
  };
  for (const std::string& lead : leads) {
    const Article a = accept("Judul Berita Uji\n" + lead);
    EXPECT_FALSE(a.source) << lead;
    EXPECT_FALSE(a.location) << lead;
    EXPECT_EQ(a.body, lead);
  }
}

TEST(ParseDateline, LengthCoversDashAndSpaces) {
  std::optional<Dateline> d = parse_dateline("Jakarta (ANTARA) -  Teks");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->length, 20u);
  EXPECT_EQ(d->source, "antaranews.com");
  EXPECT_EQ(d->location, "Jakarta");
  EXPECT_FALSE(parse_dateline("Teks tanpa tanda pisah."));
  EXPECT_FALSE(parse_dateline("JAKARTA -"));  // nothing after the dash
}

// --------------------------------------------------------------------- chrome

TEST(ParseRawPage, ChromeLinesDropped) {
  const std::string chrome[] = {
      "Font: Ukuran: - +",
      "Bagikan",
      "Share",
      "Print",
      "Cetak",
      "Tweet",
      "Komentar",
      "Komentar (3)",
      "Bagikan artikel ini",
      "Share this on TwitterShare this on FacebookEmail",
      "Follow us on Facebook",
      "Skip to ContentSkip to FooterMenuReviewsNews",
      "Skip to content",
      "HomeNewsSportTechnologyVideo",
      "Copyright \xC2\xA9 2022 Dialeksis. All rights reserved.",
      "\xC2\xA9 2022 PT Contoh Media",
      "Hak Cipta Dilindungi Undang-Undang.",
      "Kontak Kami Tentang Kami Copyright PT Contoh. All rights reserved.",
      "https://www.example.com/berita/2022/03/30/judul",
      "www.example.com/x",
      "Baca juga: Judul Berita Lain di Sini",
      "ADVERTISEMENT",
      "SCROLL TO CONTINUE WITH CONTENT",
  };
  for (const std::string& line : chrome) {
    const Article a = accept("Judul Berita Uji\n" + line + "\n" + std::string(kProse) + "\n" + line);
    EXPECT_EQ(a.body, kProse) << line;
  }
}

TEST(ParseRawPage, ContentLinesKept) {
  const std::string content[] = {
      "Ia membagikan (share) foto itu di Twitter dan Facebook kemarin sore.",
      "Print media masih bertahan di daerah karena pembaca setia membeli koran tiap pagi.",
      "Skip to content adalah tombol yang membantu pembaca layar melompati menu navigasi situs.",
      "Copyright atau hak cipta melindungi karya wartawan dari penjiplakan oleh media lain.",
      "Komentar warga di media sosial beragam, sebagian besar mendukung kebijakan itu.",
      "WhatsApp, YouTube dan PlayStation",
      "2. 115p7UMMngoj1pMvkpHijcRdfJNXj6LrLn",
      "Saksikan video tentang banjir itu di sini:",
  };
  for (const std::string& line : content) {
    const Article a = accept("Judul Berita Uji\n" + std::string(kProse) + "\n" + line + "\n" + std::string(kProse));
    EXPECT_EQ(paragraphs(a.body), (Strings{std::string(kProse), line, std::string(kProse)})) << line;
  }
}

// --------------------------------------------------------------- editor codes

TEST(ParseRawPage, TrailingEditorCodes) {
  struct Case {
    std::string ending;  // appended to the last paragraph
    Strings authors;
    std::string last;  // the last paragraph afterwards
  };
  const std::string last = "Acara itu ditutup dengan doa bersama.";
  const Case cases[] = {
      {" [PK]", {"PK"}, last},
      {" (ant/ded)", {"ant", "ded"}, last},
      {" (ptr)", {"ptr"}, last},
      {" (nat)", {"nat"}, last},
      {" (*)", {}, last},
      {"[PK]", {"PK"}, last},                  // glued to the full stop
      {"\n[PK]", {"PK"}, last},                // alone on the last line
      {"\n(ant/ded)", {"ant", "ded"}, last},
      {" (ant/ded) (*)", {"ant", "ded"}, last},
      {" (ANTARA)", {}, last},                 // an agency credit, not a signature
      {" (rhs, jpnn)", {"rhs", "jpnn"}, last},
  };
  for (const Case& c : cases) {
    const Article a = accept("Judul Berita Uji\n" + std::string(kProse) + "\n" + last + c.ending);
    EXPECT_EQ(a.authors, c.authors) << c.ending;
    EXPECT_EQ(paragraphs(a.body).back(), c.last) << c.ending;
  }
}

TEST(ParseRawPage, BracketsThatAreNotEditorCodes) {
  const std::string endings[] = {
      "Data itu dikelola Kementerian Komunikasi dan Informatika (Kominfo)",  // no sentence end before
      "Harga naik menjadi Rp 5.000 (Rp 5 ribu).",                              // ends with '.'
      "Pemain terbaik adalah nomor punggung (10)",
      "Ia menyebut nama lengkapnya. (Budi Santoso Wibowo)",                  // spaces: not codes
      "Selesai. (a)",                                                        // one letter
  };
  for (const std::string& ending : endings) {
    const Article a = accept("Judul Berita Uji\n" + std::string(kProse) + "\n" + ending);
    EXPECT_TRUE(a.authors.empty()) << ending;
    EXPECT_EQ(paragraphs(a.body).back(), ending);
  }
}

TEST(ParseRawPage, BylineNameAsLastParagraph) {
  Article a = accept("Judul Berita Uji\n" + std::string(kProse) + "\n\nIntan Rakhmayanti Dewi\n");
  EXPECT_EQ(a.authors, Strings{"Intan Rakhmayanti Dewi"});
  EXPECT_EQ(a.body, kProse);

  a = accept("Judul Berita Uji\n" + std::string(kProse) + "\nBudi Santoso");
  EXPECT_EQ(a.authors, Strings{"Budi Santoso"});

  const std::string not_bylines[] = {
      std::string(kProse) + "\nREPUBLIK INDONESIA",             // capitals: a letterhead
      std::string(kProse) + "\nSaksikan Video Berikut",         // not a name
      std::string(kProse) + "\nBiro Humas Kemenaker-1",         // punctuation and digits
      std::string(kProse) + "\nIntan",                          // one word
      std::string(kProse) + "\nSatu Dua Tiga Empat Lima",       // five words
      "Kalimat pembuka tanpa titik di akhir\nIntan Rakhmayanti Dewi",  // no sentence before it
      "Intan Rakhmayanti Dewi\n" + std::string(kProse),         // not last
  };
  for (const std::string& body : not_bylines) {
    a = accept("Judul Berita Uji\n\n" + body);
    EXPECT_TRUE(a.authors.empty()) << body;
  }
}

// ---------------------------------------------------------------------- title

TEST(ParseRawPage, TitleFromHeadlineLine) {
  struct Case {
    std::string first_line;
    std::string title;
    std::optional<std::string> source;
  };
  const Case cases[] = {
      {"Pengelolaan Humas Harus Terapkan Cara-cara Baru", "Pengelolaan Humas Harus Terapkan Cara-cara Baru", std::nullopt},
      {"Amankah Mata Uang Kripto?", "Amankah Mata Uang Kripto?", std::nullopt},
      {"Ini Dia Penyebabnya...", "Ini Dia Penyebabnya...", std::nullopt},
      {"Mercedes-AMG One smashes production car lap record | evo", "Mercedes-AMG One smashes production car lap record",
       std::nullopt},
      {"Harga Cabai Naik Jelang Lebaran - Kompas.com", "Harga Cabai Naik Jelang Lebaran", "kompas.com"},
      {"Harga Cabai Naik Jelang Lebaran | CNN Indonesia", "Harga Cabai Naik Jelang Lebaran", std::nullopt},
      {"Persib - Persija", "Persib - Persija", std::nullopt},  // too little would stay
      {"Debat Capres: Siapa Unggul - Analisis Lengkap Para Pakar Politik Kita",
       "Debat Capres: Siapa Unggul - Analisis Lengkap Para Pakar Politik Kita", std::nullopt},  // five words
      {"\xEF\xBB\xBFJudul Setelah BOM", "Judul Setelah BOM", std::nullopt},
  };
  for (const Case& c : cases) {
    RawPageResult r = parse(c.first_line + "\n" + std::string(kProse));
    ASSERT_TRUE(r.record.article) << r.record.reject_reason;
    EXPECT_EQ(r.record.article->title, c.title) << c.first_line;
    EXPECT_EQ(r.record.article->source, c.source) << c.first_line;
    EXPECT_EQ(r.record.article->body, kProse) << c.first_line;
    for (const std::string& w : r.warnings) EXPECT_FALSE(w.starts_with("title:")) << w;
  }
}

TEST(ParseRawPage, BodyOnlyPageGetsFirstSentenceAsTitle) {
  struct Case {
    std::string page;
    std::string title;
  };
  const Case cases[] = {
      // The first line ends with '.': body text.
      {"Presiden meresmikan jalan tol baru di Jawa Barat. Jalan itu dibuka besok.",
       "Presiden meresmikan jalan tol baru di Jawa Barat"},
      // Longer than 100 characters: cut at a word boundary with an ellipsis.
      {"Provinsi Lampung kini ramai dibicarakan usai kritikan dari pemilik akun TikTok viral di media sosial "
       "nasional pekan ini.",
       // 100 characters to "sosial": with the ellipsis that would be 101.
       "Provinsi Lampung kini ramai dibicarakan usai kritikan dari pemilik akun TikTok viral di media\xE2\x80\xA6"},
      // A dateline is not a headline, and is not in the stand-in title.
      {"JAKARTA, KOMPAS.com - Harga beras naik", "Harga beras naik"},
      // The first line of a wrapped paragraph continues on the next line.
      {"Presiden Rusia Vladimir Putin memerintahkan gencatan\nsenjata sementara. Ini dilakukan hari ini.",
       "Presiden Rusia Vladimir Putin memerintahkan gencatan senjata sementara"},
      // Abbreviations do not end the first sentence.
      {"Kantor di Jl. Sudirman No. 5 ditutup. Pegawai bekerja dari rumah.", "Kantor di Jl. Sudirman No. 5 ditutup"},
      {"Apakah bitcoin aman? Para ahli berbeda pendapat.", "Apakah bitcoin aman?"},
  };
  for (const Case& c : cases) {
    RawPageResult r = parse(c.page);
    ASSERT_TRUE(r.record.article) << r.record.reject_reason;
    EXPECT_EQ(r.record.article->title, c.title) << c.page;
    EXPECT_NE(std::find(r.warnings.begin(), r.warnings.end(), kNoHeadline), r.warnings.end()) << c.page;
  }
  // Longer than 200 bytes without a final full stop is not a headline either.
  const std::string long_line(210, 'x');
  RawPageResult r = parse("Kata " + long_line + "\n" + std::string(kProse));
  ASSERT_TRUE(r.record.article);
  EXPECT_EQ(paragraphs(r.record.article->body).size(), 2u);
  EXPECT_LE(r.record.article->title.size(), 100u + 3u);
}

// ---------------------------------------------------------------------- lines

TEST(ParseRawPage, LineEndingsAndBom) {
  const std::string second = "Pemerintah berjanji memperbaiki jalan itu tahun depan.";
  const std::string expected_body = std::string(kProse) + "\n" + second;
  const std::string pages[] = {
      "Judul Berita Uji\r\n" + std::string(kProse) + "\r\n" + second + "\r\n",
      "Judul Berita Uji\r" + std::string(kProse) + "\r" + second,
      "\xEF\xBB\xBFJudul Berita Uji\n" + std::string(kProse) + "\n" + second,
      "\n\n  Judul Berita Uji  \n\n\n" + std::string(kProse) + "\n   \n\t\n" + second + "\n\n",
      "Judul Berita Uji\xE2\x80\xA8" + std::string(kProse) + "\xE2\x80\xA9" + second,
  };
  for (const std::string& page : pages) {
    const Article a = accept(page);
    EXPECT_EQ(a.title, "Judul Berita Uji");
    EXPECT_EQ(a.body, expected_body);
  }
}

TEST(ParseRawPage, HardWrappedColumnsRejoined) {
  const std::string page =
      "Judul Uji Kolom Koran\r\n"
      "     Bandung \xE2\x80\x93 pemerintah kota telah membuka \r\n"
      "jalur sepeda baru di pusat kota. Jalur itu \r\n"
      "menghubungkan alun-alun dengan stasiun, kata \r\n"
      "wali kota pada Senin pagi.\r\n"
      "     \r\n"
      "     Warga menyambut baik \r\n"
      "jalur baru itu. Namun \r\n"
      "sebagian pedagang kaki \r\n"
      "lima merasa dirugikan.\r\n"
      "     Dinas perhubungan berjanji \r\n"
      "menata ulang lapak mereka \r\n"
      "dalam waktu dekat. Kelas bahasa \r\n"
      "dibuka.\r\n"
      "Daftar jalur:\r\n"
      "1. Jalan Merdeka\r\n"
      "2. Jalan Asia Afrika\r\n";
  const Article a = accept(page);
  EXPECT_EQ(a.title, "Judul Uji Kolom Koran");
  EXPECT_EQ(a.location, "Bandung");
  EXPECT_EQ(paragraphs(a.body),
            (Strings{"pemerintah kota telah membuka jalur sepeda baru di pusat kota. Jalur itu menghubungkan alun-alun "
                     "dengan stasiun, kata wali kota pada Senin pagi.",
                     "Warga menyambut baik jalur baru itu. Namun sebagian pedagang kaki lima merasa dirugikan.",
                     "Dinas perhubungan berjanji menata ulang lapak mereka dalam waktu dekat. Kelas bahasa dibuka.",
                     "Daftar jalur:", "1. Jalan Merdeka", "2. Jalan Asia Afrika"}));
}

TEST(ParseRawPage, OneParagraphPerLineIsKept) {
  // Lines that end sentences are paragraphs; a sub-heading stays on its own.
  const Article a = accept("Judul Berita Uji\n" + std::string(kProse) + "\nSub Judul Tanpa Titik\n" +
                           std::string(kProse) + "\n" + std::string(kProse));
  EXPECT_EQ(paragraphs(a.body).size(), 4u);
}

TEST(ParseRawPage, RepeatedStandfirstDropped) {
  const std::string lead = "Sebuah potongan sampah antariksa menghantam stasiun luar angkasa internasional.";
  const Article a = accept("Judul Berita Uji\n\n" + lead + "\n\nNEW YORK - " + lead + "\n" + std::string(kProse));
  EXPECT_EQ(a.location, "NEW YORK");
  EXPECT_EQ(paragraphs(a.body), (Strings{lead, std::string(kProse)}));
}

TEST(ParseRawPage, HeaderDateLineLeavesTheBody) {
  RawPageResult r = parse("Judul Berita Uji\nRabu, 30 Maret 2022 17:40 WIB\nJakarta (ANTARA) - " + std::string(kProse));
  ASSERT_TRUE(r.record.article) << r.record.reject_reason;
  EXPECT_EQ(r.record.article->body, kProse);
  EXPECT_EQ(r.record.article->location, "Jakarta");
  EXPECT_EQ(r.record.article->published_at, "2022-03-30T17:40:00+07:00");
}

TEST(ParseRawPage, DateFromTheLeadWithWarningsPassedOn) {
  RawPageResult r = parse("Judul Berita Uji\nJakarta (ANTARA) - Menteri meninjau pasar, Rabu (30/3/2022).");
  ASSERT_TRUE(r.record.article);
  EXPECT_EQ(r.record.article->published_at, "2022-03-30");

  r = parse("Judul Berita Uji\n" + std::string(kProse));
  ASSERT_TRUE(r.record.article);
  EXPECT_FALSE(r.record.article->published_at);
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_TRUE(r.warnings.front().starts_with("published_at: ")) << r.warnings.front();

  // A day and month alone need the reference year.
  const std::string page = "Judul Berita Uji\nJakarta (ANTARA) - Menteri meninjau pasar, Senin (27/3).";
  r = parse_raw_page(page, RawPageContext{"x.txt", 2023});
  ASSERT_TRUE(r.record.article);
  EXPECT_EQ(r.record.article->published_at, "2023-03-27");
}

// --------------------------------------------------------------- url and lang

TEST(ParseRawPage, UrlOnlyFromSourceLine) {
  Article a = accept("Judul Berita Uji\n" + std::string(kProse) + "\nSumber: https://www.example.com/a/1");
  EXPECT_EQ(a.url, "https://www.example.com/a/1");
  EXPECT_EQ(a.body, kProse);
  a = accept("Judul Berita Uji\nSource : http://example.org/x\n" + std::string(kProse));
  EXPECT_EQ(a.url, "http://example.org/x");
  EXPECT_EQ(a.body, kProse);
  a = accept("Judul Berita Uji\n" + std::string(kProse) + "\nSumber: detik.com");
  EXPECT_FALSE(a.url);
  EXPECT_EQ(paragraphs(a.body).back(), "Sumber: detik.com");
  EXPECT_FALSE(a.lang);
  EXPECT_EQ(a.id, "");
}

// ------------------------------------------------------------------- rejects

TEST(ParseRawPage, Rejects) {
  struct Case {
    std::string text;
    std::string reason;
  };
  std::string controls = "Judul\n";
  for (int i = 0; i < 10; ++i) controls += "\x01\x02\x1b\x7f" + std::string(10, 'a');
  const Case cases[] = {
      {std::string("Judul\n\0\0\0isi", 11), "not a text page (binary data)"},
      {"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not a text page (binary data)"},
      {controls, "not a text page (binary data)"},
      {"Judul\nIsi berita \xff di sini.", "invalid UTF-8 at byte 18"},
      {"Judul N\xfcrburgring\nIsi.", "invalid UTF-8 at byte 8"},
      {"", "field \"body\": empty after clean-up"},
      {" \n\t\r\n", "field \"body\": empty after clean-up"},
      {"Judul Saja Tanpa Isi\n", "field \"body\": empty after clean-up"},
      {"Judul Saja\nFont: Ukuran: - +\nBagikan\nhttps://example.com/x\n", "field \"body\": empty after clean-up"},
      {"\xE2\x80\x8B\n\xE2\x80\x8B", "field \"body\": empty after clean-up"},
  };
  for (const Case& c : cases) {
    RawPageResult r = parse(c.text);
    EXPECT_FALSE(r.record.article) << c.text;
    EXPECT_EQ(r.record.reject_reason, c.reason) << c.text;
  }
}

TEST(LooksLikeRawPage, Sniffing) {
  struct Case {
    std::string bytes;
    bool raw;
  };
  const Case cases[] = {
      {"Judul Berita\nIsi berita.", true},
      {"\xEF\xBB\xBF  Judul setelah BOM", true},
      {"[FOTO] Banjir Jakarta\nIsi.", true},
      {"Judul N\xfcrburgring (Latin-1)\nIsi.", true},  // parse_raw_page names the bad byte
      {"{\"id\":\"a\"}\n", false},
      {"  \n{\"id\":\"a\"}", false},
      {"[{\"id\":\"a\"}]", false},
      {"[\n  1, 2]", false},
      {"<?xml version=\"1.0\"?><nitf/>", false},
      {"<html><body>x</body></html>", false},
      {"", false},
      {" \n\t", false},
      {std::string("\x1f\x8b\x08\0\0\0\0\0", 8), false},  // gzip
      {std::string("PK\x03\x04\x14\0\0\0", 8), false},   // zip
  };
  for (const Case& c : cases) EXPECT_EQ(looks_like_raw_page(c.bytes), c.raw) << c.bytes;
}

}  // namespace
}  // namespace warta::indexer
