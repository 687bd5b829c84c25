#include "connectors/klaviyo/auth.hpp"

#include "net/oauth_wire.hpp"

namespace frr::connectors::klaviyo {

std::unique_ptr<net::TokenProvider> make_tokens(const Settings& config, const core::StateDir& state,
                                                const net::RequestContext& context)
{
    if (config.auth == AuthMode::private_key)
        return std::make_unique<net::StaticToken>(config.private_key.resolve());
    net::RefreshTokenOptions o;
    o.style = net::RefreshStyle::basic_auth_form;
    o.platform = "klaviyo";
    o.token_url = net::join_url(config.effective_base_url(), "/oauth/token");
    o.client_id = config.client_id.resolve();
    o.client_secret = config.client_secret.resolve();
    o.refresh_token = config.refresh_token.resolve();
    o.refresh_token_env = config.refresh_token.describe();
    o.cache_path = state.path("klaviyo-token.json");
    return std::make_unique<net::RefreshTokenProvider>(context, std::move(o));
}

}  // namespace frr::connectors::klaviyo
