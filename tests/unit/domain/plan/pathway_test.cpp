// Unit tests of pathways (domain/plan/pathway.hpp).
#include "domain/plan/pathway.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"

using namespace resettle;

TEST(Pathway, TableCoversTheSevenPathways) {
  code_checks::expect_complete_code_table(pathways(), 7);
  EXPECT_EQ(pathways().front().value, Pathway::accommodation);
  EXPECT_EQ(pathways().back().value, Pathway::attitudes_thinking_behaviour);
}

TEST(Pathway, CodesAndLabelsReadBothWays) {
  struct Case {
    Pathway pathway;
    std::string_view code;
    std::string_view label;
  };
  const Case cases[] = {
      {Pathway::accommodation, "accommodation", "Accommodation"},
      {Pathway::education_training_employment, "education_training_employment", "Education, training and employment"},
      {Pathway::health, "health", "Health (physical and mental)"},
      {Pathway::drugs_alcohol, "drugs_alcohol", "Drugs and alcohol"},
      {Pathway::finance_benefits_debt, "finance_benefits_debt", "Finance, benefits and debt"},
      {Pathway::children_families_relationships, "children_families_relationships",
       "Children, families and relationships"},
      {Pathway::attitudes_thinking_behaviour, "attitudes_thinking_behaviour", "Attitudes, thinking and behaviour"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(pathway_code(c.pathway), c.code);
    EXPECT_EQ(pathway_label(c.pathway), c.label);
    EXPECT_EQ(parse_pathway(c.code), c.pathway);
  }
  EXPECT_FALSE(parse_pathway("Accommodation"));
  EXPECT_FALSE(parse_pathway(""));
}

TEST(Pathway, FieldNamesArePrefixedWithThePathwayCode) {
  EXPECT_EQ(pathway_field(Pathway::accommodation, "need_level"), "accommodation.need_level");
  EXPECT_EQ(pathway_field(Pathway::drugs_alcohol, "own_words"), "drugs_alcohol.own_words");
}
