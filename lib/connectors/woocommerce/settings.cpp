#include "connectors/woocommerce/settings.hpp"

#include "core/redact.hpp"
#include "core/yaml_reader.hpp"
#include "net/url.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace frr::connectors::woocommerce {

std::shared_ptr<const core::ConnectorSettings> parse_settings(const core::YamlReader& r)
{
    auto out = std::make_shared<Settings>();
    r.allow_only({"kind", "base_url", "auth", "page_size", "requests_per_second"});
    out->base_url = r.required_str("base_url");
    out->page_size = r.integer("page_size", out->page_size, 1, 100);
    out->requests_per_second = r.integer("requests_per_second", out->requests_per_second, 1, 100);
    auto auth = r.child("auth");
    auth.allow_only({}, {"consumer_key", "consumer_secret"});
    out->consumer_key = auth.secret("consumer_key", "FRR_WOOCOMMERCE_CONSUMER_KEY");
    out->consumer_secret = auth.secret("consumer_secret", "FRR_WOOCOMMERCE_CONSUMER_SECRET");
    if (out->consumer_key.empty() || out->consumer_secret.empty())
        auth.fail_at(YAML::Node(), out->consumer_key.empty() ? "consumer_key_env" : "consumer_secret_env",
                     "is required: WooCommerce's REST API takes a consumer key and secret",
                     fmt::format("add 'consumer_key_env: FRR_WOOCOMMERCE_CONSUMER_KEY' and "
                                 "'consumer_secret_env: FRR_WOOCOMMERCE_CONSUMER_SECRET' under {} "
                                 "(WooCommerce > Settings > Advanced > REST API, a Read key)",
                                 auth.key_path("")));
    return out;
}

std::string Settings::effective_base_url() const
{
    const char* env = std::getenv("FRR_WOOCOMMERCE_BASE_URL");
    auto url = env != nullptr && *env != '\0' ? std::string(env) : base_url;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

std::string Settings::account() const
{
    return net::url_host(base_url);
}

std::vector<const core::SecretRef*> Settings::secrets() const
{
    return {&consumer_key, &consumer_secret};
}

std::string Settings::describe() const
{
    return fmt::format("{} (REST API v3), auth: consumer key ({}) and secret ({}), {} requests/s at most",
                       core::redact_url(effective_base_url()), consumer_key.describe(),
                       consumer_secret.describe(), requests_per_second);
}

}  // namespace frr::connectors::woocommerce
