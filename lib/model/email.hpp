#pragma once
// Emails never leave memory raw: connectors normalise them, keep a keyed hash
// for matching across platforms and a masked form for people.
#include <string>
#include <string_view>

namespace frr::model {

// Trimmed and lower-cased: the form both platforms match on.
std::string normalize_email(std::string_view email);

class EmailHasher {
public:
    // `key` is the state directory's secret (core::StateDir::hash_key).
    explicit EmailHasher(std::string key) : m_key(std::move(key)) { }
    // HMAC-SHA256 hex of the normalised email; "" for an empty email.
    std::string hash(std::string_view email) const;

private:
    std::string m_key;
};

}  // namespace frr::model
