// baseline_document: how the plain-Xapian baseline turns one JSON Lines record
// into a document. Shared by the baseline indexer and the phase timer so that
// both measure exactly the same baseline.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

namespace warta::bench {

// TermGenerator with the Indonesian stemmer and Xapian's default settings.
inline Xapian::TermGenerator baseline_term_generator() {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("indonesian"));
  return generator;
}

// Title, then body, then the record itself as the document's data; nullopt
// when the line is not a JSON object (the baseline skips it).
inline std::optional<Xapian::Document> baseline_document(Xapian::TermGenerator& generator,
                                                         const std::string& line) {
  nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
  if (record.is_discarded() || !record.is_object()) return std::nullopt;
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(record.value("title", ""));
  generator.increase_termpos();
  generator.index_text(record.value("body", ""));
  doc.set_data(line);
  return doc;
}

}  // namespace warta::bench
