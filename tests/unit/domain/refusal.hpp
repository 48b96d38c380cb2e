#pragma once
// What a call refused with ValidationFailed: the fields it named, in order, with their messages;
// empty when it was not refused. The domain tests' one way to check that bad input is named.
#include <string>
#include <utility>
#include <vector>

#include "domain/errors.hpp"

namespace resettle::test_support {

struct Refusal {
  std::vector<std::string> fields;
  std::vector<std::string> messages;
};

template <typename Call>
Refusal refusal_of(Call&& call) {
  Refusal refusal;
  try {
    std::forward<Call>(call)();
  } catch (const ValidationFailed& failure) {
    for (const auto& error : failure.errors()) {
      refusal.fields.push_back(error.field);
      refusal.messages.push_back(error.message);
    }
  }
  return refusal;
}

template <typename Call>
std::vector<std::string> failed_fields(Call&& call) {
  return refusal_of(std::forward<Call>(call)).fields;
}

}  // namespace resettle::test_support
