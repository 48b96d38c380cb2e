// The referral use cases (see referrals.hpp).
#include "services/referrals/referrals.hpp"

#include <algorithm>

#include "domain/catalogue.hpp"
#include "domain/staff/access.hpp"
#include "domain/errors.hpp"
#include "domain/limited_access/limited_access.hpp"
#include "domain/plan/pre_release_checklist.hpp"
#include "services/people/case_records.hpp"
#include "services/plan/resettlement_plan.hpp"

namespace resettle::services {

namespace {

ReferralSide side_of(const StaffMember& actor) {
  return actor.role == Role::partner ? ReferralSide::provider : ReferralSide::referrer;
}

std::string label(ReferralStatus status) { return std::string{entry_for(referral_statuses(), status).label}; }

std::string detail(const Referral& referral, std::string_view field) {
  for (const auto& shared : referral.details)
    if (shared.field == field) return shared.value;
  return "";
}

struct ReceivingOrganisation {
  std::string id;
  std::string name;
};

// The organisation that receives a referral: the one it was sent to, or before it is sent, its
// service's organisation now.
ReceivingOrganisation receiving_organisation(store::Transaction& tx, const Referral& referral) {
  auto id = referral.organisation_id;
  if (id.empty())
    if (auto service = tx.directory().find_service(referral.service_id)) id = service->organisation_id;
  auto organisation = id.empty() ? std::nullopt : tx.directory().find_organisation(id);
  return {id, organisation ? organisation->name : ""};
}

// Whether the actor may make this move: their own side's moves, and for a referrer the
// provider's too when the organisation has no account to answer on Resettle.
bool may_make(const StaffMember& actor, ReferralStatus to, bool recorded_for_partner) {
  auto side = side_of(actor);
  return may_move(side, to) || (side == ReferralSide::referrer && recorded_for_partner && may_move(ReferralSide::provider, to));
}

// The referral as this member of staff may read it: a partner only what the consent covers.
ReferralRecord record_of(store::Transaction& tx, const StaffMember& actor, const Referral& stored, Date today) {
  auto referral = actor.role == Role::partner ? as_shared_with_provider(stored) : stored;
  auto directory = tx.directory().directory({referral.service_id});
  auto name = referral.details.empty() ? std::string{"Details no longer shared"}
                                       : detail(referral, "given_name") + " " + detail(referral, "family_name");
  bool referrer = side_of(actor) == ReferralSide::referrer;
  ReferralRecord record{referral, {}, name, {}, {}};
  if (!directory.services.empty()) record.service = listing_of(directory, directory.services.front(), today);
  record.recorded_for_partner = referrer && !tx.staff().has_partner_account(receiving_organisation(tx, stored).id);
  record.may_open_person = referrer;
  record.needs_consent = referrer && referral.status == ReferralStatus::draft && !referral.consent.given;
  for (auto next : allowed_next(referral.status))
    if (may_make(actor, next, record.recorded_for_partner)) record.next_moves.push_back(next);
  if (referral.duty_to_refer && referral.duty_to_refer->planned_release_date)
    record.referred_late = referred_late(*referral.duty_to_refer);
  return record;
}

// Whether a partner worker may see a referral: sent to their organisation (by id, as it was when
// sent), and not a case closed to them.
bool partner_may_see(store::Transaction& tx, const StaffMember& actor, const Referral& referral) {
  return !actor.organisation_id.empty() && visible_to_provider(referral) &&
         referral.organisation_id == actor.organisation_id &&
         may_see_limited_case(tx.limited_access().current_for_person(referral.person_id), actor.id);
}

// The referral, if this member of staff may see it: partners only once it is sent to their
// organisation; everyone else when they may see the person. Otherwise it is "not found". Every
// attempt is audited; a refusal is committed at once, so call this before the use case writes anything.
Referral require_visible_referral(store::Transaction& tx, const StaffMember& actor,
                                  std::int64_t referral_id) {
  auto referral = tx.referrals().find(referral_id);
  if (!referral) throw NotFound("referral " + std::to_string(referral_id) + " not found");
  bool allowed = actor.role == Role::partner ? partner_may_see(tx, actor, *referral)
                                             : visible_person(tx, actor, referral->person_id).has_value();
  tx.access_log().record(actor.id, referral->person_id, actor.role == Role::partner ? "referral (partner)" : "referral",
                         allowed);
  if (!allowed) {
    tx.commit();  // keep the record of a refused attempt
    throw NotFound("referral " + std::to_string(referral_id) + " not found");
  }
  return *referral;
}

void journal_step(store::Transaction& tx, const StaffMember& actor, const Referral& referral, std::string kind,
                  std::string summary, std::string reason) {
  tx.journal().append({actor.id, referral.person_id, std::move(kind), "referral", referral.id, std::move(summary),
                       std::move(reason),
                       {{"status", entry_for(referral_statuses(), referral.status).code}, {"service_id", referral.service_id}}});
}

void require_referrer(const StaffMember& actor) {
  if (side_of(actor) == ReferralSide::provider)
    throw Forbidden("partner agencies receive referrals: they cannot make or change them");
}

// The kind of referral a directory service takes, by its id: "dtr" services take the Duty to Refer,
// "cas3" ones Community Accommodation Service referrals.
std::string default_kind(const std::string& service_id) {
  if (service_id.find("dtr") != std::string::npos) return "duty_to_refer";
  if (service_id.find("cas3") != std::string::npos) return "cas3";
  return "service";
}

}  // namespace

ReferralRecord create_referral(store::Store& store, const Clock& clock, const StaffMember& actor,
                               std::int64_t person_id, FieldInput input) {
  require_referrer(actor);
  auto person = view_person(store, actor, person_id, "referral");
  input["person_id"] = std::to_string(person_id);
  auto release = planned_release_date(person, clock.today());
  if (input["kind"] == "duty_to_refer" && input["planned_release_date"].empty() && release)
    input["planned_release_date"] = to_iso(*release);
  auto referral = read_referral(input, clock.today(), actor.display_name);
  referral.details = prefill_details(person.person);

  auto tx = store.begin_write();
  auto service = tx->directory().find_service(referral.service_id);
  if (!service) throw ValidationFailed(std::vector<FieldError>{{"service_id", staff_text("is not a service in the directory")}});
  bool housing = std::ranges::find(service->pathways, Pathway::accommodation) != service->pathways.end();
  if (referral.kind != ReferralKind::service && !housing)
    throw ValidationFailed("kind", staff_text("((service)) is not an accommodation service: a ((kind)) goes to one",
                                              {{"service", service->name}, {"kind", entry_for(referral_kinds(), referral.kind).label}}));
  referral.id = tx->referrals().insert(referral);
  referral.version = 1;
  journal_step(*tx, actor, referral, "referral.drafted", "Referral to " + service->name + " drafted", "");
  auto record = record_of(*tx, actor, referral, clock.today());
  tx->commit();
  return record;
}

ReferralRecord record_referral_consent(store::Store& store, const Clock& clock, const StaffMember& actor,
                                       std::int64_t referral_id, const FieldInput& input) {
  require_referrer(actor);
  FieldReader reader{input};
  Consent consent{reader.boolean("consent_given"), clock.today(), actor.display_name, ""};
  consent.scope = reader.text("consent_scope", consent.given ? Need::required : Need::optional, 1000);
  reader.throw_if_failed();

  auto tx = store.begin_write();
  auto referral = require_visible_referral(*tx, actor, referral_id);
  auto updated = record_consent(referral, consent);
  tx->referrals().update(updated, referral.version);
  updated.version = referral.version + 1;
  journal_step(*tx, actor, updated, "referral.consent_recorded",
               consent.given ? "Consent to share details with the service recorded" : "Consent to share details withdrawn",
               consent.scope);
  auto record = record_of(*tx, actor, updated, clock.today());
  tx->commit();
  return record;
}

namespace {
// Sending a Duty to Refer is the checklist's Duty to Refer item done, on the day it was sent.
void tick_duty_to_refer(store::Transaction& tx, const StaffMember& actor, const Referral& sent, Date on) {
  auto checklist = tx.checklists().for_person(sent.person_id);
  if (!checklist) return;
  auto item = std::ranges::find(checklist->items, ChecklistItemKind::duty_to_refer, &ChecklistItem::kind);
  if (item == checklist->items.end() || item->status == ChecklistStatus::done) return;
  apply_update(*item, {ChecklistStatus::done, "", on});
  tx.checklists().update(*checklist, checklist->version);
  tx.journal().append({actor.id, sent.person_id, "checklist.item_updated", "pre_release_checklist", checklist->id,
                       std::string{entry_for(checklist_item_kinds(), item->kind).label} + ": Done, when the referral was sent",
                       "", {{"item", "duty_to_refer"}, {"status", "done"}, {"referral_id", sent.id}}});
}
}  // namespace

ReferralRecord move_referral(store::Store& store, const Clock& clock, const StaffMember& actor,
                             std::int64_t referral_id, const FieldInput& input) {
  FieldReader reader{input};
  auto to = reader.code("to", Need::required, referral_statuses());
  auto on = reader.date("date", Need::optional).value_or(clock.today());
  if (clock.today() < on) reader.fail("date", staff_text("must not be in the future"));
  auto reason = reader.text("reason", Need::optional, 2000);
  auto told_by = reader.text("told_by", Need::optional, 200);
  auto sent_by = reader.text("sent_by", Need::optional, 10);
  if (!sent_by.empty() && sent_by != "email" && sent_by != "phone") reader.fail("sent_by", staff_text("must be email or phone"));
  reader.throw_if_failed();

  auto tx = store.begin_write();
  auto referral = require_visible_referral(*tx, actor, referral_id);
  auto organisation = receiving_organisation(*tx, referral);
  bool for_partner = !tx->staff().has_partner_account(organisation.id);
  if (!may_make(actor, *to, for_partner)) require_may_move(side_of(actor), *to);  // throws, saying who may
  bool on_behalf = !may_move(side_of(actor), *to);
  if (on_behalf && told_by.empty())
    throw ValidationFailed("told_by", staff_text("Say who at ((organisation)) told you, to record this for them", {{"organisation", organisation.name}}));
  auto by = actor.display_name;
  if (on_behalf) by += " for " + organisation.name + ", told by " + told_by;
  if (*to == ReferralStatus::sent && !sent_by.empty()) by += ", sent by " + sent_by;
  auto moved = transition(referral, *to, on, by, reason);
  auto service = tx->directory().find_service(referral.service_id);
  // Sent to the organisation the service belongs to now, for good: the directory may change later.
  if (*to == ReferralStatus::sent) moved.organisation_id = service ? service->organisation_id : "";
  tx->referrals().update(moved, referral.version);
  moved.version = referral.version + 1;
  journal_step(*tx, actor, moved, "referral." + std::string{entry_for(referral_statuses(), *to).code},
               "Referral to " + (service ? service->name : referral.service_id) + ": " + label(*to) + " on " +
                   to_long_date(on) + (by == actor.display_name ? "" : " (" + by + ")"),
               reason);
  if (*to == ReferralStatus::sent && moved.kind == ReferralKind::duty_to_refer) tick_duty_to_refer(*tx, actor, moved, on);
  auto record = record_of(*tx, actor, moved, clock.today());
  tx->commit();
  return record;
}

ReferralRecord view_referral(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t referral_id) {
  // The read is audited; a partner's read also goes on the person's timeline, which is case data.
  auto tx = actor.role == Role::partner ? store.begin_write() : store.begin_audit_write();
  auto referral = require_visible_referral(*tx, actor, referral_id);
  auto record = record_of(*tx, actor, referral, clock.today());
  // What an outside agency read of someone is part of their story: it goes on their timeline.
  if (actor.role == Role::partner)
    tx->journal().append({actor.id, referral.person_id, "referral.read_by_partner", "referral", referral.id,
                          "Referral to " + record.service.service.name + " read by " + actor.display_name + " (" +
                              (actor.organisation.empty() ? actor.organisation_id : actor.organisation) + ")",
                          "", {{"organisation_id", actor.organisation_id}}});
  tx->commit();
  return record;
}

SupportSearch search_support(store::Store& store, const Clock& clock, const StaffMember& actor,
                             std::optional<std::int64_t> person_id, FieldInput query) {
  if (!person_id) return {search_services(store, clock, query), std::nullopt};
  auto record = view_person(store, actor, *person_id, "find support");
  auto area = record.pdu ? record.pdu->name : std::string{};
  auto personal = search_services_for(store, clock, eligibility_facts_of(record.person, area), std::move(query));
  return {std::move(personal.search), SupportSearch::ForPerson{std::move(record.person), std::move(area), personal.left_out}};
}

NewReferral new_referral_for(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                             const std::string& service_id) {
  auto record = view_person(store, actor, person_id, "referral form");
  auto service = service_record(store, service_id);
  return {record.person, service.services.front().name, prefill_details(record.person),
          open_plan_actions(store, record), default_kind(service_id)};
}

ServiceToReferTo service_to_refer_to(store::Store& store, const Clock& clock, const StaffMember& actor,
                                     const std::string& service_id) {
  auto record = service_record(store, service_id);
  auto listing = listing_of(record, record.services.front(), clock.today());
  return {std::move(record), std::move(listing), side_of(actor) == ReferralSide::referrer};
}

PersonReferrals person_referrals(store::Store& store, const Clock& clock, const StaffMember& actor,
                                 std::int64_t person_id) {
  require_referrer(actor);
  PersonReferrals listed{view_person(store, actor, person_id, "referrals").person, {}};
  auto tx = store.begin_read();
  for (const auto& referral : tx->referrals().for_person(person_id))
    listed.referrals.push_back(record_of(*tx, actor, referral, clock.today()));
  return listed;
}

std::vector<ReferralRecord> organisation_referrals(store::Store& store, const Clock& clock, const StaffMember& actor) {
  if (actor.role != Role::partner || actor.organisation_id.empty()) return {};
  auto tx = store.begin_audit_write();  // the read is audited
  std::vector<ReferralRecord> records;
  std::vector<std::int64_t> people;
  for (const auto& referral : tx->referrals().sent_to_organisation(actor.organisation_id, actor.id)) {
    records.push_back(record_of(*tx, actor, referral, clock.today()));
    people.push_back(referral.person_id);
  }
  tx->access_log().record_list(actor.id, "referrals to their organisation", people);
  tx->commit();
  return records;
}

}  // namespace resettle::services
