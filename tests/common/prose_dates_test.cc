// Tests for prose_dates: date phrases in Indonesian and English news prose, and the choice of the publication date.
#include "common/prose_dates.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace warta {
namespace {

DateContext no_year() { return DateContext{}; }
DateContext year(int y) { return DateContext{y}; }

struct PhraseCase {
  const char* text;
  DateContext context;
  const char* expected;  // format_iso_date of the one mention
  DateForm form;
};

TEST(FindDateMentions, ReadsEveryForm) {
  const PhraseCase cases[] = {
      // A day name and a numeric day first date in parentheses.
      {"Rabu (30/3/2022)", no_year(), "2022-03-30", DateForm::numeric},
      {"rabu (30/3/2022)", no_year(), "2022-03-30", DateForm::numeric},
      {"RABU (30/03/2022)", no_year(), "2022-03-30", DateForm::numeric},
      {"Senin(27/3/2017)", no_year(), "2017-03-27", DateForm::numeric},
      {"Sabtu, (6/5/2017)", no_year(), "2017-05-06", DateForm::numeric},
      {"Jumat (6/1/2023)", no_year(), "2023-01-06", DateForm::numeric},
      {"Jum'at (6/1/2023)", no_year(), "2023-01-06", DateForm::numeric},
      {"Jum\u2019at (6/1/2023)", no_year(), "2023-01-06", DateForm::numeric},
      {"Kamis (5/1/2023)", no_year(), "2023-01-05", DateForm::numeric},
      {"Selasa (29/3/2022)", no_year(), "2022-03-29", DateForm::numeric},
      {"Minggu (3/4/2022)", no_year(), "2022-04-03", DateForm::numeric},
      {"Ahad (3/4/2022)", no_year(), "2022-04-03", DateForm::numeric},
      {"Rabu 30/3/2022", no_year(), "2022-03-30", DateForm::numeric},
      {"Rabu (30-3-2022)", no_year(), "2022-03-30", DateForm::numeric},
      // Two-digit years: the century nearest the reference year, else 00-69 -> 20xx.
      {"Rabu (30/3/22)", no_year(), "2022-03-30", DateForm::numeric},
      {"Rabu (30/3/22)", year(2022), "2022-03-30", DateForm::numeric},
      {"Selasa (30/3/99)", year(2001), "1999-03-30", DateForm::numeric},
      {"Kamis (1/1/70)", no_year(), "1970-01-01", DateForm::numeric},
      // Day and month only: the year comes from the context.
      {"Senin (27/3)", year(2017), "2017-03-27", DateForm::numeric},
      {"Senin (27 / 3)", year(2017), "2017-03-27", DateForm::numeric},
      {"Senin, 27 Maret", year(2017), "2017-03-27", DateForm::day_month_name},
      {"Wednesday, March 30", year(2022), "2022-03-30", DateForm::month_name_day},
      // Indonesian month names and abbreviations.
      {"30 Maret 2022", no_year(), "2022-03-30", DateForm::day_month_name},
      {"30 MARET 2022", no_year(), "2022-03-30", DateForm::day_month_name},
      {"30 Mar 2022", no_year(), "2022-03-30", DateForm::day_month_name},
      {"29 Okt 2024", no_year(), "2024-10-29", DateForm::day_month_name},
      {"29 Okt. 2024", no_year(), "2024-10-29", DateForm::day_month_name},
      {"1 Januari 2023", no_year(), "2023-01-01", DateForm::day_month_name},
      {"2 Jan 2023", no_year(), "2023-01-02", DateForm::day_month_name},
      {"14 Februari 2023", no_year(), "2023-02-14", DateForm::day_month_name},
      {"14 Feb 2023", no_year(), "2023-02-14", DateForm::day_month_name},
      {"1 Pebruari 1999", no_year(), "1999-02-01", DateForm::day_month_name},
      {"21 April 2022", no_year(), "2022-04-21", DateForm::day_month_name},
      {"21 Apr 2022", no_year(), "2022-04-21", DateForm::day_month_name},
      {"1 Mei 2022", no_year(), "2022-05-01", DateForm::day_month_name},
      {"1 Juni 2022", no_year(), "2022-06-01", DateForm::day_month_name},
      {"2 Jun 2022", no_year(), "2022-06-02", DateForm::day_month_name},
      {"1 Juli 2022", no_year(), "2022-07-01", DateForm::day_month_name},
      {"2 Jul 2022", no_year(), "2022-07-02", DateForm::day_month_name},
      {"17 Agustus 1945", no_year(), "1945-08-17", DateForm::day_month_name},
      {"17 Agu 2021", no_year(), "2021-08-17", DateForm::day_month_name},
      {"17 Ags 2021", no_year(), "2021-08-17", DateForm::day_month_name},
      {"17 Agt 2021", no_year(), "2021-08-17", DateForm::day_month_name},
      {"5 September 2022", no_year(), "2022-09-05", DateForm::day_month_name},
      {"5 Sep 2022", no_year(), "2022-09-05", DateForm::day_month_name},
      {"5 Sept 2022", no_year(), "2022-09-05", DateForm::day_month_name},
      {"10 Oktober 2022", no_year(), "2022-10-10", DateForm::day_month_name},
      {"10 November 2022", no_year(), "2022-11-10", DateForm::day_month_name},
      {"10 Nov 2022", no_year(), "2022-11-10", DateForm::day_month_name},
      {"10 Nop 2022", no_year(), "2022-11-10", DateForm::day_month_name},
      {"25 Desember 2022", no_year(), "2022-12-25", DateForm::day_month_name},
      {"25 Des 2022", no_year(), "2022-12-25", DateForm::day_month_name},
      {"29 Feb 2024", no_year(), "2024-02-29", DateForm::day_month_name},
      {"Rabu, 30 Maret 2022", no_year(), "2022-03-30", DateForm::day_month_name},
      {"Rabu tanggal 30 Maret 2022", no_year(), "2022-03-30", DateForm::day_month_name},
      {"Jumat malam (12/5/2017)", no_year(), "2017-05-12", DateForm::numeric},
      {"Senin pagi, (15/5)", year(2017), "2017-05-15", DateForm::numeric},
      {"Minggu dini hari (3/4/2022)", no_year(), "2022-04-03", DateForm::numeric},
      {"30\u00a0Maret\u00a02022", no_year(), "2022-03-30", DateForm::day_month_name},  // NBSP
      // Times: WIB +07:00, WITA +08:00, WIT +09:00.
      {"Selasa, 29 Okt 2024 17:40 WIB", no_year(), "2024-10-29T17:40:00+07:00", DateForm::day_month_name},
      {"Selasa, 29 Okt 2024 | 17:40 WITA", no_year(), "2024-10-29T17:40:00+08:00", DateForm::day_month_name},
      {"Selasa, 29 Okt 2024 - 17:40 WIT", no_year(), "2024-10-29T17:40:00+09:00", DateForm::day_month_name},
      {"Rabu (30/3/2022) pukul 17.40 WIB", no_year(), "2022-03-30T17:40:00+07:00", DateForm::numeric},
      {"Rabu (30/3/2022 08:05 Wita)", no_year(), "2022-03-30T08:05:00+08:00", DateForm::numeric},
      {"30 Maret 2022, pukul 17.40 WIB", no_year(), "2022-03-30T17:40:00+07:00", DateForm::day_month_name},
      {"30 Maret 2022 pkl. 08.05 WIT", no_year(), "2022-03-30T08:05:00+09:00", DateForm::day_month_name},
      {"30 Maret 2022 17.40 WIB", no_year(), "2022-03-30T17:40:00+07:00", DateForm::day_month_name},
      {"30 Maret 2022 17:40", no_year(), "2022-03-30T17:40:00", DateForm::day_month_name},
      {"30/03/2022 17:40:09", no_year(), "2022-03-30T17:40:09", DateForm::numeric},
      // Numeric, day first (the Indonesian convention), and year first.
      {"30-03-2022", no_year(), "2022-03-30", DateForm::numeric},
      {"30/03/2022", no_year(), "2022-03-30", DateForm::numeric},
      {"30.03.2022", no_year(), "2022-03-30", DateForm::numeric},
      {"1/2/2022", no_year(), "2022-02-01", DateForm::numeric},
      {"2022-03-30", no_year(), "2022-03-30", DateForm::year_first},
      {"2022/03/30", no_year(), "2022-03-30", DateForm::year_first},
      {"2022-03-30T17:40:00+07:00", no_year(), "2022-03-30T17:40:00+07:00", DateForm::year_first},
      {"2022-03-30 17:40 WIB", no_year(), "2022-03-30T17:40:00+07:00", DateForm::year_first},
      // English.
      {"March 30, 2022", no_year(), "2022-03-30", DateForm::month_name_day},
      {"30 March 2022", no_year(), "2022-03-30", DateForm::day_month_name},
      {"Wednesday, March 30, 2022", no_year(), "2022-03-30", DateForm::month_name_day},
      {"Mar 30 2022", no_year(), "2022-03-30", DateForm::month_name_day},
      {"Mar. 30, 2022", no_year(), "2022-03-30", DateForm::month_name_day},
      {"March 30th, 2022", no_year(), "2022-03-30", DateForm::month_name_day},
      {"1st May 2022", no_year(), "2022-05-01", DateForm::day_month_name},
      {"Wed, 30 Mar 2022 17:40:00 +0700", no_year(), "2022-03-30T17:40:00+07:00", DateForm::day_month_name},
      {"March 30, 2022 5:40 PM GMT", no_year(), "2022-03-30T17:40:00Z", DateForm::month_name_day},
      {"March 30, 2022 at 9:05 a.m.", no_year(), "2022-03-30T09:05:00", DateForm::month_name_day},
  };
  for (const auto& c : cases) {
    std::string_view text = c.text;
    auto found = find_date_mentions(text, c.context);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(format_iso_date(found[0].date), c.expected) << text;
    EXPECT_EQ(found[0].form, c.form) << text << " read as " << date_form_name(found[0].form);
    EXPECT_EQ(found[0].offset, 0u) << text;
    EXPECT_EQ(found[0].length, text.size()) << text;
    EXPECT_TRUE(found[0].weekday_matches) << text;
  }
}

TEST(FindDateMentions, RejectsWhatIsNotADate) {
  const std::pair<const char*, DateContext> cases[] = {
      // Impossible days.
      {"Rabu (31/2/2022)", no_year()},
      {"31 April 2022", no_year()},
      {"29 Februari 2023", no_year()},
      {"32 Maret 2022", no_year()},
      {"2022-02-30", no_year()},
      {"30/13/2022", no_year()},
      {"00/03/2022", no_year()},
      {"Senin (29/2)", year(2023)},
      // Month first numbers are not read as day first, nor swapped.
      {"10/21/2025 20:43", no_year()},
      // Numbers that are not dates.
      {"tambahkan 1/2 porsi gula", no_year()},
      {"menang dengan skor 3/1 atas tamu", no_year()},
      {"Senin 1/2 porsi", no_year()},
      {"harga Rp30/3 butir", no_year()},
      {"Rp30/3/2022", no_year()},
      {"sekitar 1.000.000 orang", no_year()},
      {"versi 12.10.20 dirilis", no_year()},
      {"nomor 30/3/20221", no_year()},
      {"kode 1/2/2022/3", no_year()},
      {"Kamis (15-16/10/2022)", no_year()},
      {"Senin (27/3)", no_year()},     // no year anywhere
      {"Senin, 27 Maret", no_year()},  // no year anywhere
      {"30 Maret", year(2022)},        // day and month without a day name
      {"March 30", year(2022)},
      {"Maret 2022", no_year()},
      {"pada Sabtu lalu", no_year()},
      {"dua minggu (14 hari)", no_year()},
      {"pukul 17.40 WIB", no_year()},
      {"2022-03-30T25:00", no_year()},
  };
  for (const auto& [text, context] : cases) {
    EXPECT_TRUE(find_date_mentions(text, context).empty()) << text;
  }
}

TEST(FindDateMentions, KeepsTheDateWhenTheTimeIsNotATime) {
  auto found = find_date_mentions("Rabu (30/3/2022) 24:00 WIB", no_year());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(format_iso_date(found[0].date), "2022-03-30");
  found = find_date_mentions("30 Maret 2022 10.000 orang hadir", no_year());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(format_iso_date(found[0].date), "2022-03-30");
  EXPECT_EQ(found[0].length, std::string_view("30 Maret 2022").size());
}

TEST(FindDateMentions, ReadsTheDateAloneWhenTheParenthesisIsNotClosed) {
  const std::string text = "Rabu (30/3/2022 di Bogor";
  auto found = find_date_mentions(text, no_year());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].offset, found[0].length), "30/3/2022");
  EXPECT_FALSE(found[0].has_day_name);
}

TEST(FindDateMentions, FlagsADayNameThatIsNotTheWeekday) {
  auto found = find_date_mentions("Selasa (30/3/2022)", no_year());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].has_day_name);
  EXPECT_FALSE(found[0].weekday_matches);
  found = find_date_mentions("Rabu (30/3/2022)", no_year());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].weekday_matches);
}

TEST(FindDateMentions, MarksInferredYears) {
  auto found = find_date_mentions("Senin (27/3)", year(2017));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].year_inferred);
  EXPECT_TRUE(found[0].weekday_matches);
  found = find_date_mentions("Senin (27/3)", year(2018));  // 2018-03-27 is a Tuesday
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].weekday_matches);
  found = find_date_mentions("Senin (27/3/2017)", year(2010));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].year_inferred);
}

TEST(FindDateMentions, FindsEveryPhraseInARunningTextWithItsOffset) {
  const std::string text =
      "Presiden meninjau proyek itu, Rabu (30/3/2022). Proyek dimulai 1 Januari 2021, \xe2\x80\x9c"
      "sesuai rencana\xe2\x80\x9d, dan selesai 2023-12-31. Skornya 3/1.";
  auto found = find_date_mentions(text, no_year());
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(text.substr(found[0].offset, found[0].length), "Rabu (30/3/2022)");
  EXPECT_EQ(text.substr(found[1].offset, found[1].length), "1 Januari 2021");
  EXPECT_EQ(text.substr(found[2].offset, found[2].length), "2023-12-31");
  EXPECT_TRUE(found[0].has_day_name);
  EXPECT_FALSE(found[1].has_day_name);
}

TEST(FindDateMentions, ReadsADateBrokenByAHardWrap) {
  auto found = find_date_mentions("rapat digelar pada Rabu\n(30/3/2022) di Bogor", no_year());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(format_iso_date(found[0].date), "2022-03-30");
}

TEST(DateFormName, NamesEveryForm) {
  EXPECT_STREQ(date_form_name(DateForm::numeric), "numeric");
  EXPECT_STREQ(date_form_name(DateForm::day_month_name), "day_month_name");
  EXPECT_STREQ(date_form_name(DateForm::month_name_day), "month_name_day");
  EXPECT_STREQ(date_form_name(DateForm::year_first), "year_first");
}

struct PickCase {
  const char* name;
  const char* text;
  DateContext context;
  const char* expected;  // nullptr: no date
  const char* source;    // "dateline", "header" or ""
  const char* warning;   // a substring of one warning, or nullptr for no warnings
};

TEST(PickPublicationDate, FollowsTheRules) {
  const PickCase cases[] = {
      {"founding page: the date closes the lead's second paragraph",
       "Humas Diajak Bekerja dengan Cara Baru\n"
       "Font: Ukuran: - +\n"
       "DIALEKSIS.COM | Bogor - Kementerian Dalam Negeri mengajak para pengelola humas di lingkungannya "
       "bekerja dengan cara baru. Zaman sudah berubah, katanya.\n"
       "Pesan itu disampaikan sekretaris jenderal saat menutup pelatihan di Sentul, Bogor, Rabu (30/3/2022).\n"
       "Pelatihan berikutnya direncanakan pada Senin (4/4/2022).\n",
       no_year(), "2022-03-30", "dateline", nullptr},
      {"founding page in one sentence",
       "DIALEKSIS.COM | Bogor - Kementerian Dalam Negeri menutup pelatihan humas di Bogor, Rabu (30/3/2022).",
       no_year(), "2022-03-30", "dateline", nullptr},
      {"dateline wins over event dates later in the text",
       "JAKARTA, KOMPAS.com - Pemerintah mengumumkan jadwal vaksinasi yang baru, Senin (4/4/2022).\n"
       "Jadwal lama berlaku sejak Jumat (1/4/2022).\n"
       "Tahap berikutnya dimulai 15 April 2022 di seluruh provinsi.\n"
       "Evaluasi dilakukan Kamis (21/4/2022) di Jakarta.\n",
       no_year(), "2022-04-04", "dateline", nullptr},
      {"antara dateline",
       "Jakarta (ANTARA) - Menteri Perdagangan meninjau pasar induk di Jakarta, Kamis (7/4/2022), "
       "untuk memastikan harga bahan pokok stabil.",
       no_year(), "2022-04-07", "dateline", nullptr},
      {"a date in the dateline itself",
       "Jakarta, 30 Maret 2022 (ANTARA) - Pemerintah membuka pendaftaran beasiswa untuk mahasiswa baru.", no_year(),
       "2022-03-30", "dateline", nullptr},
      {"a day name and date opening the first sentence",
       "Rabu (30/3/2022) - Pemerintah membuka pendaftaran beasiswa untuk mahasiswa baru.", no_year(), "2022-03-30",
       "dateline", nullptr},
      {"English dateline", "WASHINGTON, March 30, 2022 (Reuters) - The Senate passed the spending bill late at night.",
       no_year(), "2022-03-30", "dateline", nullptr},
      {"a date line in the page header",
       "Harga Beras Naik di Pasar Tradisional\n"
       "Selasa, 29 Okt 2024 17:40 WIB\n"
       "Harga beras naik di sejumlah pasar tradisional menjelang akhir bulan ini.\n"
       "Kenaikan itu terjadi sejak 20 Oktober 2024.\n",
       no_year(), "2024-10-29T17:40:00+07:00", "header", nullptr},
      {"a header date line with a label; the update line is ignored",
       "Harga Beras Naik di Pasar Tradisional\n"
       "Diterbitkan: Rabu, 30 Maret 2022 08:00 WIB\n"
       "Diperbarui: Kamis, 31 Maret 2022 10:00 WIB\n"
       "Harga beras naik di sejumlah pasar tradisional menjelang akhir bulan ini.\n",
       no_year(), "2022-03-30T08:00:00+07:00", "header", nullptr},
      {"header and dateline agree; the header has the time",
       "Harga Beras Naik\nRabu, 30 Maret 2022 08:00 WIB\n"
       "Jakarta - Harga beras naik di sejumlah pasar, kata pedagang, Rabu (30/3/2022).\n",
       no_year(), "2022-03-30T08:00:00+07:00", "header", nullptr},
      {"header and dateline agree on the day",
       "Harga Beras Naik\nRabu, 30 Maret 2022\n"
       "Jakarta - Harga beras naik di sejumlah pasar, kata pedagang, Rabu (30/3/2022).\n",
       no_year(), "2022-03-30", "dateline", nullptr},
      {"header and dateline disagree",
       "Harga Beras Naik\nSelasa, 29 Maret 2022\n"
       "Jakarta - Harga beras naik di sejumlah pasar, kata pedagang, Rabu (30/3/2022).\n",
       no_year(), nullptr, "",
       "published_at: the page header says 2022-03-29 and the dateline says 2022-03-30; left empty"},
      {"two dates compete in the lead",
       "Bandung - Dua pertemuan digelar di balai kota, Senin (4/4/2022). Panitia kembali bertemu Selasa (5/4/2022) "
       "untuk evaluasi.",
       no_year(), nullptr, "", "published_at: the dateline gives 2022-04-04 and 2022-04-05; left empty"},
      {"two header date lines disagree",
       "Harga Beras Naik\nSelasa, 29 Maret 2022\nRabu, 30 Maret 2022\n"
       "Harga beras naik di sejumlah pasar tradisional menjelang akhir bulan ini.\n",
       no_year(), nullptr, "", "published_at: the page header gives 2022-03-29 and 2022-03-30; left empty"},
      {"event dates only, later in the text",
       "Harga minyak dunia turun tajam sepanjang pekan ini.\n"
       "Analis menilai pasar masih khawatir soal permintaan.\n"
       "Penurunan dimulai pada Senin (4/4/2022) dan berlanjut hingga Kamis (7/4/2022).\n"
       "Data resmi terbit 10 April 2022.\n",
       no_year(), nullptr, "",
       "published_at: no date in the dateline or page header; 3 dates of events mentioned in the text were not used"},
      {"no date at all", "Cuaca cerah diperkirakan berlangsung sepanjang pekan di sebagian besar wilayah.", no_year(),
       nullptr, "", "published_at: no date in the dateline or page header"},
      {"a lead date marked as an event by a preposition",
       "Suara.com - Banjir melanda sebagian kota itu sejak Minggu (3/4/2022) dan belum surut.", no_year(), nullptr, "",
       "the lead's \"Minggu (3/4/2022)\" is an event (\"sejak\")"},
      {"a lead date marked as an event by what follows",
       "Jakarta - Gempa mengguncang kota itu pada Sabtu (2/4/2022) malam.", no_year(), nullptr, "",
       "is an event (\"pada\")"},
      {"a night-time day name",
       "Jakarta - Gudang itu terbakar Jumat malam (12/5/2017) dan api baru padam menjelang subuh.", no_year(), nullptr,
       "", "is an event (\"malam\")"},
      {"a morning day name is the day of reporting",
       "Jakarta - Pasar itu dibuka kembali Senin pagi (15/5/2017), kata pengelola.", no_year(), "2017-05-15",
       "dateline", nullptr},
      {"yesterday", "Jakarta - Pasar itu terbakar Sabtu (2/4/2022), kemarin.", no_year(), nullptr, "",
       "is an event (\"kemarin\")"},
      {"local time abroad", "Jakarta - Presiden AS menandatangani perjanjian itu, Senin (20/10/2025) waktu setempat.",
       no_year(), nullptr, "", "is an event (\"waktu setempat\")"},
      {"a story opening on a date and a time of day",
       "Sabtu, 13 Mei 2017 pagi, kabar serangan itu mulai menyebar di lini masa.", no_year(), nullptr, "",
       "is an event (\"pagi\")"},
      {"today wins over another date in the lead",
       "Gencatan senjata berlaku pada hari ini, Jumat (6/1/2023) dan Sabtu (7/1/2023).", no_year(), "2023-01-06",
       "dateline", nullptr},
      {"a day name that is not the weekday is rejected",
       "Jakarta - Rapat paripurna digelar di gedung parlemen, Selasa (30/3/2022).", no_year(), nullptr, "",
       "published_at: the dateline says \"Selasa (30/3/2022)\" but 2022-03-30 is a Wednesday; not used"},
      {"an inferred year", "Jakarta, CNN Indonesia -- Presiden meresmikan bendungan baru di Jawa Tengah, Senin (27/3).",
       year(2017), "2017-03-27", "dateline", nullptr},
      {"no year known", "Jakarta, CNN Indonesia -- Presiden meresmikan bendungan baru di Jawa Tengah, Senin (27/3).",
       no_year(), nullptr, "", "with no year, and no reference year is known"},
      {"an inferred year whose weekday does not match",
       "Jakarta, CNN Indonesia -- Presiden meresmikan bendungan baru di Jawa Tengah, Senin (27/3).", year(2018),
       nullptr, "", "is a Tuesday in the reference year 2018"},
      {"a bare date in the lead is a document's date",
       "Presiden meneken peraturan itu pada pekan lalu. Beleid yang diteken 30 Juni 2025 itu mengatur banyak hal.",
       no_year(), nullptr, "", "1 date of an event mentioned in the text was not used"},
      {"the attribution in a quoted lead paragraph",
       "Polri meningkatkan pengamanan situsnya.\n"
       "\"Kita matikan dulu. Kita lakukan pengamanan. Semua aman,\" kata juru bicara di Jakarta, Selasa (16/5/2017).\n",
       no_year(), "2017-05-16", "dateline", nullptr},
      {"a third paragraph is not the lead",
       "Polri meningkatkan pengamanan situsnya.\n"
       "Langkah itu diambil setelah ada imbauan.\n"
       "\"Semua aman,\" kata juru bicara di Jakarta, Selasa (16/5/2017).\n",
       no_year(), nullptr, "", "1 date of an event mentioned in the text was not used"},
      {"a hard-wrapped lead paragraph is one paragraph",
       "Jakarta - Pemerintah meresmikan jembatan baru yang\n"
       "menghubungkan dua desa di tepi sungai itu, kata\n"
       "bupati setempat, Senin (4/4/2022).\n",
       no_year(), "2022-04-04", "dateline", nullptr},
      {"glued sentences are counted as sentences",
       "Harga cabai naik lagi.Pedagang mengeluh.Pembeli berkurang.Survei digelar di pasar induk, Kamis (7/4/2022).",
       no_year(), nullptr, "", "1 date of an event mentioned in the text was not used"},
      {"a title with a date is not a header date line",
       "Gempa Guncang Kota Bogor dan Sekitarnya Rabu 30 Maret 2022\n"
       "Gempa bumi mengguncang kota itu dan membuat warga berhamburan keluar rumah.\n",
       no_year(), nullptr, "", "1 date of an event mentioned in the text was not used"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    DateDecision d = pick_publication_date(c.text, c.context);
    if (c.expected) {
      ASSERT_TRUE(d.date.has_value());
      EXPECT_EQ(format_iso_date(*d.date), c.expected);
    } else {
      EXPECT_FALSE(d.date.has_value()) << format_iso_date(d.date.value_or(PublishedDate{}));
    }
    EXPECT_EQ(d.source, c.source);
    if (c.warning) {
      bool seen = false;
      for (const auto& w : d.warnings) {
        if (w.find(c.warning) != std::string::npos) seen = true;
        EXPECT_EQ(w.rfind("published_at: ", 0), 0u) << w;
      }
      EXPECT_TRUE(seen) << "no warning containing: " << c.warning
                        << "\nwarnings: " << (d.warnings.empty() ? std::string("(none)") : d.warnings.front());
    } else {
      EXPECT_TRUE(d.warnings.empty()) << d.warnings.front();
    }
  }
}

TEST(PickPublicationDate, HandlesEmptyAndOddInput) {
  for (std::string_view text : {std::string_view(""), std::string_view("\n\n\n"), std::string_view("(((/)))"),
                                std::string_view("\xef\xbb\xbf"), std::string_view("Rabu (", 6)}) {
    DateDecision d = pick_publication_date(text, no_year());
    EXPECT_FALSE(d.date.has_value());
    EXPECT_EQ(d.warnings.size(), 1u);
  }
}

TEST(PickPublicationDate, ReadsABodyWithABomCrlfAndNbsp) {
  const std::string text =
      "\xef\xbb\xbfJAKARTA, KOMPAS.com -\xc2\xa0Pemerintah menaikkan harga BBM di seluruh wilayah, "
      "Sabtu\xc2\xa0(3/9/2022).\r\nKenaikan berlaku mulai pukul 14.30 WIB.\r\n";
  DateDecision d = pick_publication_date(text, no_year());
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(format_iso_date(*d.date), "2022-09-03");
  EXPECT_EQ(d.source, "dateline");
}

}  // namespace
}  // namespace warta
