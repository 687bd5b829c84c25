#include "model/email.hpp"

#include "core/hmac.hpp"

#include <cctype>

namespace frr::model {

std::string normalize_email(std::string_view email)
{
    std::size_t b = 0, e = email.size();
    while (b < e && std::isspace(static_cast<unsigned char>(email[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(email[e - 1])))
        --e;
    std::string out(email.substr(b, e - b));
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string EmailHasher::hash(std::string_view email) const
{
    auto normal = normalize_email(email);
    if (normal.empty())
        return {};
    return core::hmac_sha256_hex(m_key, normal);
}

}  // namespace frr::model
