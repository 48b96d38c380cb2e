// The work on each case of the synthetic national data set (see national_case_work.hpp).
//
// The proportions, chosen to look like a probation caseload rather than measured from one:
// - equality facts for 85% of the people with an offender manager or key worker (the rest were never
//   asked or did not consent); each question answered "not stated" or "prefers not to say" by a few
//   per cent; the answers drawn from rough shares of the caseload (ethnicity by the census groups, a
//   third disabled, a quarter care experienced, 5% veterans);
// - for everyone supervised in the community (on licence or post-sentence supervision, with a COM):
//   a contact plan for 95% of them, by tier (A and B weekly for 4 weeks, then fortnightly; C
//   fortnightly for 8 weeks, then every 4 weeks; D every 4 weeks), reviewed every 6 months, so about
//   1 in 8 is due for review; their last appointment, within the interval in force for 85% of them
//   (the rest are overdue: the contact worklist), attended 9 times in 10; and their next appointment
//   within the next 14 days for 90% of them, in their COM's diary;
// - an account of their own for 12% of the supervised, three in four of them signed in already;
// - MAPPA for everyone whose risk profile names a level (about 12% of sentenced cases, 2.5% at level
//   2 or 3): the category and level decision, and for levels 2 and 3 a panel meeting held in the last
//   four months with two actions, one done and one open (overdue for about a third).
// Two appointments a supervised person keeps the load fast; a real diary would also hold the history.
#include "services/national_case_work.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "services/national_random.hpp"

namespace resettle::services {

namespace {

// One answer with its share, per thousand of those who answered at all.
struct Share {
  std::string_view code;
  int per_mille;
};

constexpr std::array<Share, 5> gender_identity_shares{
    {{"same_as_sex_registered_at_birth", 950}, {"trans_woman", 4}, {"trans_man", 2}, {"non_binary", 3}, {"other", 1}}};
constexpr std::array<Share, 19> ethnicity_shares{{{"white_british", 690},
                                                  {"white_irish", 10},
                                                  {"white_gypsy_or_irish_traveller", 12},
                                                  {"white_roma", 3},
                                                  {"white_other", 50},
                                                  {"black_african", 30},
                                                  {"black_caribbean", 40},
                                                  {"black_other", 15},
                                                  {"asian_bangladeshi", 10},
                                                  {"asian_chinese", 2},
                                                  {"asian_indian", 10},
                                                  {"asian_pakistani", 30},
                                                  {"asian_other", 10},
                                                  {"mixed_white_asian", 5},
                                                  {"mixed_white_black_african", 5},
                                                  {"mixed_white_black_caribbean", 20},
                                                  {"mixed_other", 8},
                                                  {"other_arab", 5},
                                                  {"other_any", 10}}};
constexpr std::array<Share, 3> disability_shares{{{"limited_a_lot", 130}, {"limited_a_little", 190}, {"not_disabled", 640}}};
constexpr std::array<Share, 8> religion_shares{{{"no_religion", 440},
                                                {"buddhist", 10},
                                                {"christian", 330},
                                                {"hindu", 5},
                                                {"jewish", 3},
                                                {"muslim", 130},
                                                {"sikh", 7},
                                                {"other", 25}}};
constexpr std::array<Share, 4> sexual_orientation_shares{
    {{"straight", 900}, {"gay_or_lesbian", 20}, {"bisexual", 20}, {"other", 5}}};
constexpr std::array<Share, 5> nationality_shares{
    {{"british", 880}, {"irish", 10}, {"eu", 50}, {"other", 40}, {"stateless", 2}}};
constexpr std::array<Share, 2> care_experience_shares{{{"care_experienced", 250}, {"not_care_experienced", 680}}};
constexpr std::array<Share, 2> armed_forces_shares{{{"served", 50}, {"not_served", 890}}};

// An answer drawn by the shares; what the shares leave over is "not stated" twice as often as
// "prefers not to say".
template <std::size_t N>
std::string answer_from(Random& random, const std::array<Share, N>& shares) {
  int roll = random.below(1000);
  for (const auto& share : shares) {
    if (roll < share.per_mille) return std::string{share.code};
    roll -= share.per_mille;
  }
  return std::string{random.below(3) < 2 ? not_stated : prefers_not_to_say};
}

EqualityFacts equality_facts(Random& random, const Person& person, std::int64_t recorded_by, Date today) {
  EqualityFacts facts;
  facts.person_id = person.id;
  facts.recorded_by = recorded_by;
  facts.consent_given_on = add_days(today, -random.below(700));
  auto& answers = facts.answers;
  std::array<Share, 1> sex{{{person.gender == Gender::female ? "female" : "male", 970}}};
  answers[Characteristic::sex] = answer_from(random, sex);
  answers[Characteristic::gender_identity] = answer_from(random, gender_identity_shares);
  answers[Characteristic::ethnicity] = answer_from(random, ethnicity_shares);
  answers[Characteristic::disability] = answer_from(random, disability_shares);
  answers[Characteristic::religion] = answer_from(random, religion_shares);
  answers[Characteristic::sexual_orientation] = answer_from(random, sexual_orientation_shares);
  answers[Characteristic::nationality] = answer_from(random, nationality_shares);
  answers[Characteristic::care_experience] = answer_from(random, care_experience_shares);
  answers[Characteristic::armed_forces] = answer_from(random, armed_forces_shares);
  return facts;
}

// The person's current lead in `role`, if they have one.
const Allocation* lead_in(const store::LoadedCase& loaded, Role role) {
  for (const auto& allocation : loaded.allocations)
    if (allocation.role == role && allocation.kind == AllocationKind::lead) return &allocation;
  return nullptr;
}

// Whoever records things about the person: their COM, else their POM, else their key worker.
std::optional<std::int64_t> any_lead(const store::LoadedCase& loaded) {
  for (auto role : {Role::com, Role::pom, Role::key_worker})
    if (const auto* lead = lead_in(loaded, role)) return lead->staff_id;
  return std::nullopt;
}

std::vector<ContactStage> stages_for(Tier tier) {
  switch (tier) {
    case Tier::a:
    case Tier::b: return {{7, 4}, {14, std::nullopt}};
    case Tier::c: return {{14, 8}, {28, std::nullopt}};
    case Tier::d: break;
  }
  return {{28, std::nullopt}};
}

ContactPlan contact_plan(Random& random, const store::LoadedCase& loaded, std::int64_t com, Date supervised_from,
                         const std::string& now_iso, Date today) {
  auto tier = loaded.risk_profile ? loaded.risk_profile->tier.value_or(Tier::c) : Tier::c;
  ContactPlan plan;
  plan.person_id = loaded.person.id;
  plan.starts_on = supervised_from;
  plan.stages = stages_for(tier);
  plan.reason = tier <= Tier::b ? "Tier A or B: weekly at first after release" : "Contact by tier and need";
  // Reviewed every 6 months: the next review is up to 6 months away, or passed for about 1 in 8.
  plan.review_on = std::max(plan.starts_on, add_days(today, -24 + random.below(183)));
  plan.decided_by = com;
  plan.decided_at = now_iso;
  return plan;
}

// The nearest weekday on or before `day` (back) or on or after it (forward).
Date weekday_near(Date day, bool forward) {
  while (weekday_of(day) == std::chrono::Saturday || weekday_of(day) == std::chrono::Sunday)
    day = add_days(day, forward ? 1 : -1);
  return day;
}

Appointment appointment_on(Date day, Random& random, const Person& person, std::int64_t com) {
  Appointment appointment;
  appointment.person_id = person.id;
  appointment.type = AppointmentType::supervision;
  appointment.on = day;
  appointment.starts_at = ClockTime{9 * 60 + 30 * random.below(14)};  // 9:00 to 15:30
  appointment.ends_at = ClockTime{appointment.starts_at.minutes + 30};
  appointment.office_code = person.pdu_code;
  appointment.with_staff_id = com;
  appointment.booked_by = com;
  return appointment;
}

OutcomeDecision outcome_of(Random& random, const Appointment& appointment, const std::string& now_iso) {
  OutcomeDecision decision;
  decision.appointment_on = appointment.on;
  decision.decided_by = appointment.with_staff_id;
  decision.decided_at = now_iso;
  int roll = random.below(100);
  if (roll < 90) return decision;  // attended
  decision.outcome = roll < 95 ? AppointmentOutcome::acceptable_absence : AppointmentOutcome::failed_to_comply;
  decision.reason = roll < 95 ? "Hospital appointment, letter seen" : "No contact and no reason given";
  return decision;
}

// The last appointment (within the interval in force for most) and, for most, the next.
std::vector<SeenAppointment> appointments(Random& random, const store::LoadedCase& loaded, const ContactPlan& plan,
                                          std::int64_t com, const std::string& now_iso, Date today) {
  std::vector<SeenAppointment> seen;
  int interval = stage_on(plan, today).every_days;
  int days_ago = random.percent(85) ? 1 + random.below(interval) : interval + 1 + random.below(3 * interval);
  auto last_day = weekday_near(std::max(plan.starts_on, add_days(today, -days_ago)), false);
  if (last_day < today) {
    auto last = appointment_on(last_day, random, loaded.person, com);
    seen.push_back({last, outcome_of(random, last, now_iso)});
  }
  if (random.percent(90)) {
    auto next_day = weekday_near(add_days(today, 1 + random.below(std::min(interval, 14))), true);
    seen.push_back({appointment_on(next_day, random, loaded.person, com), std::nullopt});
  }
  return seen;
}

PersonAccount account(Random& random, const Person& person, std::int64_t com, Date supervised_from, Timestamp now) {
  PersonAccount account;
  account.person_id = person.id;
  // Reserved for examples (RFC 2606), and unique as the CRN is.
  std::string crn = person.crn;
  std::ranges::transform(crn, crn.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  account.contact = {AccountContactKind::email, crn + "@example.org"};
  account.status = random.percent(75) ? PersonAccountStatus::active : PersonAccountStatus::invited;
  account.language = random.percent(3) ? Language::cy : Language::en;
  account.invited_by = com;
  account.invited_at = std::min(now, Timestamp{std::chrono::sys_days{supervised_from}} + std::chrono::hours{10});
  return account;
}

MappaDecision mappa_decision(Random& random, const Person& person, MappaLevel level, std::int64_t recorded_by,
                             Date today) {
  int category = random.below(100);
  MappaDecision decision;
  decision.person_id = person.id;
  decision.category = category < 55 ? MappaCategory::category_1
                      : category < 96 ? MappaCategory::category_2 : MappaCategory::category_3;
  decision.level = level;
  decision.decided_on = add_days(today, -(30 + random.below(700)));
  decision.decided_by = level == MappaLevel::level_1 ? "Offender manager, agreed with the MAPPA coordinator"
                                                     : "MAPPA panel, chaired by the area's MAPPA coordinator";
  decision.recorded_by = recorded_by;
  return decision;
}

// A panel meeting held in the last four months, with two of its actions.
HeldMappaMeeting mappa_meeting(Random& random, const Person& person, std::int64_t recorded_by, Date today) {
  HeldMappaMeeting held;
  auto& meeting = held.meeting;
  meeting.person_id = person.id;
  meeting.kind = random.percent(20) ? MappaMeetingKind::first : MappaMeetingKind::review;
  meeting.meeting_on = weekday_near(add_days(today, -(7 + random.below(120))), false);
  meeting.status = MappaMeetingStatus::held;
  meeting.attendees = {{Agency::probation, "Offender manager", std::nullopt},
                       {Agency::police, "Public protection officer", std::nullopt}};
  meeting.recorded_by = recorded_by;
  MappaAction done;
  done.person_id = person.id;
  done.description = "Share the licence conditions with the police";
  done.owner_agency = Agency::probation;
  done.due_on = add_days(meeting.meeting_on, 7);
  done.status = MappaActionStatus::done;
  MappaAction open;
  open.person_id = person.id;
  open.description = "Check the address with the police and children's social care";
  open.owner_agency = Agency::police;
  open.due_on = add_days(today, -20 + random.below(60));
  held.actions = {done, open};
  return held;
}

}  // namespace

CaseWork CaseWorkMaker::make(const store::LoadedCase& loaded, std::int64_t index) const {
  auto random = random_for(seed_, 3, index);
  CaseWork work;
  const auto& person = loaded.person;
  auto lead = any_lead(loaded);
  if (lead && random.percent(85)) work.equality = equality_facts(random, person, *lead, today_);

  const auto* com = lead_in(loaded, Role::com);
  bool supervised = person.stage == CaseStage::on_licence || person.stage == CaseStage::post_sentence_supervision;
  if (supervised && com && random.percent(95)) {
    work.contact_plan = contact_plan(random, loaded, com->staff_id, com->from, now_iso_, today_);
    work.appointments = appointments(random, loaded, *work.contact_plan, com->staff_id, now_iso_, today_);
    if (random.percent(12)) work.account = account(random, person, com->staff_id, com->from, now_);
  }

  auto level = loaded.risk_profile ? loaded.risk_profile->mappa : MappaLevel::none;
  if (lead && level != MappaLevel::none) {
    work.mappa_decision = mappa_decision(random, person, level, *lead, today_);
    if (level != MappaLevel::level_1) work.mappa_meetings.push_back(mappa_meeting(random, person, *lead, today_));
  }
  return work;
}

std::int64_t store_case_work(store::Transaction& tx, CaseWork& work) {
  std::int64_t rows = 0;
  if (work.equality) {
    tx.equality_facts().save(*work.equality, 0);
    ++rows;
  }
  if (work.contact_plan) {
    work.contact_plan->id = tx.contact_plans().insert(*work.contact_plan, 0);
    ++rows;
  }
  for (auto& [appointment, outcome] : work.appointments) {
    appointment.id = tx.appointments().insert(appointment);
    ++rows;
    if (!outcome) continue;
    outcome->appointment_id = appointment.id;
    outcome->id = tx.appointment_outcomes().insert(appointment.person_id, *outcome);
    ++rows;
  }
  if (work.account) {
    work.account->id = tx.person_accounts().save(*work.account);
    ++rows;
  }
  if (work.mappa_decision) {
    work.mappa_decision->id = tx.mappa().insert_decision(*work.mappa_decision);
    ++rows;
  }
  for (auto& [meeting, actions] : work.mappa_meetings) {
    meeting.id = tx.mappa().insert_meeting(meeting);
    ++rows;
    for (auto& action : actions) {
      action.meeting_id = meeting.id;
      action.id = tx.mappa().insert_action(action);
      ++rows;
    }
  }
  return rows;
}

}  // namespace resettle::services
