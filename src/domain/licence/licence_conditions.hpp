#pragma once
// The versioned catalogue of licence conditions (data/licence-conditions/<version>.json): standard
// conditions and additional ones by category, each with legal wording holding typed placeholders
// and a plain explanation in English and Welsh; and the rendering of a condition with its inputs.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/language.hpp"

namespace resettle {

// Stored in the catalogue files and sent in JSON: codes may only be added to.
enum class ConditionInputType { text, name, time, time_range, date, address, region, choice, exclusion_zone };
std::span<const Coded<ConditionInputType>> condition_input_types();

struct ChoiceOption {
  std::string code;
  Bilingual label;  // as it reads inside a sentence: "any contact", "unrhyw gyswllt"
};

struct ConditionInput {
  std::string name;  // the placeholder's name: {name} in the texts
  ConditionInputType type = ConditionInputType::text;
  std::string label;  // for staff filling in the licence
  bool required = true;
  bool crosses_midnight = false;  // time ranges only: whether the end may be earlier than the start
  std::vector<ChoiceOption> options;  // choices only
};

// Stored on licences and sent in JSON: codes may only be added to.
enum class ConditionKind { standard, additional, bespoke };
std::span<const Coded<ConditionKind>> condition_kinds();

// Placeholders are written {input_name}. A part in [square brackets] holds optional inputs and
// is left out when they are blank.
struct ConditionDefinition {
  std::string code;  // stable within a version; a later version maps codes it replaces
  ConditionKind kind = ConditionKind::standard;
  std::string category;  // additional conditions only
  std::string wording;   // the legal wording, in English
  std::vector<ConditionInput> inputs;
  Bilingual explanation;  // what it means day to day, in the second person

  const ConditionInput* input(std::string_view name) const;
};

struct ConditionCategory {
  std::string code;
  Bilingual label;
};

// A code of the version a catalogue is based on, replaced by one of its own; input names the
// new condition spells differently are mapped too.
struct CodeMapping {
  std::string from;
  std::string to;
  std::map<std::string, std::string, std::less<>> inputs;
};

struct ConditionCatalogue {
  std::string version;
  std::string title;
  Date starts_on{};
  std::string based_on;  // empty for a whole catalogue
  std::vector<ConditionCategory> categories;
  std::vector<ConditionDefinition> standard;
  std::vector<ConditionDefinition> additional;  // in category order, then as written
  std::vector<CodeMapping> replaced;            // codes of `based_on` this version replaces

  // The standard or additional condition with this code; nullptr when there is none.
  const ConditionDefinition* find(std::string_view code) const;
  const ConditionCategory* category(std::string_view code) const;
};

// Every version of the catalogue, oldest first.
class ConditionCatalogues {
 public:
  // Reads the files' texts (in any order) and checks each version: codes unique, every category
  // known, every placeholder an input and every input a placeholder, required inputs outside
  // optional parts, explanations in English and Welsh, choices with options in both, a based-on
  // version that exists and starts earlier, mappings between codes that exist. A later version
  // given as changes to the one it is based on gets the rest of that version's conditions.
  // Throws ValidationFailed naming each fault as "<version>: <where>".
  static ConditionCatalogues from_json(std::span<const std::string> texts);

  std::span<const ConditionCatalogue> versions() const { return versions_; }
  // Throws NotFound for a version that is not known.
  const ConditionCatalogue& version(std::string_view version) const;
  // The latest version started on or before the day; throws NotFound before the first.
  const ConditionCatalogue& in_force_on(Date day) const;
  // A condition of `from` as it reads in `to` (a later version), following each version's
  // mappings: its code there and the input names renamed. Empty when it was withdrawn.
  struct Mapped {
    std::string code;
    std::map<std::string, std::string, std::less<>> input_names;  // old name -> new name
  };
  std::optional<Mapped> map_code(std::string_view from, std::string_view to, std::string_view code) const;

 private:
  std::vector<ConditionCatalogue> versions_;
};

// A condition's input values by input name, as checked: times "HH:MM", time ranges "HH:MM-HH:MM",
// dates "YYYY-MM-DD", choices by option code, other text trimmed. Blank optional inputs are absent.
using ConditionValues = std::map<std::string, std::string, std::less<>>;

// Checks each input by its type; `field_prefix` goes before each input's name in errors
// ("conditions[2].inputs.hours"). Throws ValidationFailed naming every bad or missing input,
// and any value given for an input the condition does not have.
ConditionValues read_condition_values(const ConditionDefinition& condition, const FieldInput& input,
                                      std::string_view field_prefix);

// The wording with its inputs filled in (English, the legal text).
std::string render_wording(const ConditionDefinition& condition, const ConditionValues& values);
// The plain explanation with its inputs filled in, in the language asked for.
std::string render_explanation(const ConditionDefinition& condition, const ConditionValues& values,
                               Language language);

}  // namespace resettle
