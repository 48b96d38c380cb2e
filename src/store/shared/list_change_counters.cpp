// The list change counters of both stores (see list_change_counters.hpp).
#include "store/shared/list_change_counters.hpp"

#include "store/postgresql/database.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::shared {

template <Database Db>
std::vector<std::int64_t> ListChangeCounts<Db>::counts(const std::vector<std::string>& units) {
  std::vector<std::int64_t> counted;
  counted.reserve(units.size());
  for (const auto& unit : units) {
    auto& row = db_.prepare("SELECT changes FROM list_change WHERE unit = ?");
    row.bind(unit);
    counted.push_back(row.step() ? row.integer(0) : 0);
  }
  return counted;
}

template class ListChangeCounts<sqlite::Connection>;
template class ListChangeCounts<postgresql::Connection>;

}  // namespace resettle::store::shared
