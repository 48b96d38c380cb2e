#pragma once
// Whether a report worked out earlier may be shown again instead of being summed afresh. A server keeps
// the latest report of each choice of view; it is shown again only while it is still the figures (no
// change logged since, the same day), or, where the server allows it, for a stated while after a change,
// always saying when it was worked out and that the records have changed since. Pure: the caller passes
// now and the latest change.
#include <chrono>
#include <cstdint>

#include "domain/date.hpp"
#include "domain/uk_time.hpp"

namespace resettle {

// When and from what a set of figures was worked out.
struct WorkedOut {
  Timestamp at{};
  Date today{};                   // the day the figures were worked out for (they depend on it)
  std::int64_t latest_change = 0; // the insight change log's latest entry then: every write insight reads moves it
};

enum class Reuse {
  in_step,       // nothing recorded since, the same day: they are exactly what working out again would give
  with_its_age,  // changes recorded since, but within the allowed age: shown, saying so
  work_out,      // work them out again
};

// `allowed_age` is how long after a change the server may still show figures (zero: never).
Reuse reuse_of(const WorkedOut& figures, Timestamp now, Date today, std::int64_t latest_change,
               std::chrono::seconds allowed_age);

}  // namespace resettle
