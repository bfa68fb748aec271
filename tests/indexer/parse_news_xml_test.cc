// parse_news_xml tests: every field of each fixture against hand-written values.
#include "indexer/parse_news_xml.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace warta::indexer {
namespace {

using Strings = std::vector<std::string>;

std::string fixture(const std::string& name) {
  std::string path = std::string(WARTA_TESTDATA_DIR) + "/xml/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The one record of a document that must be accepted.
Article accepted(const std::vector<ParsedRecord>& records) {
  EXPECT_EQ(records.size(), 1u);
  if (records.empty()) return {};
  EXPECT_TRUE(records[0].article) << records[0].reject_reason;
  return records[0].article.value_or(Article{});
}

std::string only_reason(const std::vector<ParsedRecord>& records) {
  EXPECT_EQ(records.size(), 1u);
  if (records.empty()) return {};
  EXPECT_FALSE(records[0].article.has_value());
  return records[0].reject_reason;
}

TEST(SniffNewsXml, Fixtures) {
  EXPECT_EQ(sniff_news_xml(fixture("nitf-basic.xml")), XmlNewsFormat::kNitf);
  EXPECT_EQ(sniff_news_xml(fixture("nitf-minimal.xml")), XmlNewsFormat::kNitf);
  EXPECT_EQ(sniff_news_xml(fixture("newsml-g2-item.xml")), XmlNewsFormat::kNewsMlG2);
  EXPECT_EQ(sniff_news_xml(fixture("newsml-g2-message.xml")), XmlNewsFormat::kNewsMlG2);
  // Sniffing does not parse: the malformed fixture still looks like NITF.
  EXPECT_EQ(sniff_news_xml(fixture("malformed.xml")), XmlNewsFormat::kNitf);
}

TEST(SniffNewsXml, Table) {
  struct Case {
    std::string bytes;
    XmlNewsFormat format;
  };
  const std::string nar = "http://iptc.org/std/nar/2006-10-01/";
  const Case cases[] = {
      {"<nitf><head/></nitf>", XmlNewsFormat::kNitf},
      {"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n<nitf>", XmlNewsFormat::kNitf},
      {"<!DOCTYPE nitf SYSTEM \"nitf.dtd\" [<!ENTITY x \"<a>\">]><nitf>", XmlNewsFormat::kNitf},
      {"<n:nitf xmlns:n=\"http://iptc.org/std/NITF/2006-10-18/\">", XmlNewsFormat::kNitf},
      {"<newsItem xmlns=\"" + nar + "\" guid=\"x\">", XmlNewsFormat::kNewsMlG2},
      {"<newsMessage\n  xmlns='" + nar + "'>", XmlNewsFormat::kNewsMlG2},
      {"<nar:newsItem guid=\"x\" xmlns:nar=\"" + nar + "\">", XmlNewsFormat::kNewsMlG2},
      {"<newsItem guid=\"x\">", XmlNewsFormat::kUnknown},                                  // no namespace
      {"<newsItem xmlns=\"http://example.com/other/\">", XmlNewsFormat::kUnknown},        // other namespace
      {"<nar:newsItem xmlns=\"" + nar + "\">", XmlNewsFormat::kUnknown},                  // prefix unbound
      {"<packageItem xmlns=\"" + nar + "\">", XmlNewsFormat::kUnknown},
      {"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>", XmlNewsFormat::kUnknown},
      {"<html><body>nitf</body></html>", XmlNewsFormat::kUnknown},
      {"{\"id\":\"a\"}", XmlNewsFormat::kUnknown},
      {"", XmlNewsFormat::kUnknown},
      {"<?xml version=\"1.0\"", XmlNewsFormat::kUnknown},
      {"<!--" + std::string(9000, 'x') + "--><nitf>", XmlNewsFormat::kUnknown},  // past 8 KiB
      {std::string("\xff\xfe<\0n\0i\0t\0f\0>\0", 14), XmlNewsFormat::kNitf},       // UTF-16LE
      {std::string("\xfe\xff\0<\0n\0i\0t\0f\0>", 14), XmlNewsFormat::kNitf},       // UTF-16BE
  };
  for (const auto& c : cases) EXPECT_EQ(sniff_news_xml(c.bytes), c.format) << c.bytes;
}

TEST(ParseNitf, BasicEveryField) {
  Article a = accepted(parse_nitf(fixture("nitf-basic.xml"), "nitf-basic.xml"));
  EXPECT_EQ(a.id, "kp-2022-03-30-0042");
  EXPECT_EQ(a.title, "Banjir Rob Genangi Pesisir Semarang, Ratusan Warga Mengungsi");  // hl1 before head/title
  EXPECT_EQ(a.body,
            "Banjir rob kembali menggenangi kawasan pesisir utara Semarang pada Rabu pagi.\n"
            "Ketinggian air di Kelurahan Tanjung Mas mencapai 60 sentimeter, menurut petugas & relawan "
            "setempat.\n"
            "Posko pengungsian\n"
            "Pemerintah kota membuka dua posko pengungsian di kantor kelurahan.\n"
            "\"Kami siapkan makanan dan selimut,\" kata Lurah Tanjung Mas.");
  EXPECT_EQ(a.url, "https://kabar-pesisir.example.com/daerah/2022/03/30/banjir-rob-semarang");
  EXPECT_EQ(a.source, "kabar-pesisir.example.com");  // a domain: lowercased, no www.
  EXPECT_EQ(a.published_at, "2022-03-30T10:30:00+07:00");
  PublishedDate expected_date{2022, 3, 30, true, 10, 30, 0, 420};
  EXPECT_EQ(a.published, expected_date);
  EXPECT_EQ(a.section, "Daerah");
  EXPECT_EQ(a.authors, (Strings{"Andi Saputra", "Rina Wulandari"}));
  EXPECT_EQ(a.location, "SEMARANG");
  EXPECT_EQ(a.lang, "id");
  EXPECT_EQ(a.tags, (Strings{"banjir rob", "Semarang", "Lingkungan", "Bencana alam"}));
}

TEST(ParseNitf, MinimalEveryField) {
  Article a = accepted(parse_nitf(fixture("nitf-minimal.xml"), "nitf-minimal.xml"));
  // No doc-id: "h-" + FNV-1a of "kantor berita contoh\n2022-04-01\nferry service resumes after storm".
  EXPECT_EQ(a.id, "h-b958c1df96595f6b");
  EXPECT_EQ(a.title, "Ferry Service Resumes After Storm");
  EXPECT_EQ(a.body,
            "Ferries between Labuan Bajo and Bima sailed again on Friday after two days of high waves.\n"
            "The harbour master said schedules would return to normal by the weekend.");
  EXPECT_EQ(a.url, std::nullopt);
  EXPECT_EQ(a.source, "Kantor Berita Contoh");  // not a domain: as written
  EXPECT_EQ(a.published_at, "2022-04-01");      // T000000 means no time
  PublishedDate expected_date;
  expected_date.year = 2022;
  expected_date.month = 4;
  expected_date.day = 1;
  EXPECT_EQ(a.published, expected_date);
  EXPECT_EQ(a.section, std::nullopt);
  EXPECT_EQ(a.authors, Strings{"Dewi Lestari"});
  EXPECT_EQ(a.location, "LABUAN BAJO");
  EXPECT_EQ(a.lang, std::nullopt);  // never guessed here
  EXPECT_TRUE(a.tags.empty());
}

TEST(ParseNewsMlG2, ItemEveryField) {
  Article a = accepted(parse_newsml_g2(fixture("newsml-g2-item.xml"), "newsml-g2-item.xml"));
  EXPECT_EQ(a.id, "urn:newsml:kabar.example.com:20220330:ekonomi-harga-cabai");
  EXPECT_EQ(a.title, "Harga Cabai Rawit di Bandung Naik Dua Kali Lipat");  // not the sub-headline
  EXPECT_EQ(a.body,
            "Harga cabai rawit merah di pasar tradisional Bandung mencapai Rp80.000 per kilogram pada Rabu.\n"
            "Menurut pedagang, pasokan dari Garut berkurang karena hujan.\n"
            "Sebagian pembeli beralih ke cabai kering.\n"
            "\"Harga bisa turun pekan depan jika cuaca membaik,\" ujar seorang pedagang.\n"
            "Cabai rawit merah: Rp80.000/kg\n"
            "Bawang merah: Rp36.000/kg");
  EXPECT_EQ(a.url, "https://kabar.example.com/ekonomi/2022/03/30/harga-cabai-naik");  // canonical, not seeAlso
  EXPECT_EQ(a.source, "kabar.example.com");
  EXPECT_EQ(a.published_at, "2022-03-30T09:12:00+07:00");  // firstCreated
  EXPECT_EQ(a.section, std::nullopt);
  EXPECT_EQ(a.authors, (Strings{"Siti Rahmawati", "Yoga Pratama"}));  // creators, not the contributor
  EXPECT_EQ(a.location, "Bandung");
  EXPECT_EQ(a.lang, "id");
  EXPECT_EQ(a.tags, (Strings{"ekonomi, bisnis dan keuangan", "Pangan", "harga cabai", "inflasi"}));
}

TEST(ParseNewsMlG2, MessageTwoItemsEveryField) {
  std::vector<ParsedRecord> records = parse_newsml_g2(fixture("newsml-g2-message.xml"), "m.xml");
  ASSERT_EQ(records.size(), 2u);  // the packageItem is not a record
  ASSERT_TRUE(records[0].article) << records[0].reject_reason;
  ASSERT_TRUE(records[1].article) << records[1].reject_reason;

  const Article& en = *records[0].article;
  EXPECT_EQ(en.id, "tag:kabar.example.com,2022:wire-0101");
  EXPECT_EQ(en.title, "Bali Airport Adds Night Flights for Holiday Season");
  EXPECT_EQ(en.body,
            "Ngurah Rai airport will open for night landings from next week to ease holiday traffic.\n"
            "Airlines have asked for twelve extra slots, an airport spokesman said.");
  EXPECT_EQ(en.url, std::nullopt);
  EXPECT_EQ(en.source, "KBC");                        // provider qcode nprov:KBC
  EXPECT_EQ(en.published_at, "2022-04-02T10:15:00Z");  // contentCreated before versionCreated
  EXPECT_EQ(en.section, std::nullopt);
  EXPECT_EQ(en.authors, Strings{"Made Wirawan"});  // from <by>
  EXPECT_EQ(en.location, "DENPASAR");              // from <dateline>
  EXPECT_EQ(en.lang, "en");                        // xml:lang="en-GB"
  EXPECT_EQ(en.tags, Strings{"tourism"});

  const Article& id = *records[1].article;
  // No guid: "url-" + FNV-1a of "https://kabar.example.com/olahraga/2022/04/02/persib-menang".
  EXPECT_EQ(id.id, "url-3c111b6f99283714");
  EXPECT_EQ(id.title, "Persib Menang Tipis atas Tamunya");
  EXPECT_EQ(id.body,
            "Persib Bandung menang 1-0 dalam laga kandang pada Sabtu sore.\n"
            "Gol tunggal dicetak pada menit ke-78 melalui sundulan.");
  EXPECT_EQ(id.url,
            "HTTPS://Kabar.Example.com/olahraga/2022/04/02/persib-menang/?utm_source=wire&utm_medium=feed#top");
  EXPECT_EQ(id.source, "Kabar Contoh");  // provider@literal
  EXPECT_EQ(id.published_at, "2022-04-02");
  EXPECT_EQ(id.section, std::nullopt);
  EXPECT_EQ(id.authors, Strings{"Fajar Nugroho"});  // creator@literal
  EXPECT_EQ(id.location, std::nullopt);
  EXPECT_EQ(id.lang, "id");
  EXPECT_EQ(id.tags, Strings{"sepak bola"});
}

TEST(ParseNewsXml, DispatchesOnTheRootElement) {
  EXPECT_EQ(accepted(parse_news_xml(fixture("nitf-basic.xml"), "x")).id, "kp-2022-03-30-0042");
  EXPECT_EQ(parse_news_xml(fixture("newsml-g2-message.xml"), "x").size(), 2u);
}

TEST(ParseNewsXml, MalformedXmlReason) {
  EXPECT_EQ(only_reason(parse_news_xml(fixture("malformed.xml"), "malformed.xml")),
            "invalid XML at byte 278 (line 9): Start-end tags mismatch");  // the 'h' of </hl1>
  EXPECT_EQ(only_reason(parse_nitf("", "x")), "invalid XML at byte 1 (line 1): No document element found");
  EXPECT_EQ(only_reason(parse_nitf("<nitf><head>", "x")), "invalid XML at byte 12 (line 1): Start-end tags mismatch");
}

TEST(ParseNewsXml, OtherDocumentKinds) {
  const std::string rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>";
  EXPECT_EQ(only_reason(parse_news_xml(rss, "x")), "not a NITF or NewsML-G2 document (root element <rss>)");
  EXPECT_EQ(only_reason(parse_nitf(fixture("newsml-g2-item.xml"), "x")),
            "not a NITF document (root element <newsItem>)");
  EXPECT_EQ(only_reason(parse_newsml_g2(fixture("nitf-basic.xml"), "x")),
            "not a NewsML-G2 newsItem or newsMessage (root element <nitf>)");
  EXPECT_EQ(only_reason(parse_news_xml("<newsMessage><header/></newsMessage>", "x")),
            "NewsML-G2: newsMessage carries no newsItem");
}

TEST(ParseNewsXml, MissingPartsAreNamed) {
  EXPECT_EQ(only_reason(parse_nitf("<nitf><head><title> </title></head><body><body.head><hedline><hl1/></hedline>"
                                   "</body.head><body.content><p>Isi.</p></body.content></body></nitf>",
                                   "x")),
            "NITF: no headline (head/title or body.head/hedline/hl1)");
  EXPECT_EQ(only_reason(parse_nitf("<nitf><head><title>Judul</title></head><body><body.content>"
                                   "<media><media-caption>Foto</media-caption></media></body.content></body></nitf>",
                                   "x")),
            "NITF: no body text (body/body.content)");
  // A headline of zero-width spaces is no headline; a body of them is empty after clean-up.
  EXPECT_EQ(only_reason(parse_nitf("<nitf><head><title>&#x200b;</title></head><body><body.content><p>Isi.</p>"
                                   "</body.content></body></nitf>",
                                   "x")),
            "NITF: no headline (head/title or body.head/hedline/hl1)");
  EXPECT_EQ(only_reason(parse_nitf("<nitf><head><title>Judul</title></head><body><body.content><p>&#x200b;</p>"
                                   "</body.content></body></nitf>",
                                   "x")),
            "NITF: field \"body\": empty after clean-up");

  const std::string message =
      "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><itemSet>"
      "<newsItem guid=\"a\"><contentMeta><headline>Judul</headline></contentMeta>"
      "<contentSet><inlineData>Isi.</inlineData></contentSet></newsItem>"
      "<newsItem guid=\"b\"><contentMeta/><contentSet><inlineData>Isi.</inlineData></contentSet></newsItem>"
      "<newsItem guid=\"c\"><contentMeta><headline>Judul</headline></contentMeta>"
      "<contentSet><remoteContent href=\"https://x.example.com/a.html\"/></contentSet></newsItem>"
      "<newsItem guid=\"d\"><itemMeta><itemClass qcode=\"ninat:picture\"/></itemMeta></newsItem>"
      "</itemSet></newsMessage>";
  std::vector<ParsedRecord> records = parse_newsml_g2(message, "x");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_TRUE(records[0].article) << records[0].reject_reason;
  EXPECT_EQ(records[1].reject_reason, "NewsML-G2 newsItem 2: no headline (contentMeta/headline or itemMeta/title)");
  EXPECT_EQ(records[2].reject_reason, "NewsML-G2 newsItem 3: no body text (contentSet/inlineXML or inlineData)");
  EXPECT_EQ(records[3].reject_reason, "NewsML-G2 newsItem 4: not a text item (itemClass ninat:picture)");
}

TEST(ParseNewsXml, BadDatesReject) {
  EXPECT_EQ(only_reason(parse_nitf("<nitf><head><docdata><date.issue norm=\"20220230T1030\"/></docdata>"
                                   "<title>Judul</title></head><body><body.content><p>Isi.</p></body.content>"
                                   "</body></nitf>",
                                   "x")),
            "NITF: head/docdata/date.issue@norm \"20220230T1030\" is not an ISO 8601 date");
  EXPECT_EQ(only_reason(parse_newsml_g2("<newsItem><itemMeta><firstCreated>kemarin</firstCreated>"
                                        "<versionCreated>2022-04-02T11:00:00Z</versionCreated></itemMeta>"
                                        "<contentMeta><headline>Judul</headline></contentMeta>"
                                        "<contentSet><inlineData>Isi.</inlineData></contentSet></newsItem>",
                                        "x")),
            "NewsML-G2: itemMeta/firstCreated \"kemarin\" is not an ISO 8601 date");
}

std::string nitf_with_lang(const std::string& nitf_attrs, const std::string& head_attrs,
                           const std::string& content_attrs) {
  return "<nitf" + nitf_attrs + "><head" + head_attrs + "><title>Judul</title></head><body><body.content" +
         content_attrs + "><p>Isi berita.</p></body.content></body></nitf>";
}

std::string g2_with_lang(const std::string& message_attrs, const std::string& item_attrs,
                         const std::string& language_element, const std::string& inline_attrs) {
  return "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"" + message_attrs + "><itemSet><newsItem" +
         item_attrs + "><contentMeta>" + language_element +
         "<headline>Judul</headline></contentMeta><contentSet><inlineData" + inline_attrs +
         ">Isi berita.</inlineData></contentSet></newsItem></itemSet></newsMessage>";
}

TEST(ParseNewsXml, XmlLangHandling) {
  struct Case {
    std::string xml;
    std::optional<std::string> lang;
  };
  const Case cases[] = {
      {nitf_with_lang(" xml:lang=\"id-ID\"", "", ""), "id"},
      {nitf_with_lang(" xml:lang=\"EN\"", "", ""), "en"},
      {nitf_with_lang(" xml:lang=\"en\"", "", " xml:lang=\"id\""), "id"},  // the nearest wins
      {nitf_with_lang(" lang=\"en-US\"", "", ""), "en"},                   // pre-3.0 attribute
      {nitf_with_lang(" baselang=\"id\"", "", ""), "id"},
      {nitf_with_lang("", " xml:lang=\"jv\"", ""), "jv"},
      {nitf_with_lang("", "", ""), std::nullopt},
      {nitf_with_lang(" xml:lang=\"und\"", "", ""), std::nullopt},
      {nitf_with_lang(" xml:lang=\"x-klingon\"", "", ""), std::nullopt},
      {nitf_with_lang(" xml:lang=\"12\"", "", ""), std::nullopt},
      {g2_with_lang("", " xml:lang=\"en-GB\"", "", ""), "en"},
      {g2_with_lang(" xml:lang=\"id\"", "", "", ""), "id"},  // inherited from the message
      {g2_with_lang("", " xml:lang=\"en\"", "<language tag=\"id\"/>", ""), "id"},  // contentMeta/language first
      {g2_with_lang("", "", "", " xml:lang=\"ms\""), "ms"},                         // the content's own
      {g2_with_lang("", "", "", ""), std::nullopt},
  };
  for (const auto& c : cases) {
    Article a = accepted(parse_news_xml(c.xml, "x"));
    EXPECT_EQ(a.lang, c.lang) << c.xml;
  }
}

TEST(ParseNewsXml, HeadlineAndNamesFollowTheItemLanguage) {
  const std::string xml =
      "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"g\" xml:lang=\"en\"><contentMeta>"
      "<headline xml:lang=\"id\">Judul</headline><headline xml:lang=\"en\">Title</headline>"
      "<subject qcode=\"x:1\"><name xml:lang=\"id\">politik</name><name xml:lang=\"en\">politics</name></subject>"
      "</contentMeta><contentSet><inlineData>Body.</inlineData></contentSet></newsItem>";
  Article a = accepted(parse_newsml_g2(xml, "x"));
  EXPECT_EQ(a.title, "Title");
  EXPECT_EQ(a.tags, Strings{"politics"});
}

TEST(ParseNewsXml, BylinesAndDatelines) {
  struct Case {
    std::string body_head;
    Strings authors;
    std::optional<std::string> location;
  };
  const Case cases[] = {
      {"<byline>By Meredith Jameson, <byttl>Staff Reporter</byttl></byline>", {"Meredith Jameson"}, std::nullopt},
      {"<byline>Oleh: Andi dan Rina</byline>", {"Andi", "Rina"}, std::nullopt},
      {"<byline>BY ANA &amp; BUDI; CITRA</byline>", {"ANA", "BUDI", "CITRA"}, std::nullopt},
      {"<byline>Bydgoszcz Team</byline>", {"Bydgoszcz Team"}, std::nullopt},
      {"<byline><person>Ana</person></byline><byline><person>Budi</person></byline>", {"Ana", "Budi"}, std::nullopt},
      {"<dateline>JAKARTA (Kabar) - </dateline>", {}, "JAKARTA"},
      {"<dateline><location>Bogor</location>, <story.date>30/3</story.date></dateline>", {}, "Bogor"},
      {"<dateline><city>Medan</city></dateline>", {}, "Medan"},
      {"<dateline><story.date>Rabu</story.date></dateline>", {}, std::nullopt},
  };
  for (const auto& c : cases) {
    std::string xml = "<nitf><head><title>Judul</title></head><body><body.head>" + c.body_head +
                      "</body.head><body.content><p>Isi.</p></body.content></body></nitf>";
    Article a = accepted(parse_nitf(xml, "x"));
    EXPECT_EQ(a.authors, c.authors) << c.body_head;
    EXPECT_EQ(a.location, c.location) << c.body_head;
  }
}

TEST(ParseNewsXml, SourcesAndUrls) {
  struct Case {
    std::string head;
    std::optional<std::string> source;
    std::optional<std::string> url;
  };
  const Case cases[] = {
      {"<pubdata name=\"KOMPAS.com\"/>", "kompas.com", std::nullopt},
      {"<pubdata name=\"https://www.Tempo.example.com/x\"/>", "tempo.example.com", std::nullopt},
      {"<pubdata name=\"Harian Contoh\" ex-ref=\"http://harian.example.com/a/1\"/>", "Harian Contoh",
       "http://harian.example.com/a/1"},
      {"<meta name=\"og:url\" content=\"https://a.example.com/1\"/><pubdata ex-ref=\"https://b.example.com/2\"/>",
       std::nullopt, "https://a.example.com/1"},
      {"<meta name=\"url\" content=\"/relative/path\"/>", std::nullopt, std::nullopt},
      {"<docdata><doc.copyright holder=\"U.S. Wire\"/></docdata>", "U.S. Wire", std::nullopt},
  };
  for (const auto& c : cases) {
    std::string xml = "<nitf><head><title>Judul</title>" + c.head +
                      "</head><body><body.content><p>Isi.</p></body.content></body></nitf>";
    Article a = accepted(parse_nitf(xml, "x"));
    EXPECT_EQ(a.source, c.source) << c.head;
    EXPECT_EQ(a.url, c.url) << c.head;
  }
}

TEST(ParseNewsXml, BodyTextRules) {
  const std::string xml =
      "<newsItem guid=\"g\"><contentMeta><headline>Judul</headline></contentMeta><contentSet>"
      "<inlineXML contenttype=\"application/xhtml+xml\"><html><head><title>T</title><style>p{}</style></head>"
      "<body><div>Teks lepas <b>tebal</b> di div.<p>Paragraf&nbsp;satu &mdash; dua.</p></div>"
      "<script>var x;</script><table><tr><td>sel</td></tr></table><pre>baris 1\nbaris 2</pre>"
      "<p><![CDATA[Data <mentah>]]></p></body></html></inlineXML></contentSet></newsItem>";
  Article a = accepted(parse_newsml_g2(xml, "x"));
  EXPECT_EQ(a.body,
            "Teks lepas tebal di div.\n"
            "Paragraf satu \xe2\x80\x94 dua.\n"
            "baris 1\n"
            "baris 2\n"
            "Data <mentah>");
}

TEST(ParseNewsXml, Encodings) {
  // ISO-8859-1 as declared: "Bogot\xe1" is read as "Bogotá".
  std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf><head><title>Bogot\xe1</title></head>"
      "<body><body.content><p>Isi.</p></body.content></body></nitf>";
  EXPECT_EQ(accepted(parse_nitf(latin1, "x")).title, "Bogot\xc3\xa1");
  std::string cp1252 =
      "<?xml version=\"1.0\" encoding=\"windows-1252\"?><nitf><head><title>Bogot\xe1</title></head>"
      "<body><body.content><p>Isi.</p></body.content></body></nitf>";
  EXPECT_EQ(only_reason(parse_nitf(cp1252, "x")),
            "invalid UTF-8 at byte 70 (declared encoding \"windows-1252\" is not supported: use UTF-8, UTF-16, "
            "UTF-32 or ISO-8859-1)");
  // Regression (fuzz/corpus/parse_news_xml/encoding-name-not-utf8.xml): the
  // declared name was repeated byte for byte, so the reason itself was not
  // UTF-8 and broke the JSON summary.
  std::string bad_name =
      "<?xml version=\"1.0\" encoding=\"\x98tf-8\"?><nitf><head><title>Bogot\xe1</title></head>"
      "<body><body.content><p>Isi.</p></body.content></body></nitf>";
  EXPECT_EQ(only_reason(parse_nitf(bad_name, "x")),
            "invalid UTF-8 at byte 31 (the declared encoding is not an encoding name)");
  std::string bad_utf8 = "<nitf><head><title>a\xc3(</title></head><body><body.content><p>b</p></body.content></body></nitf>";
  EXPECT_EQ(only_reason(parse_nitf(bad_utf8, "x")), "invalid UTF-8 at byte 21");
}

TEST(ParseNewsXml, IdsAreCheckedLikeJsonIds) {
  std::string long_id(201, 'x');
  std::string xml = "<nitf><head><title>Judul</title><docdata><doc-id id-string=\"" + long_id +
                    "\"/></docdata></head><body><body.content><p>Isi.</p></body.content></body></nitf>";
  EXPECT_EQ(only_reason(parse_nitf(xml, "x")), "NITF: field \"id\": longer than 200 bytes");
  xml = "<nitf><head><title>Judul</title><docdata><doc-id id-string=\"  a-1 \"/></docdata></head>"
        "<body><body.content><p>Isi.</p></body.content></body></nitf>";
  EXPECT_EQ(accepted(parse_nitf(xml, "x")).id, "a-1");
}

TEST(ParseNewsXml, DeepNestingIsSafe) {
  std::string xml = "<nitf><head><title>Judul</title></head><body><body.content><p>Atas.</p>";
  for (int i = 0; i < 100000; ++i) xml += "<div>";
  xml += "dalam";
  for (int i = 0; i < 100000; ++i) xml += "</div>";
  xml += "</body.content></body></nitf>";
  EXPECT_EQ(accepted(parse_nitf(xml, "x")).body, "Atas.");
}

TEST(NormaliseNewsDate, Table) {
  struct Case {
    std::string text;
    std::optional<std::string> normal;
  };
  const Case cases[] = {
      {"20220330T103000+0700", "2022-03-30T10:30:00+07:00"},
      {"20220330T103000-0500", "2022-03-30T10:30:00-05:00"},
      {"20220330T103000Z", "2022-03-30T10:30:00Z"},
      {"20220330T103000", "2022-03-30T10:30:00"},
      {"20220330T1030+07", "2022-03-30T10:30:00+07:00"},
      {"20220330T103000+07:00", "2022-03-30T10:30:00+07:00"},
      {"20220330T103000.250+0700", "2022-03-30T10:30:00+07:00"},
      {"20220330103000+0700", "2022-03-30T10:30:00+07:00"},  // no 'T', as NITF 3.1 allows
      {"20220330", "2022-03-30"},
      {"20220330T000000+0700", "2022-03-30"},  // NITF: 000000 = no time known
      {"20220330000000-0500", "2022-03-30"},
      {"20220330+0700", "2022-03-30"},
      {" 2022-03-30T10:30:00+07:00\n", "2022-03-30T10:30:00+07:00"},
      {"2022-03-30T10:30+0700", "2022-03-30T10:30:00+07:00"},
      {"2022-03-30T00:00:00+07:00", "2022-03-30T00:00:00+07:00"},  // extended midnight is a time
      {"2022-03-30T10:30:00.5Z", "2022-03-30T10:30:00Z"},
      {"2022-03-30", "2022-03-30"},
      {"20220230T103000", std::nullopt},  // no 30 February
      {"20220330T2500", std::nullopt},
      {"20220330T10", std::nullopt},
      {"20220330T", std::nullopt},
      {"20220330T103000+7", std::nullopt},
      {"20220330T103000+1500", std::nullopt},
      {"20220330T000000+99", std::nullopt},
      {"20220330 103000", std::nullopt},
      {"2022033", std::nullopt},
      {"30/03/2022", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(normalise_news_date(c.text), c.normal) << "\"" << c.text << "\"";
}

}  // namespace
}  // namespace warta::indexer
