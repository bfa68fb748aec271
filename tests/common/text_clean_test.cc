// Tests for clean_line, clean_body and repair_mojibake: one table row per rule of text_clean.h, plus edge cases.
#include "common/text_clean.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

#include "common/utf8.h"

namespace warta {
namespace {

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::string case_name(const ::testing::TestParamInfo<Case>& param_info) { return param_info.param.name; }

// Builds text from raw bytes (for C1 controls and invalid UTF-8).
std::string bytes(std::initializer_list<unsigned> values) {
  std::string s;
  for (unsigned v : values) s.push_back(static_cast<char>(v));
  return s;
}

// Characters used below, spelled out once.
const std::string kNbsp = "\xC2\xA0";
const std::string kZwsp = "\xE2\x80\x8B";
const std::string kZwnj = "\xE2\x80\x8C";
const std::string kZwj = "\xE2\x80\x8D";
const std::string kWordJoiner = "\xE2\x81\xA0";
const std::string kBom = "\xEF\xBB\xBF";
const std::string kLrm = "\xE2\x80\x8E";
const std::string kSoftHyphen = "\xC2\xAD";
const std::string kLeftQuote = "\xE2\x80\x9C";    // “
const std::string kRightQuote = "\xE2\x80\x9D";   // ”
const std::string kRightSingle = "\xE2\x80\x99";  // ’
const std::string kEmDash = "\xE2\x80\x94";       // —
const std::string kEnDash = "\xE2\x80\x93";       // –
const std::string kEAcute = "\xC3\xA9";           // é, precomposed
const std::string kEDecomposed = "e\xCC\x81";     // e + combining acute
const std::string kLineSeparator = "\xE2\x80\xA8";
const std::string kParagraphSeparator = "\xE2\x80\xA9";
const std::string kIdeographicSpace = "\xE3\x80\x80";
const std::string kNarrowNbsp = "\xE2\x80\xAF";
const std::string kThinSpace = "\xE2\x80\x89";
const std::string kReplacement = "\xEF\xBF\xBD";
const std::string kNel = "\xC2\x85";    // U+0085, a C1 control
const std::string kC1Apc = "\xC2\x9F";  // U+009F
const std::string kEGrave = "\xC3\xA8";
const std::string kATilde = "\xC3\x83";  // Ã
const std::string kEszett = "\xC3\x9F";  // ß
const std::string kTimes = "\xC3\x97";   // ×
const std::string kPlusMinus = "\xC2\xB1";
const std::string kLowQuote = "\xE2\x80\x9E";  // „
const std::string kAMacron = "\xC4\x81";       // ā
const std::string kIMacron = "\xC4\xAB";       // ī

// The same characters after UTF-8 was read as Windows-1252 and re-encoded.
const std::string kMojiLeftQuote = "\xC3\xA2\xE2\x82\xAC\xC5\x93";       // â€œ (E2 80 9C)
const std::string kMojiRightQuote = "\xC3\xA2\xE2\x82\xAC\xC2\x9D";      // â€ U+009D (E2 80 9D)
const std::string kMojiEmDash = "\xC3\xA2\xE2\x82\xAC\xE2\x80\x9D";      // â€” (E2 80 94)
const std::string kMojiEnDash = "\xC3\xA2\xE2\x82\xAC\xE2\x80\x9C";      // â€“ (E2 80 93)
const std::string kMojiApostrophe = "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2";  // â€™ (E2 80 99)
const std::string kMojiEAcute = "\xC3\x83\xC2\xA9";                      // Ã© (C3 A9)
const std::string kMojiEGrave = "\xC3\x83\xC2\xA8";                      // Ã¨ (C3 A8)
const std::string kMojiNbsp = "\xC3\x82\xC2\xA0";                        // Â NBSP (C2 A0)
const std::string kMojiPlusMinus = "\xC3\x82\xC2\xB1";                   // Â± (C2 B1)
const std::string kMojiAMacron = "\xC3\x84\xC2\x81";                     // Ä U+0081 (C4 81)
const std::string kMojiIMacron = "\xC3\x84\xC2\xAB";                     // Ä« (C4 AB)

// ---------------------------------------------------------------- repair_mojibake

class RepairMojibakeTest : public ::testing::TestWithParam<Case> {};

TEST_P(RepairMojibakeTest, Repairs) {
  const Case& c = GetParam();
  EXPECT_EQ(repair_mojibake(c.input), c.expected);
}

const Case kMojibakeCases[] = {
    {"empty", "", ""},
    {"ascii_unchanged", "Harga cabai naik 10% pekan ini.", "Harga cabai naik 10% pekan ini."},
    {"clean_unicode_unchanged", "Caf" + kEAcute + " " + kLeftQuote + "Halo" + kRightQuote + " " + kEmDash + " ok",
     "Caf" + kEAcute + " " + kLeftQuote + "Halo" + kRightQuote + " " + kEmDash + " ok"},
    {"left_quote_cp1252", kMojiLeftQuote + "Halo", kLeftQuote + "Halo"},
    {"right_quote_c1_control", "Halo" + kMojiRightQuote, "Halo" + kRightQuote},
    {"both_quotes", "kata dia " + kMojiLeftQuote + "Halo" + kMojiRightQuote + ".",
     "kata dia " + kLeftQuote + "Halo" + kRightQuote + "."},
    {"em_dash", "Jakarta" + kMojiEmDash + "Bandung", "Jakarta" + kEmDash + "Bandung"},
    {"en_dash", "2019" + kMojiEnDash + "2020", "2019" + kEnDash + "2020"},
    {"apostrophe", "Jum" + kMojiApostrophe + "at", "Jum" + kRightSingle + "at"},
    {"e_acute", "Caf" + kMojiEAcute, "Caf" + kEAcute},
    // Í is C3 8D; 8D is undefined in cp1252 and comes through as U+008D.
    {"capital_i_acute_c1_control", "\xC3\x83\xC2\x8Dvarsson", "\xC3\x8Dvarsson"},
    {"copyright_sign", "\xC3\x82\xC2\xA9 2024", "\xC2\xA9 2024"},
    {"nbsp", "Rp" + kMojiNbsp + "10", "Rp" + kNbsp + "10"},
    {"plus_minus", "2,5% " + kMojiPlusMinus + "1%", "2,5% " + kPlusMinus + "1%"},
    // 😀 is F0 9F 98 80: ð, U+009F, ˜ (cp1252 98), € (cp1252 80).
    {"emoji_four_bytes", "ok \xC3\xB0\xC2\x9F\xCB\x9C\xE2\x82\xAC!", "ok \xF0\x9F\x98\x80!"},
    // A Cyrillic word is a run of two-byte decodes: "да" is D0 B4 D0 B0.
    {"cyrillic_run", "\xC3\x90\xC2\xB4\xC3\x90\xC2\xB0", "\xD0\xB4\xD0\xB0"},
    // Arabic "م" is D9 85: Ù then U+0085.
    {"arabic_with_c1", "\xC3\x99\xC2\x85", "\xD9\x85"},
    {"two_in_a_row", kMojiEAcute + kMojiEGrave, kEAcute + kEGrave},
    // Ã next to characters that cannot continue a sequence: real text.
    {"a_tilde_before_letter", "S" + kATilde + "O PAULO", "S" + kATilde + "O PAULO"},
    {"a_tilde_before_space", kATilde + " b", kATilde + " b"},
    {"a_tilde_at_end", "abc" + kATilde, "abc" + kATilde},
    {"a_tilde_before_digit", kATilde + "1", kATilde + "1"},
    {"a_tilde_before_accented_letter", kATilde + kEAcute, kATilde + kEAcute},
    // A lone two-byte decode led by another letter is left: German ß before
    // a closing quote (DF 93 would be an NKo letter), × before NBSP.
    {"eszett_before_quote", kLowQuote + "Fu" + kEszett + kLeftQuote, kLowQuote + "Fu" + kEszett + kLeftQuote},
    {"times_before_nbsp", "3" + kTimes + kNbsp + "4", "3" + kTimes + kNbsp + "4"},
    // ...but is taken when a certain decode elsewhere shows the text went
    // through the bad round trip: ā (C4 81) has a C1 control, ī (C4 AB) not.
    {"weak_taken_with_evidence", kMojiAMacron + "man, f" + kMojiIMacron + "hi", kAMacron + "man, f" + kIMacron + "hi"},
    // â€ then a non-continuation: incomplete, left as is.
    {"truncated_three_byte", "Halo\xC3\xA2\xE2\x82\xAC ujarnya", "Halo\xC3\xA2\xE2\x82\xAC ujarnya"},
    // Decodes that would be invalid UTF-8 are left: E0 80 80 is overlong,
    // ED A0 80 a surrogate.
    {"overlong_not_produced", "\xC3\xA0\xC2\x80\xC2\x80", "\xC3\xA0\xC2\x80\xC2\x80"},
    {"surrogate_not_produced", "\xC3\xAD\xC2\xA0\xC2\x80", "\xC3\xAD\xC2\xA0\xC2\x80"},
    // é encoded wrongly twice comes back as "Ã©" after one call.
    {"only_one_layer_repaired", "\xC3\x83\xC6\x92\xC3\x82\xC2\xA9", kMojiEAcute},
    {"invalid_input_made_valid", bytes({'a', 0xFF, 'b'}), "a" + kReplacement + "b"},
};

INSTANTIATE_TEST_SUITE_P(Table, RepairMojibakeTest, ::testing::ValuesIn(kMojibakeCases), case_name);

// ---------------------------------------------------------------- clean_line

class CleanLineTest : public ::testing::TestWithParam<Case> {};

TEST_P(CleanLineTest, Cleans) {
  const Case& c = GetParam();
  EXPECT_EQ(clean_line(c.input), c.expected);
}

const Case kLineCases[] = {
    {"empty", "", ""},
    {"only_spaces", " \t  ", ""},
    {"only_invisible", kZwsp + kBom + kZwj, ""},
    {"ascii_unchanged", "Presiden meresmikan jalan tol Trans-Jawa", "Presiden meresmikan jalan tol Trans-Jawa"},
    {"indonesian_unicode_unchanged",
     kLeftQuote + "Kami siap,” kata Menteri " + kEmDash + " Jakarta, Caf" + kEAcute + " Rp1.500",
     kLeftQuote + "Kami siap,” kata Menteri " + kEmDash + " Jakarta, Caf" + kEAcute + " Rp1.500"},
    {"trim_ends", "  Jakarta  ", "Jakarta"},
    {"collapse_spaces", "Bank   Indonesia", "Bank Indonesia"},
    {"tab_to_space", "Editor:\tBudi\t\t\tCOPYRIGHT", "Editor: Budi COPYRIGHT"},
    {"newline_and_cr_to_space", "satu\r\ndua\nTiga\rempat", "satu dua Tiga empat"},
    {"nbsp_to_space", "Rp" + kNbsp + "10 juta", "Rp 10 juta"},
    {"nbsp_next_to_space_collapses", "sang " + kNbsp + " pemain", "sang pemain"},
    {"unicode_spaces",
     "a" + kThinSpace + "b" + kNarrowNbsp + "c" + kIdeographicSpace + "d" + kLineSeparator + "e" + kParagraphSeparator +
         "f",
     "a b c d e f"},
    {"zero_width_dropped_not_spaced", "ter" + kZwsp + "jaga" + kZwnj + kZwj + kWordJoiner, "terjaga"},
    {"bom_at_start_dropped", kBom + "Jakarta", "Jakarta"},
    {"direction_marks_dropped", "MA " + kLrm + "sangat", "MA sangat"},
    {"soft_hyphen_dropped", "de" + kSoftHyphen + "mokrasi", "demokrasi"},
    {"zero_width_between_spaces", "a " + kZwsp + " b", "a b"},
    {"c0_controls_to_space", bytes({'a', 0x01, 'b', 0x1F, 'c', 0x7F, 'd', 0x00, 'e'}), "a b c d e"},
    {"c1_control_to_space", "a" + kNel + "b" + kC1Apc + "c", "a b c"},
    {"nfc_composes", "Caf" + kEDecomposed, "Caf" + kEAcute},
    {"nfc_after_dropping_zero_width", "e" + kZwsp + "\xCC\x81", kEAcute},
    {"nfc_singleton", "\xE2\x84\xAB", "\xC3\x85"},  // Angstrom sign -> Å
    {"mojibake_repaired", kMojiLeftQuote + "Halo" + kMojiRightQuote + " dan caf" + kMojiEAcute,
     kLeftQuote + "Halo" + kRightQuote + " dan caf" + kEAcute},
    {"mojibake_repaired_then_nfc", kMojiEmDash + "Cafe\xCC\x81", kEmDash + "Caf" + kEAcute},
    {"mojibake_nbsp_becomes_space", "Rp" + kMojiNbsp + "10", "Rp 10"},
    {"mojibake_zero_width_dropped", "30 Maret\xC3\xA2\xE2\x82\xAC\xE2\x80\xB9 2017", "30 Maret 2017"},
    // A line is one line: no glue fix and no cross-link removal here.
    {"no_glue_fix", "terjaga.Pertama", "terjaga.Pertama"},
    {"no_cross_link_removal", "Baca juga: Judul", "Baca juga: Judul"},
    {"emoji_kept", "Juara \xF0\x9F\x8F\x86", "Juara \xF0\x9F\x8F\x86"},
    {"invalid_bytes_replaced", bytes({'a', 0xC3, ' ', 'b'}), "a" + kReplacement + " b"},
};

INSTANTIATE_TEST_SUITE_P(Table, CleanLineTest, ::testing::ValuesIn(kLineCases), case_name);

// ---------------------------------------------------------------- clean_body

class CleanBodyTest : public ::testing::TestWithParam<Case> {};

TEST_P(CleanBodyTest, Cleans) {
  const Case& c = GetParam();
  EXPECT_EQ(clean_body(c.input), c.expected);
}

const Case kBodyCases[] = {
    {"empty", "", ""},
    {"only_newlines", "\n\r\n\r\n", ""},
    {"clean_unchanged", "Paragraf pertama.\nParagraf kedua, " + kLeftQuote + "kutipan" + kRightQuote + ".",
     "Paragraf pertama.\nParagraf kedua, " + kLeftQuote + "kutipan" + kRightQuote + "."},
    {"each_paragraph_cleaned", "  satu\t dua \n tiga" + kNbsp + "empat ", "satu dua\ntiga empat"},
    {"crlf_and_cr", "satu\r\ndua\rtiga\n", "satu\ndua\ntiga"},
    {"unicode_line_breaks", "satu" + kLineSeparator + "dua" + kParagraphSeparator + "tiga", "satu\ndua\ntiga"},
    {"empty_paragraphs_dropped", "satu\n\n \n" + kZwsp + "\ndua", "satu\ndua"},
    {"mojibake_and_nfc", "caf" + kMojiEAcute + "\ncaf" + kEDecomposed, "caf" + kEAcute + "\ncaf" + kEAcute},

    // Glued sentences.
    {"glued_sentence", "Keamanan terjaga.Pertama, polisi berjaga.", "Keamanan terjaga. Pertama, polisi berjaga."},
    {"glued_two_letter_word", "kata dia.Ia datang.", "kata dia. Ia datang."},
    {"glued_word_run_inside", "darivolatile food.Kita", "darivolatile food. Kita"},
    {"glued_question_and_exclamation", "Benarkah?Tidak juga!Semua tahu.", "Benarkah? Tidak juga! Semua tahu."},
    {"glued_after_year", "pada 2023.Pada tahun", "pada 2023. Pada tahun"},
    {"glued_after_bracket", "Senin (9/9).Muzani hadir", "Senin (9/9). Muzani hadir"},
    {"glued_after_acronym", "pukul 10.00 WIB.Bagi warga", "pukul 10.00 WIB. Bagi warga"},
    {"glued_closing_curly_quote", "aman,” ujarnya.Dia pergi. " + kLeftQuote + "Ya.” Kami",
     "aman,” ujarnya. Dia pergi. " + kLeftQuote + "Ya.” Kami"},
    {"glued_after_closing_curly", kLeftQuote + "Kami siap." + kRightQuote + "Menurut dia",
     kLeftQuote + "Kami siap." + kRightQuote + " Menurut dia"},
    {"glued_before_opening_curly", "dari korban." + kLeftQuote + "Itu benar",
     "dari korban. " + kLeftQuote + "Itu benar"},
    {"glued_straight_quote_opening", "ujarnya.\"Karena itu\"", "ujarnya. \"Karena itu\""},
    {"glued_straight_quote_closing", "\"Kami siap.\"Menurut dia", "\"Kami siap.\" Menurut dia"},
    {"glued_twice", "terjaga.Pertama, polisi datang.Kedua, warga pulang.",
     "terjaga. Pertama, polisi datang. Kedua, warga pulang."},
    // A one-word "sentence" followed by '.' looks like a code ("PN.Jkt.Pst").
    {"dotted_code", "PN.Jkt.Pst dan satu.Dua.Tiga", "PN.Jkt.Pst dan satu.Dua.Tiga"},
    // Left alone: abbreviations, numbers, domains, codes, paths.
    {"abbreviation_jl", "di Jl.Sudirman", "di Jl.Sudirman"},
    {"abbreviation_dr", "RS Dr.Soetomo", "RS Dr.Soetomo"},
    {"initials_us", "pasukan U.S.Army tiba", "pasukan U.S.Army tiba"},
    {"thousands", "Rp1.500 dan 1.500.000", "Rp1.500 dan 1.500.000"},
    {"decimal", "naik 1.5 persen, Rp1.5 juta", "naik 1.5 persen, Rp1.5 juta"},
    {"domain_lowercase", "dikutip dari detik.com dan kompas.com", "dikutip dari detik.com dan kompas.com"},
    {"domain_caps", "JAKARTA, KOMPAS.com - Presiden", "JAKARTA, KOMPAS.com - Presiden"},
    {"domain_capitalised_tld", "lihat www.example.Com", "lihat www.example.Com"},
    {"url_path", "di https://contoh.id/berita.Terbaru", "di https://contoh.id/berita.Terbaru"},
    {"email", "kirim ke redaksi@media.Id", "kirim ke redaksi@media.Id"},
    {"case_number", "nomor 12/Pid.Sus/2023/PN", "nomor 12/Pid.Sus/2023/PN"},
    {"case_number_hyphen", "perkara Pid.Sus-TPK", "perkara Pid.Sus-TPK"},
    {"camel_case_word_untouched", "aplikasi WhatsApp dan TransJakarta", "aplikasi WhatsApp dan TransJakarta"},
    {"lowercase_after_dot", "versi v2.beta", "versi v2.beta"},
    {"ellipsis", "tunggu...Kemudian", "tunggu...Kemudian"},
    {"all_caps_after_dot", "laporan.KPK menyebut", "laporan.KPK menyebut"},

    // Cross-link lines.
    {"baca_juga_line", "Paragraf satu.\nBaca juga: Judul Berita Lain\nParagraf dua.", "Paragraf satu.\nParagraf dua."},
    {"baca_juga_title_case", "a\nBaca Juga: Judul Lain\nb", "a\nb"},
    {"baca_juga_caps_nbsp", "a\nBACA JUGA:" + kNbsp + " Judul Lain\nb", "a\nb"},
    {"baca_juga_space_before_colon", "a\nBaca juga : Judul\nb", "a\nb"},
    {"baca_juga_brackets", "a\n[Baca juga: Judul Lain]\n(Baca Juga:   Judul Kedua)\nb", "a\nb"},
    {"baca_juga_alone", "a\nBaca Juga\nNasib pemain itu berubah.", "a\nNasib pemain itu berubah."},
    {"baca_juga_several", "a\nBaca juga: Satu\nBaca juga: Dua\nb", "a\nb"},
    {"baca_juga_with_glued_credit", "a\nBaca juga: Judul LainPewarta: Nama\nb", "a\nb"},
    {"baca_juga_headline_on_next_line", "a\nBaca juga:\nJudul Berita Lain\nParagraf dua.", "a\nParagraf dua."},
    {"baca_juga_colon_then_sentence_kept", "a\nBaca juga:\nSetelah itu, ia pulang.", "a\nSetelah itu, ia pulang."},
    {"baca_juga_colon_then_quote_kept", "a\nBaca juga:\n\"Kami siap,\" ujarnya", "a\n\"Kami siap,\" ujarnya"},
    {"baca_juga_long_line_kept", "Baca juga: " + std::string(400, 'x'), "Baca juga: " + std::string(400, 'x')},
    // Markers inside a paragraph.
    {"indosum_placeholder_line", "a\nBaca_Juga\nb", "a\nb"},
    {"indosum_placeholder_token", "Baca_Juga Namun, ia kembali.", "Namun, ia kembali."},
    {"indosum_placeholder_mid", "ia datang Baca_Juga lalu pergi", "ia datang lalu pergi"},
    {"indosum_placeholder_before_comma", "ia datang Baca_Juga, lalu pergi", "ia datang, lalu pergi"},
    {"indosum_placeholder_in_identifier_kept", "kode XBaca_Juga", "kode XBaca_Juga"},
    {"glued_marker_after_sentence", "lalu.Baca JugaSelain itu, ia pergi.", "lalu. Selain itu, ia pergi."},
    {"glued_marker_after_space", "lalu. Baca JugaData BI menunjukkan", "lalu. Data BI menunjukkan"},
    {"glued_marker_before_quote", "Kalimantan.Baca Juga" + kLeftQuote + "Kita siap",
     "Kalimantan. " + kLeftQuote + "Kita siap"},
    {"glued_marker_after_word", "di KediriBaca Juga" + kLeftQuote + "Untuk warga",
     "di Kediri " + kLeftQuote + "Untuk warga"},
    {"marker_ends_paragraph", "kata dia. Baca Juga", "kata dia."},
    // Left alone: ordinary words and mid-paragraph links whose end is unclear.
    {"lowercase_words_kept", "saya baca juga buku itu, sudah dibaca juga",
     "saya baca juga buku itu, sudah dibaca juga"},
    {"sentence_starting_baca_kept", "Baca juga bukunya.", "Baca juga bukunya."},
    {"mid_paragraph_link_kept", "kata Saleh. Baca juga: Judul Lain Isi berita",
     "kata Saleh. Baca juga: Judul Lain Isi berita"},
};

INSTANTIATE_TEST_SUITE_P(Table, CleanBodyTest, ::testing::ValuesIn(kBodyCases), case_name);

// ---------------------------------------------------------------- properties

// Output is valid UTF-8 for inputs that stress boundaries: mojibake leads,
// continuations, markers, quotes, breaks and invalid bytes in combination.
TEST(TextCleanProperties, OutputIsValidOnByteMixtures) {
  const std::string pieces[] = {
      "\xC3\x83", "\xC3\xA2", "\xC3\xB0", "\xC2\x9F", "\xE2\x82\xAC", "\xC2\xA0",   "\xC5\x93", kZwsp,      kBom,
      "a",        ".",        "B",        " ",        "\n",           "\r",         "\"",       kLeftQuote, kRightQuote,
      "Baca",     " Juga",    "_Juga",    ":",        "\xCC\x81",     bytes({0xFF})};
  for (const std::string& a : pieces) {
    for (const std::string& b : pieces) {
      for (const std::string& c : pieces) {
        const std::string input = a + b + c + b + a;
        ASSERT_FALSE(find_invalid_utf8(clean_line(input))) << input;
        ASSERT_FALSE(find_invalid_utf8(clean_body(input))) << input;
        ASSERT_FALSE(find_invalid_utf8(repair_mojibake(input))) << input;
      }
    }
  }
}

// Cleaned text is a fixed point: re-cleaning an archive changes nothing.
TEST(TextCleanProperties, ExpectedOutputsAreFixedPoints) {
  for (const Case& c : kLineCases) EXPECT_EQ(clean_line(c.expected), c.expected) << c.name;
  for (const Case& c : kBodyCases) EXPECT_EQ(clean_body(c.expected), c.expected) << c.name;
}

TEST(TextCleanProperties, LineHasNoBreaksAndBodyNoEmptyParagraphs) {
  const std::string body = clean_body("\n\na\n\n\nb \n\r\n c\n\n");
  EXPECT_EQ(body, "a\nb\nc");
  EXPECT_EQ(clean_line("a\nb\r\nc"), "a b c");
}

TEST(TextCleanProperties, LongAsciiTextPassesThrough) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "Harga beras naik 1.500 rupiah per kilogram di detik.com. ";
  text.pop_back();
  EXPECT_EQ(clean_line(text), text);
  EXPECT_EQ(clean_body(text), text);
  EXPECT_EQ(repair_mojibake(text), text);
}

}  // namespace
}  // namespace warta
