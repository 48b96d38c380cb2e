#pragma once
// The one place that reads the time, so use cases and tests can fix "now".
#include <chrono>
#include <string>

#include "domain/date.hpp"

namespace resettle::services {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
  Date today() const;           // the UTC calendar date of now()
  std::string now_iso() const;  // UTC, e.g. 2026-11-23T09:15:02.123Z (same form as the database)
  std::chrono::sys_seconds now_seconds() const;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point at) : at_(at) {}
  std::chrono::system_clock::time_point now() const override { return at_; }

 private:
  std::chrono::system_clock::time_point at_;
};

std::string to_iso_timestamp(std::chrono::system_clock::time_point at);
// The whole second of a timestamp in that form (fractions dropped); throws std::invalid_argument.
std::chrono::sys_seconds from_iso_timestamp(std::string_view text);

}  // namespace resettle::services
