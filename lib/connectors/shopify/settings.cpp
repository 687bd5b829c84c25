#include "connectors/shopify/settings.hpp"

#include "core/redact.hpp"
#include "core/yaml_reader.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace frr::connectors::shopify {

const char* to_string(AuthMode m)
{
    switch (m) {
    case AuthMode::static_token: return "static_token";
    case AuthMode::client_credentials: return "client_credentials";
    case AuthMode::refresh_token: return "refresh_token";
    }
    return "static_token";
}

std::shared_ptr<const core::ConnectorSettings> parse_settings(const core::YamlReader& r)
{
    auto out = std::make_shared<Settings>();
    r.allow_only({"kind", "shop", "api_version", "base_url", "auth", "page_size", "bulk_threshold"});
    out->shop = r.required_str("shop");
    out->api_version = r.str("api_version", out->api_version);
    out->base_url = r.str("base_url", "");
    out->page_size = r.integer("page_size", out->page_size, 1, 250);
    out->bulk_threshold = r.integer("bulk_threshold", static_cast<int>(out->bulk_threshold), 0, 100'000'000);
    auto auth = r.child("auth");
    auth.allow_only({"mode"}, {"access_token", "client_id", "client_secret", "refresh_token"});
    auto mode = auth.str("mode", "static_token");
    out->access_token = auth.secret("access_token", "FRR_SHOPIFY_ACCESS_TOKEN");
    out->client_id = auth.secret("client_id", "FRR_SHOPIFY_CLIENT_ID");
    out->client_secret = auth.secret("client_secret", "FRR_SHOPIFY_CLIENT_SECRET");
    out->refresh_token = auth.secret("refresh_token", "FRR_SHOPIFY_REFRESH_TOKEN");
    if (mode == "static_token") {
        out->auth = AuthMode::static_token;
        if (out->access_token.empty())
            auth.fail_at(
                YAML::Node(), "access_token_env", "is required for mode static_token",
                fmt::format("add 'access_token_env: FRR_SHOPIFY_ACCESS_TOKEN' under {}", auth.key_path("")));
    } else if (mode == "client_credentials" || mode == "refresh_token") {
        out->auth = mode == "client_credentials" ? AuthMode::client_credentials : AuthMode::refresh_token;
        if (out->client_id.empty() || out->client_secret.empty())
            auth.fail_at(YAML::Node(), "client_id_env",
                         fmt::format("and client_secret_env are required for mode {}", mode));
        if (mode == "refresh_token" && out->refresh_token.empty())
            auth.fail_at(YAML::Node(), "refresh_token_env", "is required for mode refresh_token");
    } else {
        auth.fail_at(YAML::Node(), "mode", fmt::format("'{}' is not an auth mode", mode),
                     "use static_token, client_credentials or refresh_token");
    }
    return out;
}

std::string Settings::effective_base_url() const
{
    const char* env = std::getenv("FRR_SHOPIFY_BASE_URL");
    auto url =
        env != nullptr && *env != '\0' ? std::string(env) : (base_url.empty() ? "https://" + shop : base_url);
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

std::vector<const core::SecretRef*> Settings::secrets() const
{
    return {&access_token, &client_id, &client_secret, &refresh_token};
}

std::string Settings::describe() const
{
    std::string how;
    switch (auth) {
    case AuthMode::static_token: how = fmt::format("static token ({})", access_token.describe()); break;
    case AuthMode::client_credentials:
        how = fmt::format("client credentials (id {}, secret {})", client_id.describe(),
                          client_secret.describe());
        break;
    case AuthMode::refresh_token:
        how = fmt::format("refresh token ({}; rotated value cached in the state directory)",
                          refresh_token.describe());
        break;
    }
    return fmt::format("{} via {}, API {}, auth: {}", shop, core::redact_url(effective_base_url()),
                       api_version, how);
}

}  // namespace frr::connectors::shopify
