#pragma once
// National identifiers, checked at the edge before anything is stored.
#include <string>
#include <string_view>

namespace resettle {

// Upper-cases and trims surrounding spaces, so "a1234bc " is accepted as A1234BC.
std::string normalise_identifier(std::string_view text);

bool is_prison_number(std::string_view text);  // NOMIS prison number: A1234BC
bool is_crn(std::string_view text);            // probation case reference number: X123456
bool is_pnc_number(std::string_view text);     // Police National Computer: 2004/0046583U

}  // namespace resettle
