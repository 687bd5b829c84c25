#include "pipeline/fetch_auth.hpp"

namespace frr::pipeline {

std::unique_ptr<net::TokenProvider> shopify_tokens(const connectors::shopify::Settings& config,
                                                   const core::StateDir& state,
                                                   const net::RequestContext& context)
{
    switch (config.auth) {
    case connectors::shopify::AuthMode::static_token:
        return std::make_unique<net::StaticToken>(config.access_token.resolve());
    case connectors::shopify::AuthMode::client_credentials: {
        net::ClientCredentialsOptions o;
        o.base_url = config.effective_base_url();
        o.client_id = config.client_id.resolve();
        o.client_secret = config.client_secret.resolve();
        o.secret_env = config.client_secret.describe();
        return std::make_unique<net::ShopifyClientCredentials>(context, std::move(o));
    }
    case connectors::shopify::AuthMode::refresh_token: {
        net::RefreshTokenOptions o;
        o.style = net::RefreshStyle::shopify_json;
        o.platform = "shopify";
        o.base_url = config.effective_base_url();
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

std::unique_ptr<net::TokenProvider> klaviyo_tokens(const connectors::klaviyo::Settings& config,
                                                   const core::StateDir& state,
                                                   const net::RequestContext& context)
{
    if (config.auth == connectors::klaviyo::AuthMode::private_key)
        return std::make_unique<net::StaticToken>(config.private_key.resolve());
    net::RefreshTokenOptions o;
    o.style = net::RefreshStyle::klaviyo_basic;
    o.platform = "klaviyo";
    o.base_url = config.effective_base_url();
    o.client_id = config.client_id.resolve();
    o.client_secret = config.client_secret.resolve();
    o.refresh_token = config.refresh_token.resolve();
    o.refresh_token_env = config.refresh_token.describe();
    o.cache_path = state.path("klaviyo-token.json");
    return std::make_unique<net::RefreshTokenProvider>(context, std::move(o));
}

}  // namespace frr::pipeline
