// text_clean: the clean-up real news archives need before analysis and display.
#pragma once

#include <string>
#include <string_view>

namespace warta {

// All three functions take valid UTF-8 and always return valid UTF-8 (an
// invalid byte, should one slip through, becomes U+FFFD). Pure; thread-safe.
// Pure ASCII input never reaches ICU.

// Cleans one line of text (a title, a name, a field value): double-encoded
// UTF-8 ("â€œ") is repaired as by repair_mojibake; NBSP, TAB, line breaks and
// the other Unicode space characters become a plain space; zero-width and
// invisible format characters (U+200B..U+200F, U+2060..U+2064, U+202A..U+202E,
// U+2066..U+206F, U+FEFF BOM, U+00AD soft hyphen, U+061C, U+180E) are
// dropped without leaving a space; other control characters (C0, DEL, C1)
// become spaces; runs of white space collapse to one space with the ends
// trimmed; the result is in Unicode NFC.
std::string clean_line(std::string_view text);

// Cleans an article body. Paragraphs are the lines separated by '\n', "\r\n",
// '\r', U+2028 or U+2029; each is cleaned as by clean_line, then:
// - Cross-link lines go: a paragraph that is "Baca juga" ("Baca Juga",
//   "BACA JUGA"), maybe in '[' or '(', alone or followed by ':' and a
//   headline of at most 320 bytes. After a bare "Baca juga:" the next
//   paragraph goes too when it reads like a headline (at most 160 bytes,
//   not a quotation, not ending in '.').
// - Cross-link markers inside a paragraph go: IndoSum's "Baca_Juga" token
//   anywhere, and "Baca juga" glued to what follows ("Baca JugaSelain itu",
//   "Baca Juga“Kita") or ending the paragraph; the headline is already gone
//   there. A mid-paragraph "Baca juga: <headline> <text>" is left: where the
//   headline ends cannot be told.
// - Glued sentences get their space back: '.', '?' or '!' after a word ending
//   in two lowercase ASCII letters, an acronym of two or more capitals, a
//   digit, or ')' / ']', directly followed by a capital and a lowercase
//   letter ("terjaga.Pertama" -> "terjaga. Pertama", "(9/9).Muzani",
//   "2023.Pada", "WIB.Bagi"), also across a quote ("ujarnya.”Dia" ->
//   "ujarnya.” Dia", "korban.“Itu" -> "korban. “Itu"; a straight '"' counts as
//   opening after an even number of them in the paragraph). Left alone:
//   "Jl.Sudirman", "Dr.Soetomo", "U.S.Army", "1.500", "Rp1.5", "detik.com",
//   "KOMPAS.com", the rest of a token after "://", '@' or a letter.letter dot,
//   and a capitalised word followed by '.', '-', '/', '@', '_' or a digit
//   ("Pid.Sus/2023", "PN.Jkt.Pst").
// Empty paragraphs are dropped and the rest joined with '\n'.
std::string clean_body(std::string_view text);

// Repairs UTF-8 that was decoded as Windows-1252 (or Latin-1) and encoded to
// UTF-8 again, as in "â€œ" for a left double quote, "Ã©" for "é". Only runs
// that decode to valid multi-byte UTF-8 are changed; other text is returned
// as it is. A two-byte decode that could be real text (not led by "Â" or "Ã"
// and without a C1 control, such as "ß“") is taken only next to another
// decode or when the text holds a certain one. One layer is undone per call.
std::string repair_mojibake(std::string_view text);

}  // namespace warta
