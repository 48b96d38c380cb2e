// Drawing a long job's progress on standard error (see progress_bar.hpp).
#include "cli/progress_bar.hpp"

namespace resettle::cli {

void ProgressBar::show(std::string_view what, std::int64_t done, std::int64_t total) {
  int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
  if (what != last_what_) {
    if (line_open_) out_ << '\n';
    line_open_ = false;
    last_what_ = what;
    last_quarter_ = -1;
    last_percent_ = -1;
  }
  if (redraw_) {
    if (percent == last_percent_) return;
    constexpr int width = 40;
    int filled = percent * width / 100;
    out_ << '\r' << what << " [" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << percent
         << "% " << done << " of " << total << std::flush;
    line_open_ = done < total;
    if (!line_open_) out_ << '\n';
  } else {
    int quarter = percent / 25;
    if (quarter == last_quarter_) return;
    out_ << what << ": " << done << " of " << total << " (" << percent << "%)\n" << std::flush;
    last_quarter_ = quarter;
  }
  last_percent_ = percent;
}

}  // namespace resettle::cli
