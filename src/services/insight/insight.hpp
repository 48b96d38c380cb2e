#pragma once
// Insight use cases: recording and reading a person's equality facts (each read and write audited),
// the measures of a scope over a period, split by one characteristic, summed from each case's figures kept
// in step with the records (InsightMemo), and the cases behind one of their numbers.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "domain/insight/drill_down.hpp"
#include "domain/insight/equality.hpp"
#include "domain/insight/figures.hpp"
#include "domain/insight/freshness.hpp"
#include "domain/insight/insight.hpp"
#include "domain/insight/progress.hpp"
#include "domain/insight/referral_reach.hpp"
#include "domain/insight/units.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct PersonEqualityFacts {
  Person person;
  std::optional<EqualityFacts> facts;  // empty: none recorded
  std::string recorded_by_name;        // who recorded the current version; empty with none
};

// An audited read of the person's equality facts: every attempt goes to the access log as
// "equality facts", allowed or not. Throws, in this order: NotFound for a person this member of staff may
// not see (as view_person); Forbidden unless may_see_equality_facts (the refusal logged).
PersonEqualityFacts equality_facts_of(store::Store& store, const StaffMember& actor, std::int64_t person_id);

// Records the person's equality facts from read_equality_facts' fields at expected_version (0: none
// recorded yet) and journals "equality_facts.recorded" in the same transaction, naming the
// characteristics that changed but not their answers (the journal is the timeline, which more staff see).
// Returns the facts as stored. Throws, in this order: NotFound as equality_facts_of; Forbidden unless
// may_see_equality_facts; ValidationFailed naming every bad field; StaleVersion when they moved on from
// expected_version. Nothing is saved when it throws.
EqualityFacts record_equality_facts(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t person_id, const FieldInput& input, std::int64_t expected_version);

// The scope named by "scope" (a scope kind code; the viewer's default_scope when left out) and "code"
// (the unit's code; empty for national); a bad kind or a missing code goes to `reader`.
InsightScope read_scope(FieldReader& reader, const FieldInput& query, const StaffMember& actor);
// The scope's name as pages show it ("Leeds PDU", "Region NE", "England and Wales"); its code for a unit
// that does not exist.
std::string scope_name(store::Transaction& tx, const InsightScope& scope);

// The measure the units within a scope are compared on: one of measures() or of progress_measures().
struct ComparedMeasure {
  std::string code;
  std::string title;
  std::string_view definition;
};

// What an insight view shows: every measure, every progress measure and the officer change rate split by
// one characteristic, how late COMs were allocated and how long referrals took to first contact.
struct InsightReport {
  InsightScope scope;
  std::string scope_name;  // "Leeds PDU", "England and Wales"
  Period period;
  Characteristic characteristic = Characteristic::sex;
  DisclosureRules rules;
  int people = 0;  // everyone in the scope, counted by a measure or not
  std::vector<Segmentation> measures;  // in measures() order
  LatenessDistribution lateness;
  std::vector<ProgressSplit> progress;  // in progress_measures() order
  LatenessDistribution first_contact;   // days from referral to first contact
  ChangeRates officer_changes;          // per person per six months, split by the characteristic
  std::vector<OfferedPeriod> offered;   // the periods the page offers as links (offered_periods of today)
  Group referrals_group{"total", "All"};  // the group of the characteristic the referral tables count ("total": all)
  ReferralTables referrals;             // referrals by service and by pathway, of that group's people
  ComparedMeasure compared;             // what the units are compared on
  UnitComparison units;                 // the units one level down (units_within), for drilling down
  WorkedOut worked_out;                 // when the figures were worked out, and from which change
  bool changed_since = false;           // changes were recorded after (shown with their age, as allowed)
};

// The cases behind one number of an insight table: a drill-down.
struct InsightCaseList {
  InsightScope scope;
  std::string scope_name;
  Period period;
  Characteristic characteristic = Characteristic::sex;
  ComparedMeasure measure;  // the measure, progress measure or distribution counted
  Group group;              // code "total", label "All" for the total; a distribution's band
  bool only_met = false;
  bool hidden = false;  // the number is hidden (small numbers), so no one is listed
  int counted = 0;      // the people behind the number (0 when hidden)
  std::vector<PersonSummary> people;  // those of them the viewer may see, in id order, listed_at_most at most
  int not_named = 0;                  // limited-access cases the viewer may not see: counted, never named
  int not_listed = 0;                 // those the viewer may see beyond the first listed_at_most
  bool by_band = false;               // `group` is a band of a distribution, not a group of the characteristic
};

// The most people one drill-down lists: a national count can be thousands, more than a page can usefully
// show; a smaller scope lists the rest.
inline constexpr std::size_t listed_at_most = 500;

// What a server keeps of insight for all its viewers, so that no request reads every case in the country:
// each case's figures (figures_of) for a period and day, brought up to date before each use with the
// people the change log names since (the writes log them, migration 44: exactly the cases to work out
// again), and the latest report of each choice of view. Safe to share between threads.
class InsightMemo {
 public:
  // `allowed_age`: how long after a change a kept report may still be shown, saying so (zero: never).
  explicit InsightMemo(std::chrono::seconds allowed_age = {}) : allowed_age_(allowed_age) {}
  std::chrono::seconds allowed_age() const { return allowed_age_; }

  // Every case's figures for one period as of one day. One request at a time works on them: a second
  // request for the same period waits for the first and then finds them up to date, rather than work
  // them out beside it.
  struct PeriodFigures {
    explicit PeriodFigures(Date day) : day(day) {}
    const Date day;           // the day they are as of
    std::uint64_t used = 0;   // when last asked for (the memo's count of asks), under the memo's lock
    std::mutex working;       // guards what follows
    bool made = false;
    std::int64_t seen_change = 0;    // the change log's entry they follow up to
    std::vector<CaseFigures> cases;  // every case in the country, in person id order
  };

  // How many times figures were made from every case (seconds nationally), rather than brought up to date
  // from the change log: what keep_figures_ready spares the requests.
  std::size_t made_afresh() const { return made_afresh_.load(); }

 private:
  friend InsightReport insight_report(store::Store&, const Clock&, const StaffMember&, const FieldInput&,
                                      const DisclosureRules&, InsightMemo&);
  friend InsightCaseList insight_cases(store::Store&, const Clock&, const StaffMember&, const FieldInput&,
                                       const DisclosureRules&, InsightMemo&);
  friend std::int64_t keep_figures_ready(store::Store&, const Clock&, InsightMemo&, std::chrono::seconds,
                                         std::stop_token);
  // The figures of the period as of `day`, kept from now on; those of days before `today` are dropped, and
  // beyond periods_kept the least recently asked for of today's (figures made ahead for a later day stay).
  std::shared_ptr<PeriodFigures> figures_for(const Period& period, Date day, Date today);
  // Brings the figures up to date with the records in `tx`: made from every case on their first use (or when
  // the log was trimmed past what they follow), then worked out again only for the people the log names
  // since. The caller holds figures.working. Returns false, leaving them to be finished by their next use,
  // when `stop` is requested first (checked between reads and every few thousand cases): figures being made
  // afresh are left not made, and figures part brought up to date still follow the log only as far as
  // before, so the people already worked out again are worked out again once more, never skipped.
  bool bring_up_to_date(store::Transaction& tx, PeriodFigures& figures, const Period& period,
                        std::int64_t latest_change, std::stop_token stop = {});
  // The earliest change log entry the figures kept for `today` or later follow up to (entries up to it are
  // needed by none of them); empty when none are made.
  std::optional<std::int64_t> needed_after(Date today);
  std::optional<InsightReport> kept_report(const std::string& key, const Clock& clock, std::int64_t latest_change,
                                           const StaffMember& actor);
  void keep(const std::string& key, const InsightReport& report);

  static constexpr std::size_t kept = 32;         // reports kept at most; the oldest worked out goes first
  // Periods' figures kept at most (each holds every case): today's and the next day's offered periods made
  // ahead (two each), and one other period asked for.
  static constexpr std::size_t periods_kept = 5;
  std::chrono::seconds allowed_age_;
  std::atomic<std::size_t> made_afresh_{0};
  std::mutex mutex_;
  std::uint64_t asks_ = 0;
  std::map<std::string, InsightReport> reports_;
  std::map<std::string, std::shared_ptr<PeriodFigures>> figures_;  // by period and day
};

// Reads "scope" (a scope kind code; the viewer's default_scope when left out), "code" (the unit's code),
// "from" and "to" (read_period), "characteristic" (a characteristics() code; sex when left out),
// "referrals_group" (a group of the characteristic whose referrals the tables by service and pathway count;
// "total", everyone, when left out) and "compare" (a measure's or progress measure's code, or
// "officer_changes" for the officer change rate; continuity_across_gate when left out) and sums every
// measure over the figures of the scope's cases, and the compared one for each unit within the scope,
// from `memo`'s figures brought up to date with the records first (so always in step with them), or
// shows a kept report again as reuse_of allows (always when nothing was recorded since, the same day).
// The viewer's own links (UnitShare::may_open) are worked out for each viewer. Throws, in this order:
// ValidationFailed naming every bad field (scope, from, to, characteristic, compare); Forbidden unless
// may_view_insight; ValidationFailed ("code") for a team, PDU, prison or region that does not exist.
InsightReport insight_report(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                             const DisclosureRules& rules, InsightMemo& memo);

// Makes the figures the next requests need ahead of them, so that no request waits while every case's
// figures are made (seconds nationally): those of every period the page offers (offered_periods, the default
// first) as of today, and within `lead` of the next midnight (UTC, the clock's day) the next day's too; figures already made are brought up to
// date with the change log. Then trims the log of the entries none of the figures kept for today or later
// need (the log only says whose figures to work out again; a server whose figures needed them sees how far
// it was trimmed and makes its figures afresh). Returns how many entries were trimmed. For a server's
// background task, every few minutes; a request never depends on it: without it, it makes the figures itself.
// When `stop` is requested (the server is stopping) the round ends at its next check, within one read of the
// records, nothing trimmed, and returns 0; the figures it was working on are finished by their next use.
std::int64_t keep_figures_ready(store::Store& store, const Clock& clock, InsightMemo& memo, std::chrono::seconds lead,
                                std::stop_token stop = {});

// Reads insight_report's fields, "measure" (a measure's or progress measure's code, a distribution's:
// "com_lateness" or "referral_first_contact", or "officer_changes": the people with a lead officer in the
// period, "met" those whose lead officer changed; or a referral table's, "referrals_by_service" or
// "referrals_by_pathway"; required), "group" (a group code of the characteristic, or "total", the default;
// for a referral table, the group it counts), "met" ("yes": only those who met it) or, for a distribution,
// "band" (one of its bucket codes; required), or, for a referral table, "row" (the service's id or the
// pathway's code; required) and "stage" (a referral_stages() code; sent when left out) and lists the people
// behind that number (the first listed_at_most), from `memo`'s figures brought up to date with the records first; the names shown are audited as a list read.
// Throws as insight_report does, with ValidationFailed naming measure, group, band, row and stage too.
InsightCaseList insight_cases(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                              const DisclosureRules& rules, InsightMemo& memo);

}  // namespace resettle::services
