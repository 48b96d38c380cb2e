#pragma once
// Where people are held and supervised.
#include <string>

namespace resettle {

struct Region {
  std::string code;
  std::string name;
};

struct Prison {
  std::string code;  // e.g. "LEI"
  std::string name;  // e.g. "HMP Leeds"
  std::string region_code;
};

struct ProbationDeliveryUnit {
  std::string code;
  std::string name;
  std::string region_code;
};

}  // namespace resettle
