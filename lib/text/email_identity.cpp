#include "text/email_identity.hpp"

#include "text/utf8.hpp"

#include <cstdlib>
#include <idn2.h>
#include <memory>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace frr::text {

namespace {

struct FreeDeleter {
    void operator()(char* p) const { idn2_free(p); }
};
using IdnString = std::unique_ptr<char, FreeDeleter>;

bool is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim_ascii(std::string_view s)
{
    while (!s.empty() && is_ascii_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_ascii_space(s.back()))
        s.remove_suffix(1);
    return s;
}

// Canonical caseless form (Unicode 3.13, D145): NFD, full case folding, then NFC so that the
// result is the composed spelling people and platforms store.
std::string fold(const icu::UnicodeString& in)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status))
        return to_valid_utf8(ascii_lower([&] {
            std::string s;
            in.toUTF8String(s);
            return s;
        }()));
    icu::UnicodeString s = nfd->normalize(in, status);
    s.foldCase(U_FOLD_CASE_DEFAULT);
    s = nfc->normalize(s, status);
    std::string out;
    s.toUTF8String(out);
    return out;
}

std::string fold_domain(const icu::UnicodeString& domain)
{
    std::string utf8;
    domain.toUTF8String(utf8);
    char* ascii = nullptr;
    // UTS #46 mapping (case folding and NFC of domain names) then IDNA2008 to A-labels.
    const int rc = idn2_to_ascii_8z(utf8.c_str(), &ascii, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
    IdnString owned(ascii);
    if (rc == IDN2_OK && ascii != nullptr)
        return ascii_lower(ascii);
    return fold(domain);
}

}  // namespace

std::string email_identity(std::string_view email)
{
    if (is_ascii(email)) {
        // Same result as the Unicode path for ASCII: trim, lower case; an ASCII domain (A-labels
        // included) is already its IDNA ASCII form once lower-cased.
        return ascii_lower(trim_ascii(email));
    }
    icu::UnicodeString s =
        icu::UnicodeString::fromUTF8(icu::StringPiece(email.data(), static_cast<int32_t>(email.size())));
    int32_t begin = 0, end = s.length();
    while (begin < end && u_isUWhiteSpace(s.char32At(begin)))
        begin = s.moveIndex32(begin, 1);
    while (end > begin) {
        const int32_t last = s.moveIndex32(end, -1);
        if (!u_isUWhiteSpace(s.char32At(last)))
            break;
        end = last;
    }
    s = icu::UnicodeString(s, begin, end - begin);
    const int32_t at = s.lastIndexOf(u'@');
    if (at < 0)
        return fold(s);
    std::string out = fold(icu::UnicodeString(s, 0, at));
    out += '@';
    out += fold_domain(icu::UnicodeString(s, at + 1));
    return out;
}

std::string email_display(std::string_view identity)
{
    const auto at = identity.rfind('@');
    if (at == std::string_view::npos)
        return to_valid_utf8(identity);
    std::string domain(identity.substr(at + 1));
    if (domain.find("xn--") == std::string::npos)
        return to_valid_utf8(identity);
    char* unicode = nullptr;
    const int rc = idn2_to_unicode_8z8z(domain.c_str(), &unicode, 0);
    IdnString owned(unicode);
    std::string out(identity.substr(0, at + 1));
    out += rc == IDN2_OK && unicode != nullptr ? std::string(unicode) : domain;
    return to_valid_utf8(out);
}

std::vector<std::string> email_lookup_forms(std::string_view identity)
{
    std::vector<std::string> forms{std::string(identity)};
    std::string display = email_display(identity);
    if (display != identity)
        forms.push_back(std::move(display));
    return forms;
}

std::string mask_email(std::string_view email)
{
    if (email.empty())
        return {};
    const auto at = email.rfind('@');
    if (at == std::string_view::npos || at == 0)
        return "***";
    std::string out(utf8_prefix(email, 1));
    out += "***";
    // The domain as people read it; an A-label domain shows in Unicode.
    const std::string shown = email_display(std::string("x") + std::string(email.substr(at)));
    out += std::string_view(shown).substr(1);
    return to_valid_utf8(out);
}

}  // namespace frr::text
