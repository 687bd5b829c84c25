#include "delivery_fixture.hpp"

#include "delivery/channels.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

namespace frr::test {

namespace {

delivery::DeliveryEnv make_env(DeliveryWorld& w, int max_attempts)
{
    core::DeliveryConfig config;
    config.max_attempts = max_attempts;
    config.base_delay = std::chrono::seconds(2);
    return delivery::DeliveryEnv{w.clock,  w.sleeper,   w.random,
                                 w.logger, w.transport, delivery::delivery_policy(config)};
}

}  // namespace

DeliveryWorld::DeliveryWorld(int max_attempts) : env(make_env(*this, max_attempts))
{
    logger.set_redactor(&redactor);
}

DeliveryWorld::~DeliveryWorld()
{
    if (log_file)
        std::fclose(log_file);
}

core::RunInfo DeliveryWorld::add_report(const std::string& as_of_iso, const std::string& status, int score)
{
    auto run = state.create_run(*core::parse_iso8601(as_of_iso));
    auto as_of_local = core::format_local(run.as_of, "Europe/London");
    auto subject = fmt::format("[frr] {} {}/100 \u2014 Test Store: report of {}",
                               status == "critical" ? "CRITICAL" : "HEALTHY", score, as_of_local);
    write_text(run.dir / "report.txt", subject + "\nThe plain text report of " + as_of_local + ".\n");
    write_text(run.dir / "report.html",
               "<!DOCTYPE html><html><body style=\"margin:0\"><p>HTML report of " + as_of_local +
                   "</p></body></html>\n");
    write_text(run.dir / "report.md", "# Report of " + as_of_local + "\n");
    write_text(
        run.dir / "report.json",
        fmt::format("{{\"schema\": \"frr.report/1\", \"report_id\": {}, \"as_of_local\": {}, \"status\": {}, "
                    "\"score\": {}, \"subject\": {}}}\n",
                    core::json_quote(run.id), core::json_quote(as_of_local), core::json_quote(status), score,
                    core::json_quote(subject)));
    return run;
}

std::string DeliveryWorld::logs() const
{
    std::fflush(log_file);
    std::rewind(log_file);
    std::string out;
    char buffer[4096];
    while (auto n = std::fread(buffer, 1, sizeof buffer, log_file))
        out.append(buffer, n);
    std::fseek(log_file, 0, SEEK_END);
    return out;
}

std::string DeliveryWorld::state_text() const
{
    std::string out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(state.root()))
        if (entry.is_regular_file())
            out += entry.path().string() + "\n" + read_text(entry.path()) + "\n";
    return out;
}

rapidjson::Document read_json(const std::filesystem::path& path)
{
    auto text = read_text(path);
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    return doc;
}

SmtpSink::SmtpSink(std::filesystem::path folder, const std::string& user, const std::string& password)
    : m_folder(std::move(folder))
{
    std::filesystem::create_directories(m_folder);
    auto script = (source_dir() / "test/unit/delivery/smtp_sink.py").string();
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::vector<std::string> args{"/usr/bin/python3", script, m_folder.string()};
    if (!user.empty())
        args.insert(args.end(), {"--user", user, "--password", password});
    m_pid = ::fork();
    REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::close(fds[0]);
        ::close(fds[1]);
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string line;
    char c = 0;
    while (::read(fds[0], &c, 1) == 1 && c != '\n')
        line += c;
    ::close(fds[0]);
    auto colon = line.rfind(':');
    REQUIRE(line.starts_with("listening 127.0.0.1:"));
    m_port = std::stoi(line.substr(colon + 1));
}

SmtpSink::~SmtpSink()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
}

void SmtpSink::set_replies(const std::vector<std::string>& replies) const
{
    std::string text;
    for (const auto& r : replies)
        text += r + "\n";
    write_text(m_folder / "replies", text);
}

std::size_t SmtpSink::message_count() const
{
    std::size_t n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(m_folder))
        if (entry.path().extension() == ".eml")
            ++n;
    return n;
}

rapidjson::Document SmtpSink::message(std::size_t n) const
{
    return read_json(m_folder / (std::to_string(n) + ".json"));
}

RefusedPort::RefusedPort()
{
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(m_fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    m_port = ntohs(addr.sin_port);
}

RefusedPort::~RefusedPort()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

}  // namespace frr::test
