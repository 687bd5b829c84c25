#include "model/email.hpp"

#include "core/hmac.hpp"
#include "text/email_identity.hpp"

namespace frr::model {

std::string normalize_email(std::string_view email)
{
    return text::email_identity(email);
}

std::string EmailHasher::hash(std::string_view email) const
{
    auto normal = normalize_email(email);
    if (normal.empty())
        return {};
    return core::hmac_sha256_hex(m_key, normal);
}

}  // namespace frr::model
