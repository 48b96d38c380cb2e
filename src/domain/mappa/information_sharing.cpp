// Information sharing rules: what each kind of record needs, its answer and when it is overdue (see
// information_sharing.hpp).
#include "domain/mappa/information_sharing.hpp"

#include <array>

namespace resettle {

namespace {
constexpr std::array<Coded<SharingKind>, 4> kind_table{{
    {SharingKind::request_made, "request_made", "Request we made"},
    {SharingKind::request_received, "request_received", "Request made to us"},
    {SharingKind::disclosure, "disclosure", "Disclosure we made"},
    {SharingKind::domestic_abuse_disclosure, "domestic_abuse_disclosure", "Domestic abuse disclosure scheme request"},
}};
constexpr std::array<Coded<LawfulBasis>, 6> basis_table{{
    {LawfulBasis::mappa_duty_to_cooperate, "mappa_duty_to_cooperate", "MAPPA duty to cooperate"},
    {LawfulBasis::safeguarding_children, "safeguarding_children", "Safeguarding children"},
    {LawfulBasis::safeguarding_adults, "safeguarding_adults", "Safeguarding adults at risk"},
    {LawfulBasis::consent, "consent", "Consent of the person"},
    {LawfulBasis::crime_prevention, "crime_prevention", "Prevention or detection of crime"},
    {LawfulBasis::legal_obligation, "legal_obligation", "Legal obligation or court order"},
}};

bool we_send(SharingKind kind) { return kind != SharingKind::request_received; }

void require_basis(FieldReader& reader, const std::optional<LawfulBasis>& basis, std::string_view why) {
  if (!basis && !reader.failed("lawful_basis"))
    reader.fail("lawful_basis", "is needed " + std::string{why} + ": choose the lawful basis for sharing");
}

void require_approver(FieldReader& reader, const std::string& approved_by, std::string_view why) {
  if (approved_by.empty() && !reader.failed("approved_by"))
    reader.fail("approved_by", "is needed " + std::string{why} + ": say who approved sharing it");
}
}  // namespace

std::span<const Coded<SharingKind>> sharing_kinds() { return kind_table; }
std::span<const Coded<LawfulBasis>> lawful_bases() { return basis_table; }

bool expects_answer(SharingKind kind) { return kind != SharingKind::disclosure; }

SharingRecord read_sharing_record(const FieldInput& input, Date today, std::int64_t recorded_by) {
  FieldReader reader(input);
  SharingRecord record;
  record.recorded_by = recorded_by;
  auto kind = reader.code("kind", Need::required, sharing_kinds());
  if (kind) record.kind = *kind;
  if (auto agency = reader.code("agency", Need::required, agencies())) {
    if (*agency == Agency::probation) reader.fail("agency", "must be the other agency, not probation");
    record.agency = *agency;
  }
  record.subject = reader.text("subject", Need::required, 4000);
  record.lawful_basis = reader.code("lawful_basis", Need::optional, lawful_bases());
  record.approved_by = reader.text("approved_by", Need::optional, 200);
  auto sent = reader.past_date("sent_on", Need::required, today);
  if (sent) record.sent_on = *sent;
  record.due_by = reader.date("due_by", kind && expects_answer(*kind) ? Need::required : Need::optional);
  if (record.due_by && sent && *record.due_by < *sent) reader.fail("due_by", "must be on or after the day it was sent");
  if (kind == SharingKind::disclosure) {
    require_basis(reader, record.lawful_basis, "for a disclosure");
    require_approver(reader, record.approved_by, "for a disclosure");
  } else if (kind && we_send(*kind)) {
    require_basis(reader, record.lawful_basis, "for a request we make");
  }
  reader.throw_if_failed();
  return record;
}

SharingRecord record_sharing_answer(SharingRecord record, const FieldInput& input, Date today) {
  if (!expects_answer(record.kind)) throw Conflict("a disclosure has no answer to record");
  if (record.answered_on) throw Conflict("the answer to this request is already recorded");
  FieldReader reader(input);
  record.answer = reader.text("answer", Need::required, 4000);
  auto answered = reader.past_date("answered_on", Need::required, today);
  if (answered && *answered < record.sent_on) reader.fail("answered_on", "must be on or after the day it was sent");
  if (record.kind == SharingKind::request_received) {
    if (auto basis = reader.code("lawful_basis", Need::optional, lawful_bases())) record.lawful_basis = basis;
    if (reader.has("approved_by")) record.approved_by = reader.text("approved_by", Need::optional, 200);
    require_basis(reader, record.lawful_basis, "to answer a request, which is a disclosure");
    require_approver(reader, record.approved_by, "to answer a request, which is a disclosure");
  }
  reader.throw_if_failed();
  record.answered_on = answered;
  return record;
}

bool sharing_overdue(const SharingRecord& record, Date today) {
  return expects_answer(record.kind) && !record.answered_on && record.due_by && *record.due_by < today;
}

}  // namespace resettle
