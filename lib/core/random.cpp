#include "core/random.hpp"

#include "core/error.hpp"

#include <openssl/rand.h>

namespace frr::core {

double SystemRandom::uniform()
{
    std::lock_guard lock(m_mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_engine);
}

std::string SystemRandom::bytes(std::size_t n)
{
    std::string out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
        throw Error(ExitCode::internal, "the system random source failed", "OpenSSL RAND_bytes");
    return out;
}

double SeededRandom::uniform()
{
    std::lock_guard lock(m_mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_engine);
}

std::string SeededRandom::bytes(std::size_t n)
{
    std::lock_guard lock(m_mutex);
    std::string out(n, '\0');
    for (auto& c : out)
        c = static_cast<char>(m_engine() & 0xff);
    return out;
}

}  // namespace frr::core
