#include "web/http.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/params_view.hpp>
#include <strings.h>

namespace resettle::web {

namespace {
Params decode_query(std::string_view query) {
  Params params;
  auto parsed = boost::urls::parse_query(query);
  if (!parsed) return params;
  boost::urls::encoding_opts options;
  options.space_as_plus = true;  // HTML forms send spaces as '+'
  for (auto param : boost::urls::params_view(*parsed, options)) params.emplace_back(param.key, param.value);
  return params;
}

std::string_view trim(std::string_view text) {
  auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}
}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  int compared = strncasecmp(a.data(), b.data(), std::min(a.size(), b.size()));
  return compared != 0 ? compared < 0 : a.size() < b.size();
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
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) return std::string{pair.substr(equals + 1)};
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::nullopt;
}

Params Request::form() const { return decode_query(body); }

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

// Splits a request target into its decoded path and query; false when the target is malformed.
bool split_target(std::string_view target, std::string& path, Params& query) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  path = parsed->path();
  query = decode_query(parsed->encoded_query());
  return true;
}

}  // namespace resettle::web
