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

// A team of practitioners in one prison or one probation delivery unit, led by a manager.
struct Team {
  std::string code;
  std::string name;
  std::string prison_code;  // exactly one of prison_code and pdu_code is set
  std::string pdu_code;
};

struct ProbationDeliveryUnit {
  std::string code;
  std::string name;
  std::string region_code;
};

}  // namespace resettle
