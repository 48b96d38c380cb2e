#pragma once
// The cases insight's rule tests are built from: a year of 2026, a release in June, a COM's lead
// allocation and a stated sex, so each test says only what differs.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/insight/insight.hpp"

namespace resettle::insight_cases {

using namespace std::chrono;

inline const Date today{2026y / December / 7};
inline const Period the_year{2026y / January / 1, 2026y / December / 31};
inline const Date released{2026y / June / 10};
inline std::int64_t next_person = 0;

inline Allocation lead_com(std::int64_t staff_id, Date from, std::optional<Date> to = std::nullopt,
                           AllocationKind kind = AllocationKind::lead) {
  Allocation allocation;
  allocation.staff_id = staff_id;
  allocation.role = Role::com;
  allocation.from = from;
  allocation.to = to;
  allocation.kind = kind;
  return allocation;
}

inline InsightCase a_case() {
  InsightCase c;
  c.person_id = ++next_person;
  c.date_of_birth = 1990y / May / 1;
  return c;
}

inline InsightCase released_case(Date on = released) {
  auto c = a_case();
  c.releases.push_back({on});
  return c;
}

inline InsightCase with_sex(InsightCase c, std::string sex) {
  EqualityFacts facts;
  facts.answers[Characteristic::sex] = std::move(sex);
  c.facts = facts;
  return c;
}

}  // namespace resettle::insight_cases
