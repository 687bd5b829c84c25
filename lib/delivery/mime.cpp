#include "delivery/mime.hpp"

#include "core/error.hpp"
#include "core/hmac.hpp"

#include <fmt/format.h>
#include <gmime/gmime.h>

#include <memory>
#include <mutex>

namespace frr::delivery {

namespace {

void ensure_gmime()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

struct GFree {
    void operator()(char* p) const { g_free(p); }
};
using GString = std::unique_ptr<char, GFree>;

struct ObjectUnref {
    void operator()(void* p) const { g_object_unref(p); }
};
using AddressList = std::unique_ptr<InternetAddressList, ObjectUnref>;

bool plausible(std::string_view addr)
{
    const auto at = addr.rfind('@');
    return at != std::string_view::npos && at > 0 && at + 1 < addr.size() &&
        addr.find_first_of(" \t\r\n<>") == std::string_view::npos;
}

[[noreturn]] void refuse(const std::string& text, const std::string& key)
{
    throw core::Error(core::ExitCode::config, fmt::format("'{}' is not an e-mail address", text), key,
                      "write it as reports@example.com or \"Name\" <reports@example.com>");
}

}  // namespace

std::vector<Mailbox> parse_mailboxes(const std::vector<std::string>& entries, const std::string& key)
{
    ensure_gmime();
    std::vector<Mailbox> out;
    for (const auto& text : entries) {
        AddressList list(internet_address_list_parse(nullptr, text.c_str()));
        const int n = list ? internet_address_list_length(list.get()) : 0;
        if (n == 0)
            refuse(text, key);
        for (int i = 0; i < n; ++i) {
            auto* address = internet_address_list_get_address(list.get(), i);
            if (!INTERNET_ADDRESS_IS_MAILBOX(address))
                refuse(text, key);  // a group ("team: a@b, c@d;") has no single envelope address
            auto* mailbox = INTERNET_ADDRESS_MAILBOX(address);
            const char* addr = internet_address_mailbox_get_addr(mailbox);
            const char* idn = internet_address_mailbox_get_idn_addr(mailbox);
            if (!addr || !idn || !plausible(addr) || !plausible(idn))
                refuse(text, key);
            GString header(internet_address_to_string(address, nullptr, TRUE));
            out.push_back({header ? header.get() : addr, idn});
        }
    }
    return out;
}

Mailbox parse_mailbox(const std::string& text, const std::string& key)
{
    auto all = parse_mailboxes({text}, key);
    if (all.size() != 1)
        throw core::Error(core::ExitCode::config, fmt::format("'{}' is more than one address", text), key,
                          "give a single sender address");
    return all.front();
}

std::string encoded_header(std::string_view name, std::string_view value)
{
    ensure_gmime();
    const std::string text(value);
    GString encoded(g_mime_utils_header_encode_text(nullptr, text.c_str(), "utf-8"));
    const auto line = fmt::format("{}: {}", name, encoded ? encoded.get() : text.c_str());
    GString folded(g_mime_utils_unstructured_header_fold(nullptr, nullptr, line.c_str()));
    std::string out = folded ? folded.get() : line;
    // GMime folds with a bare LF; the message is CRLF throughout.
    std::string crlf;
    for (char c : out) {
        if (c == '\n')
            crlf += "\r\n";
        else
            crlf += c;
    }
    while (crlf.ends_with("\r\n"))
        crlf.resize(crlf.size() - 2);
    return crlf;
}

std::string rfc5322_date(core::TimePoint t)
{
    ensure_gmime();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    std::unique_ptr<GDateTime, void (*)(GDateTime*)> when(g_date_time_new_from_unix_utc(seconds),
                                                          g_date_time_unref);
    if (!when)
        throw core::Error(core::ExitCode::internal, "date out of range for the Date header");
    GString text(g_mime_utils_header_format_date(when.get()));
    return text ? text.get() : "";
}

std::string domain_of(std::string_view address)
{
    auto at = address.rfind('@');
    auto domain = at == std::string_view::npos ? std::string_view("frr.invalid") : address.substr(at + 1);
    while (!domain.empty() && domain.back() == '>')
        domain.remove_suffix(1);
    return std::string(domain.empty() ? "frr.invalid" : domain);
}

std::string message_id_for(const std::string& report_id, const std::string& store_key, const Mailbox& from,
                           const std::vector<Mailbox>& to)
{
    std::string recipients;
    for (const auto& m : to)
        recipients += (recipients.empty() ? "" : ",") + m.envelope;
    auto digest =
        core::hmac_sha256_hex("frr-message-id", store_key + "\n" + from.envelope + "\n" + recipients);
    return fmt::format("<frr.{}.{}@{}>", report_id, digest.substr(0, 20), domain_of(from.envelope));
}

}  // namespace frr::delivery
