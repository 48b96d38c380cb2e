#pragma once
// Where the checkout this binary was built from lies: the default place for templates, front-end
// assets and reference data (data/), and for tests, their fixtures.
#include <filesystem>

namespace resettle {

std::filesystem::path source_tree();

}  // namespace resettle
