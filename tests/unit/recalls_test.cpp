// Recall through the SQLite store: a consideration started from the active licence's conditions,
// recommended and decided, each step journalled; bad input named with nothing saved; the recommender
// may not decide; the recall type stored with the rule that decided it; stale versions refused; the
// letter explaining a decision not to recall, in Welsh.
#include "services/recall/recalls.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "services/supervision/appointments.hpp"
#include "services/people/case_records.hpp"
#include "services/licence/licences.hpp"
#include "services/messages/messages.hpp"
#include "services/release/releases.hpp"
#include "source_tree.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / December / 7} + 10h};  // a Monday, the day of release

const ConditionCatalogues& catalogues() {
  static const ConditionCatalogues loaded = services::load_condition_catalogues(source_tree() / "data/licence-conditions");
  return loaded;
}

const FieldInput breach{{"trigger", "compliance_broken_down"},
                        {"conditions_breached", "curfew_address"},
                        {"alternatives_tried", "warning,more_frequent_contact"}};

class RecallsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* member : {&manager, &other_manager, &pom, &com}) member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
    person_id = services::add_person(*store, clock_at, manager,
                                     {{"given_name", "Sam"}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                      {"prison_number", "A1234BC"}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                    .id;
    services::record_sentence(*store, clock_at, manager, person_id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-11-20"},
                               {"sentence_length_days", "120"}});
    auto licence = services::start_licence(*store, clock_at, catalogues(), com, person_id);
    licence = services::add_licence_condition(*store, clock_at, catalogues(), com, licence.id,
                                              {{"code", "curfew_address"},
                                               {"purpose", "risk_to_known_adult"},
                                               {"reason", "Offences were at night"},
                                               {"inputs.address", "4 Park Lane, Leeds LS1 1AA"},
                                               {"inputs.hours", "19:00-07:00"}},
                                              licence.version);
    licence = services::submit_licence(*store, clock_at, com, licence.id, {}, licence.version);
    services::decide_licence(*store, clock_at, manager, licence.id, {{"decision", "approve"}}, licence.version);
    services::record_release(*store, clock_at, com, person_id,
                             {{"released_on", "2026-12-07"}, {"released_at", "09:30"}, {"prison_code", "LEI"},
                              {"tonight", "settled"}, {"address", "4 Park Lane, Leeds LS1 1AA"}});
  }

  std::vector<std::string> journal_kinds() {
    std::vector<std::string> kinds;
    for (const auto& event : store->begin_read()->journal().for_person(person_id, {}).items)
      if (event.kind.starts_with("recall.")) kinds.insert(kinds.begin(), event.kind);
    return kinds;
  }

  RecallConsideration recommended_by(const StaffMember& officer, const char* recommendation = "recall") {
    auto recall = services::start_recall(*store, clock_at, officer, person_id, breach);
    return services::recommend(*store, clock_at, officer, recall.id,
                               {{"recommendation", recommendation}, {"recommendation_reasons", "Curfew broken three times"}},
                               recall.version);
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember other_manager{0, "manager2", "Mo Khan", Role::manager, "", "LDS", "", "", true};
  StaffMember pom{0, "pom", "Priya Shah", Role::pom, "LEI", "", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  std::int64_t person_id = 0;
};

}  // namespace

TEST_F(RecallsTest, AConsiderationIsRecommendedAndDecidedEachStepJournalledWithTheRuleThatDecidedTheType) {
  auto choices = services::recall_choices(*store, catalogues(), com, person_id);
  EXPECT_TRUE(std::ranges::any_of(choices.conditions, [](const auto& c) { return c.code == "curfew_address"; }));
  auto recall = recommended_by(com);
  EXPECT_EQ(recall.status, RecallStatus::recommended);
  EXPECT_EQ(recall.version, 2);
  auto decided = services::decide(*store, clock_at, manager, recall.id,
                                  {{"decision", "recall"}, {"rationale", "Risk to his former partner"}}, recall.version);
  ASSERT_TRUE(decided.recall_type);
  EXPECT_EQ(decided.recall_type->type, RecallType::fixed_term_56);
  EXPECT_EQ(decided.recall_type->rule, RecallTypeRule::adult_fixed_term_56);

  auto stored = services::find_recall(*store, catalogues(), manager, recall.id);
  EXPECT_EQ(stored.recall, decided) << "as stored, with the rule and its reason";
  EXPECT_EQ(stored.recall.started_on, Date{2026y / December / 7});
  EXPECT_EQ(stored.recall.alternatives_tried,
            (std::vector{RecallAlternative::warning, RecallAlternative::more_frequent_contact}));
  ASSERT_EQ(stored.breached.size(), 1u);
  EXPECT_NE(stored.breached[0].wording.find("4 Park Lane"), std::string::npos) << stored.breached[0].wording;
  EXPECT_EQ(stored.staff_names.at(com.id), "Callum Reid");
  EXPECT_EQ(journal_kinds(), (std::vector<std::string>{"recall.started", "recall.recommended", "recall.decided"}));
  EXPECT_EQ(services::recalls_of(*store, com, person_id).recalls.size(), 1u);
}

TEST_F(RecallsTest, AnExclusionMakesItAStandardRecallNamingTheRule) {
  auto recall = recommended_by(com);
  auto decided = services::decide(*store, clock_at, manager, recall.id,
                                  {{"decision", "recall"}, {"rationale", "Charged with burglary"},
                                   {"exclusions", "charged_with_new_offence"}},
                                  recall.version);
  ASSERT_TRUE(decided.recall_type);
  EXPECT_EQ(decided.recall_type->type, RecallType::standard);
  EXPECT_EQ(decided.recall_type->rule, RecallTypeRule::charged_with_new_offence);
  EXPECT_EQ(services::find_recall(*store, catalogues(), com, recall.id).recall.recall_type, decided.recall_type);
}

TEST_F(RecallsTest, BadInputIsNamedAndNothingIsSaved) {
  EXPECT_EQ(test_support::failed_fields([&] {
              services::start_recall(*store, clock_at, com, person_id,
                                     {{"trigger", "both"}, {"conditions_breached", "no_such_condition"},
                                      {"alternatives_tried", "prayer"}});
            }),
            (std::vector<std::string>{"risk_change", "conditions_breached", "alternatives_tried"}));
  EXPECT_EQ(test_support::failed_fields([&] { services::start_recall(*store, clock_at, com, person_id, {}); }),
            std::vector<std::string>{"trigger"});
  EXPECT_TRUE(services::recalls_of(*store, com, person_id).recalls.empty());

  auto recall = recommended_by(com);
  EXPECT_EQ(test_support::failed_fields([&] {
              services::decide(*store, clock_at, manager, recall.id, {{"decision", "recall"}, {"exclusions", "luck"}},
                               recall.version);
            }),
            (std::vector<std::string>{"exclusions", "rationale"}));
  auto stored = services::find_recall(*store, catalogues(), manager, recall.id).recall;
  EXPECT_EQ(stored.status, RecallStatus::recommended) << "nothing half-saved";
  EXPECT_EQ(stored.version, recall.version);
  EXPECT_EQ(journal_kinds(), (std::vector<std::string>{"recall.started", "recall.recommended"}));
}

TEST_F(RecallsTest, TheRecommenderMayNotDecideAndOnlyAManagerDecides) {
  auto recall = recommended_by(manager);
  FieldInput decision{{"decision", "no_recall"}, {"rationale", "Engaging again since the warning"}};
  EXPECT_THROW(services::decide(*store, clock_at, manager, recall.id, decision, recall.version), Forbidden);
  EXPECT_THROW(services::decide(*store, clock_at, com, recall.id, decision, recall.version), Forbidden);
  EXPECT_THROW(services::start_recall(*store, clock_at, pom, person_id, breach), Forbidden);
  auto decided = services::decide(*store, clock_at, other_manager, recall.id, decision, recall.version);
  EXPECT_EQ(decided.decision, RecallOutcome::no_recall);
  EXPECT_FALSE(decided.recall_type) << "no type without a recall";
  EXPECT_THROW(services::decide(*store, clock_at, other_manager, recall.id, decision, decided.version), Conflict);
}

TEST_F(RecallsTest, AStaleVersionIsRefused) {
  auto recall = services::start_recall(*store, clock_at, com, person_id, breach);
  FieldInput recommendation{{"recommendation", "no_recall"}, {"recommendation_reasons", "Back on track"}};
  services::recommend(*store, clock_at, com, recall.id, recommendation, recall.version);
  auto stale = services::start_recall(*store, clock_at, com, person_id, breach);
  EXPECT_THROW(services::recommend(*store, clock_at, com, stale.id, recommendation, stale.version + 1), StaleVersion);
  EXPECT_EQ(services::find_recall(*store, catalogues(), com, stale.id).recall.status, RecallStatus::considering);
}

TEST_F(RecallsTest, TheLetterExplainsADecisionNotToRecallInWelsh) {
  auto recall = recommended_by(com, "no_recall");
  EXPECT_THROW(services::no_recall_letter(*store, com, recall.id, Language::en), Conflict) << "not decided yet";
  services::decide(*store, clock_at, manager, recall.id, {{"decision", "no_recall"}, {"rationale", "Engaging again"}},
                   recall.version);
  auto letter = services::no_recall_letter(*store, com, recall.id, Language::cy);
  EXPECT_EQ(letter.dated, "7 Rhagfyr 2026");
  EXPECT_EQ(letter.labels.dear, "Annwyl");
  EXPECT_EQ(letter.officer_name, "Callum Reid");
  EXPECT_EQ(letter.manager_name, "Morgan Ellis");
  EXPECT_EQ(letter.rationale, "Engaging again");
}

TEST_F(RecallsTest, TheReturnToCustodyPutsThePersonInPrisonAndGivesThePostRecallReleaseDate) {
  auto recall = recommended_by(com);
  recall = services::decide(*store, clock_at, manager, recall.id, {{"decision", "recall"}, {"rationale", "Curfew broken"}},
                            recall.version);
  auto returned = services::record_return(*store, clock_at, com, recall.id,
                                          {{"returned_on", "2026-12-07"}, {"prison_code", "LEI"}}, recall.version);
  EXPECT_EQ(returned.version, recall.version + 1);

  auto person = *store->begin_read()->people().find(person_id);
  EXPECT_EQ(person.stage, CaseStage::in_custody);
  EXPECT_EQ(person.prison_code, "LEI");
  auto sentence = store->begin_read()->sentences().for_person(person_id).front();
  EXPECT_TRUE(sentence.recall);
  ASSERT_TRUE(sentence.recall_served);
  EXPECT_EQ(sentence.recall_served->type, RecallType::fixed_term_56);
  auto release = compute_key_dates(sentence)[KeyDateKind::post_recall_release];
  ASSERT_TRUE(release);
  EXPECT_EQ(release->date, (Date{2027y / January / 31})) << "back on 7 December, out 56 days later counting that day";
  EXPECT_EQ(release->rule, KeyDateRule::fixed_term_recall);
  EXPECT_EQ(journal_kinds(), (std::vector<std::string>{"recall.started", "recall.recommended", "recall.decided",
                                                       "recall.returned"}));
  auto record = services::find_recall(*store, catalogues(), com, recall.id);
  EXPECT_EQ(record.returned_to_name, "HMP Leeds");
  EXPECT_FALSE(record.may_record_return);

  // Correcting the sentence afterwards keeps the recall it serves.
  services::update_sentence(*store, clock_at, manager, sentence.id, {{"offence", "Burglary"}}, sentence.version);
  EXPECT_EQ(store->begin_read()->sentences().for_person(person_id).front().recall_served, sentence.recall_served);
}

TEST_F(RecallsTest, ADecisionToRecallRevokesTheActiveLicenceSoTheNextReleaseCanHaveOne) {
  auto kept = recommended_by(com, "no_recall");
  services::decide(*store, clock_at, manager, kept.id, {{"decision", "no_recall"}, {"rationale", "Engaging again"}},
                   kept.version);
  EXPECT_EQ(store->begin_read()->licences().for_person(person_id).front().status, LicenceStatus::active)
      << "a decision not to recall leaves the licence in force";

  auto recall = recommended_by(com);
  services::decide(*store, clock_at, manager, recall.id, {{"decision", "recall"}, {"rationale", "Curfew broken"}},
                   recall.version);
  auto licence = store->begin_read()->licences().for_person(person_id).front();
  EXPECT_EQ(licence.status, LicenceStatus::inactive);
  EXPECT_EQ(licence.inactive_from, clock_at.today()) << "revoked on the day of the decision";
  auto events = store->begin_read()->journal().for_person(person_id, {}).items;
  EXPECT_EQ(events.front().kind, "licence.revoked") << "journalled in the decision's transaction, after it";
  EXPECT_EQ(events.at(1).kind, "recall.decided");
  auto next = services::start_licence(*store, clock_at, catalogues(), com, person_id);
  EXPECT_EQ(next.status, LicenceStatus::draft) << "a licence for the release after the recall can be drafted";
}

TEST_F(RecallsTest, AReturnIsRefusedBeforeADecisionToRecallTwiceAtAnUnknownPrisonOrAtAStaleVersion) {
  FieldInput back{{"returned_on", "2026-12-07"}, {"prison_code", "LEI"}};
  auto recall = recommended_by(com);
  EXPECT_THROW(services::record_return(*store, clock_at, com, recall.id, back, recall.version), Conflict);
  recall = services::decide(*store, clock_at, manager, recall.id, {{"decision", "recall"}, {"rationale", "Curfew broken"}},
                            recall.version);
  EXPECT_THROW(services::record_return(*store, clock_at, pom, recall.id, back, recall.version), Forbidden);
  try {
    services::record_return(*store, clock_at, com, recall.id, {{"returned_on", "2026-12-07"}, {"prison_code", "XXX"}},
                            recall.version);
    ADD_FAILURE() << "an unknown prison was taken";
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().at(0).field, "prison_code");
  }
  EXPECT_EQ(store->begin_read()->people().find(person_id)->stage, CaseStage::on_licence) << "nothing saved";
  EXPECT_THROW(services::record_return(*store, clock_at, com, recall.id, back, recall.version - 1), StaleVersion);
  auto returned = services::record_return(*store, clock_at, com, recall.id, back, recall.version);
  EXPECT_THROW(services::record_return(*store, clock_at, com, recall.id, back, returned.version), Conflict);
}

TEST_F(RecallsTest, TheReturnCancelsAppointmentsFromItsDayWithholdingRemindersAndTellingThePersonNothing) {
  const BankHolidays holidays{{}, Date{2026y / January / 1}, Date{2027y / December / 31}};
  services::update_contact(*store, com, person_id, {{"channel", "sms"}, {"mobile", "07700 900123"}}, 0);
  auto book = [&](const char* on, const char* starts_at) {
    return services::book_appointments(*store, clock_at, holidays, com, person_id,
                                       {{"type", "supervision"}, {"on", on}, {"starts_at", starts_at}, {"ends_at", "23:00"},
                                        {"office_code", "LDS"}},
                                       true)
        .booked[0];
  };
  auto today = book("2026-12-07", "11:00");
  auto later = book("2026-12-14", "10:00");
  auto recall = recommended_by(com);
  recall = services::decide(*store, clock_at, manager, recall.id, {{"decision", "recall"}, {"rationale", "Curfew broken"}},
                            recall.version);
  auto before = store->begin_read()->outbox().list(person_id, {std::nullopt, 50}).items.size();
  services::record_return(*store, clock_at, com, recall.id, {{"returned_on", "2026-12-07"}, {"prison_code", "LEI"}},
                          recall.version);
  for (const auto& booked : {today, later}) {
    auto found = store->begin_read()->appointments().find(booked.id);
    ASSERT_TRUE(found && found->cancellation);
    EXPECT_EQ(found->cancellation->reason, "Back in custody on recall");
    EXPECT_EQ(found->version, booked.version + 1);
  }
  auto messages = store->begin_read()->outbox().list(person_id, {std::nullopt, 50}).items;
  EXPECT_EQ(messages.size(), before) << "nothing new to the person: they are in prison";
  for (const auto& message : messages) EXPECT_NE(message.status, MessageStatus::queued) << message.idempotency_key;
}
