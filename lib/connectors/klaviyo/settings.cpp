#include "connectors/klaviyo/settings.hpp"

#include "core/redact.hpp"
#include "core/yaml_reader.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace frr::connectors::klaviyo {

const char* to_string(AuthMode m)
{
    return m == AuthMode::private_key ? "private_key" : "oauth";
}

std::shared_ptr<const core::ConnectorSettings> parse_settings(const core::YamlReader& r)
{
    auto out = std::make_shared<Settings>();
    r.allow_only({"kind", "revision", "base_url", "auth", "audiences", "subscriber_list"});
    out->revision = r.str("revision", out->revision);
    out->base_url = r.str("base_url", out->base_url);
    out->audiences = r.strings("audiences");
    out->subscriber_list = r.str("subscriber_list", "");
    auto auth = r.child("auth");
    auth.allow_only({"mode"}, {"private_key", "client_id", "client_secret", "refresh_token"});
    auto mode = auth.str("mode", "private_key");
    out->private_key = auth.secret("private_key", "FRR_KLAVIYO_PRIVATE_KEY");
    out->client_id = auth.secret("client_id", "FRR_KLAVIYO_CLIENT_ID");
    out->client_secret = auth.secret("client_secret", "FRR_KLAVIYO_CLIENT_SECRET");
    out->refresh_token = auth.secret("refresh_token", "FRR_KLAVIYO_REFRESH_TOKEN");
    if (mode == "private_key") {
        out->auth = AuthMode::private_key;
        if (out->private_key.empty())
            auth.fail_at(
                YAML::Node(), "private_key_env", "is required for mode private_key",
                fmt::format("add 'private_key_env: FRR_KLAVIYO_PRIVATE_KEY' under {}", auth.key_path("")));
    } else if (mode == "oauth") {
        out->auth = AuthMode::oauth;
        if (out->client_id.empty() || out->client_secret.empty() || out->refresh_token.empty())
            auth.fail_at(YAML::Node(), "refresh_token_env",
                         "client_id_env and client_secret_env are required for mode oauth");
    } else {
        auth.fail_at(YAML::Node(), "mode", fmt::format("'{}' is not an auth mode", mode),
                     "use private_key or oauth");
    }
    return out;
}

std::string Settings::effective_base_url() const
{
    const char* env = std::getenv("FRR_KLAVIYO_BASE_URL");
    auto url = env != nullptr && *env != '\0' ? std::string(env) : base_url;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

std::vector<const core::SecretRef*> Settings::secrets() const
{
    return {&private_key, &client_id, &client_secret, &refresh_token};
}

std::string Settings::describe() const
{
    auto how = auth == AuthMode::private_key
        ? fmt::format("private API key ({})", private_key.describe())
        : fmt::format("OAuth refresh token ({}; rotated value cached in the state directory)",
                      refresh_token.describe());
    return fmt::format("{} revision {}, auth: {}", core::redact_url(effective_base_url()), revision, how);
}

}  // namespace frr::connectors::klaviyo
