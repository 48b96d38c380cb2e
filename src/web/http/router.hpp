#pragma once
// Maps a method and a path pattern to a Handler.
//   "/people/{id}/sentences"  literal segments and {name} parameters, one whole segment each;
//   "/assets/*"               a final "*" matches one or more further segments (static files),
//                             given to the handler as path_params["*"], e.g. "govuk/all.css".
// Literal segments win over parameters, and parameters over "*", so "/people/new" and
// "/people/{id}" can live side by side. Matching walks a tree of segments: no regex per request.
// Routes are added before serving; handle() is then safe to call from many threads.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/http/http.hpp"

namespace resettle::web {

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Throws std::invalid_argument for a malformed pattern or a route added twice.
  void add(std::string_view method, std::string_view pattern, Handler handler);
  void get(std::string_view pattern, Handler handler) { add("GET", pattern, std::move(handler)); }
  void post(std::string_view pattern, Handler handler) { add("POST", pattern, std::move(handler)); }

  // Answers when no pattern matches the path (the default is a plain 404).
  void set_not_found(Handler handler);

  // Runs the matching handler with request.path_params filled. A path that matches with another
  // method gives 405 and an Allow header; HEAD runs the GET handler and drops the body, keeping
  // its Content-Length.
  Response handle(Request& request) const;

  // Every route as {method, pattern}, in the order added: the table `resettle routes` prints.
  const std::vector<std::pair<std::string, std::string>>& routes() const { return routes_; }

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::pair<std::string, std::string>> routes_;
  Handler not_found_;
};

}  // namespace resettle::web
