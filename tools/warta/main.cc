// warta: the terminal client of warta-searchd; exit 0 done, 1 error (server or network), 2 usage.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/version.h"
#include "tools/warta/client.h"
#include "tools/warta/render.h"

namespace {

using warta::cli::Json;

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr const char* kDefaultServer = "http://127.0.0.1:8080";

struct SearchOptions {
  std::vector<std::string> words;
  std::vector<std::pair<const char*, std::vector<std::string>>> filters{
      {"source", {}}, {"section", {}}, {"author", {}}, {"location", {}}, {"lang", {}}, {"tag", {}}};
  std::string from;
  std::string to;
  std::string facets;
  std::string sort;
  std::optional<int> limit;
  std::optional<int> offset;
};

std::string trim(std::string_view text) {
  std::size_t start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(start, end - start + 1));
}

// "source,month:12" -> ["source", {"field": "month", "size": 12}], as GET
// /search reads it. Names are left to the server to judge, so that the
// client does not fall behind when it learns new facets.
std::optional<Json> parse_facets(const std::string& spec, std::string& error) {
  Json facets = Json::array();
  for (std::size_t start = 0; start <= spec.size();) {
    std::size_t comma = spec.find(',', start);
    if (comma == std::string::npos) comma = spec.size();
    std::string item = trim(std::string_view(spec).substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) continue;
    std::size_t colon = item.find(':');
    if (colon == std::string::npos) {
      facets.push_back(item);
      continue;
    }
    std::string field = trim(std::string_view(item).substr(0, colon));
    std::string size = trim(std::string_view(item).substr(colon + 1));
    if (field.empty() || size.empty() || size.size() > 9 ||
        size.find_first_not_of("0123456789") != std::string::npos) {
      error = "--facets: \"" + item + "\" is not FIELD or FIELD:SIZE";
      return std::nullopt;
    }
    facets.push_back({{"field", field}, {"size", std::stoi(size)}});
  }
  return facets;
}

// The POST /search body (protocol v1). Only what the command line gives is
// sent, so the server's defaults (sort, limit, highlight) stay in one place.
std::optional<Json> search_body(const SearchOptions& options, std::string& error) {
  Json body = Json::object();
  std::string q;
  for (const std::string& word : options.words) q += (q.empty() ? "" : " ") + word;
  body["q"] = q;
  Json filters = Json::object();
  for (const auto& [field, values] : options.filters) {
    if (!values.empty()) filters[field] = values;
  }
  if (!options.from.empty() || !options.to.empty()) {
    Json date = Json::object();
    if (!options.from.empty()) date["from"] = options.from;
    if (!options.to.empty()) date["to"] = options.to;
    filters["date"] = date;
  }
  if (!filters.empty()) body["filters"] = filters;
  if (!options.facets.empty()) {
    std::optional<Json> facets = parse_facets(options.facets, error);
    if (!facets) return std::nullopt;
    if (!facets->empty()) body["facets"] = *facets;
  }
  if (!options.sort.empty()) body["sort"] = options.sort;
  if (options.offset) body["offset"] = *options.offset;
  if (options.limit) body["limit"] = *options.limit;
  return body;
}

// Bold only for a person at a terminal; NO_COLOR (no-color.org) and TERM=dumb opt out.
bool stdout_is_styled() {
  if (::isatty(STDOUT_FILENO) == 0) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::string_view(term) != "dumb";
}

// Prints a reply: the JSON as sent (pretty) with --json, else `render`'s
// text; a protocol error goes to stderr as "warta: message (code, HTTP n)".
template <typename Render>
int print_reply(const warta::cli::HttpReply& reply, const warta::cli::ServerUrl& server, bool json_output,
                Render render) {
  Json parsed = Json::parse(reply.body, nullptr, false);
  if (reply.status < 200 || reply.status > 299) {
    const Json* error = parsed.is_object() && parsed.contains("error") ? &parsed["error"] : nullptr;
    if (error != nullptr && error->is_object() && error->contains("message") && (*error)["message"].is_string()) {
      std::string code = error->contains("code") && (*error)["code"].is_string() ? (*error)["code"].get<std::string>()
                                                                                  : "error";
      std::cerr << "warta: " << warta::cli::clean_text((*error)["message"].get<std::string>()) << " ("
                << warta::cli::clean_text(code) << ", HTTP " << reply.status << ")\n";
    } else {  // not warta-searchd speaking (a proxy, another service)
      std::cerr << "warta: " << server.text << " answered HTTP " << reply.status << "\n";
    }
    return kExitError;
  }
  if (parsed.is_discarded()) {
    std::cerr << "warta: " << server.text << " answered with something other than JSON\n";
    return kExitError;
  }
  if (json_output) {
    std::cout << parsed.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
  } else {
    warta::cli::RenderOptions options;
    options.width = warta::cli::terminal_width(STDOUT_FILENO);
    options.styled = stdout_is_styled();
    std::cout << render(parsed, options);
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "warta: cannot write the output\n";
    return kExitError;
  }
  return kExitOk;
}

// Where to ask and how to print, per subcommand.
struct Connection {
  std::string server = kDefaultServer;
  bool json_output = false;
};

// Each subcommand gets its own Connection: CLI11 applies $WARTA_SERVER to
// every subcommand's option, so a shared variable would let the unused
// subcommand overwrite the --server that was given.
void add_connection_options(CLI::App* command, Connection& connection) {
  command->add_option("--server", connection.server, "warta-searchd to ask, http://HOST:PORT[/PREFIX]")
      ->envname("WARTA_SERVER")
      ->type_name("URL")
      ->capture_default_str();
  command->add_flag("--json", connection.json_output, "Print the server's JSON response instead of text");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"warta: searches a Warta news archive through warta-searchd.\n"
               "The server is --server, else $WARTA_SERVER, else " + std::string(kDefaultServer) + ".\n"
               "Exit status: 0 done, 1 error (from the server or the network), 2 usage error."};
  app.set_version_flag("--version", "warta " + std::string(warta::version()));
  app.require_subcommand(1);

  SearchOptions search_options;
  CLI::App* search = app.add_subcommand("search", "Search the archive (POST /search)");
  search->footer("Words are AND-ed; \"phrases\", OR, NOT, word*, title:, date:2022-03-01..2022-03-31 "
                 "work as in the server's query syntax.\nPut -- before a query that starts with '-': "
                 "warta search -- -banjir");
  search->add_option("query", search_options.words, "The query (several words are joined); none browses")
      ->type_name("QUERY");
  for (auto& [field, values] : search_options.filters) {
    search->add_option(std::string("--") + field, values, std::string("Only articles with this ") + field +
                                                              " (repeat for any of several)")
        ->type_name("VALUE")
        ->allow_extra_args(false);  // one value per flag: "--source a banjir" keeps "banjir" as the query
  }
  search->add_option("--from", search_options.from, "Published on or after this day")->type_name("YYYY-MM-DD");
  search->add_option("--to", search_options.to, "Published on or before this day")->type_name("YYYY-MM-DD");
  search->add_option("--facets", search_options.facets,
                     "Count values of these fields: source, section, author, location, lang, tag, year, "
                     "month; FIELD:SIZE for more than 10")
      ->type_name("LIST");
  search->add_option("--sort", search_options.sort, "relevance (default with words), newest (default without), oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  search->add_option("--limit", search_options.limit, "Hits to show, 0..100 (default 10)")->type_name("N");
  search->add_option("--offset", search_options.offset, "Hits to skip, for the next pages")->type_name("N");
  Connection search_connection;
  add_connection_options(search, search_connection);

  std::string article_id;
  CLI::App* article = app.add_subcommand("article", "Show one stored article (GET /articles/ID)");
  article->add_option("id", article_id, "The article's id")->required()->type_name("ID");
  Connection article_connection;
  add_connection_options(article, article_connection);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  const Connection& connection = search->parsed() ? search_connection : article_connection;
  std::string error;
  std::optional<warta::cli::ServerUrl> server = warta::cli::parse_server_url(connection.server, error);
  if (!server) {
    std::cerr << "warta: --server: " << error << "\n";
    return kExitUsage;
  }

  std::string method = "GET";
  std::string target;
  std::string body;
  if (search->parsed()) {
    std::optional<Json> request = search_body(search_options, error);
    if (!request) {
      std::cerr << "warta: " << error << "\nRun with --help for more information.\n";
      return kExitUsage;
    }
    method = "POST";
    target = "/search";
    body = request->dump();
  } else {
    if (article_id.empty()) {
      std::cerr << "warta: article: the id is empty\nRun with --help for more information.\n";
      return kExitUsage;
    }
    target = "/articles/" + warta::cli::encode_path_segment(article_id);
  }

  try {
    warta::cli::HttpReply reply = warta::cli::http_request(*server, method, target, body);
    if (search->parsed()) return print_reply(reply, *server, connection.json_output, warta::cli::render_search);
    return print_reply(reply, *server, connection.json_output, warta::cli::render_article);
  } catch (const warta::cli::UnreachableError& e) {
    std::cerr << "warta: cannot reach " << server->text << ": " << e.what() << "\n";
  } catch (const warta::cli::ExchangeError& e) {
    std::cerr << "warta: no answer from " << server->text << ": " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "warta: " << e.what() << "\n";
  }
  return kExitError;
}
