// parse_news_xml: NITF 3.x documents and NewsML-G2 news items -> clean Articles, or the reason each is rejected.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/parse_jsonl.h"

namespace warta::indexer {

// The two IPTC formats that wire agencies and editorial systems export.
enum class XmlNewsFormat { kNitf, kNewsMlG2, kUnknown };

// Tells the format from the content alone, looking at no more than the
// first 8 KiB: after an optional BOM, XML declaration, comments, processing
// instructions and DOCTYPE, a root element named `nitf` (any namespace or
// prefix) is kNitf; `newsItem` or `newsMessage` bound to the NewsML-G2
// namespace "http://iptc.org/std/nar/2006-10-01/" is kNewsMlG2. UTF-16 input
// is recognised by its BOM. Everything else, including a prologue longer
// than 8 KiB, is kUnknown. Does not check that the document is well-formed.
XmlNewsFormat sniff_news_xml(std::string_view bytes);

// The parsers below take one whole XML document (UTF-8, UTF-16, UTF-32 or
// ISO-8859-1 as declared; other declared encodings must be valid UTF-8) and
// return one ParsedRecord per news item, in document order. They never
// throw for bad input and never invent a field the item does not carry.
// `origin` names the input (a path, or an archive member) for the caller;
// no field and no reject reason is taken from it, because the pipeline
// reports the file itself.
//
// Whole-document failures give exactly one rejected record:
//   "invalid XML at byte B (line L): <pugixml's description>"  (B 1-based;
//        for UTF-16/32 and ISO-8859-1 input B counts bytes of the text as
//        decoded to UTF-8 and no line is given)
//   "invalid UTF-8 at byte B"  (plus the unsupported declared encoding, if any)
//   "not a NITF document (root element <rss>)" and the like.
// Item-level rejects start with the format ("NITF: ", "NewsML-G2: ", or
// "NewsML-G2 newsItem 2: " inside a newsMessage) and name what is missing:
//   "NITF: no headline (head/title or body.head/hedline/hl1)",
//   "NITF: no body text (body/body.content)",
//   "NITF: head/docdata/date.issue@norm \"x\" is not an ISO 8601 date",
//   or clean_article's reason ("NITF: field \"title\": empty after clean-up").
// Accepted articles went through clean_article; an item without an id gets
// stable_id().
//
// NITF mapping (element paths by local name, so NITF 3.4+ in its namespace
// and older un-namespaced NITF read alike):
//   title        body.head/hedline/hl1, else head/title (hl1 is the headline
//                the reader saw; head/title is often an index title)
//   body         body.content blocks (p, hl2, li, pre, and text in block/bq
//                containers), one paragraph per line; media, tables and notes
//                are left out; <br/> ends a line
//   authors      body.head/byline: its <person> elements, else its text
//                without <byttl>/<virtloc>, a leading "By"/"Oleh"/"Penulis",
//                split at " and ", " dan ", " & " and ';'
//   location     body.head/dateline: location/city, else location, else city,
//                else the dateline text before the first ',', '(' or dash
//   published_at head/docdata/date.issue@norm, else head/pubdata@date.publication
//                (see normalise_news_date)
//   id           head/docdata/doc-id@id-string
//   tags         head/docdata/key-list/keyword@key, then head/tobject/
//                tobject.subject@tobject.subject.type, .matter and .detail
//   source       head/pubdata@name, else head/docdata/doc.copyright@holder
//                (see "source" below)
//   section      head/pubdata@position.section
//   url          head/meta[@name=url|canonical|og:url]@content, else
//                head/pubdata@ex-ref; only http(s) URLs (ex-ref is often a URN)
//   lang         xml:lang (or lang) in effect at body.content, else
//                nitf@baselang, else head@xml:lang (see "lang" below)
std::vector<ParsedRecord> parse_nitf(std::string_view xml, const std::string& origin);

// NewsML-G2 mapping, for a newsItem root or each newsItem of a newsMessage
// (other items, such as packageItem, are skipped):
//   title        contentMeta/headline (the one without a role or with role
//                *:main, in the item's language when there are several),
//                else itemMeta/title, else the hl1 of inline NITF content
//   body         the first non-empty of contentSet/inlineXML (XHTML body,
//                NITF body.content, or other XML, read as for NITF) and
//                contentSet/inlineData (plain text: paragraphs are separated
//                by blank lines when there are any, else by line ends)
//   authors      contentMeta/creator/name (or @literal), else contentMeta/by
//                read as a byline, else the inline NITF byline
//   location     contentMeta/located/name (or @literal), else the head of
//                contentMeta/dateline, else the inline NITF dateline
//   published_at itemMeta/firstCreated, else contentMeta/contentCreated, else
//                itemMeta/versionCreated: the first publication wins over a
//                later version's time
//   id           newsItem@guid
//   tags         contentMeta/subject/name (in the item's language when there
//                are several; a subject without a name takes the name of the
//                item's <assert> with the same qcode), then contentMeta/keyword
//   source       itemMeta/provider: name, else @literal, else the code of
//                @qcode ("nprov:KBC" -> "KBC"), else the host of @uri
//   url          itemMeta/link with rel *:canonical, else contentSet/
//                remoteContent with contenttype text/html; irel:seeAlso is
//                not taken (it names a related resource, not the item)
//   lang         contentMeta/language@tag, else xml:lang in effect at the
//                newsItem, else xml:lang of the inline content
// An item whose itemClass is ninat:picture, graphic, audio or video is
// rejected as "not a text item (itemClass ninat:picture)".
//
// source: a value that is a domain ("www.Kompas.com") or an http(s) URL
// becomes its lowercase host without "www."; any other name is kept as
// written ("Kantor Berita Contoh"). The index lowercases facet values anyway.
// lang: the primary subtag of the language tag, lowercased ("id-ID" -> "id",
// "en-GB" -> "en"), so that facets and stemmer choice agree; a tag whose
// primary subtag is not 2 to 8 letters, or "und", gives no language.
std::vector<ParsedRecord> parse_newsml_g2(std::string_view xml, const std::string& origin);

// Either format, told from the parsed root element; a well-formed document
// of another kind gives "not a NITF or NewsML-G2 document (root element <rss>)".
std::vector<ParsedRecord> parse_news_xml(std::string_view xml, const std::string& origin);

// The date forms found in IPTC documents, as extended ISO 8601 that
// parse_iso_date accepts (format_iso_date's form: seconds always shown,
// "+07:00" offsets). Accepts white space around the value, extended ISO
// ("2022-03-30T10:30:00+07:00", "2022-03-30"), and the basic form NITF
// recommends: YYYYMMDD, then optionally [T]hhmm[ss[.fraction]], then
// optionally Z, ±hh, ±hhmm or ±hh:mm ("20220330T103000+0700"). NITF writes a
// time of 000000 when no time is known, so a basic-form midnight gives the
// date alone ("20220330T000000+0700" -> "2022-03-30"), as does an offset
// without a time. Returns nullopt for anything else or an impossible date.
std::optional<std::string> normalise_news_date(std::string_view text);

}  // namespace warta::indexer
