#include "core/hmac.hpp"
#include "delivery/heartbeat.hpp"
#include "delivery/http_channels.hpp"
#include "delivery/ledger.hpp"
#include "delivery/outbox.hpp"
#include "delivery/sender.hpp"
#include "delivery_fixture.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <thread>

using namespace frr;
using delivery::ChannelStatus;

namespace {

// A loopback receiver on an ephemeral port that records requests and, for
// the webhook, verifies the HMAC signature like a real integration would.
class Receiver {
public:
    explicit Receiver(std::string secret = {}) : m_secret(std::move(secret))
    {
        m_server.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m_mutex);
            m_paths.push_back(req.path);
            m_bodies.push_back(req.body);
            m_keys.push_back(req.get_header_value("Idempotency-Key"));
            if (!m_secret.empty() &&
                req.get_header_value("X-Frr-Signature") !=
                    "sha256=" + core::hmac_sha256_hex(m_secret, req.body)) {
                res.status = 401;
                res.set_content("bad signature", "text/plain");
                return;
            }
            m_verified += m_secret.empty() ? 0 : 1;
            res.status = m_fail_first-- > 0 ? 503 : 200;
            res.set_content(res.status == 200 ? "ok" : "busy", "text/plain");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~Receiver()
    {
        m_server.stop();
        m_thread.join();
    }
    std::string url(const std::string& path) const
    {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    void fail_first(int n) { m_fail_first = n; }
    std::size_t count() const
    {
        std::lock_guard lock(m_mutex);
        return m_bodies.size();
    }
    std::string body(std::size_t i) const
    {
        std::lock_guard lock(m_mutex);
        return m_bodies.at(i);
    }
    std::string path(std::size_t i) const
    {
        std::lock_guard lock(m_mutex);
        return m_paths.at(i);
    }
    std::string key(std::size_t i) const
    {
        std::lock_guard lock(m_mutex);
        return m_keys.at(i);
    }
    int verified() const { return m_verified; }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::string m_secret;
    mutable std::mutex m_mutex;
    std::vector<std::string> m_paths, m_bodies, m_keys;
    std::atomic<int> m_fail_first{0};
    std::atomic<int> m_verified{0};
};

delivery::SendSummary send(test::DeliveryWorld& w, std::vector<std::unique_ptr<delivery::Channel>>& channels,
                           delivery::DryRun dry = delivery::DryRun::no)
{
    return delivery::send_pending({w.state, channels, w.clock, w.logger, &w.redactor, dry});
}

}  // namespace

TEST_CASE("webhook: signed body, idempotency key, retried on 503, confirmed once", "[delivery][webhook]")
{
    const std::string secret = "whsec_TopSecretSigningKey";
    Receiver rx(secret);
    rx.fail_first(1);
    test::DeliveryWorld w;
    w.redactor.add_secret(secret);
    auto run = w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::WebhookChannel>(rx.url("/hooks/frr"), secret, w.env));

    auto summary = send(w, channels);
    CHECK(summary.channels[0].status == ChannelStatus::delivered);
    CHECK(summary.channels[0].attempts == 2);
    CHECK(summary.channels[0].confirmation == "HTTP 200 ok");
    CHECK(rx.count() == 2);
    CHECK(rx.verified() == 2);
    CHECK(rx.key(1) == run.id + ":webhook");
    rapidjson::Document body;
    body.Parse(rx.body(1).c_str());
    REQUIRE_FALSE(body.HasParseError());
    CHECK(std::string(body["report_id"].GetString()) == run.id);
    CHECK(std::string(body["report"]["status"].GetString()) == "critical");

    CHECK(send(w, channels).channels[0].status == ChannelStatus::nothing_to_send);
    CHECK(rx.count() == 2);
    CHECK(w.state_text().find(secret) == std::string::npos);
    CHECK(w.logs().find(secret) == std::string::npos);
}

TEST_CASE("webhook: a send killed mid-way is safely repeated with the same idempotency key",
          "[delivery][webhook]")
{
    Receiver rx("k");
    test::DeliveryWorld w;
    auto run = w.add_report("2026-07-15T06:00:00Z", "ok", 97);
    delivery::LedgerEntry entry;
    entry.report_id = run.id;
    entry.channel = "webhook";
    entry.state = delivery::LedgerState::attempting;
    delivery::Ledger(w.state.path("delivery")).put(entry);
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::WebhookChannel>(rx.url("/h"), "k", w.env));
    auto summary = send(w, channels);
    CHECK(summary.channels[0].status == ChannelStatus::delivered);
    CHECK(rx.key(0) == run.id + ":webhook");
}

TEST_CASE("webhook: a 4xx is permanent, exit 5, and the receiver's signature check is honoured",
          "[delivery][webhook]")
{
    Receiver rx("right-secret");
    test::DeliveryWorld w(4);
    w.add_report("2026-07-15T06:00:00Z", "ok", 97);
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::WebhookChannel>(rx.url("/h"), "wrong-secret", w.env));
    auto summary = send(w, channels);
    CHECK(summary.channels[0].status == ChannelStatus::failed);
    CHECK(summary.channels[0].attempts == 1);
    CHECK(summary.exit_code == core::ExitCode::delivery_failed);
    CHECK(w.logs().find("wrong-secret") == std::string::npos);
}

TEST_CASE("slack: text and blocks posted once, the webhook URL never reaches logs or state",
          "[delivery][slack]")
{
    Receiver rx;
    test::DeliveryWorld w;
    auto url = rx.url("/services/T000/B000/XyZsecretSlackToken");
    w.redactor.add_secret(url);
    w.add_report("2026-07-14T06:00:00Z", "ok", 95);
    w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::SlackChannel>(url, w.env));
    auto summary = send(w, channels);
    CHECK(summary.channels[0].status == ChannelStatus::delivered);
    CHECK(summary.channels[0].folded.size() == 1);
    REQUIRE(rx.count() == 1);
    rapidjson::Document body;
    body.Parse(rx.body(0).c_str());
    REQUIRE_FALSE(body.HasParseError());
    CHECK(std::string(body["text"].GetString()).starts_with("[frr] CRITICAL 54/100"));
    CHECK(body["blocks"].Size() == 3);  // header, summary, missed-report note
    CHECK(send(w, channels).channels[0].status == ChannelStatus::nothing_to_send);
    CHECK(rx.count() == 1);
    CHECK(w.state_text().find("XyZsecretSlackToken") == std::string::npos);
    CHECK(w.logs().find("XyZsecretSlackToken") == std::string::npos);
}

TEST_CASE("slack: an attempt left unconfirmed by a crash is recorded uncertain, not reposted",
          "[delivery][slack]")
{
    Receiver rx;
    test::DeliveryWorld w;
    auto run = w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    delivery::LedgerEntry entry;
    entry.report_id = run.id;
    entry.channel = "slack";
    entry.state = delivery::LedgerState::attempting;
    delivery::Ledger(w.state.path("delivery")).put(entry);
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::SlackChannel>(rx.url("/s"), w.env));
    // A dry run reports and records nothing.
    CHECK(send(w, channels, delivery::DryRun::yes).channels[0].status == ChannelStatus::nothing_to_send);
    CHECK(delivery::Ledger(w.state.path("delivery")).get(run.id, "slack")->state ==
          delivery::LedgerState::attempting);
    CHECK(send(w, channels).channels[0].status == ChannelStatus::nothing_to_send);
    CHECK(rx.count() == 0);
    auto after = delivery::Ledger(w.state.path("delivery")).get(run.id, "slack");
    CHECK(after->state == delivery::LedgerState::uncertain);
    CHECK(after->attempts == 1);  // the interrupted attempt counts
}

TEST_CASE("outbox: only the newest undelivered report goes out, older ones are folded in and superseded",
          "[delivery][outbox]")
{
    test::DeliveryWorld w;
    auto first = w.add_report("2026-07-13T06:00:00Z", "ok", 95);
    auto second = w.add_report("2026-07-14T06:00:00Z", "warn", 80);
    auto third = w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto outbox = w.tmp / "outbox";
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::OutboxChannel>(outbox, w.env));

    auto dry = send(w, channels, delivery::DryRun::yes);
    CHECK(dry.channels[0].status == ChannelStatus::would_send);
    CHECK_FALSE(std::filesystem::exists(outbox));
    CHECK_FALSE(std::filesystem::exists(w.state.path("delivery")));

    auto summary = send(w, channels);
    CHECK(summary.channels[0].status == ChannelStatus::delivered);
    CHECK(summary.channels[0].report_id == third.id);
    CHECK(summary.channels[0].folded == std::vector<std::string>{first.id, second.id});
    CHECK_FALSE(std::filesystem::exists(outbox / first.id));
    auto text = test::read_text(outbox / third.id / "report.txt");
    CHECK(text.starts_with("Note: 2 earlier reports were not delivered and are replaced by this one: "));
    CHECK(test::read_text(outbox / third.id / "report.html").find("<body style=\"margin:0\"><p style=") !=
          std::string::npos);
    delivery::Ledger ledger(w.state.path("delivery"));
    CHECK(ledger.get(first.id, "outbox")->state == delivery::LedgerState::superseded);
    CHECK(ledger.get(first.id, "outbox")->superseded_by == third.id);
    CHECK(ledger.get(third.id, "outbox")->state == delivery::LedgerState::delivered);

    // A later report goes out alone; the delivered ones stay delivered.
    auto fourth = w.add_report("2026-07-16T06:00:00Z", "ok", 99);
    auto next = send(w, channels);
    CHECK(next.channels[0].report_id == fourth.id);
    CHECK(next.channels[0].folded.empty());
}

TEST_CASE("heartbeat: start, success and fail pings; failures are retried and never fatal",
          "[delivery][heartbeat]")
{
    Receiver rx;
    test::DeliveryWorld w;
    auto base = rx.url("/ping/5e1f-secret-uuid");
    w.redactor.add_secret(base);
    CHECK(delivery::ping_heartbeat(w.env, base, delivery::HeartbeatEvent::start, "run started"));
    CHECK(delivery::ping_heartbeat(w.env, base + "/", delivery::HeartbeatEvent::success, "ok"));
    CHECK(delivery::ping_heartbeat(w.env, base, delivery::HeartbeatEvent::failure, "exit 5"));
    REQUIRE(rx.count() == 3);
    CHECK(rx.path(0) == "/ping/5e1f-secret-uuid/start");
    CHECK(rx.path(1) == "/ping/5e1f-secret-uuid");
    CHECK(rx.path(2) == "/ping/5e1f-secret-uuid/fail");
    CHECK(rx.body(2) == "exit 5");

    test::RefusedPort refused;
    auto down = "http://127.0.0.1:" + std::to_string(refused.port()) + "/ping/5e1f-secret-uuid";
    w.redactor.add_secret(down);
    CHECK_FALSE(delivery::ping_heartbeat(w.env, down, delivery::HeartbeatEvent::success, "ok"));
    CHECK(w.logs().find("failed after 3 attempt(s)") != std::string::npos);
    CHECK(w.logs().find("5e1f-secret-uuid") == std::string::npos);
}

namespace {

void leave_attempting(test::DeliveryWorld& w, const core::RunInfo& run, const std::string& channel)
{
    delivery::LedgerEntry entry;
    entry.report_id = run.id;
    entry.channel = channel;
    entry.state = delivery::LedgerState::attempting;
    delivery::Ledger(w.state.path("delivery")).put(entry);
}

}  // namespace

TEST_CASE("webhook: an interrupted send is finished with the same key before a newer report, not superseded",
          "[delivery][webhook]")
{
    Receiver rx("k");
    test::DeliveryWorld w;
    auto crashed = w.add_report("2026-07-14T06:00:00Z", "warn", 80);
    leave_attempting(w, crashed, "webhook");
    auto newer = w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::WebhookChannel>(rx.url("/h"), "k", w.env));

    auto dry = send(w, channels, delivery::DryRun::yes);
    REQUIRE(dry.channels.size() == 2);
    CHECK(dry.channels[0].resumed);
    CHECK(dry.channels[0].report_id == crashed.id);
    CHECK(dry.channels[1].report_id == newer.id);
    CHECK(dry.channels[1].folded.empty());
    CHECK(rx.count() == 0);

    auto summary = send(w, channels);
    REQUIRE(summary.channels.size() == 2);
    CHECK(summary.channels[0].report_id == crashed.id);
    CHECK(summary.channels[0].resumed);
    CHECK(summary.channels[0].status == ChannelStatus::delivered);
    CHECK(summary.channels[1].report_id == newer.id);
    CHECK(summary.channels[1].status == ChannelStatus::delivered);
    CHECK(summary.channels[1].folded.empty());
    REQUIRE(rx.count() == 2);
    CHECK(rx.key(0) == crashed.id + ":webhook");  // the receiver de-duplicates a repeat on this key
    CHECK(rx.key(1) == newer.id + ":webhook");
    CHECK(rx.body(1).find("not delivered") == std::string::npos);
    delivery::Ledger ledger(w.state.path("delivery"));
    CHECK(ledger.get(crashed.id, "webhook")->state == delivery::LedgerState::delivered);
    CHECK(ledger.get(crashed.id, "webhook")->attempts == 2);  // the interrupted one and the repeat
    CHECK(w.logs().find("a previous send stopped after starting; sent again") != std::string::npos);
}

TEST_CASE("outbox: an interrupted send is rewritten; the newer report lists no missed report",
          "[delivery][outbox]")
{
    test::DeliveryWorld w;
    auto failed = w.add_report("2026-07-13T06:00:00Z", "ok", 95);
    auto crashed = w.add_report("2026-07-14T06:00:00Z", "warn", 80);
    auto newer = w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto outbox = w.tmp / "outbox";
    delivery::Ledger ledger(w.state.path("delivery"));
    delivery::LedgerEntry entry;
    entry.report_id = failed.id;
    entry.channel = "outbox";
    entry.state = delivery::LedgerState::failed;
    entry.attempts = 3;
    ledger.put(entry);
    leave_attempting(w, crashed, "outbox");
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::OutboxChannel>(outbox, w.env));

    auto summary = send(w, channels);
    REQUIRE(summary.channels.size() == 2);
    // The interrupted send is finished as it began: with the failed one folded in.
    CHECK(summary.channels[0].report_id == crashed.id);
    CHECK(summary.channels[0].folded == std::vector<std::string>{failed.id});
    CHECK(test::read_text(outbox / crashed.id / "report.txt")
              .starts_with("Note: 1 earlier report was not delivered and is replaced by this one: "));
    CHECK(ledger.get(failed.id, "outbox")->state == delivery::LedgerState::superseded);
    CHECK(ledger.get(failed.id, "outbox")->superseded_by == crashed.id);
    CHECK(ledger.get(crashed.id, "outbox")->state == delivery::LedgerState::delivered);
    CHECK(summary.channels[1].report_id == newer.id);
    CHECK(summary.channels[1].folded.empty());
    CHECK(test::read_text(outbox / newer.id / "report.txt").find("Note:") == std::string::npos);
}

TEST_CASE("one report per moment: a second report for a delivered as-of is not sent unless resent",
          "[delivery][outbox]")
{
    test::DeliveryWorld w;
    auto first = w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto outbox = w.tmp / "outbox";
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::OutboxChannel>(outbox, w.env));
    CHECK(send(w, channels).channels[0].status == ChannelStatus::delivered);

    auto again = w.add_report("2026-07-15T06:00:00Z", "critical", 54);  // `frr run` twice at one --as-of
    auto summary = send(w, channels);
    CHECK(summary.channels[0].status == ChannelStatus::already_sent);
    CHECK(summary.channels[0].report_id == again.id);
    CHECK(summary.exit_code == core::ExitCode::ok);
    CHECK_FALSE(std::filesystem::exists(outbox / again.id));
    CHECK_FALSE(delivery::Ledger(w.state.path("delivery")).get(again.id, "outbox"));
    CHECK(w.logs().find("already went out on this channel; not sent again") != std::string::npos);

    // Forced: the newest goes out, and a second --resend sends it again.
    delivery::SendRequest forced{
        w.state, channels, w.clock, w.logger, &w.redactor, delivery::DryRun::no, delivery::Resend::yes};
    auto resent = delivery::send_pending(forced);
    CHECK(resent.channels[0].status == ChannelStatus::delivered);
    CHECK(resent.channels[0].report_id == again.id);
    CHECK(resent.channels[0].folded.empty());  // the delivered first one is not folded in
    CHECK(std::filesystem::exists(outbox / again.id / "report.html"));
    CHECK(delivery::send_pending(forced).channels[0].status == ChannelStatus::delivered);
    CHECK(delivery::Ledger(w.state.path("delivery")).get(again.id, "outbox")->attempts == 2);
    CHECK(delivery::Ledger(w.state.path("delivery")).get(first.id, "outbox")->state ==
          delivery::LedgerState::delivered);

    // A later moment goes out as usual, with no note about the same-moment duplicate.
    auto later = w.add_report("2026-07-16T06:00:00Z", "ok", 99);
    auto next = send(w, channels);
    CHECK(next.channels[0].status == ChannelStatus::delivered);
    CHECK(next.channels[0].report_id == later.id);
    CHECK(test::read_text(outbox / later.id / "report.txt").find("Note:") == std::string::npos);
}

TEST_CASE("the missed-report note names each earlier moment once and never the report's own moment",
          "[delivery][outbox]")
{
    test::DeliveryWorld w;
    auto a = w.add_report("2026-07-14T06:00:00Z", "warn", 80);
    auto b = w.add_report("2026-07-14T06:00:00Z", "warn", 81);
    auto c = w.add_report("2026-07-15T06:00:00Z", "critical", 50);
    auto d = w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto outbox = w.tmp / "outbox";
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::OutboxChannel>(outbox, w.env));
    auto summary = send(w, channels);
    CHECK(summary.channels[0].report_id == d.id);
    CHECK(summary.channels[0].folded == std::vector<std::string>{a.id, b.id, c.id});
    auto text = test::read_text(outbox / d.id / "report.txt");
    CHECK(text.starts_with("Note: 1 earlier report was not delivered and is replaced by this one: "));
    CHECK(text.find("(WARNING 81/100)") != std::string::npos);
    CHECK(text.find("(WARNING 80/100)") == std::string::npos);
    CHECK(text.find("(CRITICAL 50/100)") == std::string::npos);
}

TEST_CASE("one report per moment: a re-run that recovered coverage for a delivered moment does go out",
          "[delivery][outbox]")
{
    test::DeliveryWorld w;
    auto partial = w.add_report("2026-07-15T06:00:00Z", "unknown", 0);
    auto json = test::read_text(partial.dir / "report.json");
    json.insert(json.rfind('}'), ", \"not_checked\": [{\"what\": \"Klaviyo\", \"why\": \"unreachable\"}]");
    test::write_text(partial.dir / "report.json", json);
    auto outbox = w.tmp / "outbox";
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::OutboxChannel>(outbox, w.env));
    CHECK(send(w, channels).channels[0].status == ChannelStatus::delivered);

    auto complete = w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto summary = send(w, channels);
    CHECK(summary.channels[0].status == ChannelStatus::delivered);
    CHECK(summary.channels[0].report_id == complete.id);
    CHECK(test::read_text(outbox / complete.id / "report.txt").find("Note:") == std::string::npos);
    CHECK(delivery::Ledger(w.state.path("delivery")).get(partial.id, "outbox")->state ==
          delivery::LedgerState::delivered);

    // A third run at that moment, no more complete than the second, is not sent.
    w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    CHECK(send(w, channels).channels[0].status == ChannelStatus::already_sent);
}

TEST_CASE("an interrupted --resend is finished by the next send, not stranded by the one-per-moment rule",
          "[delivery][outbox]")
{
    test::DeliveryWorld w;
    auto first = w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto outbox = w.tmp / "outbox";
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::OutboxChannel>(outbox, w.env));
    CHECK(send(w, channels).channels[0].report_id == first.id);
    auto again = w.add_report("2026-07-15T06:00:00Z", "critical", 54);
    leave_attempting(w, again, "outbox");  // `frr send --resend` killed mid-way
    auto summary = send(w, channels);
    CHECK(summary.channels[0].status == ChannelStatus::delivered);
    CHECK(summary.channels[0].report_id == again.id);
    CHECK(delivery::Ledger(w.state.path("delivery")).get(again.id, "outbox")->attempts == 2);
    CHECK(send(w, channels).channels[0].status == ChannelStatus::nothing_to_send);
}
