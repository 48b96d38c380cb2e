// Reading the England and Wales bank holidays (see bank_holidays.hpp).
#include "domain/bank_holidays.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/errors.hpp"

namespace resettle {

namespace {
using nlohmann::json;

[[noreturn]] void reject(std::string field, std::string message) {
  throw ValidationFailed({{std::move(field), std::move(message)}});
}

Date date_at(const json& object, std::string_view key, const std::string& field) {
  auto found = object.find(key);
  if (found == object.end()) reject(field, "is required");
  if (!found->is_string()) reject(field, "must be a date written as YYYY-MM-DD");
  auto date = parse_iso_date(found->get_ref<const std::string&>());
  if (!date) reject(field, "must be a real date written as YYYY-MM-DD");
  return *date;
}
}  // namespace

BankHolidays::BankHolidays(std::vector<Date> days, Date covers_from, Date covers_to)
    : days_(std::move(days)), covers_from_(covers_from), covers_to_(covers_to) {
  std::sort(days_.begin(), days_.end());
  days_.erase(std::unique(days_.begin(), days_.end()), days_.end());
}

BankHolidays BankHolidays::from_json(std::string_view text) {
  json document = json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) reject("bank_holidays", "must be a JSON object");
  auto covers = document.find("covers");
  if (covers == document.end() || !covers->is_object()) reject("covers", "must be an object with from and to dates");
  Date from = date_at(*covers, "from", "covers.from");
  Date to = date_at(*covers, "to", "covers.to");
  if (to < from) reject("covers.to", "must not be before covers.from");
  auto events = document.find("events");
  if (events == document.end() || !events->is_array()) reject("events", "must be a list of bank holidays");
  std::vector<Date> days;
  days.reserve(events->size());
  for (std::size_t index = 0; index < events->size(); ++index) {
    std::string field = "events[" + std::to_string(index) + "]";
    const json& event = (*events)[index];
    if (!event.is_object()) reject(field, "must be an object with a date");
    Date day = date_at(event, "date", field + ".date");
    if (day < from || to < day) reject(field + ".date", "is outside the covered years");
    days.push_back(day);
  }
  return BankHolidays{std::move(days), from, to};
}

bool BankHolidays::contains(Date day) const { return std::binary_search(days_.begin(), days_.end(), day); }

bool BankHolidays::covers(Date day) const { return !(day < covers_from_) && !(covers_to_ < day); }

bool BankHolidays::is_working_day(Date day) const {
  auto weekday = weekday_of(day);
  return weekday != std::chrono::Saturday && weekday != std::chrono::Sunday && !contains(day);
}

Date add_working_days(Date from, int days, const BankHolidays& holidays) {
  int step = days < 0 ? -1 : 1;
  Date day = from;
  for (int counted = 0; counted != days;) {
    day = add_days(day, step);
    if (holidays.is_working_day(day)) counted += step;
  }
  return day;
}

}  // namespace resettle
