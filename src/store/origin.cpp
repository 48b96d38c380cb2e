// The current thread's request origin, which the access log writes with every row.
#include <utility>

#include "store/store.hpp"

namespace resettle::store {

namespace {
thread_local RequestOrigin current_origin;
}

OriginScope::OriginScope(RequestOrigin origin) : previous_(std::exchange(current_origin, std::move(origin))) {}

OriginScope::~OriginScope() { current_origin = std::move(previous_); }

const RequestOrigin& OriginScope::current() { return current_origin; }

}  // namespace resettle::store
