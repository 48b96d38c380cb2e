// Local time in England and Wales (see uk_time.hpp).
#include "domain/uk_time.hpp"

namespace resettle {

namespace {
using namespace std::chrono;

// Both changes happen at 01:00 UTC on the last Sunday of their month.
sys_seconds change_of_clocks(year y, month m) {
  return sys_days{year_month_weekday_last{y, m, weekday_last{Sunday}}} + hours{1};
}
}  // namespace

bool british_summer_time(Timestamp at) {
  auto y = year_month_day{floor<days>(at)}.year();
  return at >= change_of_clocks(y, March) && at < change_of_clocks(y, October);
}

LocalDateTime uk_local(Timestamp at) {
  auto local = at + (british_summer_time(at) ? hours{1} : hours{0});
  auto day = floor<days>(local);
  return {Date{day}, ClockTime{static_cast<int>(duration_cast<minutes>(local - day).count())}};
}

Timestamp from_uk_local(LocalDateTime local) {
  auto as_if_utc = sys_seconds{sys_days{local.on}} + minutes{local.at.minutes};
  if (auto summer = as_if_utc - hours{1}; british_summer_time(summer)) return summer;
  return as_if_utc;
}

}  // namespace resettle
