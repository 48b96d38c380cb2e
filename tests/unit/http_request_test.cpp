// Unit tests of requests and responses (web/http/http.hpp).
#include <gtest/gtest.h>

#include "web/http/http.hpp"

namespace resettle::web {
namespace {

Request with_header(std::string name, std::string value) {
  Request request;
  request.headers[std::move(name)] = std::move(value);
  return request;
}

Request with_body(std::string body) {
  Request request;
  request.body = std::move(body);
  return request;
}

TEST(HttpRequestTest, HeadersAreCaseInsensitive) {
  auto request = with_header("Content-Type", "text/html");
  EXPECT_EQ(request.header("content-type"), "text/html");
  EXPECT_EQ(request.header("CONTENT-TYPE"), "text/html");
  EXPECT_EQ(request.header("Content-Length"), std::nullopt);
  request.headers["content-TYPE"] = "application/json";
  EXPECT_EQ(request.headers.size(), 1u);
  EXPECT_EQ(request.header("Content-Type"), "application/json");
}

TEST(HttpRequestTest, CaseInsensitiveOrderingIsConsistent) {
  CaseInsensitiveLess less;
  EXPECT_TRUE(less("Accept", "content-type"));
  EXPECT_FALSE(less("content-type", "Accept"));
  EXPECT_TRUE(less("Host", "host-extra"));  // a prefix sorts first
  EXPECT_FALSE(less("HOST", "host"));
  EXPECT_FALSE(less("host", "HOST"));
  EXPECT_TRUE(less({}, "a"));
  EXPECT_FALSE(less({}, {}));
}

TEST(HttpRequestTest, FindsCookiesByExactName) {
  auto request = with_header("cookie", "theme=dark; session=abc123;csrf=x=y");
  EXPECT_EQ(request.cookie("session"), "abc123");
  EXPECT_EQ(request.cookie("theme"), "dark");
  EXPECT_EQ(request.cookie("csrf"), "x=y");  // only the first '=' separates
  EXPECT_EQ(request.cookie("sess"), std::nullopt);
  EXPECT_EQ(request.cookie("Session"), std::nullopt);
}

TEST(HttpRequestTest, CookieEdgeCases) {
  EXPECT_EQ(with_header("Cookie", "a=; b=2").cookie("a"), "");
  EXPECT_EQ(with_header("Cookie", "  a=1  ;  b=2  ").cookie("b"), "2");
  EXPECT_EQ(with_header("Cookie", "flag; b=2").cookie("flag"), std::nullopt);
  EXPECT_EQ(with_header("Cookie", "a=\"quoted value\"").cookie("a"), "quoted value");
  EXPECT_EQ(with_header("Cookie", "").cookie("a"), std::nullopt);
  EXPECT_EQ(Request{}.cookie("a"), std::nullopt);
}

TEST(HttpRequestTest, DecodesFormsWithPlusAndPercentEscapes) {
  auto form = with_body("given_name=Jo+Ann&family_name=O%27Brien&note=50%25+done%21&empty=&flag").form();
  Params expected{{"given_name", "Jo Ann"}, {"family_name", "O'Brien"}, {"note", "50% done!"}, {"empty", ""}, {"flag", ""}};
  EXPECT_EQ(form, expected);
}

TEST(HttpRequestTest, FormKeepsRepeatedNamesInOrder) {
  auto form = with_body("need=housing&need=employment&need=health").form();
  Params expected{{"need", "housing"}, {"need", "employment"}, {"need", "health"}};
  EXPECT_EQ(form, expected);
}

TEST(HttpRequestTest, FormDecodesEncodedPlusAndUtf8) {
  auto form = with_body("sum=1%2B1&name=Si%C3%A2n").form();
  Params expected{{"sum", "1+1"}, {"name", "Si\xC3\xA2n"}};
  EXPECT_EQ(form, expected);
}

// A form keeps them, so that the field's own check refuses them naming the field (tests/integration/bad_input).
TEST(HttpRequestTest, FormBytesThatAreNotUtf8AreKeptForTheFieldsCheck) {
  auto form = with_body("given_name=%FF%FE&name=Si%C3%A2n").form();
  Params expected{{"given_name", "\xFF\xFE"}, {"name", "Si\xC3\xA2n"}};
  EXPECT_EQ(form, expected);
}

TEST(HttpRequestTest, MalformedFormGivesNoFields) {
  EXPECT_TRUE(with_body("name=100%").form().empty());
  EXPECT_TRUE(with_body("name=%zz").form().empty());
  EXPECT_TRUE(with_body("").form().empty());
}

TEST(HttpRequestTest, QueryParamReturnsTheFirstValue) {
  Request request;
  request.query = {{"page", "2"}, {"page", "3"}, {"q", ""}};
  EXPECT_EQ(request.query_param("page"), "2");
  EXPECT_EQ(request.query_param("q"), "");
  EXPECT_EQ(request.query_param("missing"), std::nullopt);
}

TEST(HttpRequestTest, ResponseHelpers) {
  auto text = Response::text(422, "bad");
  EXPECT_EQ(text.status, 422);
  EXPECT_EQ(text.body, "bad");
  EXPECT_EQ(text.headers["content-type"], "text/plain; charset=utf-8");

  auto redirect = Response::redirect("/people/1");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.headers["Location"], "/people/1");
  EXPECT_EQ(Response::redirect("/login", 302).status, 302);
}

struct Split {
  bool ok;
  std::string path;
  Params query;
};

Split split(std::string_view target) {
  Split result;
  result.ok = split_target(target, result.path, result.query);
  return result;
}

TEST(SplitTargetTest, SeparatesAndDecodesPathAndQuery) {
  auto result = split("/people/Jo%20Smith/plan?tab=needs&q=a+b%26c");
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(result.path, "/people/Jo Smith/plan");
  Params expected{{"tab", "needs"}, {"q", "a b&c"}};
  EXPECT_EQ(result.query, expected);
}

TEST(SplitTargetTest, PlusInThePathIsLiteral) {
  auto result = split("/search/a+b");
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(result.path, "/search/a+b");
}

TEST(SplitTargetTest, SimpleTargets) {
  auto root = split("/");
  ASSERT_TRUE(root.ok);
  EXPECT_EQ(root.path, "/");
  EXPECT_TRUE(root.query.empty());

  auto empty_query = split("/people?");
  ASSERT_TRUE(empty_query.ok);
  EXPECT_EQ(empty_query.path, "/people");
  EXPECT_TRUE(empty_query.query.empty());
}

TEST(SplitTargetTest, RejectsMalformedTargets) {
  EXPECT_FALSE(split("").ok);
  EXPECT_FALSE(split("people").ok);                // not origin-form
  EXPECT_FALSE(split("http://example.org/").ok);   // absolute-form is for proxies
  EXPECT_FALSE(split("*").ok);
  EXPECT_FALSE(split("/people/%zz").ok);           // bad escape
  EXPECT_FALSE(split("/people/100%").ok);
  EXPECT_FALSE(split("/people?q=%G1").ok);
  EXPECT_FALSE(split("/people#plan").ok);          // fragments are never sent
  EXPECT_FALSE(split("/people/a b").ok);           // raw space
}

TEST(SplitTargetTest, RejectsDotSegmentsEvenWhenEncoded) {
  EXPECT_FALSE(split("/assets/../secrets").ok);
  EXPECT_FALSE(split("/assets/./app.css").ok);
  EXPECT_FALSE(split("/assets/%2e%2e/secrets").ok);
  EXPECT_FALSE(split("/assets/..%2Fsecrets").ok);  // decodes to /assets/../secrets
  EXPECT_FALSE(split("/..").ok);
  EXPECT_TRUE(split("/assets/app..css").ok);
  EXPECT_TRUE(split("/assets/.well-known").ok);
}

// What a browser shows for them, and what the stores can hold (PostgreSQL refuses other bytes).
TEST(SplitTargetTest, QueryBytesThatAreNotUtf8BecomeReplacementCharacters) {
  const std::string replacement = "\xEF\xBF\xBD";
  auto result = split("/people?given_name=%FF%FE&name=Si%C3%A2n&cut=a%E2%82&overlong=%C0%AF&surrogate=%ED%A0%80&"
                      "beyond=%F4%90%80%80&emoji=%F0%9F%99%82");
  ASSERT_TRUE(result.ok);
  Params expected{{"given_name", replacement + replacement},
                  {"name", "Si\xC3\xA2n"},
                  {"cut", "a" + replacement + replacement},
                  {"overlong", replacement + replacement},
                  {"surrogate", replacement + replacement + replacement},
                  {"beyond", replacement + replacement + replacement + replacement},
                  {"emoji", "\xF0\x9F\x99\x82"}};
  EXPECT_EQ(result.query, expected);
}

TEST(SplitTargetTest, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  auto result = split("/find-support/%FF%FE?q=%E2%80%AE1&%FF=x");
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(result.path, "/find-support/\xEF\xBF\xBD\xEF\xBF\xBD");
  Params expected{{"q", "\xE2\x80\xAE" "1"}, {"\xEF\xBF\xBD", "x"}};
  EXPECT_EQ(result.query, expected);
}

TEST(SplitTargetTest, RejectsEncodedNul) {
  EXPECT_FALSE(split("/people/a%00b").ok);
}

}  // namespace
}  // namespace resettle::web
