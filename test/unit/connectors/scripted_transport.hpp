#pragma once
// A transport that answers from a script and records what was sent.
#include "net/http.hpp"

#include <algorithm>
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
    // A 200 whose transfer breaks after `at` bytes of `body` (a reset, as libcurl reports it).
    void cut(std::string body, std::size_t at)
    {
        reply(200, body.substr(0, at));
        m_cut.push_back(m_script.size() - 1 + m_served);
    }
    // A request with a body_sink gets a 2xx body through it, in pieces of this many bytes.
    void stream_in_pieces(std::size_t piece) { m_piece = piece; }

    net::HttpResult send(const net::HttpRequest& request) override
    {
        std::lock_guard lock(m_mutex);
        m_sent.push_back(request);
        if (m_script.empty())
            throw std::runtime_error("script exhausted at " + request.url);
        auto r = std::move(m_script.front());
        m_script.pop_front();
        const bool cut = std::find(m_cut.begin(), m_cut.end(), m_served++) != m_cut.end();
        if (r.response && !net::hand_to_sink(request, *r.response, m_piece))
            return net::HttpResult{std::nullopt,
                                   net::TransportError{net::TransportErrorKind::stopped, "stopped"}};
        if (cut)
            return net::HttpResult{
                std::nullopt, net::TransportError{net::TransportErrorKind::reset, "scripted cut transfer"}};
        return r;
    }
    const std::vector<net::HttpRequest>& sent() const { return m_sent; }
    std::size_t remaining() const { return m_script.size(); }

private:
    std::mutex m_mutex;
    std::deque<net::HttpResult> m_script;
    std::vector<net::HttpRequest> m_sent;
    std::vector<std::size_t> m_cut;  // indexes (in the order served) of the cut replies
    std::size_t m_served = 0;
    std::size_t m_piece = static_cast<std::size_t>(-1);
};

inline std::string header_of(const net::HttpRequest& r, const std::string& name)
{
    for (const auto& [k, v] : r.headers)
        if (k == name)
            return v;
    return {};
}

}  // namespace frr::test
