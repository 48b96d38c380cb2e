// Unit tests of the static files (web/http/static_files.hpp).
#include "web/http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include "source_tree.hpp"

using resettle::web::Request;
using resettle::web::Response;
using resettle::web::StaticFiles;

namespace {

const std::filesystem::path project_root = resettle::source_tree();

Request get(std::string path) {
  Request request;
  request.method = "GET";
  request.target = path;
  request.path = std::move(path);
  return request;
}

class AssetFolders : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("resettle-assets-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "first" / "images");
    std::filesystem::create_directories(root_ / "second");
    write("first/app.js", "console.log('first')");
    write("second/app.js", "console.log('second')");
    write("second/site.css", "body{}");
    write("first/images/logo.svg", "<svg/>");
    write("first/images/icon.png", "PNG");
    write("first/manifest.json", "{}");
    write("first/font.woff2", "font");
    write("first/style.scss", "$x: 1;");
    write("first/.hidden.js", "secret");
    write("outside.js", "outside");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void write(const std::string& relative, const std::string& text) {
    std::ofstream(root_ / relative, std::ios::binary) << text;
  }
  StaticFiles files() const { return StaticFiles{{root_ / "first", root_ / "second"}}; }
  std::filesystem::path root_;
};

}  // namespace

TEST_F(AssetFolders, ServesEachKindWithItsContentType) {
  StaticFiles assets = files();
  struct Case {
    const char* path;
    const char* type;
  };
  for (const Case& c : {Case{"/assets/app.js", "text/javascript; charset=utf-8"},
                        Case{"/assets/site.css", "text/css; charset=utf-8"},
                        Case{"/assets/images/logo.svg", "image/svg+xml"},
                        Case{"/assets/images/icon.png", "image/png"},
                        Case{"/assets/manifest.json", "application/json"}}) {
    Response response = assets.serve(get(c.path));
    EXPECT_EQ(response.status, 200) << c.path;
    EXPECT_EQ(response.headers["Content-Type"], c.type) << c.path;
    EXPECT_FALSE(response.headers["Cache-Control"].empty()) << c.path;
  }
}

TEST_F(AssetFolders, TheFirstFolderWins) {
  EXPECT_EQ(files().serve(get("/assets/app.js")).body, "console.log('first')");
}

TEST_F(AssetFolders, MissingFilesAndUnservedKindsAre404) {
  StaticFiles assets = files();
  for (const char* path : {"/assets/nothing.js", "/assets/font.woff2", "/assets/style.scss", "/assets/images",
                           "/assets/", "/other/app.js", "/assets/.hidden.js"}) {
    EXPECT_EQ(assets.serve(get(path)).status, 404) << path;
  }
}

TEST_F(AssetFolders, PathsThatTryToLeaveTheFoldersAreRefused) {
  StaticFiles assets = files();
  std::string absolute = "/assets/" + (root_ / "outside.js").string();  // "/assets//tmp/.../outside.js"
  for (const std::string& path :
       {std::string("/assets/../outside.js"), std::string("/assets/images/../../outside.js"),
        std::string("/assets/./app.js"), absolute, std::string("/assets/..\\outside.js"),
        std::string("/assets/app.js\0.css", 19), std::string("/assets/images//logo.svg")}) {
    EXPECT_EQ(assets.serve(get(path)).status, 404) << path;
  }
}

TEST_F(AssetFolders, ETagRevalidationGives304) {
  StaticFiles assets = files();
  Response first = assets.serve(get("/assets/site.css"));
  const std::string etag = first.headers["ETag"];
  ASSERT_GE(etag.size(), 3u);
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(etag.back(), '"');

  for (const std::string& header : {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
    Request request = get("/assets/site.css");
    request.headers["If-None-Match"] = header;
    Response response = assets.serve(request);
    EXPECT_EQ(response.status, 304) << header;
    EXPECT_TRUE(response.body.empty());
    EXPECT_EQ(response.headers["ETag"], etag);
  }
  Request stale = get("/assets/site.css");
  stale.headers["If-None-Match"] = "\"not-it\"";
  EXPECT_EQ(assets.serve(stale).status, 200);
  EXPECT_NE(assets.serve(get("/assets/app.js")).headers["ETag"], etag);
}

TEST_F(AssetFolders, FilesAreReadOnceThenServedFromMemory) {
  StaticFiles assets = files();
  EXPECT_EQ(assets.serve(get("/assets/site.css")).body, "body{}");
  write("second/site.css", "changed");
  EXPECT_EQ(assets.serve(get("/assets/site.css")).body, "body{}");
}

TEST_F(AssetFolders, HeadHasHeadersButNoBody) {
  Request request = get("/assets/site.css");
  request.method = "HEAD";
  Response response = files().serve(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.body.empty());
  EXPECT_EQ(response.headers["Content-Type"], "text/css; charset=utf-8");
}

TEST(ProjectAssets, ServesTheFrontendScriptsButNotTheGovukFont) {
  StaticFiles assets{{project_root / "src/web/public", project_root / "node_modules/govuk-frontend/dist/govuk",
                      project_root / "node_modules/govuk-frontend/dist/govuk/assets"}};
  EXPECT_EQ(assets.serve(get("/assets/app.js")).status, 200);
  EXPECT_EQ(assets.serve(get("/assets/govuk-frontend.min.js")).status, 200);
  EXPECT_EQ(assets.serve(get("/assets/manifest.json")).status, 200);
  int fonts = 0;
  for (const auto& font : std::filesystem::directory_iterator(project_root / "node_modules/govuk-frontend/dist/govuk/assets/fonts")) {
    ++fonts;
    EXPECT_EQ(assets.serve(get("/assets/fonts/" + font.path().filename().string())).status, 404);
    EXPECT_EQ(assets.serve(get("/assets/assets/fonts/" + font.path().filename().string())).status, 404);
  }
  EXPECT_GT(fonts, 0);
}
