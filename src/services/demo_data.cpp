// Loading the small demo data set (see demo_data.hpp).
#include "services/demo_data.hpp"

#include <array>

#include "domain/people/custody.hpp"
#include "domain/errors.hpp"
#include "services/allocation/allocations.hpp"
#include "services/people/case_records.hpp"
#include "services/insight/insight.hpp"
#include "services/responsibility/responsibility.hpp"
#include "services/plan/plan_demo_data.hpp"
#include "services/sign_in/sign_in.hpp"

namespace resettle::services {

namespace {

struct DemoAccount {
  std::string_view username, display_name;
  Role role;
  bool in_prison, in_pdu;
  std::string_view organisation;
  int capacity_percent = 100;
  std::optional<Specialism> specialism{};
  int away_days = 0;  // away from yesterday for this many days; 0: at work
};

// The first seven are the sign-ins the README lists; the rest give the allocation page real choices
// (a part-time POM, a Welsh-speaking POM, a COM on leave).
constexpr std::array<DemoAccount, 10> demo_account_list{{
    {"keyworker", "Kim Walsh", Role::key_worker, true, false, ""},
    {"pom", "Priya Shah", Role::pom, true, false, ""},
    {"com", "Callum Reid", Role::com, false, true, ""},
    {"prerelease", "Dana Okafor", Role::pre_release, true, false, ""},
    {"manager", "Morgan Ellis", Role::manager, true, true, ""},
    {"partner", "Pat Byrne", Role::partner, false, false, "Leeds Housing Options (demo local authority team)"},
    {"admin", "Alex Morgan", Role::admin, false, false, ""},
    {"pom2", "Rhys Evans", Role::pom, true, false, "", 100, Specialism::welsh_language},
    {"pom3", "Grace Adeyemi", Role::pom, true, false, "", 60, Specialism::women},
    {"com2", "Jo Lindqvist", Role::com, false, true, "", 100, Specialism::iom, 14},
}};

// Where each demo person is on the journey: days since sentence, sentence length, and stage.
struct DemoJourney {
  std::string_view given_name, family_name;
  Gender gender;
  CaseStage stage;
  std::string_view prison;  // empty once released
  int days_since_sentence;  // negative: not sentenced (remand)
  int length_days;
  SentenceType type = SentenceType::determinate;
};

constexpr std::array<DemoJourney, 30> journeys{{
    {"Jordan", "Hughes", Gender::male, CaseStage::remand, "LEI", -1, 0},
    {"Tyler", "Brooks", Gender::male, CaseStage::remand, "LEI", -1, 0},
    {"Amira", "Khan", Gender::female, CaseStage::remand, "LEI", -1, 0},
    {"Liam", "Carter", Gender::male, CaseStage::in_custody, "LEI", 30, 730},
    {"Connor", "Walsh", Gender::male, CaseStage::in_custody, "LEI", 60, 1460},
    {"Reece", "Patel", Gender::male, CaseStage::in_custody, "LEI", 100, 365},
    {"Marcus", "Bennett", Gender::male, CaseStage::in_custody, "LEI", 200, 548},
    {"Dylan", "Foster", Gender::male, CaseStage::in_custody, "LEI", 250, 730},
    {"Kieran", "Doyle", Gender::male, CaseStage::in_custody, "LEI", 300, 730},
    {"Nathan", "Price", Gender::male, CaseStage::in_custody, "LEI", 330, 730},
    {"Aaron", "Gray", Gender::male, CaseStage::in_custody, "LEI", 420, 1095},
    {"Jamal", "Robinson", Gender::male, CaseStage::in_custody, "LEI", 500, 1095},
    {"Sean", "Murphy", Gender::male, CaseStage::in_custody, "LEI", 700, 1825},
    {"Ryan", "Cooper", Gender::male, CaseStage::in_custody, "HAI", 900, 2190},
    {"Darren", "Hall", Gender::male, CaseStage::in_custody, "HAI", 1200, 2920},
    {"Gary", "Wood", Gender::male, CaseStage::in_custody, "HAI", 3000, 0, SentenceType::indeterminate},
    {"Paul", "Turner", Gender::male, CaseStage::in_custody, "LEI", 4000, 0, SentenceType::indeterminate},
    {"Owen", "Ward", Gender::male, CaseStage::in_custody, "LEI", 150, 180},
    {"Ben", "Lewis", Gender::male, CaseStage::in_custody, "LEI", 40, 120},
    {"Sophie", "Clarke", Gender::female, CaseStage::on_licence, "", 400, 730},
    {"Chloe", "Evans", Gender::female, CaseStage::on_licence, "", 500, 900},
    {"Mohammed", "Ali", Gender::male, CaseStage::on_licence, "", 600, 1095},
    {"Lewis", "Scott", Gender::male, CaseStage::on_licence, "", 420, 730},
    {"Jake", "Morris", Gender::male, CaseStage::on_licence, "", 800, 1460},
    {"Ethan", "Bell", Gender::male, CaseStage::on_licence, "", 380, 600},
    {"Callum", "Young", Gender::male, CaseStage::on_licence, "", 1000, 1825},
    {"Danny", "King", Gender::male, CaseStage::post_sentence_supervision, "", 200, 240},
    {"Lee", "Wright", Gender::male, CaseStage::post_sentence_supervision, "", 150, 200},
    {"Mark", "Green", Gender::male, CaseStage::ended, "", 2000, 730},
    {"Stacey", "Hill", Gender::female, CaseStage::ended, "", 1500, 365},
}};

// Risk and case-management facts for a few demo people, so every responsibility rule shows up.
std::optional<FieldInput> demo_risk_profile(int index) {
  if (index % 5 == 0) return FieldInput{{"rosh", "medium"}, {"tier", "C"}};
  if (index == 11) return FieldInput{{"rosh", "high"}, {"tier", "A"}, {"mappa_level", "2"}, {"early_allocation", "true"}};
  if (index == 12) return FieldInput{{"rosh", "high"}, {"tier", "B"}, {"iom", "true"}};
  if (index == 14) return FieldInput{{"tier", "B"}, {"open_prison_arrival_date", "2026-01-05"}};
  return std::nullopt;
}

void add_places(store::Store& store) {
  auto tx = store.begin_write();
  auto& places = tx->places();
  places.insert_region({"YH", "Yorkshire and the Humber"});
  places.insert_prison({"LEI", "HMP Leeds", "YH"});
  places.insert_prison({"HAI", "HMP Hatfield (open)", "YH"});
  places.insert_pdu({"LDS", "Leeds", "YH"});
  places.insert_team({"LEI-OMU", "Leeds offender management unit", "LEI", ""});
  places.insert_team({"LDS-CENTRAL", "Leeds central probation team", "", "LDS"});
  tx->commit();
}

std::string numbered(std::string_view pattern, int number) {
  std::string text{pattern};
  for (auto position = text.rfind('9'); number > 0 && position != std::string::npos; position = text.rfind('9', position - 1)) {
    text[position] = static_cast<char>('0' + number % 10);
    number /= 10;
    if (position == 0) break;
  }
  return text;
}

FieldInput person_input(const DemoJourney& journey, int index, Date today) {
  bool in_custody = held_in_custody(journey.stage);
  return {{"given_name", std::string{journey.given_name}},
          {"family_name", std::string{journey.family_name}},
          {"date_of_birth", to_iso(add_days(today, -(19 + index * 37 % 40) * 365 - index * 11))},
          {"prison_number", journey.stage == CaseStage::ended && index % 2 ? "" : numbered("A9999AA", 1100 + index)},
          {"crn", journey.stage == CaseStage::remand ? "" : numbered("X999999", 100100 + index)},
          {"gender", std::string{entry_for(genders(), journey.gender).code}},
          {"prison_code", in_custody ? std::string{journey.prison} : ""},
          {"pdu_code", journey.stage == CaseStage::remand ? "" : "LDS"},
          {"stage", std::string{entry_for(case_stages(), journey.stage).code}},
          {"communication_needs", index % 7 == 3 ? "Prefers information read aloud; uses a hearing aid" : ""}};
}

FieldInput sentence_input(const DemoJourney& journey, Date today) {
  auto start = add_days(today, -journey.days_since_sentence);
  if (journey.type == SentenceType::indeterminate)
    return {{"sentence_type", "indeterminate"},
            {"sentence_start_date", to_iso(start)},
            {"tariff_date", to_iso(add_days(start, 365 * 9))},
            {"target_hearing_date", to_iso(add_days(today, 200))},
            {"offence", "Murder"}};
  return {{"sentence_type", "determinate"},
          {"sentence_start_date", to_iso(start)},
          {"sentence_length_days", std::to_string(journey.length_days)},
          {"release_scheme", journey.length_days >= 1460 ? "two_thirds" : "standard"},
          {"offence", journey.length_days < 400 ? "Theft" : "Burglary"}};
}

// Equality facts for most demo people (every seventh has none recorded, as in life), the answers
// varied by position so the insight tables have several groups and unknowns to show.
void record_demo_equality(store::Store& store, const Clock& clock, const StaffMember& manager, std::int64_t person_id,
                          const DemoJourney& journey, int index) {
  if (index % 7 == 6) return;
  FieldInput input{{"consent", "yes"}, {"consent_given_on", to_iso(clock.today())}};
  int step = 3;
  for (const auto& entry : characteristics()) {
    auto answers = answers_for(entry.value);
    if (answers.empty()) continue;
    input[std::string{entry.code}] = answers[static_cast<std::size_t>(index * step++) % answers.size()].code;
  }
  input["sex"] = journey.gender == Gender::female ? "female" : journey.gender == Gender::male ? "male" : "not_stated";
  record_equality_facts(store, clock, manager, person_id, input, 0);
}

}  // namespace

std::vector<StaffMember> demo_accounts(std::string_view prison_code, std::string_view pdu_code, Date today) {
  std::vector<StaffMember> staff;
  for (const auto& account : demo_account_list) {
    StaffMember member;
    member.username = account.username;
    member.display_name = account.display_name;
    member.role = account.role;
    if (account.in_prison) member.prison_code = prison_code;
    if (account.in_pdu) member.pdu_code = pdu_code;
    member.organisation = account.organisation;
    // The demo directory's id for that organisation (data/services-demo.hsds.json), loaded after the accounts.
    if (!account.organisation.empty()) member.organisation_id = "org-leeds-housing-options";
    member.capacity_percent = account.capacity_percent;
    if (account.specialism) member.specialisms = {*account.specialism};
    if (account.away_days > 0) {
      member.away_from = add_days(today, -1);
      member.away_until = add_days(today, account.away_days);
    }
    staff.push_back(std::move(member));
  }
  return staff;
}

void enrol_demo_two_factor(store::Transaction& tx, const Clock& clock) {
  for (const auto& account : demo_accounts("", "", clock.today())) {
    if (!two_factor_required(account.role)) continue;
    auto staff = tx.staff().find_by_username(account.username);
    if (!staff) continue;
    tx.two_factor().enrol(staff->id, std::string{demo_totp_secret}, 0, clock.now_iso());
    tx.journal().append({std::nullopt, std::nullopt, "staff.two_factor_enrolled", "staff", staff->id,
                         "Two-factor sign-in set up with the demo key", "", nlohmann::json::object()});
  }
}

std::vector<DemoSignIn> load_demo(store::Store& store, const Clock& clock) {
  if (!store.begin_read()->staff().list().empty()) throw Conflict("this database already has staff accounts");
  add_places(store);
  auto staff = demo_accounts("LEI", "LDS", clock.today());
  std::vector<DemoSignIn> sign_ins;
  for (auto& member : staff) {
    if (holds_caseload(member.role)) member.team_code = member.role == Role::com ? "LDS-CENTRAL" : "LEI-OMU";
    member.id = create_staff_account(store, member, std::string{demo_password});
    sign_ins.push_back({member.username, std::string{role_label(member.role)}});
  }
  {
    auto tx = store.begin_write();
    enrol_demo_two_factor(*tx, clock);
    tx->commit();
  }
  const auto& keyworker = staff[0];
  const auto& pom = staff[1];
  const auto& com = staff[2];
  const auto& manager = staff[4];
  auto today = clock.today();
  for (int index = 0; index < static_cast<int>(journeys.size()); ++index) {
    const auto& journey = journeys[index];
    auto person = add_person(store, clock, manager, person_input(journey, index, today));
    if (journey.days_since_sentence >= 0) record_sentence(store, clock, manager, person.id, sentence_input(journey, today));
    bool in_custody = held_in_custody(journey.stage);
    auto from = add_days(today, -std::max(journey.days_since_sentence, 3) / 2);
    // Short sentences just begun wait for a POM, so the manager's view has cases to allocate.
    bool awaiting_pom = journey.length_days > 0 && journey.length_days <= 180;
    if (in_custody && journey.prison == "LEI" && !awaiting_pom)
      allocate(store, manager, person.id, pom.id, Role::pom, from, "Demo allocation");
    if (in_custody && index % 3 == 0) allocate(store, manager, person.id, keyworker.id, Role::key_worker, from, "Demo allocation");
    if (!in_custody && journey.stage != CaseStage::ended)
      allocate(store, manager, person.id, com.id, Role::com, from, "Demo allocation");
    if (auto profile = demo_risk_profile(index)) update_risk_profile(store, clock, manager, person.id, *profile, 0);
    record_demo_equality(store, clock, manager, person.id, journey, index);
  }
  add_plan_demo(store, clock, pom);
  return sign_ins;
}

}  // namespace resettle::services
