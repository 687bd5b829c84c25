#include "connectors/shopify/auth.hpp"

#include "net/oauth_wire.hpp"

namespace frr::connectors::shopify {

namespace {

// Both grants go to the shop's token endpoint.
std::string token_url(const Settings& config)
{
    return net::join_url(config.effective_base_url(), "/admin/oauth/access_token");
}

}  // namespace

std::unique_ptr<net::TokenProvider> make_tokens(const Settings& config, const core::StateDir& state,
                                                const net::RequestContext& context)
{
    switch (config.auth) {
    case AuthMode::static_token: return std::make_unique<net::StaticToken>(config.access_token.resolve());
    case AuthMode::client_credentials: {
        net::ClientCredentialsOptions o;
        o.token_url = token_url(config);
        o.client_id = config.client_id.resolve();
        o.client_secret = config.client_secret.resolve();
        o.platform = "shopify";
        o.secret_env = config.client_secret.describe();
        return std::make_unique<net::ClientCredentialsGrant>(context, std::move(o));
    }
    case AuthMode::refresh_token: {
        net::RefreshTokenOptions o;
        o.style = net::RefreshStyle::json_body;
        o.platform = "shopify";
        o.token_url = token_url(config);
        o.client_id = config.client_id.resolve();
        o.client_secret = config.client_secret.resolve();
        o.refresh_token = config.refresh_token.resolve();
        o.refresh_token_env = config.refresh_token.describe();
        o.cache_path = state.path("shopify-token.json");
        return std::make_unique<net::RefreshTokenProvider>(context, std::move(o));
    }
    }
    return nullptr;
}

}  // namespace frr::connectors::shopify
