// The limited-access use cases (see limited_access.hpp).
#include "services/limited_access/limited_access.hpp"

#include <algorithm>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

namespace {

// Visible first, so a case closed to the actor stays "not found" whatever their role.
Person require_manager_of(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id,
                          const std::string& what) {
  auto person = require_visible_person(tx, actor, person_id, what);
  if (!may_manage_limited_access(actor.role))
    throw Forbidden("only managers and administrators see and change who may see a case");
  return person;
}

std::string describe(AccessList list, const std::string& staff_name) {
  return list == AccessList::exclusion ? staff_name + " excluded from this case"
                                       : staff_name + " added to this case's restriction list";
}

std::string describe_end(AccessList list, const std::string& staff_name) {
  return list == AccessList::exclusion ? staff_name + "'s exclusion from this case ended"
                                       : staff_name + " taken off this case's restriction list";
}

void journal(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id, std::string kind,
             std::int64_t entry_id, std::string summary, std::string reason, AccessList list, std::int64_t staff_id) {
  tx.journal().append({actor.id, person_id, std::move(kind), "limited_access", entry_id, std::move(summary),
                       std::move(reason),
                       {{"list", entry_for(access_lists(), list).code}, {"staff_id", staff_id}}});
}

}  // namespace

LimitedAccessView view_limited_access(store::Store& store, const StaffMember& actor, std::int64_t person_id) {
  auto tx = store.begin_audit_write();  // the read is audited
  auto person = require_manager_of(*tx, actor, person_id, "limited access");
  tx->access_log().record(actor.id, person_id, "limited access", true);
  LimitedAccessView view{person, tx->limited_access().current_for_person(person_id),
                         tx->access_log().refused_for_person(person_id, refused_attempts_shown)};
  tx->commit();
  return view;
}

std::vector<LimitedAccessEntry> add_limited_access(store::Store& store, const StaffMember& actor,
                                                   std::int64_t person_id, const FieldInput& input) {
  auto tx = store.begin_write();
  require_manager_of(*tx, actor, person_id, "change limited access");
  auto requested = read_access_entry(input);
  auto staff = tx->staff().find_by_username(requested.username);
  if (!staff) throw ValidationFailed(std::string{access_staff_field}, staff_text("is not a member of staff on Resettle"));
  auto current = tx->limited_access().current_for_person(person_id);
  for (const auto& entry : entries_to_add({requested.list, staff->id, requested.reason}, current, actor.id)) {
    auto id = tx->limited_access().add(person_id, entry, actor.id);
    auto name = entry.staff_id == staff->id ? staff->display_name : actor.display_name;
    journal(*tx, actor, person_id, "limited_access.added", id, describe(entry.list, name), entry.reason, entry.list,
            entry.staff_id);
  }
  auto entries = tx->limited_access().current_for_person(person_id);
  tx->commit();
  return entries;
}

std::vector<LimitedAccessEntry> end_limited_access(store::Store& store, const StaffMember& actor,
                                                   std::int64_t person_id, std::int64_t entry_id,
                                                   const FieldInput& input) {
  auto tx = store.begin_write();
  require_manager_of(*tx, actor, person_id, "change limited access");
  FieldReader reader{input};
  auto reason = reader.text("reason", Need::required, access_reason_max_length);
  reader.throw_if_failed();
  auto current = tx->limited_access().current_for_person(person_id);
  auto entry = std::find_if(current.begin(), current.end(), [&](const LimitedAccessEntry& e) { return e.id == entry_id; });
  if (entry != current.end()) check_end_entry(*entry, current, actor.id);
  switch (tx->limited_access().end(person_id, entry_id, actor.id)) {
    case store::EndedEntry::no_such_entry:
      throw NotFound("limited-access entry " + std::to_string(entry_id) + " not found");
    case store::EndedEntry::already_ended: return current;
    case store::EndedEntry::ended: break;
  }
  journal(*tx, actor, person_id, "limited_access.ended", entry_id, describe_end(entry->list, entry->staff_name), reason,
          entry->list, entry->staff_id);
  auto entries = tx->limited_access().current_for_person(person_id);
  tx->commit();
  return entries;
}

}  // namespace resettle::services
