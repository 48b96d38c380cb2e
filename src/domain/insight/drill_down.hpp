#pragma once
// Drilling down from a number in an insight table to the cases behind it: the people a measure counted in
// one group (or in all), or those of them who met it. A number the table hides gives no cases either, so
// the list can never show what the table keeps back. Pure, like insight.hpp.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/insight/insight.hpp"
#include "domain/insight/figures.hpp"

namespace resettle {

// Which number: the group's code in groups_of(characteristic), or "total" for the All row; the people
// counted, or only those who met the measure.
struct Cell {
  std::string group = "total";
  bool only_met = false;
};

// The indexes (in order) of the cases behind the cell, from each case's outcome of one measure and its
// group (one of each per case, in order; an empty outcome is not counted), split as split_outcomes splits
// them. Empty when split_outcomes hides the row (the total's, for "total"); ValidationFailed ("group") for
// a group code the characteristic does not have.
std::optional<std::vector<std::size_t>> cases_behind(const Cell& cell, std::span<const std::optional<bool>> outcomes,
                                                     std::span<const std::size_t> groups, Characteristic characteristic,
                                                     const DisclosureRules& rules);

// The indexes (in order) of the entries in the distribution's bucket named `code`, from each case's days
// (one per case, in order; empty: not counted), bucketed as distribution_of does. Empty when
// distribution_of hides the bucket; ValidationFailed ("band") for a code that is not one of its buckets.
std::optional<std::vector<std::size_t>> cases_in_bucket(std::string_view code,
                                                        std::span<const std::optional<Lateness>> days,
                                                        const DayBands& bands, const DisclosureRules& rules);

}  // namespace resettle
