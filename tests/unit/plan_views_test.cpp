// How overdue plan actions and checklist items are flagged in caseload and worklist rows.
#include "web/plan/views.hpp"

#include <gtest/gtest.h>

using namespace resettle;

TEST(PlanAlertsCell, SaysNoneWhenNothingIsOverdue) {
  EXPECT_EQ(web::plan_alerts_cell({0, 0}), web::View("None"));  // plain text: no tag
}

TEST(PlanAlertsCell, CountsWhatIsOverdueInWords) {
  EXPECT_EQ(web::plan_alerts_cell({1, 0})["text"], "1 plan action ");
  EXPECT_EQ(web::plan_alerts_cell({0, 3})["text"], "3 checklist items ");
  auto both = web::plan_alerts_cell({2, 1});
  EXPECT_EQ(both["text"], "2 plan actions, 1 checklist item ");
  EXPECT_EQ(both["tag"]["text"], "Overdue");
  EXPECT_EQ(both["tag"]["colour"], "red");
}
