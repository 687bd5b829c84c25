#include "delivery/mime.hpp"

#include "core/hmac.hpp"

#include <date/date.h>
#include <fmt/format.h>

namespace frr::delivery {

namespace {

constexpr std::size_t k_base64_line = 76;
// "=?UTF-8?B?" + "?=" is 12 characters; 75 - 12 = 63 base64 characters, so
// at most 45 input bytes per word (a multiple of 3: no padding mid-subject).
constexpr std::size_t k_word_bytes = 45;

std::string wrapped_base64(std::string_view data)
{
    auto encoded = core::base64(data);
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); i += k_base64_line)
        out += encoded.substr(i, k_base64_line) + "\r\n";
    return out;
}

bool is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep)
{
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : std::string(sep)) + p;
    return out;
}

}  // namespace

std::string encode_subject(std::string_view subject)
{
    std::string out;
    std::size_t i = 0;
    while (i < subject.size()) {
        std::size_t end = std::min(subject.size(), i + k_word_bytes);
        while (end < subject.size() && end > i && is_continuation(static_cast<unsigned char>(subject[end])))
            --end;
        if (!out.empty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + core::base64(subject.substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string rfc5322_date(core::TimePoint t)
{
    return date::format("%a, %d %b %Y %H:%M:%S +0000", t);
}

std::string domain_of(std::string_view address)
{
    auto at = address.rfind('@');
    auto domain = at == std::string_view::npos ? std::string_view("frr.invalid") : address.substr(at + 1);
    while (!domain.empty() && domain.back() == '>')
        domain.remove_suffix(1);
    return std::string(domain.empty() ? "frr.invalid" : domain);
}

std::string message_id_for(const std::string& report_id, const std::string& from,
                           const std::vector<std::string>& to)
{
    auto digest = core::hmac_sha256_hex("frr-message-id", from + "\n" + join(to, ","));
    return fmt::format("<frr.{}.{}@{}>", report_id, digest.substr(0, 16), domain_of(from));
}

std::string build_message(const MailHeaders& h, const std::string& text, const std::string& html)
{
    auto boundary = "frr-" + core::hmac_sha256_hex("frr-boundary", h.message_id).substr(0, 24);
    std::string m;
    m += "Date: " + rfc5322_date(h.date) + "\r\n";
    m += "From: " + h.from + "\r\n";
    m += "To: " + join(h.to, ", ") + "\r\n";
    m += "Subject: " + encode_subject(h.subject) + "\r\n";
    m += "Message-ID: " + h.message_id + "\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Auto-Submitted: auto-generated\r\n";
    m += "X-Frr-Report-Id: " + h.report_id + "\r\n";
    m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
    m += "\r\n";
    m += "This is a multi-part message in MIME format.\r\n";
    m += "--" + boundary + "\r\n";
    m += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    m += wrapped_base64(text);
    m += "--" + boundary + "\r\n";
    m += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    m += wrapped_base64(html);
    m += "--" + boundary + "--\r\n";
    return m;
}

}  // namespace frr::delivery
