#pragma once
// RFC 4180 comma-separated values: quoted fields may hold commas, quotes ("") and line breaks.
// Text in, text out; a malformed record is reported with its line and skipped, so one bad row
// never hides the good ones after it.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace resettle {

struct CsvRecord {
  std::size_t line = 0;  // physical line the record starts on (the header is line 1)
  std::vector<std::string> fields;
};

struct CsvProblem {
  std::size_t line = 0;
  std::size_t column = 0;  // which field of the record (from 0), to name it from the header
  std::string message;
};

struct CsvTable {
  std::vector<std::string> header;  // empty when the text is empty
  std::vector<CsvRecord> records;   // every well-formed record after the header
  std::vector<CsvProblem> problems; // every record that could not be read
};

// Accepts a UTF-8 byte order mark, CRLF or LF line ends and a missing final line end.
// Blank lines are skipped. Field counts are not checked here: the caller knows its columns.
CsvTable read_csv(std::string_view text);

// One record per row, fields quoted only when they need it, CRLF line ends as RFC 4180 says.
std::string write_csv(std::span<const std::vector<std::string>> rows);

}  // namespace resettle
