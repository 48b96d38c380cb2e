// Reusing insight figures (see freshness.hpp).
#include "domain/insight/freshness.hpp"

namespace resettle {

Reuse reuse_of(const WorkedOut& figures, Timestamp now, Date today, std::int64_t latest_change,
               std::chrono::seconds allowed_age) {
  if (figures.today != today) return Reuse::work_out;  // the measures look back from today
  if (figures.latest_change == latest_change) return Reuse::in_step;
  if (allowed_age == std::chrono::seconds{0}) return Reuse::work_out;  // never shown after a change
  return now - figures.at <= allowed_age ? Reuse::with_its_age : Reuse::work_out;
}

}  // namespace resettle
