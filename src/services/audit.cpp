#include "services/audit.hpp"

#include "domain/csv.hpp"
#include "domain/errors.hpp"
#include "services/access_log_writer.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

void audit_list(store::Store& store, const StaffMember& actor, const std::string& what,
                const std::vector<std::int64_t>& person_ids) {
  if (person_ids.empty()) return;
  access_log_writer().record_list(store, actor.id, what, person_ids);
}

bool may_see_access_history(const StaffMember& actor) { return actor.role == Role::admin; }

namespace {
Person require_auditor(store::Store& store, const StaffMember& actor, std::int64_t person_id, const std::string& what) {
  if (!may_see_access_history(actor)) throw Forbidden("only administrators see who read a person's record");
  return view_person(store, actor, person_id, what).person;
}
}  // namespace

AccessHistory access_history(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                             const store::PageRequest& page) {
  auto person = require_auditor(store, actor, person_id, "access log");
  return {std::move(person), store.begin_read()->access_log().for_person(person_id, page)};
}

std::string access_history_csv(store::Store& store, const StaffMember& actor, std::int64_t person_id) {
  require_auditor(store, actor, person_id, "access log export");
  std::vector<std::vector<std::string>> rows{
      {"id", "at", "staff_id", "staff_name", "what", "allowed", "in_list", "address", "token", "person_account_id"}};
  auto tx = store.begin_read();
  store::PageRequest page{std::nullopt, 200};
  for (;;) {
    auto reads = tx->access_log().for_person(person_id, page);
    for (const auto& read : reads.items)
      rows.push_back({std::to_string(read.id), read.at, read.staff_id ? std::to_string(read.staff_id) : "", read.staff_name,
                      read.what, read.allowed ? "true" : "false", read.in_list ? "true" : "false", read.address, read.token,
                      read.person_account_id ? std::to_string(read.person_account_id) : ""});
    if (!reads.next_cursor) break;
    page.cursor = reads.next_cursor;
  }
  return write_csv(rows);
}

}  // namespace resettle::services
