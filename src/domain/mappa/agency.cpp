// The agency codes (see agency.hpp).
#include "domain/mappa/agency.hpp"

#include <array>

namespace resettle {

namespace {
constexpr std::array<Coded<Agency>, 8> agency_table{{
    {Agency::probation, "probation", "Probation"},
    {Agency::prison, "prison", "Prison"},
    {Agency::police, "police", "Police"},
    {Agency::childrens_social_care, "childrens_social_care", "Children's social care"},
    {Agency::adult_social_care, "adult_social_care", "Adult social care"},
    {Agency::housing, "housing", "Housing"},
    {Agency::health, "health", "Health"},
    {Agency::other, "other", "Another agency"},
}};
}  // namespace

std::span<const Coded<Agency>> agencies() { return agency_table; }

}  // namespace resettle
