#pragma once
// Emails never leave memory raw: connectors normalise them, keep a keyed hash
// for matching across platforms and a masked form for people.
#include <string>
#include <string_view>

namespace frr::model {

// The email identity (text/email_identity.hpp): trimmed, case-folded, the domain in its IDNA
// ASCII form. Two addresses of one person have one identity (docs/sync-semantics.md).
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
