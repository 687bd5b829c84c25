#include "delivery/heartbeat.hpp"

#include "net/executor.hpp"
#include "net/url.hpp"

#include <fmt/format.h>

namespace frr::delivery {

std::string heartbeat_url(const std::string& base, HeartbeatEvent event)
{
    std::string url = base;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    switch (event) {
    case HeartbeatEvent::start: return url + "/start";
    case HeartbeatEvent::failure: return url + "/fail";
    case HeartbeatEvent::success: break;
    }
    return url;
}

bool ping_heartbeat(const DeliveryEnv& env, const std::string& base_url, HeartbeatEvent event,
                    const std::string& message)
{
    const char* what = event == HeartbeatEvent::start ? "start"
        : event == HeartbeatEvent::success            ? "success"
                                                      : "fail";
    auto host = net::url_host(base_url);
    if (!net::is_allowed_url(base_url)) {
        env.logger.warn("heartbeat", fmt::format("not pinging {}: the URL must be https://", host));
        return false;
    }
    try {
        net::HttpRequest request;
        request.method = "POST";
        request.url = heartbeat_url(base_url, event);
        request.body = message.substr(0, 10'000);
        request.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
        request.total_timeout = std::chrono::seconds(15);
        net::RequestStats stats;
        auto ex = net::execute(env.transport, request, env.policy, env.sleeper, env.random, stats);
        if (ex.result.response && ex.result.response->status >= 200 && ex.result.response->status < 300) {
            env.logger.debug("heartbeat", fmt::format("{} ping to {} accepted", what, host));
            return true;
        }
        auto why = ex.result.response ? fmt::format("HTTP {}", ex.result.response->status)
                                      : ex.result.error->message;
        env.logger.warn(
            "heartbeat",
            fmt::format("{} ping to {} failed after {} attempt(s): {}", what, host, ex.attempts, why));
    } catch (const std::exception& e) {
        env.logger.warn("heartbeat", fmt::format("{} ping to {} failed: {}", what, host, e.what()));
    }
    return false;
}

}  // namespace frr::delivery
