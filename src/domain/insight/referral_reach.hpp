#pragma once
// Referrals by service and by pathway: of the people referred to each service in the period, and of those
// referred on each pathway, how many saw a referral accepted, started and completed by today. Each case's
// part is worked out once (reach_by_service, kept in its CaseFigures); a service's pathways are the
// directory's, looked up when a table is summed, so a change to the directory shows at once. Pure.
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/insight/insight.hpp"
#include "domain/referrals/referral.hpp"
#include "domain/referrals/service_directory.hpp"

namespace resettle {

// How far a referral got. Sent in JSON and links: codes may only be added to.
enum class ReferralStage { sent, accepted, started, completed };
std::span<const Coded<ReferralStage>> referral_stages();  // in this order
inline constexpr std::size_t referral_stage_count = 4;

// A person's referrals to one service that were sent in the period (and by today): the stages any of them
// reached by today (sent always). A completion is the service's work finished as planned: ended early is not.
struct ServiceReach {
  std::string service_id;
  std::array<bool, referral_stage_count> reached{};  // by ReferralStage
  friend bool operator==(const ServiceReach&, const ServiceReach&) = default;
};
// One entry per service, in service id order; empty when no referral was sent in the period.
std::vector<ServiceReach> reach_by_service(std::span<const Referral> referrals, const Period& period, Date today);

// One row of a table of referrals: the people referred to a service (or on a pathway) and, of them, those who
// reached each later stage, each person counted once per row. Rows are hidden by their people referred as
// suppress() hides cells: the stages' counts are shares of those, as a measure's met is of its people.
struct ReachRow {
  std::string code;   // the service's id, or the pathway's code
  std::string label;  // the service's name (its id when the directory has none), or the pathway's label
  std::array<int, referral_stage_count> people{};  // by ReferralStage
  bool hidden = false;
};
struct ReachTable {
  std::vector<ReachRow> rows;  // by service: by name, then id; by pathway: pathways() order
  bool all_hidden() const;     // no one referred, or every row hidden
};
struct ReferralTables {
  ReachTable by_service;
  ReachTable by_pathway;
};

// The people whose reaches are given (one list per person) counted in both tables. `services` are the
// directory's entries for the services referred to: their names and pathways (a referral counts on every
// pathway its service covers; a service the directory lacks counts under its id, on no pathway).
ReferralTables referral_tables(std::span<const std::span<const ServiceReach>> people, std::span<const Service> services,
                               const DisclosureRules& rules);

// Which people of referral_tables' `people` (indexes, in order) are behind one count: the row with this code
// in the table by service (by_pathway false) or by pathway, at this stage; none when there is no such row
// (nobody was referred there); empty when the row is hidden (its counts are not shown, so nor are its people).
std::optional<std::vector<std::size_t>> reaching(std::span<const std::span<const ServiceReach>> people,
                                                 std::span<const Service> services, bool by_pathway,
                                                 const std::string& code, ReferralStage stage,
                                                 const DisclosureRules& rules);

}  // namespace resettle
