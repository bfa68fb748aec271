// text_clean: the clean-up real news archives need before analysis and display.
#pragma once

#include <string>
#include <string_view>

namespace warta {

// Cleans one line of text (a title, a name, a field value) that is already
// valid UTF-8: double-encoded UTF-8 ("â€œ") is repaired, the text is put in
// Unicode NFC, NBSP and other space characters become a plain space,
// zero-width characters and BOMs are dropped, control characters other than
// TAB become spaces, and runs of white space collapse to one space with the
// ends trimmed. Pure; thread-safe.
std::string clean_line(std::string_view text);

// Cleans an article body that is already valid UTF-8. Paragraphs are the
// '\n'-separated lines (CR LF and CR count as '\n'); each is cleaned as by
// clean_line, words glued across a sentence end get their space back
// ("terjaga.Pertama" -> "terjaga. Pertama"), cross-link lines ("Baca juga: ...",
// "Baca Juga ...", "BACA JUGA: ...", IndoSum's "Baca_Juga" placeholders) are
// removed, and empty paragraphs are dropped. The result joins paragraphs
// with '\n'. Pure; thread-safe.
std::string clean_body(std::string_view text);

// Repairs UTF-8 that was decoded as Windows-1252 (or Latin-1) and encoded to
// UTF-8 again, as in "â€œ" for a left double quote, "Ã©" for "é". Only runs
// that decode to valid multi-byte UTF-8 are changed; other text is returned
// as it is. Pure; thread-safe.
std::string repair_mojibake(std::string_view text);

}  // namespace warta
