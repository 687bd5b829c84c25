#include "net/retry.hpp"

#include "core/random.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace frr::net {

using std::chrono::milliseconds;

RetryPolicy::RetryPolicy(RetryOptions options) : m_options(options)
{
    m_options.max_attempts = std::max(1, m_options.max_attempts);
    m_options.max_throttled = std::max(1, m_options.max_throttled);
    m_options.base_delay = std::max(milliseconds{0}, m_options.base_delay);
    m_options.max_delay = std::max(m_options.base_delay, m_options.max_delay);
    m_options.max_retry_after = std::max(milliseconds{0}, m_options.max_retry_after);
}

milliseconds RetryPolicy::backoff_ceiling(int attempt) const
{
    // 2^62 ms overflows nothing in double and is far past any cap.
    const int exponent = std::clamp(attempt - 1, 0, 62);
    const double ceiling = static_cast<double>(m_options.base_delay.count()) * std::ldexp(1.0, exponent);
    const double cap = static_cast<double>(m_options.max_delay.count());
    return milliseconds{static_cast<milliseconds::rep>(std::min(ceiling, cap))};
}

milliseconds RetryPolicy::next_delay(int attempt, std::optional<milliseconds> retry_after,
                                     core::Random& random) const
{
    if (retry_after)
        return std::clamp(*retry_after, milliseconds{0}, m_options.max_retry_after);
    const double ceiling = static_cast<double>(backoff_ceiling(attempt).count());
    return milliseconds{static_cast<milliseconds::rep>(std::floor(random.uniform() * ceiling))};
}

std::optional<core::TimePoint> parse_http_date(std::string_view value)
{
    // Every HTTP-date form names a day or month; curl_getdate is lenient enough
    // to read "1.5" as a time of day, so bare numbers are turned away first.
    auto is_letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (std::none_of(value.begin(), value.end(), is_letter))
        return std::nullopt;
    // curl_getdate understands all three HTTP-date forms; it needs a C string.
    const std::string text(value);
    const time_t parsed = curl_getdate(text.c_str(), nullptr);
    if (parsed == -1)
        return std::nullopt;
    return core::TimePoint{std::chrono::seconds{parsed}};
}

std::optional<milliseconds> parse_retry_after(std::string_view value,
                                              std::optional<core::TimePoint> reference)
{
    while (!value.empty() && value.front() == ' ')
        value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ')
        value.remove_suffix(1);
    if (value.empty())
        return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        long long seconds = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (ec != std::errc{} || ptr != value.data() + value.size())
            return std::nullopt;  // absurdly long: ignore rather than trust
        // A day is already beyond any cap; clamping keeps the milliseconds in range.
        return milliseconds{std::min(seconds, 86'400LL) * 1000};
    }
    auto date = parse_http_date(value);
    if (!date || !reference)
        return std::nullopt;
    return std::max(milliseconds{0}, std::chrono::duration_cast<milliseconds>(*date - *reference));
}

std::optional<milliseconds> retry_after_of(const HttpResponse& response)
{
    auto value = response.header("retry-after");
    if (!value)
        return std::nullopt;
    std::optional<core::TimePoint> reference;
    if (auto date = response.header("date"))
        reference = parse_http_date(*date);
    return parse_retry_after(*value, reference);
}

Verdict classify_status(long status)
{
    if (status == 429)
        return Verdict::throttled;
    switch (status) {
    case 408:  // request timeout
    case 425:  // too early
    case 500:
    case 502:
    case 503:
    case 504:
    case 530:  // Cloudflare: origin DNS error
        return Verdict::retry;
    default: break;
    }
    if (status >= 520 && status <= 524)  // Cloudflare: origin unreachable or slow
        return Verdict::retry;
    return Verdict::done;
}

Verdict classify_error(TransportErrorKind kind)
{
    switch (kind) {
    case TransportErrorKind::connect:
    case TransportErrorKind::timeout:
    case TransportErrorKind::reset: return Verdict::retry;
    case TransportErrorKind::tls:
    case TransportErrorKind::insecure_url:
    case TransportErrorKind::stopped:
    case TransportErrorKind::other: break;
    }
    return Verdict::done;
}

Verdict classify_result(const HttpResult& result)
{
    if (result.response)
        return classify_status(result.response->status);
    if (result.error)
        return classify_error(result.error->kind);
    return Verdict::done;
}

}  // namespace frr::net
