#pragma once
// Server-side HTML: Mustache templates loaded once from a folder, auto-escaped ({{x}} escapes
// & < > " '), rendered from immutable data so any number of worker threads may render at once.
// Beyond standard Mustache: `{{.name}}` looks `name` up in the innermost object only (sections
// over strings or booleans do not count), so component partials never inherit a same-named
// value from the page. Each object in a list also gets `_first` (first item only) and `_number`
// (1, 2, ...), for markup that differs by position.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace resettle::web {

// Converts a JSON view to Mustache data: null, false, "" and the empty list are falsy;
// numbers render as JSON writes them; objects in lists gain `_first` and `_number`.
kainjow::mustache::data to_mustache(const nlohmann::json& view);

class Templates {
 public:
  // Loads every *.mustache file in `folder` (name = file stem); each is also a partial
  // ({{> name}}). Throws std::runtime_error when the folder is missing or a template is malformed.
  explicit Templates(const std::filesystem::path& folder);

  // Renders `page`, then "layout" with the same view plus the page's HTML as `content` and
  // `has_errors` (true when the view's `errors` list is non-empty). The view must be an object.
  std::string render_page(std::string_view page, const nlohmann::json& view) const;
  // Renders one template on its own.
  std::string render(std::string_view name, const nlohmann::json& view) const;

  bool contains(std::string_view name) const;

 private:
  std::string render_data(std::string_view name, const kainjow::mustache::data& data) const;

  // Parsed templates are never rendered in place (kainjow's render is non-const): each render
  // works on a copy, so concurrent renders share nothing mutable.
  std::map<std::string, kainjow::mustache::mustache, std::less<>> parsed_;
  // Partials are looked up here only, never in the view: a view value named like a partial
  // must not be parsed as a template.
  std::map<std::string, kainjow::mustache::data, std::less<>> partials_;
};

}  // namespace resettle::web
