#pragma once
// Server-side HTML: Mustache templates loaded once from a folder, auto-escaped ({{x}} escapes
// & < > " '), rendered from immutable data so any number of worker threads may render at once.
// Beyond standard Mustache: `{{.name}}` looks `name` up in the innermost object only (sections
// over strings or booleans do not count), so component partials never inherit a same-named
// value from the page. Each object in a list also gets `_first` (first item only) and `_number`
// (1, 2, ...), for markup that differs by position.
// Text for the message catalogue is written `{{#t}}Showing ((count)) cases{{/t}}`: at start-up the
// English between the tags (runs of spaces and line ends made one space) is translated once and its
// ((names)) become escaped variables, so translation costs nothing per render and a translator may
// move the names. po/catalogue.mjs extracts these texts into po/resettle.pot.
//
// Our own small engine, because rendering was over half the server's CPU time: each template is
// parsed once at start-up into a flat list of nodes (names split at their dots, partials linked),
// and a render walks those const nodes straight over the view (web/http/view.hpp), appending to one string, with
// no copy of the view or the template. Lines are kept or dropped exactly as the kainjow library we
// replaced did (a line left with only spaces and tabs is dropped when a section was rendered on
// it), so pages stay byte-for-byte the same. Set-delimiter tags (`{{=`) are rejected.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "web/http/view.hpp"

namespace resettle::web {

namespace compiled {

struct Template;

// A tag's name, split at its dots once at start-up.
struct Name {
  enum class Start {
    nowhere,           // an empty name: never found
    top,               // `.`: the value on top of the stack
    innermost_object,  // `.a.b`: `a` in the innermost object only
    stack,             // `a.b`: `a` in the innermost frame that has it
  };
  Start start = Start::nowhere;
  std::vector<std::string> parts;  // followed strictly after the first is found
};

struct Node {
  // `lines` is text holding line ends that are kept whatever is rendered (see Parser::add_text).
  enum class Kind { text, lines, newline, variable, unescaped, section, inverted, partial };
  Kind kind = Kind::text;
  std::string text;                   // text, lines and newline
  std::size_t last_line_size = 0;     // lines: the bytes after its last line end
  Name name;                          // variables and sections
  std::size_t end = 0;                // sections: the index just past the section's body
  const Template* partial = nullptr;  // partial
};

// A section's body is the nodes after it up to its `end`.
struct Template {
  std::vector<Node> nodes;
  std::size_t size_hint = 0;  // its text and its partials' text in bytes, to reserve for a render
};

}  // namespace compiled

// What a `{{#t}}` text reads as on the pages a set of templates serves (its English as written for
// staff pages today).
using TextTranslation = std::function<std::string(std::string_view english)>;

class Templates {
 public:
  // Loads every *.mustache file in `folder` and its subfolders, named by its path there without
  // the extension ("layout", "people/person"); each is also a partial ({{> name}}). Throws std::runtime_error when the folder is missing, a template is malformed
  // or names a partial that does not exist.
  // `{{#t}}` texts are given by `translation`, or stay as written without one.
  explicit Templates(const std::filesystem::path& folder, const TextTranslation& translation = {});
  // Partials point into templates_, so a copy would point into the original.
  Templates(const Templates&) = delete;
  Templates& operator=(const Templates&) = delete;

  // Renders `page`, then "layout" with the same view plus the page's HTML as `content` and
  // `has_errors` (true when the view's `errors` list is non-empty). The view must be an object.
  std::string render_page(std::string_view page, const View& view) const;
  // Renders one template on its own.
  std::string render(std::string_view name, const View& view) const;

  bool contains(std::string_view name) const;

 private:
  const compiled::Template& find(std::string_view name) const;

  // Partials point into this map, so it never changes after construction.
  std::map<std::string, compiled::Template, std::less<>> templates_;
};

}  // namespace resettle::web
