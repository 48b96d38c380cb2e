// Unit tests of case transfers (domain/transfers/case_transfer.hpp).
#include "domain/transfers/case_transfer.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
const Date monday{2025y / March / 3};

std::vector<std::string> bad_fields(const FieldInput& input) {
  try {
    read_transfer_request(input, monday, 1);
  } catch (const ValidationFailed& failed) {
    std::vector<std::string> fields;
    for (const auto& error : failed.errors()) fields.push_back(error.field);
    return fields;
  }
  return {};
}

FieldInput record(FieldInput input) {
  input.try_emplace("summary", "Settled on the wing, working in the kitchen");
  input.try_emplace("current_risks", "ROSH medium");
  input.try_emplace("outstanding_actions", "- Open a bank account");
  return input;
}

StaffMember staff(std::int64_t id, Role role, std::string prison, std::string pdu) {
  StaffMember member;
  member.id = id;
  member.display_name = "Staff " + std::to_string(id);
  member.role = role;
  member.prison_code = std::move(prison);
  member.pdu_code = std::move(pdu);
  return member;
}

CaseTransfer prison_transfer() {
  auto transfer = read_transfer_request(record({{"kind", "prison"}, {"to_code", "HAI"}}), monday, 10);
  transfer.from_code = "LEI";
  return transfer;
}

CaseTransfer practitioner_transfer() {
  auto transfer = read_transfer_request(record({{"kind", "practitioner"}, {"role", "com"}, {"to_staff_id", "21"}}), monday, 10);
  transfer.from_staff_id = 20;
  return transfer;
}
}  // namespace

TEST(TransferRequest, ReadsAPrisonTransfer) {
  auto transfer = prison_transfer();
  EXPECT_EQ(transfer.kind, TransferKind::prison);
  EXPECT_EQ(transfer.to_code, "HAI");
  EXPECT_FALSE(transfer.role);
  EXPECT_FALSE(transfer.to_staff_id);
  EXPECT_EQ(transfer.requested_by, 10);
  EXPECT_EQ(transfer.requested_on, monday);
  EXPECT_EQ(transfer.status, TransferStatus::awaiting_acknowledgement);
  EXPECT_EQ(transfer.summary, "Settled on the wing, working in the kitchen");
}

TEST(TransferRequest, ReadsAPractitionerTransfer) {
  auto transfer = practitioner_transfer();
  EXPECT_EQ(transfer.role, Role::com);
  EXPECT_EQ(transfer.to_staff_id, 21);
  EXPECT_TRUE(transfer.to_code.empty());
}

TEST(TransferRequest, NamesEveryMissingPartOfTheHandoverRecord) {
  EXPECT_EQ(bad_fields({{"kind", "pdu"}, {"to_code", "BRD"}}),
            (std::vector<std::string>{"summary", "current_risks", "outstanding_actions"}));
}

TEST(TransferRequest, NeedsAKindAndADestinationForIt) {
  EXPECT_EQ(bad_fields(record({})), std::vector<std::string>{"kind"});
  EXPECT_EQ(bad_fields(record({{"kind", "ship"}})), std::vector<std::string>{"kind"});
  EXPECT_EQ(bad_fields(record({{"kind", "prison"}})), std::vector<std::string>{"to_code"});
  EXPECT_EQ(bad_fields(record({{"kind", "pdu"}})), std::vector<std::string>{"to_code"});
  EXPECT_EQ(bad_fields(record({{"kind", "practitioner"}})), (std::vector<std::string>{"role", "to_staff_id"}));
  EXPECT_EQ(bad_fields(record({{"kind", "practitioner"}, {"role", "com"}, {"to_staff_id", "x"}})),
            std::vector<std::string>{"to_staff_id"});
}

TEST(TransferRequest, OnlyRolesThatLeadACaseCanBeTransferred) {
  for (auto role : {"manager", "partner", "admin"})
    EXPECT_EQ(bad_fields(record({{"kind", "practitioner"}, {"role", role}, {"to_staff_id", "3"}})),
              std::vector<std::string>{"role"})
        << role;
  for (auto role : {"key_worker", "pom", "com", "pre_release"})
    EXPECT_TRUE(bad_fields(record({{"kind", "practitioner"}, {"role", role}, {"to_staff_id", "3"}})).empty()) << role;
}

TEST(TransferRequest, RefusesAnOverlongRecord) {
  EXPECT_EQ(bad_fields(record({{"kind", "prison"}, {"to_code", "HAI"}, {"summary", std::string(8001, 'x')}})),
            std::vector<std::string>{"summary"});
}

TEST(TransferSides, PrisonTransfersAreReceivedByTheReceivingPrison) {
  auto transfer = prison_transfer();
  EXPECT_TRUE(on_receiving_side(transfer, staff(1, Role::pom, "HAI", "")));
  EXPECT_TRUE(on_receiving_side(transfer, staff(2, Role::manager, "HAI", "LDS")));
  EXPECT_FALSE(on_receiving_side(transfer, staff(3, Role::pom, "LEI", "")));
  EXPECT_FALSE(on_receiving_side(transfer, staff(4, Role::com, "", "HAI")));  // a PDU code is not a prison
  EXPECT_FALSE(on_receiving_side(transfer, staff(5, Role::partner, "HAI", "")));
  auto inactive = staff(6, Role::pom, "HAI", "");
  inactive.active = false;
  EXPECT_FALSE(on_receiving_side(transfer, inactive));
}

TEST(TransferSides, PduTransfersAreReceivedByTheReceivingPdu) {
  auto transfer = read_transfer_request(record({{"kind", "pdu"}, {"to_code", "BRD"}}), monday, 10);
  transfer.from_code = "LDS";
  EXPECT_TRUE(on_receiving_side(transfer, staff(1, Role::com, "", "BRD")));
  EXPECT_FALSE(on_receiving_side(transfer, staff(2, Role::com, "BRD", "")));
  EXPECT_TRUE(on_sending_side(transfer, staff(3, Role::com, "", "LDS")));
  EXPECT_FALSE(on_sending_side(transfer, staff(4, Role::com, "", "BRD")));
}

TEST(TransferSides, PractitionerTransfersAreReceivedByTheNamedPractitionerOnly) {
  auto transfer = practitioner_transfer();
  EXPECT_TRUE(on_receiving_side(transfer, staff(21, Role::com, "", "LDS")));
  EXPECT_FALSE(on_receiving_side(transfer, staff(22, Role::manager, "", "LDS")));
  EXPECT_TRUE(on_sending_side(transfer, staff(20, Role::com, "", "LDS")));  // the lead handing over
  EXPECT_TRUE(on_sending_side(transfer, staff(10, Role::manager, "", "")));  // whoever asked
  EXPECT_FALSE(on_sending_side(transfer, staff(22, Role::com, "", "LDS")));
  EXPECT_FALSE(on_sending_side(transfer, staff(21, Role::com, "", "LDS")));
}

TEST(TransferSides, TheSendingPrisonAndTheRequesterMayWithdraw) {
  auto transfer = prison_transfer();
  EXPECT_TRUE(on_sending_side(transfer, staff(10, Role::com, "", "")));
  EXPECT_TRUE(on_sending_side(transfer, staff(11, Role::pom, "LEI", "")));
  EXPECT_FALSE(on_sending_side(transfer, staff(12, Role::pom, "HAI", "")));
  EXPECT_FALSE(on_sending_side(transfer, staff(10, Role::partner, "", "")));
}

TEST(TransferMoves, TheReceiverAcknowledges) {
  auto done = acknowledge_transfer(prison_transfer(), staff(1, Role::pom, "HAI", ""), add_days(monday, 2), "Seen, thanks");
  EXPECT_EQ(done.status, TransferStatus::acknowledged);
  EXPECT_EQ(done.acknowledged_by, 1);
  EXPECT_EQ(done.acknowledged_on, add_days(monday, 2));
  EXPECT_EQ(done.acknowledgement_note, "Seen, thanks");
}

TEST(TransferMoves, TheSenderCannotAcknowledgeNorTheReceiverWithdraw) {
  EXPECT_THROW(acknowledge_transfer(prison_transfer(), staff(11, Role::pom, "LEI", ""), monday, ""), Forbidden);
  EXPECT_THROW(withdraw_transfer(prison_transfer(), staff(1, Role::pom, "HAI", ""), monday, "No space"), Forbidden);
}

TEST(TransferMoves, NobodyAcceptsTheirOwnRequest) {
  // A manager of both prisons is on both sides, but asked for it: someone else must accept.
  EXPECT_THROW(acknowledge_transfer(prison_transfer(), staff(10, Role::manager, "HAI", ""), monday, ""), Forbidden);
}

TEST(TransferMoves, TheSenderWithdrawsWithAReason) {
  auto done = withdraw_transfer(prison_transfer(), staff(11, Role::pom, "LEI", ""), monday, "Court date moved");
  EXPECT_EQ(done.status, TransferStatus::withdrawn);
  EXPECT_FALSE(done.acknowledged_by);
  try {
    withdraw_transfer(prison_transfer(), staff(11, Role::pom, "LEI", ""), monday, "");
    FAIL() << "a withdrawal without a reason was accepted";
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().front().field, "reason");
  }
}

TEST(TransferMoves, NeitherMayBeDatedBeforeTheRequest) {
  try {
    acknowledge_transfer(prison_transfer(), staff(1, Role::pom, "HAI", ""), add_days(monday, -1), "");
    FAIL() << "an acknowledgement before the request was accepted";
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().front().field, "date");
  }
}

TEST(TransferMoves, AcknowledgedAndWithdrawnAreFinal) {
  auto receiver = staff(1, Role::pom, "HAI", "");
  auto sender = staff(11, Role::pom, "LEI", "");
  auto acknowledged = acknowledge_transfer(prison_transfer(), receiver, monday, "");
  auto withdrawn = withdraw_transfer(prison_transfer(), sender, monday, "Changed plans");
  for (const auto& closed : {acknowledged, withdrawn}) {
    EXPECT_THROW(acknowledge_transfer(closed, receiver, monday, ""), Conflict);
    EXPECT_THROW(withdraw_transfer(closed, sender, monday, "Again"), Conflict);
  }
}

TEST(TransferOverdue, FlaggedAfterTheAllowedWorkingDays) {
  BankHolidays none;
  auto transfer = prison_transfer();  // requested Monday 3 March 2025
  // Five working days on is Monday 10 March: due then, overdue from the Tuesday.
  EXPECT_FALSE(acknowledgement_overdue(transfer, Date{2025y / March / 10}, none));
  EXPECT_TRUE(acknowledgement_overdue(transfer, Date{2025y / March / 11}, none));
  EXPECT_FALSE(acknowledgement_overdue(transfer, Date{2025y / March / 11}, none, {6}));
  transfer.status = TransferStatus::acknowledged;
  EXPECT_FALSE(acknowledgement_overdue(transfer, Date{2025y / April / 30}, none));
}

TEST(TransferOverdue, BankHolidaysAreNotWorkingDays) {
  BankHolidays easter{{Date{2025y / April / 18}, Date{2025y / April / 21}}, Date{2025y / January / 1}, Date{2025y / December / 31}};
  auto transfer = prison_transfer();
  transfer.requested_on = Date{2025y / April / 16};  // Wednesday before Good Friday
  // Working days: 17, 22, 23, 24, 25 April: due Friday 25th.
  EXPECT_FALSE(acknowledgement_overdue(transfer, Date{2025y / April / 25}, easter));
  EXPECT_TRUE(acknowledgement_overdue(transfer, Date{2025y / April / 26}, easter));
}

TEST(TransferPrefill, OutstandingActionsAreTheOpenActionsOfActiveObjectives) {
  Plan plan;
  Objective housing{1, Pathway::accommodation, "Somewhere to live", ObjectiveStatus::active, {}};
  housing.actions.push_back({1, "Apply for CAS3", ActionOwnerKind::practitioner, "Priya Shah", monday, ActionStatus::in_progress, ""});
  housing.actions.push_back({2, "Visit the flat", ActionOwnerKind::person, "", monday, ActionStatus::done, ""});
  Objective done{2, Pathway::finance_benefits_debt, "Bank account", ObjectiveStatus::achieved, {}};
  done.actions.push_back({3, "Open an account", ActionOwnerKind::person, "", monday, ActionStatus::not_started, ""});
  plan.objectives = {housing, done};
  auto text = outstanding_actions_text(plan);
  EXPECT_NE(text.find("Apply for CAS3"), std::string::npos);
  EXPECT_NE(text.find("Priya Shah"), std::string::npos);
  EXPECT_NE(text.find("2025-03-03"), std::string::npos);
  EXPECT_EQ(text.find("Visit the flat"), std::string::npos);
  EXPECT_EQ(text.find("Open an account"), std::string::npos);
  EXPECT_EQ(outstanding_actions_text(Plan{}), "No open plan actions.");
}

TEST(TransferPrefill, CurrentRisksComeFromTheRiskProfile) {
  RiskProfile profile;
  EXPECT_EQ(current_risks_text(profile), "Risk of serious harm: not assessed\nTier: not set\nNot managed under MAPPA");
  profile.rosh = RoshLevel::high;
  profile.tier = Tier::b;
  profile.mappa = MappaLevel::level_2;
  profile.iom = true;
  auto text = current_risks_text(profile);
  EXPECT_NE(text.find("Tier: B"), std::string::npos);
  EXPECT_NE(text.find("MAPPA level 2"), std::string::npos);
  EXPECT_NE(text.find("Integrated Offender Management"), std::string::npos);
  EXPECT_EQ(text.find("early allocation"), std::string::npos);
}
