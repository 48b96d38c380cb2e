// How a booking's key dates are shown on pages (see views.hpp).
#include "web/release_dates/views.hpp"

#include "domain/catalogue.hpp"
namespace resettle::web {

View key_date_rows(const BookingKeyDates& calculation) {
  auto rows = View::list();
  for (const auto& kind : key_date_kinds()) {
    const auto& date = calculation.dates[kind.value];
    if (!date) continue;
    auto detail = date->supplied() ? std::string{staff_text("Supplied by the prison's calculation")}
                                   : staff_text("Worked out by Resettle: ((explanation))", {{"explanation", explain_key_date(calculation, kind.value)}});
    rows.push_back({{"key", kind.label}, {"value", to_long_date(date->date)}, {"detail", detail}, {"supplied", date->supplied()}});
  }
  return rows;
}

}  // namespace resettle::web
