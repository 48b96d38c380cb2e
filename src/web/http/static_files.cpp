// Serving the front-end assets (see static_files.hpp).
#include "web/http/static_files.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <sstream>

namespace resettle::web {
namespace {

constexpr std::string_view prefix = "/assets/";

// Only kinds the pages need. Fonts are deliberately absent: the GDS Transport typeface is for
// GOV.UK itself, and our stylesheet uses Arial instead.
struct KnownType {
  std::string_view extension;
  std::string_view content_type;
};
constexpr std::array known_types{
    KnownType{".css", "text/css; charset=utf-8"},
    KnownType{".js", "text/javascript; charset=utf-8"},
    KnownType{".mjs", "text/javascript; charset=utf-8"},
    KnownType{".map", "application/json"},
    KnownType{".json", "application/json"},
    KnownType{".png", "image/png"},
    KnownType{".svg", "image/svg+xml"},
    KnownType{".ico", "image/x-icon"},
};

// A relative path made only of ordinary names: no "..", no hidden files, no absolute or
// backslash paths, no NUL. Anything else could reach outside the asset folders.
bool is_safe_relative_path(std::string_view path) {
  if (path.empty() || path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return false;
  }
  while (true) {
    std::size_t slash = path.find('/');
    std::string_view segment = path.substr(0, slash);
    if (segment.empty() || segment.front() == '.') return false;
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  return body.str();
}

// Strong ETag from the content, so every server process gives the same tag for the same file.
std::string etag_of(std::string_view body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string tag = "\"";
  for (unsigned int i = 0; i < 16 && i < length; ++i) {
    tag += hex[digest[i] >> 4];
    tag += hex[digest[i] & 0xf];
  }
  return tag + "\"";
}

// If-None-Match holds "*" or a comma-separated list of tags, possibly weak (W/"...").
bool matches_if_none_match(std::string_view header, std::string_view etag) {
  std::size_t start = 0;
  while (start <= header.size()) {
    std::size_t comma = header.find(',', start);
    std::string_view candidate = header.substr(start, comma == std::string_view::npos ? header.npos : comma - start);
    while (!candidate.empty() && candidate.front() == ' ') candidate.remove_prefix(1);
    while (!candidate.empty() && candidate.back() == ' ') candidate.remove_suffix(1);
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);
    if (candidate == "*" || candidate == etag) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(std::vector<std::filesystem::path> folders) : folders_(std::move(folders)) {}

std::optional<std::string_view> StaticFiles::content_type_for(std::string_view file_name) {
  for (const auto& type : known_types) {
    if (file_name.ends_with(type.extension)) return type.content_type;
  }
  return std::nullopt;
}

std::shared_ptr<const StaticFiles::Asset> StaticFiles::find(std::string_view relative_path) const {
  {
    std::lock_guard lock(mutex_);
    if (auto cached = cache_.find(relative_path); cached != cache_.end()) return cached->second;
  }
  for (const auto& folder : folders_) {
    std::filesystem::path file = folder / relative_path;
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) continue;
    std::optional<std::string> body = read_file(file);
    if (!body) continue;
    auto asset = std::make_shared<const Asset>(
        Asset{*body, std::string(*content_type_for(relative_path)), etag_of(*body)});
    std::lock_guard lock(mutex_);
    return cache_.emplace(std::string(relative_path), std::move(asset)).first->second;
  }
  return nullptr;
}

Response StaticFiles::serve(const Request& request) const {
  std::string_view path = request.path;
  if (!path.starts_with(prefix)) return Response::text(404, "Not found");
  std::string_view relative = path.substr(prefix.size());
  if (!is_safe_relative_path(relative) || !content_type_for(relative)) return Response::text(404, "Not found");
  std::shared_ptr<const Asset> asset = find(relative);
  if (!asset) return Response::text(404, "Not found");

  Response response;
  response.headers["ETag"] = asset->etag;
  // Names are not fingerprinted, so browsers keep a copy briefly and then revalidate by ETag.
  response.headers["Cache-Control"] = "public, max-age=300";
  if (auto tags = request.header("If-None-Match"); tags && matches_if_none_match(*tags, asset->etag)) {
    response.status = 304;
    return response;
  }
  response.headers["Content-Type"] = asset->content_type;
  if (request.method != "HEAD") response.body = asset->body;
  return response;
}

}  // namespace resettle::web
