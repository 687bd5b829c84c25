#pragma once
#include <filesystem>
#include <string>

namespace frr::core {

// Where a secret comes from. resolve() reads it; the value is never stored here.
struct SecretRef {
    std::string env;             // environment variable name
    std::filesystem::path file;  // or a file (must be mode 0600 or stricter)
    std::string key;             // the config key, for messages ("source.auth.access_token")
    bool empty() const { return env.empty() && file.empty(); }
    // The secret's value; throws Error(config) naming the variable or file when
    // it is unset or unreadable, with what to do.
    std::string resolve() const;
    // "env FRR_SOURCE_TOKEN" / "file /etc/frr/token" — safe to print.
    std::string describe() const;
};

}  // namespace frr::core
