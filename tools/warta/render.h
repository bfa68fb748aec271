// render: search responses and articles (protocol v1 JSON) as wrapped, readable text for a terminal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace warta::cli {

// The JSON as the server sent it: ordered_json keeps its field and facet order.
using Json = nlohmann::ordered_json;

struct RenderOptions {
  int width = 100;     // columns to wrap to; at least 20 is used
  bool styled = false;  // ANSI bold for matches and titles (only for a terminal)
};

// ANSI SGR sequences used when styled.
inline constexpr std::string_view kBold = "\033[1m";
inline constexpr std::string_view kDim = "\033[2m";
inline constexpr std::string_view kReset = "\033[0m";

// Turns the HTML-escaped `snippet` / `title_html` of a hit into terminal
// text: <mark>..</mark> become kBold..kReset when `styled`, nothing
// otherwise; entities (&lt; &gt; &amp; &quot; &#39;, and any &#N; or &#xH;)
// are decoded; other tags and unknown entities are kept as written. The
// result is passed through clean_text.
std::string render_marked_html(std::string_view html, bool styled);

// Makes server text safe and flat for a terminal: control characters
// (including ESC, tabs and newlines) become spaces, so that an archived
// article cannot move the cursor or restyle the terminal, and runs of
// spaces become one; leading and trailing spaces are dropped.
std::string clean_text(std::string_view text);

// Columns `text` takes on a terminal: UTF-8 code points count 1, East Asian
// wide ones 2, combining marks 0; ANSI escape sequences count 0.
int display_width(std::string_view text);

// Greedy word wrap of one paragraph (words split on spaces) into lines of at
// most `width` columns, the first starting with `first_indent`, the others
// with `indent`. A word longer than a line gets a line of its own, unbroken
// (URLs stay whole for copying). Never returns an empty vector.
std::vector<std::string> wrap(std::string_view text, int width, std::string_view first_indent,
                              std::string_view indent);

// The table of a search response: "N articles (exact)" or "about N
// articles", "did you mean: ..." when there is a suggestion, one block per
// hit (rank from the response's offset, title, date · source · section ·
// authors · location, snippet, id and url), then one line per facet
// ("source: kompas.com 12 · detik.com 7"). Tolerates missing or mistyped
// fields (they are left out). Ends with a newline.
std::string render_search(const Json& response, const RenderOptions& options);

// A stored article (GET /articles/{id}): title, the meta line, url, tags,
// then the body, one wrapped paragraph per line of the body. Ends with a
// newline.
std::string render_article(const Json& article, const RenderOptions& options);

// Columns of the terminal on `fd` (ioctl TIOCGWINSZ); else $COLUMNS when it
// is a number; else 100.
int terminal_width(int fd);

}  // namespace warta::cli
