// The licence conditions catalogue in data/licence-conditions: every version loads and checks,
// every condition renders with its inputs in English and Welsh, and inputs are checked by type.
#include "domain/licence/licence_conditions.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>

#include "code_table_checks.hpp"
#include "domain/errors.hpp"
#include "source_tree.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

std::vector<std::string> catalogue_files() {
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(source_tree() / "data/licence-conditions")) {
    std::ifstream file{entry.path()};
    std::ostringstream text;
    text << file.rdbuf();
    texts.push_back(text.str());
  }
  return texts;
}

const ConditionCatalogues& catalogues() {
  static const ConditionCatalogues loaded = ConditionCatalogues::from_json(catalogue_files());
  return loaded;
}

// A good value for each input type, and how it reads in each language.
struct Sample {
  std::string value;
  std::string en;
  std::string cy;
};
Sample sample_for(const ConditionInput& input) {
  switch (input.type) {
    case ConditionInputType::time: return {"9:30", "09:30", "09:30"};
    case ConditionInputType::time_range:
      return input.crosses_midnight ? Sample{"19:00-07:00", "19:00 and 07:00", "19:00 a 07:00"}
                                    : Sample{"08:00-16:00", "08:00 and 16:00", "08:00 a 16:00"};
    case ConditionInputType::date: return {"2027-02-05", "5 February 2027", "5 Chwefror 2027"};
    case ConditionInputType::choice: {
      const auto& option = input.options.back();
      return {option.code, option.label.en, option.label.cy};
    }
    case ConditionInputType::address: return {"1 Stryd Fawr\nCaerdydd\nCF10 1AA", "1 Stryd Fawr, Caerdydd, CF10 1AA", "1 Stryd Fawr, Caerdydd, CF10 1AA"};
    case ConditionInputType::name: return {"Jo Bloggs-Ŵyn", "Jo Bloggs-Ŵyn", "Jo Bloggs-Ŵyn"};
    case ConditionInputType::region: return {"Gwent", "Gwent", "Gwent"};
    case ConditionInputType::exclusion_zone: return {"the town centre inside the ring road", "the town centre inside the ring road", "the town centre inside the ring road"};
    case ConditionInputType::text: return {"the Ty Newydd service", "the Ty Newydd service", "the Ty Newydd service"};
  }
  return {};
}

bool has_template_marks(const std::string& text) { return text.find_first_of("{}[]") != std::string::npos; }

// Words almost every Welsh sentence here uses; none is an English word.
bool reads_as_welsh(const std::string& text) {
  std::string words = " ";
  for (char c : text) words += std::isalpha(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : ' ';
  words += ' ';
  for (const char* word : {"yn", "eich", "chi", "rhaid", "peidiwch", "mae", "gyda", "ewch", "dywedwch", "byddwch", "yr", "bob", "dim"})
    if (words.find(" " + std::string{word} + " ") != std::string::npos) return true;
  return false;
}

FieldError only_error(const std::function<void()>& call) {
  try {
    call();
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().size(), 1u);
    return failed.errors().front();
  }
  ADD_FAILURE() << "expected ValidationFailed";
  return {};
}

const ConditionDefinition& condition(const char* code) {
  const ConditionDefinition* found = catalogues().version("2026-1").find(code);
  EXPECT_NE(found, nullptr) << code;
  return *found;
}

// A one-version catalogue with one additional condition, to show what the checks refuse.
std::string small_catalogue(const std::string& additional) {
  return R"({"version":"t-1","title":"Test","starts_on":"2026-01-01",
    "categories":[{"code":"curfew","label":"Curfew","label_cy":"Cyrffyw"}],
    "standard":[{"code":"good_behaviour","wording":"Be good.","explanation":{"en":"Behave well.","cy":"Ymddwyn yn dda."}}],
    "additional":[)" + additional + "]}";
}

std::vector<FieldError> load_errors(const std::vector<std::string>& texts) {
  try {
    ConditionCatalogues::from_json(texts);
  } catch (const ValidationFailed& failed) {
    return failed.errors();
  }
  return {};
}

}  // namespace

TEST(LicenceConditionCodes, TablesAreComplete) {
  code_checks::expect_complete_code_table(condition_input_types(), 9);
  code_checks::expect_complete_code_table(condition_kinds(), 3);
  code_checks::expect_complete_code_table(languages(), 2);
}

TEST(LicenceConditionCatalogue, ThePolicyOf2026HasEightStandardAndAtLeastFortyAdditionalConditions) {
  const auto& catalogue = catalogues().version("2026-1");
  EXPECT_EQ(catalogue.starts_on, Date{2026y / April / 1});
  EXPECT_EQ(catalogue.standard.size(), 8u);
  EXPECT_GE(catalogue.additional.size(), 40u);
  for (const char* category : {"contact_with_person", "freedom_of_movement", "curfew", "electronic_monitoring",
                               "drugs_and_alcohol", "possession_of_items", "programmes", "residence",
                               "supervision_and_reporting", "disclosure_of_information"})
    EXPECT_NE(catalogue.category(category), nullptr) << category;
  std::set<std::string> used_types;
  for (const auto& additional : catalogue.additional)
    for (const auto& input : additional.inputs) used_types.insert(std::string{entry_for(condition_input_types(), input.type).code});
  EXPECT_EQ(used_types.size(), condition_input_types().size()) << "every input type is used by some condition";
}

TEST(LicenceConditionCatalogue, CodesAreUniqueInEveryVersion) {
  for (const auto& catalogue : catalogues().versions()) {
    std::set<std::string> codes;
    for (const auto* list : {&catalogue.standard, &catalogue.additional})
      for (const auto& definition : *list) EXPECT_TRUE(codes.insert(definition.code).second) << definition.code;
  }
}

TEST(LicenceConditionCatalogue, EveryConditionRendersWithItsInputsInEnglishAndWelsh) {
  for (const auto& catalogue : catalogues().versions()) {
    for (const auto* list : {&catalogue.standard, &catalogue.additional}) {
      for (const auto& definition : *list) {
        SCOPED_TRACE(catalogue.version + " " + definition.code);
        FieldInput given;
        for (const auto& input : definition.inputs) given[input.name] = sample_for(input).value;
        auto values = read_condition_values(definition, given, "inputs.");
        auto wording = render_wording(definition, values);
        auto english = render_explanation(definition, values, Language::en);
        auto welsh = render_explanation(definition, values, Language::cy);
        for (const auto* text : {&wording, &english, &welsh}) {
          EXPECT_FALSE(text->empty());
          EXPECT_FALSE(has_template_marks(*text)) << *text;
        }
        EXPECT_NE(english, welsh);
        EXPECT_TRUE(reads_as_welsh(welsh)) << welsh;
        for (const auto& input : definition.inputs) {
          auto sample = sample_for(input);
          EXPECT_NE(wording.find(sample.en), std::string::npos) << input.name << ": " << wording;
          EXPECT_NE(english.find(sample.en), std::string::npos) << input.name << ": " << english;
          EXPECT_NE(welsh.find(sample.cy), std::string::npos) << input.name << ": " << welsh;
        }
      }
    }
  }
}

TEST(LicenceConditionCatalogue, EveryPlaceholderHasAnInputAndEveryInputAPlaceholder) {
  for (const auto& catalogue : catalogues().versions())
    for (const auto& definition : catalogue.additional)
      for (const auto* text : {&definition.wording, &definition.explanation.en, &definition.explanation.cy})
        for (const auto& input : definition.inputs)
          EXPECT_NE(text->find("{" + input.name + "}"), std::string::npos) << definition.code << " " << input.name;
}

TEST(LicenceConditionCatalogue, OptionalPartsAreLeftOutWhenTheirInputIsBlank) {
  const auto& definition = condition("no_contact_named_person");
  auto without = read_condition_values(definition, {{"person_name", "Sam Jones"}}, "");
  EXPECT_EQ(render_explanation(definition, without, Language::en).find("too"), std::string::npos);
  auto with = read_condition_values(definition, {{"person_name", "Sam Jones"}, {"social_services", "Cardiff children's services"}}, "");
  EXPECT_NE(render_explanation(definition, with, Language::en).find(", and Cardiff children's services too."), std::string::npos);
  EXPECT_NE(render_explanation(definition, with, Language::cy).find(", a Cardiff children's services hefyd."), std::string::npos);
}

TEST(LicenceConditionCatalogue, AVersionIsChosenByItsStartDate) {
  EXPECT_EQ(catalogues().in_force_on(Date{2026y / December / 6}).version, "2026-1");
  EXPECT_EQ(catalogues().in_force_on(Date{2027y / April / 1}).version, "2027-1");
  EXPECT_THROW(catalogues().in_force_on(Date{2026y / March / 31}), NotFound);
  EXPECT_THROW(catalogues().version("1999-1"), NotFound);
}

TEST(LicenceConditionCatalogue, ALaterVersionMapsTheCodesItReplaces) {
  const auto& later = catalogues().version("2027-1");
  EXPECT_EQ(later.based_on, "2026-1");
  EXPECT_EQ(later.find("notify_relationship"), nullptr);
  EXPECT_NE(later.find("notify_relationship_changes"), nullptr);
  EXPECT_NE(later.find("curfew_address"), nullptr) << "conditions it does not change carry over";
  EXPECT_EQ(later.standard.size(), 8u);

  auto merged = catalogues().map_code("2026-1", "2027-1", "notify_relationship_ended");
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->code, "notify_relationship_changes");
  auto renamed = catalogues().map_code("2026-1", "2027-1", "no_contact_co_defendant");
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->code, "no_contact_named_person");
  EXPECT_EQ(renamed->input_names.at("co_defendant_name"), "person_name");
  auto same = catalogues().map_code("2026-1", "2027-1", "curfew_address");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->code, "curfew_address");
  EXPECT_EQ(same->input_names.at("hours"), "hours");
  EXPECT_FALSE(catalogues().map_code("2026-1", "2027-1", "no_such_code"));
}

TEST(LicenceConditionCatalogue, ALicenceKeepsItsVersion) {
  // The old version is still there, whole, after a later one starts.
  EXPECT_NE(catalogues().version("2026-1").find("notify_relationship"), nullptr);
}

TEST(LicenceConditionCatalogueChecks, ARepeatedCodeIsRefused) {
  auto condition = R"({"code":"good_behaviour","category":"curfew","wording":"Stay in.","inputs":[],"explanation":{"en":"Stay in.","cy":"Arhoswch i mewn."}})";
  auto errors = load_errors({small_catalogue(condition)});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "t-1: additional[0].code");
  EXPECT_EQ(errors[0].message, "repeats the code good_behaviour");
}

TEST(LicenceConditionCatalogueChecks, APlaceholderWithoutAnInputIsRefused) {
  auto condition = R"({"code":"stay_in","category":"curfew","wording":"Stay at {address}.","inputs":[],"explanation":{"en":"Stay in.","cy":"Arhoswch i mewn."}})";
  auto errors = load_errors({small_catalogue(condition)});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "t-1: additional[0].wording");
  EXPECT_EQ(errors[0].message, "{address} is not one of the inputs");
}

TEST(LicenceConditionCatalogueChecks, AnInputTheTextsDoNotUseIsRefused) {
  auto condition = R"({"code":"stay_in","category":"curfew","wording":"Stay at {address}.","inputs":[{"name":"address","type":"address","label":"Address"}],"explanation":{"en":"Stay at {address}.","cy":"Arhoswch i mewn."}})";
  auto errors = load_errors({small_catalogue(condition)});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "t-1: additional[0].explanation.cy");
  EXPECT_EQ(errors[0].message, "does not use the input address");
}

TEST(LicenceConditionCatalogueChecks, AMissingOrCopiedWelshExplanationIsRefused) {
  auto missing = R"({"code":"stay_in","category":"curfew","wording":"Stay in.","inputs":[],"explanation":{"en":"Stay in."}})";
  auto errors = load_errors({small_catalogue(missing)});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "t-1: additional[0].explanation.cy");
  auto copied = R"({"code":"stay_in","category":"curfew","wording":"Stay in.","inputs":[],"explanation":{"en":"Stay in.","cy":"Stay in."}})";
  errors = load_errors({small_catalogue(copied)});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "must be in Welsh, not the English text");
}

TEST(LicenceConditionCatalogueChecks, RequiredInputsStayOutOfOptionalPartsAndUnknownCategoriesAreRefused) {
  auto condition = R"({"code":"stay_in","category":"nowhere","wording":"Stay[ at {address}].","inputs":[{"name":"address","type":"address","label":"Address"}],"explanation":{"en":"Stay at {address}.","cy":"Arhoswch yn {address}."}})";
  auto errors = load_errors({small_catalogue(condition)});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "t-1: additional[0].category");
  EXPECT_EQ(errors[1].field, "t-1: additional[0].wording");
  EXPECT_EQ(errors[1].message, "{address} must be outside [ ]: it is required");
}

TEST(LicenceConditionCatalogueChecks, AMappingMustNameConditionsThatExist) {
  auto later = R"({"version":"t-2","title":"Later","starts_on":"2027-01-01","based_on":"t-1",
    "replaced":[{"from":"no_such","to":"good_behaviour"},{"from":"good_behaviour","to":"also_missing"}]})";
  auto errors = load_errors({later, small_catalogue("")});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "t-2: replaced[0].from");
  EXPECT_EQ(errors[1].field, "t-2: replaced[1].to");
  auto orphan = R"({"version":"t-2","title":"Later","starts_on":"2027-01-01","based_on":"t-0"})";
  errors = load_errors({orphan, small_catalogue("")});
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].field, "t-2: based_on");
}

TEST(LicenceConditionInputs, ATimeOutsideTheDayIsRefusedNamingTheField) {
  auto error = only_error([] { read_condition_values(condition("report_daily"), {{"place", "1 High Street, Newport"}, {"time", "25:00"}}, "inputs."); });
  EXPECT_EQ(error.field, "inputs.time");
  EXPECT_EQ(error.message, "must be a time of day from 00:00 to 23:59, like 19:30");
  error = only_error([] { read_condition_values(condition("report_daily"), {{"place", "1 High Street, Newport"}, {"time", "9.30"}}, "inputs."); });
  EXPECT_EQ(error.field, "inputs.time");
}

TEST(LicenceConditionInputs, ARangeThatMayNotCrossMidnightMustEndAfterItStarts) {
  const auto& zone_hours = condition("exclusion_zone_hours");
  auto error = only_error([&] { read_condition_values(zone_hours, {{"zone", "the school grounds"}, {"hours", "16:00-08:00"}}, "inputs."); });
  EXPECT_EQ(error.field, "inputs.hours");
  EXPECT_EQ(error.message, "must end after it starts (08:00 is before 16:00)");
  auto values = read_condition_values(zone_hours, {{"zone", "the school grounds"}, {"hours", " 8:00 - 16:00 "}}, "");
  EXPECT_EQ(values.at("hours"), "08:00-16:00");
}

TEST(LicenceConditionInputs, ACurfewMayCrossMidnightButNotStartAndEndTogether) {
  const auto& curfew = condition("curfew_address");
  auto values = read_condition_values(curfew, {{"address", "2 Heol y Bont, Abertawe"}, {"hours", "19:00-07:00"}}, "");
  EXPECT_NE(render_explanation(curfew, values, Language::cy).find("rhwng 19:00 a 07:00"), std::string::npos);
  auto error = only_error([&] { read_condition_values(curfew, {{"address", "2 Heol y Bont, Abertawe"}, {"hours", "19:00-19:00"}}, ""); });
  EXPECT_EQ(error.field, "hours");
  error = only_error([&] { read_condition_values(curfew, {{"address", "2 Heol y Bont, Abertawe"}, {"hours", "19:00-31:00"}}, ""); });
  EXPECT_EQ(error.message, "end must be a time of day from 00:00 to 23:59, like 19:30");
}

TEST(LicenceConditionInputs, MissingUnknownAndBadlyTypedInputsAreEachNamed) {
  try {
    read_condition_values(condition("curfew_until_date"),
                          {{"hours", "19:00-07:00"}, {"end_date", "2027-02-30"}, {"colour", "red"}}, "inputs.");
    FAIL() << "expected ValidationFailed";
  } catch (const ValidationFailed& failed) {
    ASSERT_EQ(failed.errors().size(), 3u);
    EXPECT_EQ(failed.errors()[0].field, "inputs.address");
    EXPECT_EQ(failed.errors()[0].message, "is required: enter the Curfew address");
    EXPECT_EQ(failed.errors()[1].field, "inputs.end_date");
    EXPECT_EQ(failed.errors()[1].message, "must be a real date written as YYYY-MM-DD");
    EXPECT_EQ(failed.errors()[2].field, "inputs.colour");
  }
}

TEST(LicenceConditionInputs, ChoicesNamesAndRegionsAreChecked) {
  auto error = only_error([] { read_condition_values(condition("no_contact_children"), {{"contact_kind", "some"}}, ""); });
  EXPECT_EQ(error.field, "contact_kind");
  EXPECT_EQ(error.message, "must be one of: unsupervised, any");
  error = only_error([] { read_condition_values(condition("no_contact_victim"), {{"victim_name", "R2D2"}}, ""); });
  EXPECT_EQ(error.message, "must not contain numbers");
  error = only_error([] { read_condition_values(condition("stay_within_region"), {{"region", std::string(101, 'a')}}, ""); });
  EXPECT_EQ(error.message, "must be 100 characters or fewer");
}

TEST(LicenceConditionInputs, ChoicesAndDatesReadInTheLanguageAsked) {
  const auto& children = condition("no_contact_children");
  auto values = read_condition_values(children, {{"contact_kind", "any"}}, "");
  EXPECT_NE(render_wording(children, values).find("Not to have any contact with"), std::string::npos);
  EXPECT_NE(render_explanation(children, values, Language::cy).find("Ni chewch gael unrhyw gyswllt"), std::string::npos);
  EXPECT_EQ(long_date(Date{2027y / July / 14}, Language::cy), "14 Gorffennaf 2027");
  EXPECT_EQ(long_date(Date{2027y / July / 14}, Language::en), "14 July 2027");
}
