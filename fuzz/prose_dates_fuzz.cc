// Fuzz target: dates in news prose (common/prose_dates).
#include "common/prose_dates.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace warta;
  const std::string_view text = fuzz::as_text(data, size);
  for (const std::optional<int> year : {std::optional<int>(), std::optional<int>(2022)}) {
    const DateContext context{year};
    std::size_t end_of_last = 0;
    for (const DateMention& mention : find_date_mentions(text, context)) {
      // In order, not overlapping, inside the text, and real calendar days.
      WARTA_FUZZ_CHECK(mention.offset >= end_of_last && mention.offset < text.size());
      WARTA_FUZZ_CHECK(mention.length > 0 && mention.length <= text.size() - mention.offset);
      WARTA_FUZZ_CHECK(is_valid_day(mention.date.year, mention.date.month, mention.date.day));
      end_of_last = mention.offset + mention.length;
    }
    const DateDecision decision = pick_publication_date(text, context);
    WARTA_FUZZ_CHECK(decision.date.has_value() == !decision.source.empty());
    if (decision.date) WARTA_FUZZ_CHECK(parse_iso_date(format_iso_date(*decision.date)) == decision.date);
  }
  return 0;
}
