#pragma once
// Whether a case is held in prison, on remand or serving a sentence (CaseStage in person.hpp).
#include "domain/people/person.hpp"

namespace resettle {

// On remand or serving a sentence in custody: the prison roles (POM, key worker, pre-release worker)
// may be allocated, the day of release is still a plan and the handover to the community is ahead.
constexpr bool held_in_custody(CaseStage stage) { return stage == CaseStage::remand || stage == CaseStage::in_custody; }

}  // namespace resettle
