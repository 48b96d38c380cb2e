#pragma once
// Front-end assets under /assets/: our own scripts, the compiled stylesheet and the
// govuk-frontend and MoJ frontend files from npm. Each file is read once, then served from memory
// with a strong ETag, so repeat visits cost a 304.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/http/http.hpp"

namespace resettle::web {

class StaticFiles {
 public:
  // Folders are searched in order for /assets/<path>; the first match wins.
  explicit StaticFiles(std::vector<std::filesystem::path> folders);

  // GET or HEAD /assets/<path>: 200 with the file, 304 when If-None-Match matches its ETag,
  // 404 when no folder has it, when its type is not one we serve (fonts and sources included)
  // or when the path tries to leave the folders.
  Response serve(const Request& request) const;

  // The MIME type served for a file name, or nothing when files of its kind are not served.
  static std::optional<std::string_view> content_type_for(std::string_view file_name);

 private:
  struct Asset {
    std::string body;
    std::string content_type;
    std::string etag;
  };
  std::shared_ptr<const Asset> find(std::string_view relative_path) const;

  std::vector<std::filesystem::path> folders_;
  mutable std::mutex mutex_;
  // Only files found are kept: remembering misses would let anyone grow the map without bound.
  mutable std::map<std::string, std::shared_ptr<const Asset>, std::less<>> cache_;
};

}  // namespace resettle::web
