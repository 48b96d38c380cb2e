// Equality facts: the questions, their answers and groups, the age band, and who may see them.
#include "domain/insight/equality.hpp"

#include <algorithm>
#include <array>

namespace resettle {

namespace {

// Stored and sent in JSON: codes may only be added to; labels may change.
constexpr std::array<Coded<Characteristic>, 10> characteristic_list{{
    {Characteristic::age_band, "age_band", "Age band"},
    {Characteristic::sex, "sex", "Sex"},
    {Characteristic::gender_identity, "gender_identity", "Gender identity"},
    {Characteristic::ethnicity, "ethnicity", "Ethnic group"},
    {Characteristic::disability, "disability", "Disability"},
    {Characteristic::religion, "religion", "Religion or belief"},
    {Characteristic::sexual_orientation, "sexual_orientation", "Sexual orientation"},
    {Characteristic::nationality, "nationality", "Nationality"},
    {Characteristic::care_experience, "care_experience", "Care experience"},
    {Characteristic::armed_forces, "armed_forces", "Armed forces"},
}};

#define RESETTLE_UNKNOWN_ANSWERS \
  Answer{not_stated, "Not stated"}, Answer { prefers_not_to_say, "Prefers not to say" }

// The answer tables below are stored and sent in JSON: codes may only be added to; labels may change.
constexpr Answer sex_answers[] = {{"female", "Female"}, {"male", "Male"}, RESETTLE_UNKNOWN_ANSWERS};

constexpr Answer gender_identity_answers[] = {
    {"same_as_sex_registered_at_birth", "The same as the sex registered at birth"},
    {"trans_woman", "Trans woman"},
    {"trans_man", "Trans man"},
    {"non_binary", "Non-binary"},
    {"other", "Another gender identity"},
    RESETTLE_UNKNOWN_ANSWERS};

// The 2021 census of England and Wales: 19 categories in 5 groups.
constexpr Answer ethnicity_answers[] = {
    {"asian_bangladeshi", "Asian, Asian British or Asian Welsh: Bangladeshi", "asian"},
    {"asian_chinese", "Asian, Asian British or Asian Welsh: Chinese", "asian"},
    {"asian_indian", "Asian, Asian British or Asian Welsh: Indian", "asian"},
    {"asian_pakistani", "Asian, Asian British or Asian Welsh: Pakistani", "asian"},
    {"asian_other", "Asian, Asian British or Asian Welsh: any other Asian background", "asian"},
    {"black_african", "Black, Black British, Black Welsh, Caribbean or African: African", "black"},
    {"black_caribbean", "Black, Black British, Black Welsh, Caribbean or African: Caribbean", "black"},
    {"black_other", "Black, Black British, Black Welsh, Caribbean or African: any other Black, Black British or Caribbean background", "black"},
    {"mixed_white_asian", "Mixed or multiple ethnic groups: White and Asian", "mixed"},
    {"mixed_white_black_african", "Mixed or multiple ethnic groups: White and Black African", "mixed"},
    {"mixed_white_black_caribbean", "Mixed or multiple ethnic groups: White and Black Caribbean", "mixed"},
    {"mixed_other", "Mixed or multiple ethnic groups: any other Mixed or multiple ethnic background", "mixed"},
    {"white_british", "White: English, Welsh, Scottish, Northern Irish or British", "white"},
    {"white_irish", "White: Irish", "white"},
    {"white_gypsy_or_irish_traveller", "White: Gypsy or Irish Traveller", "white"},
    {"white_roma", "White: Roma", "white"},
    {"white_other", "White: any other White background", "white"},
    {"other_arab", "Other ethnic group: Arab", "other"},
    {"other_any", "Other ethnic group: any other ethnic group", "other"},
    RESETTLE_UNKNOWN_ANSWERS};

// The census's five high-level ethnic groups, which the categories above are counted in.
constexpr Coded<int> ethnic_groups[] = {
    {0, "asian", "Asian, Asian British or Asian Welsh"},
    {1, "black", "Black, Black British, Black Welsh, Caribbean or African"},
    {2, "mixed", "Mixed or multiple ethnic groups"},
    {3, "white", "White"},
    {4, "other", "Other ethnic group"},
};

constexpr Answer disability_answers[] = {
    {"limited_a_lot", "Disabled: day-to-day activities limited a lot"},
    {"limited_a_little", "Disabled: day-to-day activities limited a little"},
    {"not_disabled", "Not disabled"},
    RESETTLE_UNKNOWN_ANSWERS};

constexpr Answer religion_answers[] = {
    {"no_religion", "No religion"}, {"buddhist", "Buddhist"}, {"christian", "Christian"}, {"hindu", "Hindu"},
    {"jewish", "Jewish"},           {"muslim", "Muslim"},     {"sikh", "Sikh"},           {"other", "Another religion or belief"},
    RESETTLE_UNKNOWN_ANSWERS};

constexpr Answer sexual_orientation_answers[] = {
    {"straight", "Straight or heterosexual"}, {"gay_or_lesbian", "Gay or lesbian"}, {"bisexual", "Bisexual"},
    {"other", "Another sexual orientation"}, RESETTLE_UNKNOWN_ANSWERS};

constexpr Answer nationality_answers[] = {
    {"british", "British"}, {"irish", "Irish"}, {"eu", "Another EU country"}, {"other", "Another country"},
    {"stateless", "Stateless"}, RESETTLE_UNKNOWN_ANSWERS};

constexpr Answer care_experience_answers[] = {
    {"care_experienced", "Has been in care"}, {"not_care_experienced", "Has not been in care"}, RESETTLE_UNKNOWN_ANSWERS};

constexpr Answer armed_forces_answers[] = {
    {"served", "Has served in the armed forces"}, {"not_served", "Has not served in the armed forces"},
    RESETTLE_UNKNOWN_ANSWERS};

#undef RESETTLE_UNKNOWN_ANSWERS

struct Question {
  Characteristic characteristic;
  std::string_view text;
  std::span<const Answer> answers;
};

const Question questions[] = {
    {Characteristic::sex, "What is their sex?", sex_answers},
    {Characteristic::gender_identity, "Is the gender they identify with the same as their sex registered at birth?",
     gender_identity_answers},
    {Characteristic::ethnicity, "What is their ethnic group?", ethnicity_answers},
    {Characteristic::disability, "Do they have a disability or long-term condition that limits day-to-day activities?",
     disability_answers},
    {Characteristic::religion, "What is their religion or belief?", religion_answers},
    {Characteristic::sexual_orientation, "What is their sexual orientation?", sexual_orientation_answers},
    {Characteristic::nationality, "What is their nationality?", nationality_answers},
    {Characteristic::care_experience, "Have they ever been in care (looked after as a child)?", care_experience_answers},
    {Characteristic::armed_forces, "Have they ever served in the UK armed forces?", armed_forces_answers},
};

const Question* question_of(Characteristic characteristic) {
  for (const auto& question : questions)
    if (question.characteristic == characteristic) return &question;
  return nullptr;
}

// Age bands: (lowest age, code, label), youngest first.
struct AgeBand {
  int from;
  std::string_view code;
  std::string_view label;
};
constexpr AgeBand age_bands[] = {{0, "under_18", "Under 18"},   {18, "18_to_24", "18 to 24"}, {25, "25_to_29", "25 to 29"},
                                 {30, "30_to_39", "30 to 39"},  {40, "40_to_49", "40 to 49"}, {50, "50_to_59", "50 to 59"},
                                 {60, "60_and_over", "60 and over"}};

bool is_unknown_answer(std::string_view code) { return code == not_stated || code == prefers_not_to_say; }

}  // namespace

std::span<const Coded<Characteristic>> characteristics() { return characteristic_list; }

bool is_asked(Characteristic characteristic) { return characteristic != Characteristic::age_band; }

std::span<const Answer> answers_for(Characteristic characteristic) {
  const auto* question = question_of(characteristic);
  return question ? question->answers : std::span<const Answer>{};
}

std::string_view question_for(Characteristic characteristic) {
  const auto* question = question_of(characteristic);
  return question ? question->text : "What is their age?";
}

std::string_view answer_label(Characteristic characteristic, std::string_view code) {
  for (const auto& answer : answers_for(characteristic))
    if (answer.code == code) return answer.label;
  return code;
}

std::vector<Group> groups_of(Characteristic characteristic) {
  std::vector<Group> groups;
  if (characteristic == Characteristic::age_band) {
    for (const auto& band : age_bands) groups.push_back({std::string{band.code}, std::string{band.label}});
    return groups;
  }
  if (characteristic == Characteristic::ethnicity) {
    for (const auto& group : ethnic_groups) groups.push_back({std::string{group.code}, std::string{group.label}});
  } else {
    for (const auto& answer : answers_for(characteristic))
      if (!is_unknown_answer(answer.code)) groups.push_back({std::string{answer.code}, std::string{answer.label}});
  }
  groups.push_back({std::string{not_stated}, "Not stated", true});
  groups.push_back({std::string{prefers_not_to_say}, "Prefers not to say", true});
  groups.push_back({std::string{not_recorded}, "Not recorded", true});
  return groups;
}

std::string age_band_on(Date date_of_birth, Date on) {
  auto age = age_on(date_of_birth, on);
  std::string_view code = age_bands[0].code;
  for (const auto& band : age_bands)
    if (age >= band.from) code = band.code;
  return std::string{code};
}

std::string group_code(const std::optional<EqualityFacts>& facts, Characteristic characteristic, Date date_of_birth,
                       Date on) {
  if (characteristic == Characteristic::age_band) return age_band_on(date_of_birth, on);
  if (!facts) return std::string{not_recorded};
  auto found = facts->answers.find(characteristic);
  if (found == facts->answers.end()) return std::string{not_recorded};
  for (const auto& answer : answers_for(characteristic))
    if (answer.code == found->second) return std::string{answer.group.empty() ? answer.code : answer.group};
  return std::string{not_recorded};
}

EqualityFacts read_equality_facts(const FieldInput& input, Date today) {
  FieldReader reader(input);
  EqualityFacts facts;
  auto consent = reader.text("consent", Need::required, 3);
  if (!reader.failed("consent") && consent != "yes")
    reader.fail("consent", "Equality information is recorded only with the person's consent");
  facts.consent_given_on = reader.past_date("consent_given_on", Need::required, today).value_or(Date{});
  for (const auto& entry : characteristics()) {
    if (!is_asked(entry.value)) continue;
    auto code = reader.text(entry.code, Need::required, 64);
    if (reader.failed(entry.code)) continue;
    auto answers = answers_for(entry.value);
    if (std::ranges::none_of(answers, [&](const Answer& answer) { return answer.code == code; })) {
      reader.fail(entry.code, "Choose one of the answers, or not stated, or prefers not to say");
      continue;
    }
    facts.answers[entry.value] = code;
  }
  reader.throw_if_failed();
  return facts;
}

FieldInput equality_fields(const EqualityFacts& facts) {
  FieldInput fields{{"consent", facts.version > 0 ? "yes" : ""}, {"consent_given_on", facts.version > 0 ? to_iso(facts.consent_given_on) : ""}};
  for (const auto& [characteristic, code] : facts.answers) fields[std::string{entry_for(characteristics(), characteristic).code}] = code;
  return fields;
}

bool may_see_equality_facts(const StaffMember& staff, bool visible, bool allocated_to_staff) {
  if (!visible) return false;
  switch (staff.role) {
    case Role::manager: return true;
    case Role::pom:
    case Role::com: return allocated_to_staff;
    default: return false;
  }
}

}  // namespace resettle
