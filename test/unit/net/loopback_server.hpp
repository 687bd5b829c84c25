#pragma once
// An httplib server on 127.0.0.1 and a port the system picks, listening in a
// background thread for the lifetime of the object. Routes are registered on
// server() before start().
#include <httplib.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

namespace frr::net::test {

class LoopbackServer {
public:
    LoopbackServer() = default;
    ~LoopbackServer()
    {
        m_server.stop();
        if (m_thread.joinable())
            m_thread.join();
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    httplib::Server& server() { return m_server; }

    void start()
    {
        m_port = m_server.bind_to_any_port("127.0.0.1");
        if (m_port <= 0)
            throw std::runtime_error("cannot bind a loopback port");
        m_thread = std::thread([this] {
            m_server.listen_after_bind();
            m_finished = true;
        });
        // stop() before the accept loop runs would be lost and the join would
        // hang, so wait until it runs (or has already given up).
        while (!m_server.is_running() && !m_finished)
            std::this_thread::yield();
    }

    int port() const { return m_port; }
    std::string url(const std::string& path = "") const
    {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::atomic<bool> m_finished{false};
};

}  // namespace frr::net::test
