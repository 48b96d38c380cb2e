// The message catalogue (see catalogue.hpp and staff_catalogue.hpp): Boost.Locale's gettext reader over
// the Welsh catalogue compiled into the binary (cmake/embed_file.cmake writes welsh_catalogue from po/cy.po).
#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"

#include <boost/locale/gnu_gettext.hpp>
#include <cstddef>
#include <limits>
#include <locale>
#include <optional>
#include <stdexcept>
#include <vector>

namespace resettle {

extern const unsigned char welsh_catalogue[];
extern const std::size_t welsh_catalogue_size;

namespace {

constexpr const char* domain_name = "resettle";

// The Welsh catalogue, read once from memory; after that it is only looked up, from any thread.
class WelshCatalogue {
 public:
  WelshCatalogue() {
    boost::locale::gnu_gettext::messages_info info;
    info.language = std::string{"cy"};  // assigning a literal trips a false -Wmaybe-uninitialized in GCC 12 at -O3
    info.encoding = "UTF-8";
    info.domains.emplace_back(domain_name);
    info.paths.emplace_back("embedded");
    // Boost.Locale asks for "embedded/cy/LC_MESSAGES/resettle.mo": whatever the name, the answer is ours.
    info.callback = [](const std::string&, const std::string&) {
      const char* bytes = reinterpret_cast<const char*>(welsh_catalogue);
      return std::vector<char>(bytes, bytes + welsh_catalogue_size);
    };
    auto* messages = boost::locale::gnu_gettext::create_messages_facet<char>(info);
    if (!messages) throw std::logic_error("the Welsh message catalogue could not be read");
    owner_ = std::locale(std::locale::classic(), messages);  // a facet belongs to a locale, which frees it
    messages_ = messages;
    domain_ = messages_->domain(domain_name);
  }

  std::string get(std::string_view english) const {
    std::string key{english};
    return require(messages_->get(domain_, nullptr, key.c_str()), key);
  }

  std::string get(std::string_view singular, int count) const {
    std::string key{singular};
    return require(messages_->get(domain_, nullptr, key.c_str(), count), key);
  }

 private:
  static std::string require(const char* welsh, const std::string& english) {
    if (!welsh || !*welsh) throw std::logic_error("no Welsh in the message catalogue for: " + english);
    return welsh;
  }

  std::locale owner_;
  const boost::locale::message_format<char>* messages_ = nullptr;
  int domain_ = 0;
};

const WelshCatalogue& welsh() {
  static const WelshCatalogue catalogue;
  return catalogue;
}

}  // namespace

std::string translated(std::string_view english, Language language) {
  return language == Language::cy ? welsh().get(english) : std::string{english};
}

std::string translated_plural(std::string_view singular, std::string_view plural, int count, Language language) {
  if (language == Language::cy) return welsh().get(singular, count);
  return std::string{count == 1 ? singular : plural};
}

namespace {

// `text` with its ((names)) filled from `values`; `count`, when given, fills ((count)).
std::string filled(std::string_view text, TextValues values, const std::optional<long>& count = std::nullopt) {
  return fill_placeholders(text, [&](std::string_view name) {
    if (count && name == "count") return std::to_string(*count);
    for (const auto& [key, value] : values)
      if (key == name) return std::string{value};
    throw std::logic_error("no value for ((" + std::string{name} + ")) in: " + std::string{text});
  });
}

}  // namespace

std::string staff_text(std::string_view english,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  return filled(staff_text(english), values);
}

std::string staff_text_plural(std::string_view singular, std::string_view plural, long count, TextValues values) {
  // A count is of things on a page: never negative, never near INT_MAX, which gettext's count is.
  if (count < 0 || count > std::numeric_limits<int>::max()) throw std::logic_error("no count " + std::to_string(count) + " for: " + std::string{singular});
  return filled(translated_plural(singular, plural, static_cast<int>(count), Language::en), values, count);
}

}  // namespace resettle
