// Reading and checking a risk profile (see risk_profile.hpp).
#include "domain/people/risk_profile.hpp"

namespace resettle {

RiskProfile read_risk_profile(const FieldInput& input) {
  FieldReader reader{input};
  RiskProfile profile;
  profile.rosh = reader.code("rosh", Need::optional, rosh_levels());
  profile.tier = reader.code("tier", Need::optional, tiers());
  profile.mappa = reader.code("mappa_level", Need::optional, mappa_levels()).value_or(MappaLevel::none);
  profile.iom = reader.boolean("iom");
  profile.early_allocation = reader.boolean("early_allocation");
  profile.open_prison_arrival_date = reader.date("open_prison_arrival_date", Need::optional);
  profile.category_t_date = reader.date("category_t_date", Need::optional);
  profile.parole_review_completed = reader.boolean("parole_review_completed");
  profile.further_indeterminate_sentence = reader.boolean("further_indeterminate_sentence");
  profile.manual_responsibility = reader.code("manual_responsibility", Need::optional, manual_responsibilities());
  profile.manual_responsibility_reason = reader.text("manual_responsibility_reason", Need::optional, 500);
  if (profile.manual_responsibility && profile.manual_responsibility_reason.empty())
    reader.fail("manual_responsibility_reason", "is required when responsibility is set by hand");
  reader.throw_if_failed();
  return profile;
}

FieldInput risk_profile_fields(const RiskProfile& profile) {
  auto code_or_empty = [](const auto& value, auto list) {
    return value ? std::string{entry_for(list, *value).code} : std::string{};
  };
  return {
      {"rosh", code_or_empty(profile.rosh, rosh_levels())},
      {"tier", code_or_empty(profile.tier, tiers())},
      {"mappa_level", std::string{entry_for(mappa_levels(), profile.mappa).code}},
      {"iom", profile.iom ? "true" : "false"},
      {"early_allocation", profile.early_allocation ? "true" : "false"},
      {"open_prison_arrival_date", to_iso(profile.open_prison_arrival_date)},
      {"category_t_date", to_iso(profile.category_t_date)},
      {"parole_review_completed", profile.parole_review_completed ? "true" : "false"},
      {"further_indeterminate_sentence", profile.further_indeterminate_sentence ? "true" : "false"},
      {"manual_responsibility", code_or_empty(profile.manual_responsibility, manual_responsibilities())},
      {"manual_responsibility_reason", profile.manual_responsibility_reason},
  };
}

}  // namespace resettle
