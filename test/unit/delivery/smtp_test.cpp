#include "delivery/ledger.hpp"
#include "delivery/mime.hpp"
#include "delivery/sender.hpp"
#include "delivery/smtp.hpp"
#include "delivery_fixture.hpp"

#include <catch2/catch.hpp>

using namespace frr;
using delivery::ChannelStatus;

namespace {

struct SmtpRig {
    test::DeliveryWorld world;
    std::vector<std::unique_ptr<delivery::Channel>> channels;

    explicit SmtpRig(const std::string& url, int max_attempts = 3, const std::string& user = {},
                     const std::string& password = {})
        : world(max_attempts)
    {
        delivery::SmtpSettings s;
        s.url = url;
        s.from = "reports@frr.example";
        s.to = {"owner@store.example"};
        s.username = user;
        s.password = password;
        s.connect_timeout = std::chrono::seconds(5);
        s.total_timeout = std::chrono::seconds(20);
        channels.push_back(std::make_unique<delivery::SmtpChannel>(s, world.env));
    }

    delivery::SendSummary send(delivery::DryRun dry = delivery::DryRun::no)
    {
        return delivery::send_pending(
            {world.state, channels, world.clock, world.logger, &world.redactor, dry});
    }

    delivery::Ledger ledger() const { return delivery::Ledger(world.state.path("delivery")); }
};

std::string str(const rapidjson::Value& v, const char* name)
{
    return v[name].IsString() ? v[name].GetString() : "";
}

}  // namespace

TEST_CASE("SMTP: a report arrives once via a real SMTP server as multipart/alternative with the status in "
          "the subject",
          "[delivery][smtp]")
{
    test::TempDir mail;
    test::SmtpSink sink(mail.path(), "frr", "s3cret-smtp-pass");
    SmtpRig rig(sink.url(), 3, "frr", "s3cret-smtp-pass");
    rig.world.redactor.add_secret("s3cret-smtp-pass");
    auto run = rig.world.add_report("2026-07-15T06:00:00Z", "critical", 54);

    auto summary = rig.send();
    REQUIRE(summary.channels.size() == 1);
    CHECK(summary.channels[0].status == ChannelStatus::delivered);
    CHECK(summary.exit_code == core::ExitCode::ok);
    REQUIRE(sink.message_count() == 1);
    auto msg = sink.message(1);
    CHECK(str(msg, "content_type") == "multipart/alternative");
    REQUIRE(msg["parts"].Size() == 2);
    CHECK(str(msg["parts"][0], "content_type") == "text/plain");
    CHECK(str(msg["parts"][1], "content_type") == "text/html");
    CHECK(str(msg["parts"][0], "content").find("The plain text report") != std::string::npos);
    CHECK(str(msg["parts"][1], "content").find("<p>HTML report") != std::string::npos);
    CHECK(str(msg, "subject").starts_with("[frr] CRITICAL 54/100 \u2014 Test Store"));
    CHECK(str(msg, "raw_subject").starts_with("=?UTF-8?B?"));
    CHECK(str(msg, "mime_version") == "1.0");
    CHECK(str(msg, "date") == "Wed, 15 Jul 2026 06:05:00 +0000");
    CHECK(msg["defects"].Size() == 0);
    CHECK(str(msg, "authenticated_as") == "frr");

    auto entry = rig.ledger().get(run.id, "email");
    REQUIRE(entry);
    CHECK(entry->state == delivery::LedgerState::delivered);
    CHECK(entry->confirmation == "250 2.0.0 Message accepted for delivery");
    CHECK(entry->message_id == str(msg, "message_id"));

    SECTION("re-running send never delivers twice")
    {
        auto again = rig.send();
        CHECK(again.channels[0].status == ChannelStatus::nothing_to_send);
        CHECK(again.exit_code == core::ExitCode::ok);
        CHECK(sink.message_count() == 1);
    }
    SECTION("the SMTP password appears in no ledger entry, report file or log line")
    {
        CHECK(rig.world.state_text().find("s3cret-smtp-pass") == std::string::npos);
        CHECK(rig.world.logs().find("s3cret-smtp-pass") == std::string::npos);
        CHECK(rig.world.logs().find("accepted by 127.0.0.1") != std::string::npos);
    }
}

TEST_CASE("SMTP down: refused connections are retried with backoff, then exit 5 and the report stays queued",
          "[delivery][smtp]")
{
    test::RefusedPort refused;
    SmtpRig rig("smtp://127.0.0.1:" + std::to_string(refused.port()), 3);
    auto run = rig.world.add_report("2026-07-15T06:00:00Z", "critical", 54);

    auto summary = rig.send();
    CHECK(summary.channels[0].status == ChannelStatus::failed);
    CHECK(summary.channels[0].attempts == 3);
    CHECK(summary.exit_code == core::ExitCode::delivery_failed);
    // Full jitter: each wait is within [0, 2 s * 2^(n-1)]; two waits in all.
    CHECK(rig.world.sleeper.total_slept() <= std::chrono::milliseconds(2000 + 4000));
    auto entry = rig.ledger().get(run.id, "email");
    REQUIRE(entry);
    CHECK(entry->state == delivery::LedgerState::failed);

    // The next run, with the server back, delivers the queued report.
    test::TempDir mail;
    test::SmtpSink sink(mail.path());
    SmtpRig later(sink.url(), 3);
    std::filesystem::copy(rig.world.state.root(), later.world.state.root(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    auto next = later.send();
    CHECK(next.channels[0].status == ChannelStatus::delivered);
    CHECK(next.channels[0].report_id == run.id);
    CHECK(sink.message_count() == 1);
}

TEST_CASE("SMTP 4xx is temporary: retried, then delivered once", "[delivery][smtp]")
{
    test::TempDir mail;
    test::SmtpSink sink(mail.path());
    sink.set_replies({"451 4.3.0 Try again later", "452 4.3.1 Insufficient storage"});
    SmtpRig rig(sink.url(), 4);
    rig.world.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto summary = rig.send();
    CHECK(summary.channels[0].status == ChannelStatus::delivered);
    CHECK(summary.channels[0].attempts == 3);
    CHECK(sink.message_count() == 1);
    CHECK(rig.world.logs().find("451 4.3.0 Try again later") != std::string::npos);
}

TEST_CASE("SMTP 5xx is permanent: it fails at once without a retry storm", "[delivery][smtp]")
{
    test::TempDir mail;
    test::SmtpSink sink(mail.path());
    sink.set_replies({"554 5.7.1 Message rejected"});
    SmtpRig rig(sink.url(), 4);
    auto run = rig.world.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto summary = rig.send();
    CHECK(summary.channels[0].status == ChannelStatus::failed);
    CHECK(summary.channels[0].attempts == 1);
    CHECK(summary.exit_code == core::ExitCode::delivery_failed);
    CHECK(rig.world.sleeper.total_slept() == std::chrono::milliseconds(0));
    CHECK(summary.channels[0].error.find("554 5.7.1 Message rejected") != std::string::npos);
    CHECK(sink.message_count() == 0);
    CHECK(rig.ledger().get(run.id, "email")->state == delivery::LedgerState::failed);
}

TEST_CASE("SMTP: killed after the server accepted, a re-run does not send a duplicate", "[delivery][smtp]")
{
    test::TempDir mail;
    test::SmtpSink sink(mail.path());
    SmtpRig rig(sink.url(), 3);
    auto run = rig.world.add_report("2026-07-15T06:00:00Z", "critical", 54);
    // The crash: `attempting` was recorded, the server accepted the message,
    // the process died before recording `delivered`.
    delivery::LedgerEntry entry;
    entry.report_id = run.id;
    entry.channel = "email";
    entry.state = delivery::LedgerState::attempting;
    rig.ledger().put(entry);
    REQUIRE(rig.channels[0]->deliver(delivery::load_outgoing(run)).kind == delivery::OutcomeKind::delivered);
    REQUIRE(sink.message_count() == 1);

    auto summary = rig.send();
    CHECK(summary.channels[0].status == ChannelStatus::nothing_to_send);
    CHECK(summary.exit_code == core::ExitCode::ok);
    CHECK(sink.message_count() == 1);
    CHECK(rig.ledger().get(run.id, "email")->state == delivery::LedgerState::uncertain);
    CHECK(rig.world.logs().find("may have arrived") != std::string::npos);
}

TEST_CASE("SMTP refuses plain text to a remote host and odd schemes", "[delivery][smtp]")
{
    delivery::SmtpSettings s;
    s.url = "http://mail.example.com";
    s.from = "a@b.example";
    s.to = {"c@d.example"};
    CHECK_THROWS_AS(delivery::validate_smtp(s), core::Error);
    s.url = "smtp://mail.example.com:587";
    CHECK_NOTHROW(delivery::validate_smtp(s));
    CHECK_FALSE(delivery::is_loopback_host("mail.example.com"));
    CHECK(delivery::is_loopback_host("127.0.0.1"));
    CHECK(delivery::is_loopback_host("::1"));
}

TEST_CASE("MIME: encoded-word subject, deterministic Message-ID, CRLF multipart", "[delivery][smtp]")
{
    std::string subject =
        "[frr] CRITICAL 54/100 \u2014 My store: 14 orders missing in Klaviyo, and a long tail of words";
    auto encoded = delivery::encode_subject(subject);
    std::size_t start = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n ", start);
        auto word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
        CHECK(word.size() <= 75);
        CHECK(word.starts_with("=?UTF-8?B?"));
        start = end == std::string::npos ? encoded.size() : end + 3;
    }
    auto a = delivery::message_id_for("R1", "x@y.example", {"z@w.example"});
    CHECK(a == delivery::message_id_for("R1", "x@y.example", {"z@w.example"}));
    CHECK(a != delivery::message_id_for("R2", "x@y.example", {"z@w.example"}));
    CHECK(a.ends_with("@y.example>"));
    delivery::MailHeaders h{"x@y.example", {"z@w.example"}, subject, a, core::TimePoint{}, "R1"};
    auto m = delivery::build_message(h, "text", "<p>html</p>");
    CHECK(m.find("\r\nMIME-Version: 1.0\r\n") != std::string::npos);
    CHECK(m.find("Content-Type: multipart/alternative; boundary=") != std::string::npos);
    CHECK(m.find("\n") == m.find("\r\n") + 1);
}
