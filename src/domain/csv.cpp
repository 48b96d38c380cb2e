// RFC 4180 CSV reading and writing (see csv.hpp).
#include "domain/csv.hpp"

#include <optional>

namespace resettle {

namespace {

// Walks the text one record at a time, counting physical lines so problems point at them.
class CsvScanner {
 public:
  explicit CsvScanner(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
  }

  bool done() const { return pos_ >= text_.size(); }
  std::size_t line() const { return line_; }

  // The next record, or nullopt after noting a problem (the rest of its line is skipped).
  // A blank line gives an empty record.
  std::optional<std::vector<std::string>> next(std::string& problem, std::size_t& column) {
    std::vector<std::string> fields;
    if (at_line_end()) {
      consume_line_end();
      return fields;
    }
    while (true) {
      std::string field;
      bool read = peek() == '"' ? quoted(field, problem) : unquoted(field, problem);
      if (!read) {
        column = fields.size();
        skip_rest_of_line();
        return std::nullopt;
      }
      fields.push_back(std::move(field));
      if (done()) return fields;
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      consume_line_end();
      return fields;
    }
  }

 private:
  char peek() const { return text_[pos_]; }
  bool at_line_end() const {
    return !done() && (peek() == '\n' || (peek() == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n'));
  }
  bool at_field_end() const { return done() || peek() == ',' || at_line_end(); }
  void consume_line_end() {
    pos_ += peek() == '\r' ? 2 : 1;
    ++line_;
  }
  void skip_rest_of_line() {
    while (!done() && !at_line_end()) ++pos_;
    if (!done()) consume_line_end();
  }

  bool unquoted(std::string& field, std::string& problem) {
    while (!at_field_end()) {
      if (peek() == '"') {
        problem = "has a quote inside a field that does not start with a quote; quote the whole field and double the quote";
        return false;
      }
      field += text_[pos_++];
    }
    return true;
  }

  bool quoted(std::string& field, std::string& problem) {
    std::size_t opened_on = line_;
    ++pos_;
    while (true) {
      if (done()) {
        problem = "has a quoted field opened on line " + std::to_string(opened_on) + " that is never closed";
        return false;
      }
      char c = text_[pos_++];
      if (c == '"') {
        if (!done() && peek() == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        if (at_field_end()) return true;
        problem = "has text after the closing quote of a field on line " + std::to_string(line_);
        return false;
      }
      if (c == '\n') ++line_;
      field += c;
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

bool needs_quotes(std::string_view field) { return field.find_first_of(",\"\r\n") != std::string_view::npos; }

void append_field(std::string& out, std::string_view field) {
  if (!needs_quotes(field)) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

CsvTable read_csv(std::string_view text) {
  CsvTable table;
  CsvScanner scanner{text};
  bool header_read = false;
  while (!scanner.done()) {
    std::size_t line = scanner.line();
    std::string problem;
    std::size_t column = 0;
    auto fields = scanner.next(problem, column);
    if (!fields) {
      table.problems.push_back({line, column, (header_read ? "Record " : "Header ") + problem});
      if (!header_read) return table;  // without column names no record can be read
      continue;
    }
    if (fields->empty()) continue;
    if (!header_read) {
      table.header = std::move(*fields);
      header_read = true;
    } else {
      table.records.push_back({line, std::move(*fields)});
    }
  }
  return table;
}

std::string write_csv(std::span<const std::vector<std::string>> rows) {
  std::string out;
  for (const auto& row : rows) {
    // A lone empty field would look like a blank line, which readers skip.
    if (row.size() == 1 && row.front().empty()) out += "\"\"";
    for (std::size_t index = 0; index < row.size(); ++index) {
      if (index > 0) out += ',';
      append_field(out, row[index]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace resettle
