// Plain-language wording shared by every format: status names, colours and
// the noun phrases of CONTRACTS.md section 4's defect kinds.
#include "report/view.hpp"

#include "text/utf8.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace frr::report {

namespace {

struct KindPhrase {
    const char* kind;
    const char* singular;
    const char* plural;
};

constexpr std::array<KindPhrase, 17> k_phrases{{
    {"order_missing_event", "order missing in {destination}", "orders missing in {destination}"},
    {"order_event_late", "order that reached {destination} late", "orders that reached {destination} late"},
    {"order_event_duplicate", "order recorded twice in {destination}",
     "orders recorded twice in {destination}"},
    {"order_value_mismatch", "order with the wrong value in {destination}",
     "orders with the wrong value in {destination}"},
    {"order_items_missing", "order missing products in {destination}",
     "orders missing products in {destination}"},
    {"customer_missing_profile", "customer missing in {destination}", "customers missing in {destination}"},
    {"consent_mismatch", "customer whose email consent differs in {destination}",
     "customers whose email consent differs in {destination}"},
    {"sync_stalled", "stalled sync into {destination}", "stalled syncs into {destination}"},
    {"audience_drop", "{destination} list or segment that shrank sharply",
     "{destination} lists or segments that shrank sharply"},
    {"volume_gap", "day with orders missing in {destination}", "days with orders missing in {destination}"},
    {"checkout_missing_event", "abandoned checkout missing in {destination}",
     "abandoned checkouts missing in {destination}"},
    {"fulfillment_missing_event", "fulfilment missing in {destination}",
     "fulfilments missing in {destination}"},
    {"cancellation_missing_event", "cancellation missing in {destination}",
     "cancellations missing in {destination}"},
    {"refund_missing_event", "refund missing in {destination}", "refunds missing in {destination}"},
    {"subscriber_missing_from_list", "new subscriber missing from the {destination} list",
     "new subscribers missing from the {destination} list"},
    {"flow_not_live", "flow switched off in {destination}", "flows switched off in {destination}"},
    {"flow_silent", "flow that stopped sending emails", "flows that stopped sending emails"},
}};

// Bytes of non-ASCII characters count as email characters (internationalised addresses), so a
// local part is never cut inside a character and masked only after its first whole one.
bool is_email_char(char c)
{
    auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) != 0 || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' ||
        c == '\'';
}

}  // namespace

std::string describe_count(const model::Vocabulary& words, std::size_t count, const std::string& kind,
                           const std::string& fallback_title)
{
    for (const auto& p : k_phrases)
        if (kind == p.kind)
            return fmt::format("{} {}", count,
                               fmt::format(fmt::runtime(count == 1 ? p.singular : p.plural),
                                           fmt::arg("destination", words.destination)));
    if (count == 0)
        return fallback_title;
    return fmt::format("{}: {} affected", fallback_title, count);
}

std::string status_label(const std::string& status)
{
    if (status == "ok")
        return "HEALTHY";
    if (status == "warn")
        return "WARNING";
    if (status == "critical")
        return "CRITICAL";
    if (status == "incomplete")
        return "INCOMPLETE";
    if (status == "paused")
        return "PAUSED";
    return "UNKNOWN";
}

// Colours with enough contrast on white and on the dark-mode background.
std::string status_colour(const std::string& status)
{
    if (status == "ok")
        return "#1a7f37";
    if (status == "warn")
        return "#b35900";
    if (status == "critical")
        return "#cf222e";
    if (status == "incomplete")
        return "#0969da";
    if (status == "paused")
        return "#9a6700";
    return "#6e7781";
}

std::string mask_emails_in(std::string_view text)
{
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        auto at = text.find('@', i);
        if (at == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        std::size_t start = at;
        while (start > i && is_email_char(text[start - 1]))
            --start;
        std::size_t end = at + 1;
        while (end < text.size() && (is_email_char(text[end])))
            ++end;
        while (end > at + 1 && text[end - 1] == '.')  // a sentence's full stop
            --end;
        bool looks_like_email =
            start < at && text.substr(at + 1, end - at - 1).find('.') != std::string_view::npos;
        out.append(text.substr(i, start - i));
        if (looks_like_email &&
            !(at - start >= 1 && text.substr(start, at - start).find("***") != std::string_view::npos))
            out += std::string(frr::text::utf8_prefix(text.substr(start), 1)) + "***" +
                std::string(text.substr(at, end - at));
        else
            out.append(text.substr(start, end - start));
        i = end;
    }
    return out;
}

}  // namespace frr::report
