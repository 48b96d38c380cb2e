// The person's own answers about their licence conditions: reading "I understand" or a question,
// where each condition stands, and which licence the person sees.
#include "domain/licence/licence_responses.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"
#include "domain/messages/outbox.hpp"
#include "refusal.hpp"

using namespace resettle;
using namespace std::chrono;
using test_support::refusal_of;

namespace {

const Timestamp morning = sys_days{2027y / February / 5} + 9h;

ConditionResponse understood(int key, Timestamp at) {
  return {0, 1, key, 7, ConditionResponseKind::understood, "", at};
}
ConditionResponse question(int key, std::string words, Timestamp at) {
  return {0, 1, key, 7, ConditionResponseKind::question, std::move(words), at};
}

Licence licence_in(LicenceStatus status, std::int64_t id) {
  Licence licence;
  licence.id = id;
  licence.status = status;
  return licence;
}

}  // namespace

TEST(ConditionResponse, CodeTableIsComplete) { code_checks::expect_complete_code_table(condition_response_kinds(), 2); }

TEST(ConditionResponse, IUnderstandNeedsNoQuestion) {
  auto response = read_condition_response({{"response", "understood"}, {"question", "ignored"}}, Language::en);
  EXPECT_EQ(response.kind, ConditionResponseKind::understood);
  EXPECT_EQ(response.question, "");
}

TEST(ConditionResponse, AQuestionIsTrimmed) {
  auto response = read_condition_response({{"response", "question"}, {"question", "  Can I visit my mum?\n"}}, Language::en);
  EXPECT_EQ(response.kind, ConditionResponseKind::question);
  EXPECT_EQ(response.question, "Can I visit my mum?");
}

TEST(ConditionResponse, NoChoiceIsAnErrorOnResponse) {
  auto refusal = refusal_of([] { read_condition_response({}, Language::en); });
  EXPECT_EQ(refusal.fields, std::vector<std::string>{"response"});
  EXPECT_EQ(refusal.messages.front(), "Choose I understand or I have a question");
  EXPECT_EQ(refusal_of([] { read_condition_response({{"response", "maybe"}}, Language::en); }).fields,
            std::vector<std::string>{"response"});
}

TEST(ConditionResponse, AQuestionMustHaveWords) {
  auto refusal = refusal_of([] { read_condition_response({{"response", "question"}, {"question", " \n "}}, Language::en); });
  EXPECT_EQ(refusal.fields, std::vector<std::string>{"question"});
  EXPECT_EQ(refusal.messages.front(), "Enter your question");
}

TEST(ConditionResponse, AQuestionIsAtMost500CharactersCountingWelshLettersOnce) {
  std::string longest(condition_question_max_length, 'a');
  EXPECT_EQ(read_condition_response({{"response", "question"}, {"question", longest}}, Language::en).question, longest);
  std::string welsh;
  for (std::size_t i = 0; i < condition_question_max_length; ++i) welsh += "ŵ";  // two bytes each
  EXPECT_EQ(read_condition_response({{"response", "question"}, {"question", welsh}}, Language::cy).question, welsh);
  auto refusal = refusal_of([&] { read_condition_response({{"response", "question"}, {"question", longest + "a"}}, Language::en); });
  EXPECT_EQ(refusal.fields, std::vector<std::string>{"question"});
  EXPECT_EQ(refusal.messages.front(), "Your question must be 500 characters or fewer");
}

TEST(ConditionResponse, MessagesAreInThePersonsLanguage) {
  auto refusal = refusal_of([] { read_condition_response({{"response", "question"}}, Language::cy); });
  ASSERT_EQ(refusal.fields, std::vector<std::string>{"question"});
  EXPECT_NE(refusal.messages.front(), "Enter your question");
  EXPECT_FALSE(refusal.messages.front().empty());
}

TEST(ConditionStanding, NoResponsesNoStandings) { EXPECT_TRUE(condition_standings({}).empty()); }

TEST(ConditionStanding, EachConditionStandsOnItsOwn) {
  std::vector<ConditionResponse> responses{understood(1, morning), question(2, "What is a curfew?", morning + 1h)};
  auto standings = condition_standings(responses);
  ASSERT_EQ(standings.size(), 2U);
  EXPECT_EQ(standings.at(1).understood_at, morning);
  EXPECT_TRUE(standings.at(1).open_questions.empty());
  EXPECT_FALSE(standings.at(2).understood_at);
  ASSERT_EQ(standings.at(2).open_questions.size(), 1U);
  EXPECT_EQ(standings.at(2).open_questions.front().question, "What is a curfew?");
}

TEST(ConditionStanding, ALaterIUnderstandClosesTheQuestionsBeforeIt) {
  std::vector<ConditionResponse> responses{question(3, "First?", morning), question(3, "Second?", morning + 1h),
                                           understood(3, morning + 2h)};
  auto standing = condition_standings(responses).at(3);
  EXPECT_EQ(standing.understood_at, morning + 2h);
  EXPECT_TRUE(standing.open_questions.empty());
}

TEST(ConditionStanding, AQuestionAfterIUnderstandIsOpenAndTheUnderstandingKept) {
  std::vector<ConditionResponse> responses{understood(3, morning), question(3, "One more thing?", morning + 1h),
                                           question(3, "And another?", morning + 2h)};
  auto standing = condition_standings(responses).at(3);
  EXPECT_EQ(standing.understood_at, morning);
  ASSERT_EQ(standing.open_questions.size(), 2U);
  EXPECT_EQ(standing.open_questions[0].question, "One more thing?");  // oldest first
  EXPECT_EQ(standing.open_questions[1].question, "And another?");
}

TEST(LicenceShownToPerson, NoneWithoutLicences) { EXPECT_EQ(licence_shown_to_person({}), nullptr); }

TEST(LicenceShownToPerson, NoneWhileOnlyADraftOrWithAManager) {
  for (auto status : {LicenceStatus::draft, LicenceStatus::submitted, LicenceStatus::returned, LicenceStatus::inactive}) {
    std::vector<Licence> licences{licence_in(status, 1)};
    EXPECT_EQ(licence_shown_to_person(licences), nullptr) << entry_for(licence_statuses(), status).code;
  }
}

TEST(LicenceShownToPerson, TheActiveLicenceBeforeAVariationInDraft) {
  std::vector<Licence> licences{licence_in(LicenceStatus::draft, 2), licence_in(LicenceStatus::active, 1)};
  ASSERT_NE(licence_shown_to_person(licences), nullptr);
  EXPECT_EQ(licence_shown_to_person(licences)->id, 1);
}

TEST(LicenceShownToPerson, AnApprovedLicenceBeforeRelease) {
  std::vector<Licence> licences{licence_in(LicenceStatus::approved, 4)};
  ASSERT_NE(licence_shown_to_person(licences), nullptr);
  EXPECT_EQ(licence_shown_to_person(licences)->id, 4);
}

TEST(LicenceShownToPerson, TheActiveLicenceOverAnApprovedVariation) {
  std::vector<Licence> licences{licence_in(LicenceStatus::approved, 5), licence_in(LicenceStatus::active, 3)};
  EXPECT_EQ(licence_shown_to_person(licences)->id, 3);
}

TEST(MessagesShownToPerson, EveryKindButASignInCode) {
  for (const auto& kind : message_kinds())
    EXPECT_EQ(shown_again_to_person(kind.value), kind.value != MessageKind::sign_in_code) << kind.code;
}
