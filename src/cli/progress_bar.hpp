#pragma once
// Progress of a long job on standard error: a bar redrawn in place on a terminal, and a few plain
// lines (every quarter) when standard error is a file or a pipe, so logs stay readable.
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace resettle::cli {

class ProgressBar {
 public:
  ProgressBar(std::ostream& out, bool redraw) : out_(out), redraw_(redraw) {}
  void show(std::string_view what, std::int64_t done, std::int64_t total);

 private:
  std::ostream& out_;
  bool redraw_;
  std::string last_what_;
  int last_quarter_ = -1;
  int last_percent_ = -1;
  bool line_open_ = false;  // a bar drawn without its newline yet
};

}  // namespace resettle::cli
