// Unit tests of the router (web/http/router.hpp).
#include "web/http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace resettle::web {
namespace {

Request request_for(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.target = request.path;
  return request;
}

// A handler that names itself and echoes its path parameters, so a test sees which route ran.
Handler answering(std::string name) {
  return [name](Request& request) {
    std::string body = name;
    for (const auto& [key, value] : request.path_params) body += " " + key + "=" + value;
    return Response::text(200, body);
  };
}

Response send(const Router& router, std::string method, std::string path) {
  auto request = request_for(std::move(method), std::move(path));
  return router.handle(request);
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.get("/", answering("home"));
    router.get("/people", answering("people"));
    router.post("/people", answering("create person"));
    router.get("/people/new", answering("new person form"));
    router.get("/people/{id}", answering("person"));
    router.add("PUT", "/api/v1/people/{id}", answering("api update"));
    router.get("/people/{id}/sentences", answering("sentences"));
    router.get("/people/{id}/sentences/{sentence}", answering("sentence"));
    router.get("/assets/*", answering("asset"));
  }
  Router router;
};

TEST_F(RouterTest, MatchesLiteralPaths) {
  EXPECT_EQ(send(router, "GET", "/").body, "home");
  EXPECT_EQ(send(router, "GET", "/people").body, "people");
  EXPECT_EQ(send(router, "POST", "/people").body, "create person");
}

TEST_F(RouterTest, FillsPathParameters) {
  EXPECT_EQ(send(router, "GET", "/people/42").body, "person id=42");
  EXPECT_EQ(send(router, "GET", "/people/A1234BC/sentences").body, "sentences id=A1234BC");
  EXPECT_EQ(send(router, "GET", "/people/7/sentences/3").body, "sentence id=7 sentence=3");
  EXPECT_EQ(send(router, "PUT", "/api/v1/people/9").body, "api update id=9");
}

TEST_F(RouterTest, ParametersHoldTheDecodedSegment) {
  auto request = request_for("GET", "/people/Jo Smith");
  EXPECT_EQ(router.handle(request).body, "person id=Jo Smith");
  EXPECT_EQ(request.path_params.at("id"), "Jo Smith");
}

TEST_F(RouterTest, LiteralSegmentsWinOverParameters) {
  EXPECT_EQ(send(router, "GET", "/people/new").body, "new person form");
}

TEST_F(RouterTest, FallsBackToAParameterWhenTheLiteralBranchDeadEnds) {
  // "new" is a literal under /people, but only /people/{id}/sentences continues past it.
  EXPECT_EQ(send(router, "GET", "/people/new/sentences").body, "sentences id=new");
}

TEST_F(RouterTest, UnknownPathsAreNotFound) {
  EXPECT_EQ(send(router, "GET", "/nowhere").status, 404);
  EXPECT_EQ(send(router, "GET", "/people/42/unknown").status, 404);
  EXPECT_EQ(send(router, "GET", "/people/42/sentences/3/extra").status, 404);
  EXPECT_EQ(send(router, "GET", "").status, 404);
}

TEST_F(RouterTest, ATrailingSlashIsADifferentPath) {
  EXPECT_EQ(send(router, "GET", "/people/").status, 404);
  // An empty segment is not a parameter value.
  EXPECT_EQ(send(router, "GET", "/people//sentences").status, 404);
}

TEST_F(RouterTest, WrongMethodIsNotAllowedAndListsTheAllowedOnes) {
  auto response = send(router, "DELETE", "/people");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers["Allow"], "GET, HEAD, POST");

  auto api = send(router, "GET", "/api/v1/people/9");
  EXPECT_EQ(api.status, 405);
  EXPECT_EQ(api.headers["Allow"], "PUT");
}

TEST_F(RouterTest, AllowCoversEveryRouteWhosePathMatches) {
  // /people/new matches both the literal GET route and the {id} GET route; POST is on neither.
  Router overlapping;
  overlapping.get("/people/new", answering("form"));
  overlapping.add("PATCH", "/people/{id}", answering("patch"));
  auto response = send(overlapping, "POST", "/people/new");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers["Allow"], "GET, HEAD, PATCH");
  // ...and the method picks the route when only one of them has it.
  EXPECT_EQ(send(overlapping, "PATCH", "/people/new").body, "patch id=new");
}

TEST_F(RouterTest, HeadRunsTheGetHandlerWithoutABody) {
  auto response = send(router, "HEAD", "/people/42");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(response.headers["Content-Length"], std::to_string(std::string{"person id=42"}.size()));
  EXPECT_EQ(response.headers["Content-Type"], "text/plain; charset=utf-8");
}

TEST_F(RouterTest, HeadIsNotAllowedWithoutAGetRoute) {
  auto response = send(router, "HEAD", "/api/v1/people/9");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers["Allow"], "PUT");
}

TEST_F(RouterTest, PrefixRoutesTakeTheRestOfThePath) {
  EXPECT_EQ(send(router, "GET", "/assets/app.css").body, "asset *=app.css");
  EXPECT_EQ(send(router, "GET", "/assets/govuk/images/favicon.ico").body, "asset *=govuk/images/favicon.ico");
  EXPECT_EQ(send(router, "HEAD", "/assets/app.css").status, 200);
  EXPECT_EQ(send(router, "POST", "/assets/app.css").status, 405);
}

TEST_F(RouterTest, PrefixRoutesNeedSomethingAfterThePrefix) {
  EXPECT_EQ(send(router, "GET", "/assets").status, 404);
  EXPECT_EQ(send(router, "GET", "/assets/").status, 404);
}

TEST_F(RouterTest, MoreSpecificRoutesWinOverAPrefix) {
  router.get("/assets/manifest.json", answering("manifest"));
  EXPECT_EQ(send(router, "GET", "/assets/manifest.json").body, "manifest");
  EXPECT_EQ(send(router, "GET", "/assets/manifest.json/more").body, "asset *=manifest.json/more");
}

TEST_F(RouterTest, ARootPrefixCatchesEverythingUnmatched) {
  Router fallback;
  fallback.get("/people", answering("people"));
  fallback.get("/*", answering("anything"));
  EXPECT_EQ(send(fallback, "GET", "/people").body, "people");
  EXPECT_EQ(send(fallback, "GET", "/a/b").body, "anything *=a/b");
}

TEST_F(RouterTest, ParametersFromADeadEndBranchDoNotLeak) {
  Router branching;
  branching.get("/people/{id}/plan", answering("plan"));
  branching.get("/*", answering("anything"));
  auto request = request_for("GET", "/people/42/other");
  EXPECT_EQ(branching.handle(request).body, "anything *=people/42/other");
  EXPECT_FALSE(request.path_params.contains("id"));
}

TEST_F(RouterTest, CustomNotFoundHandler) {
  router.set_not_found([](Request& request) { return Response::text(404, "no page at " + request.path); });
  auto response = send(router, "GET", "/missing");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "no page at /missing");
  // A method mismatch is still a 405, not the not-found page.
  EXPECT_EQ(send(router, "DELETE", "/people").status, 405);
}

TEST_F(RouterTest, RejectsBadPatterns) {
  Router bad;
  EXPECT_THROW(bad.get("people", answering("x")), std::invalid_argument);
  EXPECT_THROW(bad.get("", answering("x")), std::invalid_argument);
  EXPECT_THROW(bad.get("/people/{id", answering("x")), std::invalid_argument);
  EXPECT_THROW(bad.get("/people/x{id}", answering("x")), std::invalid_argument);
  EXPECT_THROW(bad.get("/assets/*/more", answering("x")), std::invalid_argument);
  EXPECT_THROW(bad.get("/people/{}", answering("x")), std::invalid_argument);
}

TEST_F(RouterTest, RejectsDuplicateRoutesAndClashingParameterNames) {
  EXPECT_THROW(router.get("/people/{id}", answering("again")), std::invalid_argument);
  EXPECT_THROW(router.get("/people/{person}/plan", answering("plan")), std::invalid_argument);
  EXPECT_NO_THROW(router.add("DELETE", "/people/{id}", answering("delete")));
}

TEST_F(RouterTest, RouterCanBeMoved) {
  Router moved = std::move(router);
  EXPECT_EQ(send(moved, "GET", "/people/5").body, "person id=5");
}

}  // namespace
}  // namespace resettle::web
