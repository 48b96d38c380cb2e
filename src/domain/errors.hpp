#pragma once
// Failures every layer understands; the web layer maps each to one HTTP status.
#include <stdexcept>
#include <string>
#include <vector>

namespace resettle {

struct FieldError {
  std::string field;    // snake_case name as the caller sent it, e.g. "prison_number"
  std::string message;  // plain words a practitioner can act on
};

// Bad input: one entry per bad field (HTTP 422).
class ValidationFailed : public std::runtime_error {
 public:
  explicit ValidationFailed(std::vector<FieldError> errors)
      : std::runtime_error("validation failed"), errors_(std::move(errors)) {}
  ValidationFailed(std::string field, std::string message)
      : ValidationFailed(std::vector<FieldError>{{std::move(field), std::move(message)}}) {}
  const std::vector<FieldError>& errors() const { return errors_; }

 private:
  std::vector<FieldError> errors_;
};

// The record does not exist, or the caller may not know it exists (HTTP 404).
class NotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A write based on an old version of a record (HTTP 412).
class StaleVersion : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A change the record's state does not allow, e.g. an illegal transition (HTTP 409).
class Conflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Signed in, but this role or relationship may not do this (HTTP 403).
class Forbidden : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace resettle
