// The `resettle dates` command: JSON lines in and out (see dates_command.hpp).
#include "cli/dates_command.hpp"

#include <iostream>
#include <string>
#include <string_view>

#include "domain/errors.hpp"
#include "services/release_dates/key_dates_batch.hpp"
#include "source_tree.hpp"

namespace resettle::cli {

namespace {
constexpr std::string_view usage =
    "usage: resettle dates [--bank-holidays FILE] < cases.jsonl\n"
    "\n"
    "Reads one JSON object of case facts per line and writes one JSON line per case with\n"
    "key_dates, responsibility (pom | pom_with_com | com | none), com_allocated_date, handover_date,\n"
    "reason, reason_code, pom_type, release_date_used and release_day_adjustment. A bad line gets\n"
    "{\"line\": N, \"errors\": [{\"field\", \"message\"}]} and later lines still run.\n"
    "\n"
    "Input fields (dates YYYY-MM-DD; a missing field or null means not known; today is required):\n"
    "  today, date_of_birth, legal_status (sentenced | immigration_detainee | remand | civil),\n"
    "  sentence_type (determinate | indeterminate), release_scheme (standard | forty_percent |\n"
    "  two_thirds | extended), sentence_start_date, sentence_length_days, extension_days,\n"
    "  remand_days, tagged_bail_days, target_hearing_date, last_parole_outcome_release, recall,\n"
    "  early_allocation, mappa_level (0-3), tier (A-D), open_prison_arrival_date,\n"
    "  manual_responsibility (prison | probation), and any key date supplied by another system:\n"
    "  conditional_release_date, automatic_release_date, parole_eligibility_date,\n"
    "  home_detention_curfew_eligibility_date, licence_expiry_date, sentence_expiry_date,\n"
    "  sentence_and_licence_expiry_date, top_up_supervision_expiry_date, tariff_date.\n"
    "\n"
    "Exit status: 0 all lines answered, 1 some lines had bad input, 2 bad options or data file.\n";

int refuse(std::string_view message) {
  std::cerr << "resettle dates: " << message << '\n' << usage;
  return 2;
}
}  // namespace

int run_dates_command(int argc, char** argv, std::istream& in, std::ostream& out) {
  std::string holidays_path = (source_tree() / "data/bank-holidays-england-and-wales.json").string();
  for (int index = 1; index < argc; ++index) {
    std::string_view argument = argv[index];
    if (argument == "--help" || argument == "-h") {
      out << usage;
      return 0;
    }
    if (argument != "--bank-holidays") return refuse("unknown option " + std::string{argument});
    if (++index == argc) return refuse("--bank-holidays needs a file name");
    holidays_path = argv[index];
  }
  BankHolidays holidays;
  try {
    holidays = services::load_bank_holidays(holidays_path);
  } catch (const ValidationFailed& failure) {
    const auto& error = failure.errors().front();
    return refuse(holidays_path + ": " + error.field + " " + error.message);
  } catch (const std::runtime_error& failure) {
    return refuse(failure.what());
  }
  auto summary = services::run_dates_batch(in, out, holidays);
  return summary.failed == 0 ? 0 : 1;
}

}  // namespace resettle::cli
