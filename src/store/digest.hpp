#pragma once
// SHA-256 as lowercase hex: token digests (a stolen database signs nobody in) and the hash chains
// of the journal and the access log.
#include <string>
#include <string_view>

namespace resettle::store {

std::string sha256_hex(std::string_view text);

}  // namespace resettle::store
