#pragma once
// A transport that answers from a script and records what was sent.
#include "net/http.hpp"

#include <deque>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace frr::test {

class ScriptedTransport final : public net::HttpTransport {
public:
    void reply(long status, std::string body, net::Headers headers = {})
    {
        net::HttpResult r;
        r.response = net::HttpResponse{status, std::move(headers), std::move(body)};
        m_script.push_back(std::move(r));
    }
    void fail(net::TransportErrorKind kind)
    {
        net::HttpResult r;
        r.error = net::TransportError{kind, "scripted failure"};
        m_script.push_back(std::move(r));
    }
    net::HttpResult send(const net::HttpRequest& request) override
    {
        std::lock_guard lock(m_mutex);
        m_sent.push_back(request);
        if (m_script.empty())
            throw std::runtime_error("script exhausted at " + request.url);
        auto r = std::move(m_script.front());
        m_script.pop_front();
        return r;
    }
    const std::vector<net::HttpRequest>& sent() const { return m_sent; }
    std::size_t remaining() const { return m_script.size(); }

private:
    std::mutex m_mutex;
    std::deque<net::HttpResult> m_script;
    std::vector<net::HttpRequest> m_sent;
};

inline std::string header_of(const net::HttpRequest& r, const std::string& name)
{
    for (const auto& [k, v] : r.headers)
        if (k == name)
            return v;
    return {};
}

}  // namespace frr::test
