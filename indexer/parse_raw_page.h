// parse_raw_page: one scraped news page as plain text -> a clean Article, or the reason it is rejected.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/parse_jsonl.h"

namespace warta::indexer {

// What the caller knows about the page from outside its text.
struct RawPageContext {
  std::string path;                   // the file, for the caller's messages (no field is read from it)
  std::optional<int> reference_year;  // completes dates printed without a year ("Senin (27/3)")
};

// An accepted or rejected page, plus notes on what had to be guessed around.
// Each warning starts with the field it concerns ("title: ...",
// "published_at: ...").
struct RawPageResult {
  ParsedRecord record;  // article->id is left empty: the caller names the record
  std::vector<std::string> warnings;
};

// Reads one raw page: a news article saved as text, headline first, maybe
// with site chrome around it. Never throws for bad input.
//
// Rejected, in this order:
// - "not a text page (binary data)": a NUL byte, or more than 5 % of the
//   bytes are control characters other than TAB, LF, VT, FF, CR;
// - "invalid UTF-8 at byte N" (N counts from 1; converting other charsets is
//   the caller's job);
// - `field "body": empty after clean-up` (also `field "title": ...`) when
//   nothing but a headline or chrome is left.
//
// Lines. A leading UTF-8 BOM is dropped; CR LF, CR, LF, U+2028 and U+2029 end
// lines; each line is cleaned with clean_line. Blank (white-space-only) lines
// separate paragraphs. Between blank lines, a run of three or more lines of
// which at least two thirds (the last line aside) do not end a sentence is
// hard-wrapped column text and is re-joined: a line continues the one before
// unless that one ends a sentence ('.', '!', '?', ':', ';', maybe followed by
// a closing quote or bracket) and either is shorter than 70 % of the run's
// longest line or the new line is indented deeper than the run's least
// indented line; a line that starts a list item ("1. ", "2) ", "- ", "• ")
// or a "Baca juga" cross-link always starts a paragraph. In other runs every
// line is a paragraph (one paragraph per line, as most scrapes are saved),
// except that a line starting with a lowercase letter (and no dateline)
// continues a line that does not end a sentence.
//
// Chrome. These lines are dropped wherever they stand (and end a paragraph):
// - widget lines of at most 120 bytes made only of widget words, at least one
//   of them a head word: font, ukuran, share, bagikan, print, cetak, tweet,
//   komentar, comment(s), email/e-mail, facebook, twitter, whatsapp, telegram,
//   linkedin, pinterest, salin, copy, tautan; fillers: this, on, ini, ke,
//   via, di, to, the, us, follow, ikuti, kami, artikel, article, berita, link,
//   size, text, teks, huruf, a, a-, a+, numbers and bare punctuation such as
//   "-", "+", "|" ("Font: Ukuran: - +", "Bagikan artikel ini", "Share this on
//   TwitterShare this on FacebookEmail"; glued CamelCase words are split);
// - "Advertisement", "Iklan", "Scroll to continue with content";
// - navigation: a line starting "Skip to " or "Lompat ke ", or a line of glued
//   CamelCase words: at least 3 joins, and at least as many joins as
//   space-separated words ("HomeNewsSportVideo"); a join is a capital and a
//   lowercase letter right after two or more lowercase letters holding a
//   vowel, so codes such as "1pMvkpHijcRdf" have few;
// - copyright footers: a line starting "Copyright", "©", "(c) " or "Hak
//   cipta", or holding "All rights reserved" together with "Copyright" or "©";
// - a line that is only a URL (http://, https://, www.);
// - "Baca juga" cross-links, as clean_body removes them.
// Except for the widget, advertisement, URL and "All rights reserved" cases,
// a line holding a sentence (five or more words, three of them starting in
// lowercase, ending in '.', '!' or '?') is content and is kept: a real
// paragraph is never dropped for looking like navigation.
//
// Header dates. Among the first five lines left, up to the first line of
// prose or dateline, a line that is only a date (one date phrase and at most
// three other words: "Rabu, 30 Maret 2022 17:40 WIB") leaves the text; the
// date picker still reads it.
//
// Title. The first line left, when it reads as a headline: at most 200
// bytes; not ending in '.' (an ellipsis "..."/"…" is fine; '?' and '!' are
// fine), ',', ';' or ':'; not starting with a dateline; not continued by the
// next line (the next line, with no blank line between, starts with a
// lowercase letter and no dateline).
// A trailing " | Site", " - Site", " – Site" or " — Site" is cut when Site
// is one to four words and at least three words stay; a Site that is a
// domain ("Kompas.com") also gives `source` when no dateline does. Without
// such a line (body-only pages) the first sentence of the body stands in,
// cut at a word boundary to at most 100 characters ending in "…", and the
// warning "title: the page has no headline line; the first sentence stands
// in" is added.
//
// Body, after the title and chrome are gone:
// - a first paragraph (40 bytes or more) repeated word for word at the start
//   of the next one (a standfirst; the next one maybe led by a dateline) is
//   dropped;
// - the dateline at the start of the first paragraph is parsed (see
//   parse_dateline) into `location` and `source` and removed from the text;
// - trailing editor codes at the very end of the body go: "[PK]", "(ant/ded)",
//   "(ptr)", "(nat)", "(*)": one to four codes of 2 to 8 letters separated by
//   '/' or ',', in '[' ']' or '(' ')', alone on the last line or right after
//   a sentence end ('.', '!', '?', maybe with closing quotes), up to three
//   groups ("(ant/ded) (*)"). The codes are the authors as written
//   ("(ant/ded)" -> "ant", "ded"); "(*)" and an agency name ("(ANTARA)") give
//   none. A closing "(Kominfo)" after text that does not end a sentence is
//   left alone;
// - a last paragraph that is only a name (2 to 4 words, each a capital
//   followed by lowercase letters, no punctuation, none of a few non-name
//   words such as Video, Foto, Baca, Saksikan, Republik) becomes an author and
//   leaves the text, only when it is the last paragraph of the page and the
//   paragraph before it ends a sentence (a reporter's byline);
// - a line "Sumber: URL" or "Source: URL" (URL starting http:// or https://)
//   gives `url` and leaves the text. No other `url` is set.
// `lang` is left absent (the analysis detects it). `published_at` is the date
// pick_publication_date (common/prose_dates.h) finds in the page as rebuilt
// here: headline line, header date lines, paragraphs with the dateline still
// in place; its warnings are passed on. Finally clean_article runs.
RawPageResult parse_raw_page(std::string_view text, const RawPageContext& context);

// True when `bytes` (the start of a file; only the first 4 KiB are looked at)
// should be read as a raw page: not empty or blank, no NUL byte, at most 5 %
// control bytes, and, after a BOM and white space, not starting like JSON
// ('{', or '[' followed by a JSON value) or XML/HTML ('<'). Invalid UTF-8 is
// still a raw page: parse_raw_page names the bad byte.
bool looks_like_raw_page(std::string_view bytes);

// A dateline at the start of a paragraph.
struct Dateline {
  std::optional<std::string> source;    // lowercase domain
  std::optional<std::string> location;  // the place as printed
  std::size_t length = 0;               // bytes to remove: the dateline, its dash and the space after
};

// Recognises, within the first 80 bytes, a head followed by a dash ("-",
// "--", "–", "—") with a space after it and a space or ')' before it:
//   "DIALEKSIS.COM | Bogor -"     outlet | place
//   "JAKARTA, KOMPAS.com -"       place, outlet   (or outlet, place: "jpnn.com, JAKARTA -")
//   "Jakarta (ANTARA) -"          place (outlet)
//   "Jakarta, CNN Indonesia --"   place, outlet
//   "KOMPAS.com -"                outlet alone
//   "KONTAN.CO.ID - JAKARTA."     outlet, then the place in capitals and '.'
//   "NEW YORK -", "Samarinda –"   place alone: in capitals, or before an en
//                                 or em dash ("Pekanbaru -", "Persib - Persija"
//                                 are not datelines)
// An outlet is a domain (labels of letters, digits and '-', ending in a
// common TLD: com, id, net, org, co, tv, news, info, biz, asia, my, sg, uk,
// au, io, me), lowercased ("DIALEKSIS.COM" -> "dialeksis.com"), or one of
// these names (any case): ANTARA, ANTARA News, Antaranews -> antaranews.com;
// CNN Indonesia -> cnnindonesia.com; CNBC Indonesia -> cnbcindonesia.com;
// detikcom, detikNews -> detik.com; Okezone -> okezone.com; Republika ->
// republika.co.id; Tempo -> tempo.co; Reuters -> reuters.com; AFP -> afp.com;
// AP -> apnews.com; Xinhua -> xinhuanet.com; Bernama -> bernama.com. A place
// is 1 to 4 words and at most 40 bytes, without digits, starting with a
// capital; its words start with a capital except de, da, del, van, von, la,
// le, el, al. Anything else is no dateline.
std::optional<Dateline> parse_dateline(std::string_view paragraph);

}  // namespace warta::indexer
