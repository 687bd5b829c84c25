#include "core/secret_ref.hpp"

#include "core/error.hpp"
#include "core/state_dir.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace frr::core {

std::string SecretRef::resolve() const
{
    if (!env.empty()) {
        const char* v = std::getenv(env.c_str());
        if (v == nullptr || *v == '\0')
            throw Error(ExitCode::config, fmt::format("environment variable {} is not set", env), key,
                        fmt::format("export {}=... (the secret for {}) before running frr", env, key));
        return v;
    }
    if (!file.empty()) {
        require_private_file(file);
        auto text = read_file(file);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
            text.pop_back();
        if (text.empty())
            throw Error(ExitCode::config, "the secret file is empty", file.string());
        return text;
    }
    throw Error(ExitCode::config, fmt::format("no secret configured for {}", key), key,
                fmt::format("set {}_env or {}_file", key, key));
}

std::string SecretRef::describe() const
{
    if (!env.empty())
        return "env " + env;
    if (!file.empty())
        return "file " + file.string();
    return "not set";
}

}  // namespace frr::core
