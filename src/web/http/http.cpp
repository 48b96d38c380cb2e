// Requests and responses: query strings, forms, cookies (see http.hpp).
#include "web/http/http.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/params_view.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "domain/utf8.hpp"

namespace resettle::web {

namespace {
// What the client sent, as UTF-8: each byte that does not begin a well-formed sequence becomes U+FFFD.
// The stores hold UTF-8 only (PostgreSQL refuses other bytes outright), so a path or query of bytes
// that are not UTF-8 is looked up as the text a browser would show for it.
std::string as_utf8(std::string_view bytes) {
  std::string text;
  text.reserve(bytes.size());
  while (!bytes.empty()) {
    auto length = first_utf8_sequence(bytes).length;
    text.append(length ? bytes.substr(0, length) : std::string_view{"\xEF\xBF\xBD"});
    bytes.remove_prefix(length ? length : 1);
  }
  return text;
}

// A form's fields keep the bytes sent: a field that is not UTF-8 is refused, naming it (field_input).
enum class NotUtf8 { kept, replaced };

Params decode_query(std::string_view query, NotUtf8 not_utf8) {
  Params params;
  if (!boost::urls::parse_query(query)) return params;
  boost::urls::encoding_opts options;
  options.space_as_plus = true;  // HTML forms send spaces as '+'
  // Built from the text, which was checked above: Boost 1.81's library lacks the view-copying constructor.
  auto text = [&](std::string_view bytes) { return not_utf8 == NotUtf8::replaced ? as_utf8(bytes) : std::string{bytes}; };
  for (auto param : boost::urls::params_view(query, options)) params.emplace_back(text(param.key), text(param.value));
  return params;
}

std::string_view trim(std::string_view text) {
  auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// A cookie value may be wrapped in double quotes (RFC 6265 §4.1.1); they are not part of it.
std::string unquoted(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  return std::string{value};
}

// Dot segments, even percent-encoded, could walk out of a folder served from disk; browsers never send them.
bool has_dot_segment(std::string_view path) {
  while (!path.empty()) {
    path.remove_prefix(1);
    auto segment = path.substr(0, path.find('/'));
    if (segment == "." || segment == "..") return true;
    path.remove_prefix(segment.size());
  }
  return false;
}
}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [&](char x, char y) { return lower(x) < lower(y); });
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  auto found = headers.find(name);
  if (found == headers.end()) return std::nullopt;
  return std::string_view{found->second};
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (const auto& [key, value] : query)
    if (key == name) return value;
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto cookies = header("Cookie");
  if (!cookies) return std::nullopt;
  std::string_view rest = *cookies;
  while (!rest.empty()) {
    auto end = rest.find(';');
    auto pair = trim(rest.substr(0, end));
    auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) return unquoted(pair.substr(equals + 1));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::nullopt;
}

Params Request::form() const { return decode_query(body, NotUtf8::kept); }

Response Response::text(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.headers["Content-Type"] = std::move(content_type);
  response.body = std::move(body);
  return response;
}

Response Response::redirect(std::string location, int status) {
  Response response;
  response.status = status;
  response.headers["Location"] = std::move(location);
  return response;
}

std::string client_address(const std::string& peer, std::optional<std::string_view> forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view address) { return std::ranges::find(trusted_proxies, address) != trusted_proxies.end(); };
  if (!forwarded_for || !trusted(peer)) return peer;
  auto is_address = [](const std::string& text) {
    unsigned char bytes[16];
    return inet_pton(AF_INET, text.c_str(), bytes) == 1 || inet_pton(AF_INET6, text.c_str(), bytes) == 1;
  };
  std::string_view rest = *forwarded_for;
  while (!rest.empty()) {  // from the right: each proxy appends the address it heard from
    auto comma = rest.rfind(',');
    std::string hop{trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1))};
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (!is_address(hop)) return peer;
    if (!trusted(hop)) return hop;
  }
  return peer;
}

bool split_target(std::string_view target, std::string& path, Params& query) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  std::string decoded = as_utf8(parsed->path());
  if (decoded.find('\0') != std::string::npos || has_dot_segment(decoded)) return false;
  path = std::move(decoded);
  query = decode_query(parsed->encoded_query(), NotUtf8::replaced);
  return true;
}

}  // namespace resettle::web
