// analyse: the one place that turns an article into terms, values and data.
#include "indexer/analyse.h"

#include <nlohmann/json.hpp>

#include "common/analysis.h"
#include "common/schema.h"
#include "indexer/modern_spelling_terms.h"
#include "indexer/index_signals.h"

namespace warta::indexer {
namespace {

using schema::FieldSpec;
using schema::Slot;

std::string join_values(const FieldSpec& field, const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& v : values) {
    if (!joined.empty()) joined.push_back(schema::kListSeparator);
    joined += schema::facet_value(field, v);
  }
  return joined;
}

}  // namespace

Xapian::Document DocumentBuilder::build(const Article& a) {
  Xapian::Document doc;
  Language language = language_of(a.lang ? &*a.lang : nullptr, a.title, a.body);
  text_.start(doc, stemmer_for(language));

  // Positions: title, then title again unprefixed, then body; gaps keep
  // phrases from spanning two parts.
  text_.index_text(a.title, 1, schema::title_prefix());
  text_.increase_termpos();
  text_.index_text(a.title, schema::kTitleWeight);
  text_.increase_termpos();
  text_.index_text(a.body);

  auto add_field = [&](std::string_view name, const std::string& value) {
    const FieldSpec& field = *schema::find_field(name);
    if (!field.text_prefix.empty()) {
      text_.increase_termpos();
      text_.index_text(value, 1, field.text_prefix);
    }
    doc.add_boolean_term(schema::exact_term(field, value));
  };
  auto set_value = [&](std::string_view name, const std::string& raw) {
    const FieldSpec& field = *schema::find_field(name);
    doc.add_value(schema::slot(*field.facet_slot), schema::facet_value(field, raw));
  };

  if (a.source) {
    add_field("source", *a.source);
    set_value("source", *a.source);
  }
  if (a.section) {
    add_field("section", *a.section);
    set_value("section", *a.section);
  }
  if (a.location) {
    add_field("location", *a.location);
    set_value("location", *a.location);
  }
  for (const std::string& author : a.authors) add_field("author", author);
  for (const std::string& tag : a.tags) add_field("tag", tag);
  if (!a.authors.empty()) {
    doc.add_value(schema::slot(Slot::kAuthors), join_values(*schema::find_field("author"), a.authors));
  }
  if (!a.tags.empty()) {
    doc.add_value(schema::slot(Slot::kTags), join_values(*schema::find_field("tag"), a.tags));
  }

  // The language is indexed as given, else as detected, so that a `lang`
  // filter covers every article; the stored article keeps only what was given.
  std::string lang = a.lang ? *a.lang : std::string(language_code(language));
  if (!lang.empty()) {
    add_field("lang", lang);
    set_value("lang", lang);
  }
  text_.finish();

  if (a.published) {
    const PublishedDate& d = *a.published;
    doc.add_boolean_term(schema::year_term(d.year));
    doc.add_boolean_term(schema::month_term(d.year, d.month));
    doc.add_boolean_term(schema::day_term(d.year, d.month, d.day));
    doc.add_value(schema::slot(Slot::kSortDate), sort_key(d));
    doc.add_value(schema::slot(Slot::kDay), day_key(d));
    doc.add_value(schema::slot(Slot::kYear), year_key(d));
    doc.add_value(schema::slot(Slot::kMonth), month_key(d));
  }

  if (options_.modern_spellings) add_modern_spellings(doc, language, a.published);

  add_index_signals(a, doc);
  doc.add_boolean_term(schema::id_term(a.id));
  doc.add_value(schema::slot(Slot::kId), a.id);
  doc.set_data(article_to_json(a).dump());
  return doc;
}

}  // namespace warta::indexer
