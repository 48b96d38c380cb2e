// The one mapping from the domain's failures to the API's and the pages' answers (web/failures.hpp).
#include "web/failures.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace resettle::web {
namespace {

template <typename Failure, typename... Args>
FailureAnswer answer(Args&&... args) {
  return answer_to(std::make_exception_ptr(Failure(std::forward<Args>(args)...)));
}

TEST(Failures, BadInputIs422WithItsFieldsForTheApiAndTheirSentencesForAPage) {
  auto answered = answer<ValidationFailed>(std::vector<FieldError>{{"date_of_birth", "is required"}, {"limit", "Too many"}});
  EXPECT_EQ(answered.api_status, 422);
  EXPECT_EQ(answered.title, "Some fields need correcting");
  ASSERT_EQ(answered.errors.size(), 2u);
  EXPECT_EQ(answered.errors[0].field, "date_of_birth");
  EXPECT_EQ(answered.page_status, 422);
  EXPECT_EQ(answered.heading, "There is a problem with this link");
  EXPECT_EQ(answered.message, "Date of birth is required. Too many.");
}

TEST(Failures, EachDomainFailureHasItsStatus) {
  EXPECT_EQ(answer<NotFound>("no such person").api_status, 404);
  EXPECT_EQ(answer<NotFound>("no such person").detail, "no such person");
  EXPECT_EQ(answer<NotFound>("no such person").page_status, 404);
  EXPECT_EQ(answer<NotFound>("no such person").heading, "Page not found");
  EXPECT_EQ(answer<Forbidden>("not your case").api_status, 403);
  EXPECT_EQ(answer<Forbidden>("not your case").message, "not your case");
  EXPECT_EQ(answer<Conflict>("already sent").api_status, 409);
  EXPECT_EQ(answer<Conflict>("already sent").page_status, 409);
  EXPECT_EQ(answer<Conflict>("already sent").message, "already sent");
}

TEST(Failures, AStaleWriteFailsItsPreconditionInTheApiAndConflictsOnAPage) {
  auto answered = answer<StaleVersion>("the person has changed");
  EXPECT_EQ(answered.api_status, 412);
  EXPECT_EQ(answered.detail, "the person has changed: fetch it again, reapply your change and send it with the new ETag");
  EXPECT_EQ(answered.page_status, 409);
  EXPECT_EQ(answered.heading, "Someone else changed this record");
}

TEST(Failures, ABodyThatIsNotJsonIs400) {
  std::exception_ptr failure;
  try {
    auto parsed = nlohmann::json::parse("{");
    ADD_FAILURE() << "parsed " << parsed.dump();
  } catch (...) {
    failure = std::current_exception();
  }
  EXPECT_EQ(answer_to(failure).api_status, 400);
  EXPECT_EQ(answer_to(failure).detail, "The body is not valid JSON.");
}

TEST(Failures, AnyOtherFailureGoesOnToTheServer) {
  EXPECT_THROW(answer<std::runtime_error>("disk full"), std::runtime_error);
}

TEST(Failures, AFieldErrorReadsAsASentence) {
  EXPECT_EQ(error_sentence({"accommodation.need_level", "is required"}), "Accommodation need level is required");
  EXPECT_EQ(error_sentence({"kind", "Choose a kind"}), "Choose a kind");
}

TEST(FormErrors, AFormShowsBackItsBadFieldsAndNamedConflicts) {
  EXPECT_TRUE(errors_from([] {}).empty());
  auto bad = errors_from([] { throw ValidationFailed("scheduled_on", "must be a date"); });
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].field, "scheduled_on");
  auto conflict = errors_from([] { throw Conflict("the transfer was withdrawn"); }, "to");
  ASSERT_EQ(conflict.size(), 1u);
  EXPECT_EQ(conflict[0].field, "to");
  EXPECT_EQ(conflict[0].message, "the transfer was withdrawn");
}

TEST(FormErrors, EverythingElseGoesOnToThePagesMapping) {
  EXPECT_THROW(errors_from([] { throw Conflict("not possible"); }), Conflict);
  EXPECT_THROW(errors_from([] { throw NotFound("no such record"); }, "to"), NotFound);
  EXPECT_THROW(errors_from([] { throw StaleVersion("changed"); }, "to"), StaleVersion);
}

}  // namespace
}  // namespace resettle::web
