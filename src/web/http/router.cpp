// The router's tree of path segments (see router.hpp).
#include "web/http/router.hpp"

#include <set>
#include <span>
#include <stdexcept>
#include <vector>

namespace resettle::web {

namespace {
using MethodHandlers = std::map<std::string, Handler, std::less<>>;
using Captures = std::vector<std::pair<std::string_view, std::string_view>>;
constexpr std::string_view rest_name = "*";

// "/people/42/sentences" -> {"people", "42", "sentences"}; "/" -> {}; a trailing '/' leaves an empty segment.
std::vector<std::string_view> segments_of(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path == "/") return segments;
  path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return segments;
    path.remove_prefix(slash + 1);
  }
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

void check_segment(std::string_view pattern, std::string_view segment) {
  auto name = is_parameter(segment) ? segment.substr(1, segment.size() - 2) : segment;
  if (name.find_first_of("{}*") != std::string_view::npos)
    throw std::invalid_argument("route pattern " + std::string{pattern} + ": bad segment '" + std::string{segment} + "'");
}
}  // namespace

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::string parameter_name;
  std::unique_ptr<Node> parameter;  // the {parameter_name} child
  MethodHandlers handlers;          // routes that end at this node
  MethodHandlers rest_handlers;     // routes that end at this node with "/*"
};

namespace {
struct Search {
  std::string_view method;
  Captures captures;
  std::set<std::string, std::less<>> allowed;  // methods of routes whose path matched
};

const Handler* pick(const MethodHandlers& handlers, Search& search) {
  if (auto found = handlers.find(search.method); found != handlers.end()) return &found->second;
  if (search.method == "HEAD")
    if (auto found = handlers.find("GET"); found != handlers.end()) return &found->second;
  for (const auto& [method, handler] : handlers) {
    search.allowed.insert(method);
    if (method == "GET") search.allowed.insert("HEAD");
  }
  return nullptr;
}

// Depth first in order of precedence: literal, then parameter, then "*".
template <typename Node>
const Handler* find(const Node& node, std::span<const std::string_view> rest, Search& search) {
  if (rest.empty()) return pick(node.handlers, search);
  auto segment = rest.front();
  if (auto literal = node.literals.find(segment); literal != node.literals.end())
    if (auto handler = find(*literal->second, rest.subspan(1), search)) return handler;
  if (node.parameter && !segment.empty()) {
    search.captures.emplace_back(node.parameter_name, segment);
    if (auto handler = find(*node.parameter, rest.subspan(1), search)) return handler;
    search.captures.pop_back();
  }
  std::string_view remainder{segment.data(), static_cast<std::size_t>(rest.back().data() + rest.back().size() - segment.data())};
  if (remainder.empty()) return nullptr;
  auto handler = pick(node.rest_handlers, search);
  if (handler) search.captures.emplace_back(rest_name, remainder);
  return handler;
}

std::string joined(const std::set<std::string, std::less<>>& methods) {
  std::string text;
  for (const auto& method : methods) text.append(text.empty() ? "" : ", ").append(method);
  return text;
}
}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::add(std::string_view method, std::string_view pattern, Handler handler) {
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("route pattern " + std::string{pattern} + ": must start with '/'");
  auto segments = segments_of(pattern);
  bool rest = !segments.empty() && segments.back() == rest_name;
  if (rest) segments.pop_back();
  Node* node = root_.get();
  for (auto segment : segments) {
    check_segment(pattern, segment);
    if (!is_parameter(segment)) {
      auto& child = node->literals[std::string{segment}];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
      continue;
    }
    auto name = segment.substr(1, segment.size() - 2);
    if (!node->parameter) {
      node->parameter = std::make_unique<Node>();
      node->parameter_name = name;
    } else if (node->parameter_name != name) {
      // One name per position, or a handler could not know which key to read.
      throw std::invalid_argument("route pattern " + std::string{pattern} + ": {" + std::string{name} +
                                  "} clashes with {" + node->parameter_name + "}");
    }
    node = node->parameter.get();
  }
  auto& handlers = rest ? node->rest_handlers : node->handlers;
  if (!handlers.emplace(std::string{method}, std::move(handler)).second)
    throw std::invalid_argument("route " + std::string{method} + ' ' + std::string{pattern} + " added twice");
  routes_.emplace_back(method, pattern);
}

void Router::set_not_found(Handler handler) { not_found_ = std::move(handler); }

Response Router::handle(Request& request) const {
  if (request.path.empty() || request.path.front() != '/') return Response::text(404, "Not Found");
  auto segments = segments_of(request.path);
  Search search{request.method, {}, {}};
  const Handler* handler = find(*root_, segments, search);
  if (!handler && !search.allowed.empty()) {
    auto response = Response::text(405, "Method Not Allowed");
    response.headers["Allow"] = joined(search.allowed);
    return response;
  }
  if (!handler) return not_found_ ? not_found_(request) : Response::text(404, "Not Found");
  request.path_params.clear();
  for (const auto& [name, value] : search.captures) request.path_params.insert_or_assign(std::string{name}, std::string{value});
  Response response = (*handler)(request);
  if (request.method == "HEAD") {
    response.headers.try_emplace("Content-Length", std::to_string(response.body.size()));
    response.body.clear();
  }
  return response;
}

}  // namespace resettle::web
