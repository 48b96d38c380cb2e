// Information sharing records: what each kind needs (a disclosure never without a lawful basis and an
// approver), the answer, and when a request is overdue.
#include "domain/mappa/information_sharing.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"
#include "refusal.hpp"

using namespace resettle;
using namespace std::chrono;
using test_support::failed_fields;
using test_support::refusal_of;

namespace {

constexpr Date today{2026y / December / 7};
using Strings = std::vector<std::string>;

FieldInput disclosure() {
  return {{"kind", "disclosure"}, {"agency", "childrens_social_care"}, {"subject", "Risk to children at the address"},
          {"lawful_basis", "safeguarding_children"}, {"approved_by", "SPO B Grant"}, {"sent_on", "2026-12-07"}};
}

FieldInput request_made() {
  return {{"kind", "request_made"}, {"agency", "police"}, {"subject", "Address check: 4 Elm Road"},
          {"lawful_basis", "mappa_duty_to_cooperate"}, {"sent_on", "2026-12-01"}, {"due_by", "2026-12-15"}};
}

FieldInput request_received() {
  return {{"kind", "request_received"}, {"agency", "housing"}, {"subject", "Risk to staff?"}, {"sent_on", "2026-12-02"},
          {"due_by", "2026-12-09"}};
}

}  // namespace

TEST(SharingCodes, EveryTableCoversItsEnum) {
  code_checks::expect_complete_code_table(sharing_kinds(), 4);
  code_checks::expect_complete_code_table(lawful_bases(), 6);
}

TEST(SharingRecord, ReadsADisclosure) {
  auto record = read_sharing_record(disclosure(), today, 8);
  EXPECT_EQ(record.kind, SharingKind::disclosure);
  EXPECT_EQ(record.agency, Agency::childrens_social_care);
  EXPECT_EQ(record.lawful_basis, LawfulBasis::safeguarding_children);
  EXPECT_EQ(record.approved_by, "SPO B Grant");
  EXPECT_EQ(record.sent_on, today);
  EXPECT_FALSE(record.due_by);
  EXPECT_EQ(record.recorded_by, 8);
}

TEST(SharingRecord, ADisclosureWithoutALawfulBasisOrApproverIsRefused) {
  auto input = disclosure();
  input.erase("lawful_basis");
  auto refusal = refusal_of([&] { read_sharing_record(input, today, 8); });
  EXPECT_EQ(refusal.fields, Strings{"lawful_basis"});
  EXPECT_NE(refusal.messages.front().find("disclosure"), std::string::npos);
  input = disclosure();
  input["approved_by"] = "";
  EXPECT_EQ(failed_fields([&] { read_sharing_record(input, today, 8); }), Strings{"approved_by"});
  input.erase("lawful_basis");
  EXPECT_EQ(failed_fields([&] { read_sharing_record(input, today, 8); }), (Strings{"lawful_basis", "approved_by"}));
  input["lawful_basis"] = "because";
  EXPECT_EQ(failed_fields([&] { read_sharing_record(input, today, 8); }), (Strings{"lawful_basis", "approved_by"}));
}

TEST(SharingRecord, ARequestWeMakeNeedsABasisAndADueDate) {
  auto record = read_sharing_record(request_made(), today, 8);
  EXPECT_EQ(record.due_by, Date(2026y / December / 15));
  EXPECT_TRUE(record.approved_by.empty());  // an approver is optional for a request
  for (auto field : {"lawful_basis", "due_by"}) {
    auto input = request_made();
    input.erase(field);
    EXPECT_EQ(failed_fields([&] { read_sharing_record(input, today, 8); }), Strings{field});
  }
  auto scheme = request_made();
  scheme["kind"] = "domestic_abuse_disclosure";
  scheme.erase("lawful_basis");
  EXPECT_EQ(failed_fields([&] { read_sharing_record(scheme, today, 8); }), Strings{"lawful_basis"});
}

TEST(SharingRecord, ARequestMadeToUsNeedsADueDateButNoBasisYet) {
  auto record = read_sharing_record(request_received(), today, 8);
  EXPECT_EQ(record.kind, SharingKind::request_received);
  EXPECT_FALSE(record.lawful_basis);
  auto input = request_received();
  input.erase("due_by");
  EXPECT_EQ(failed_fields([&] { read_sharing_record(input, today, 8); }), Strings{"due_by"});
}

TEST(SharingRecord, BadFieldsAreNamed) {
  auto input = request_made();
  input["agency"] = "probation";
  input["sent_on"] = "2026-12-08";
  input["subject"] = "";
  EXPECT_EQ(failed_fields([&] { read_sharing_record(input, today, 8); }), (Strings{"agency", "subject", "sent_on"}));
  input = request_made();
  input["due_by"] = "2026-11-30";  // before it was sent
  EXPECT_EQ(failed_fields([&] { read_sharing_record(input, today, 8); }), Strings{"due_by"});
  EXPECT_EQ(failed_fields([&] { read_sharing_record({}, today, 8); }), (Strings{"kind", "agency", "subject", "sent_on"}));
}

TEST(SharingAnswer, RecordsTheAnswerToARequestWeMade) {
  auto record = read_sharing_record(request_made(), today, 8);
  auto answered = record_sharing_answer(record, {{"answer", "No concerns at the address"}, {"answered_on", "2026-12-05"}}, today);
  EXPECT_EQ(answered.answer, "No concerns at the address");
  EXPECT_EQ(answered.answered_on, Date(2026y / December / 5));
  EXPECT_THROW(record_sharing_answer(answered, {{"answer", "Again"}, {"answered_on", "2026-12-06"}}, today), Conflict);
}

TEST(SharingAnswer, BadAnswersAreNamed) {
  auto record = read_sharing_record(request_made(), today, 8);
  EXPECT_EQ(failed_fields([&] { record_sharing_answer(record, {}, today); }), (Strings{"answer", "answered_on"}));
  EXPECT_EQ(failed_fields([&] { record_sharing_answer(record, {{"answer", "x"}, {"answered_on", "2026-11-30"}}, today); }),
            Strings{"answered_on"});
  EXPECT_EQ(failed_fields([&] { record_sharing_answer(record, {{"answer", "x"}, {"answered_on", "2026-12-08"}}, today); }),
            Strings{"answered_on"});
}

TEST(SharingAnswer, ADisclosureHasNoAnswer) {
  auto record = read_sharing_record(disclosure(), today, 8);
  EXPECT_THROW(record_sharing_answer(record, {{"answer", "Thanks"}, {"answered_on", "2026-12-07"}}, today), Conflict);
}

TEST(SharingAnswer, AnsweringARequestMadeToUsIsADisclosure) {
  auto record = read_sharing_record(request_received(), today, 8);
  FieldInput answer{{"answer", "Shared the risk summary"}, {"answered_on", "2026-12-07"}};
  EXPECT_EQ(failed_fields([&] { record_sharing_answer(record, answer, today); }), (Strings{"lawful_basis", "approved_by"}));
  answer["lawful_basis"] = "crime_prevention";
  answer["approved_by"] = "SPO B Grant";
  auto answered = record_sharing_answer(record, answer, today);
  EXPECT_EQ(answered.lawful_basis, LawfulBasis::crime_prevention);
  EXPECT_EQ(answered.approved_by, "SPO B Grant");
}

TEST(SharingOverdue, OnlyUnansweredRequestsPastTheirDueDate) {
  auto record = read_sharing_record(request_made(), today, 8);  // due 15 December
  EXPECT_FALSE(sharing_overdue(record, Date{2026y / December / 15}));
  EXPECT_TRUE(sharing_overdue(record, Date{2026y / December / 16}));
  auto answered = record_sharing_answer(record, {{"answer", "Done"}, {"answered_on", "2026-12-07"}}, today);
  EXPECT_FALSE(sharing_overdue(answered, Date{2026y / December / 16}));
  EXPECT_FALSE(sharing_overdue(read_sharing_record(disclosure(), today, 8), Date{2027y / December / 16}));
  auto received = read_sharing_record(request_received(), today, 8);  // due 9 December
  EXPECT_TRUE(sharing_overdue(received, Date{2026y / December / 10}));
}
