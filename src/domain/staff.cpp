#include "domain/staff.hpp"

#include <array>

namespace resettle {

namespace {
constexpr std::array<Coded<Specialism>, 3> specialism_table{{
    {Specialism::women, "women", "Works with women"},
    {Specialism::welsh_language, "welsh_language", "Welsh speaker"},
    {Specialism::iom, "iom", "Integrated Offender Management"},
}};
}  // namespace

std::span<const Coded<Specialism>> specialisms() { return specialism_table; }

bool is_away(const StaffMember& staff, Date today) {
  if (!staff.away_from || *staff.away_from > today) return false;
  return !staff.away_until || today <= *staff.away_until;
}

}  // namespace resettle
