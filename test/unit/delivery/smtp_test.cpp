#include "core/loopback.hpp"
#include "delivery/ledger.hpp"
#include "delivery/mime.hpp"
#include "delivery/sender.hpp"
#include "delivery/smtp.hpp"
#include "delivery_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

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
    // RFC 2047 encoded words where the text is not ASCII; no raw 8-bit byte in the header.
    const auto raw_subject = str(msg, "raw_subject");
    CHECK(raw_subject.find("=?") != std::string::npos);
    CHECK(std::all_of(raw_subject.begin(), raw_subject.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
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
    CHECK_FALSE(core::is_loopback_host("mail.example.com"));
    CHECK_FALSE(core::is_loopback_host("127.0.0.1.example.com"));
    CHECK_FALSE(core::is_loopback_host("127.0.0.256"));
    CHECK(core::is_loopback_host("127.0.0.1"));
    CHECK(core::is_loopback_host("127.10.0.3"));
    CHECK(core::is_loopback_host("::1"));
    CHECK(core::is_loopback_host("LocalHost"));
}

TEST_CASE("addresses: RFC 5322 mailboxes with display names, quoting and IDN, bare in the envelope",
          "[delivery][smtp]")
{
    auto plain = delivery::parse_mailbox("reports@frr.example", "from");
    CHECK(plain.envelope == "reports@frr.example");
    auto named = delivery::parse_mailbox("frr <reports@frr.example>", "from");
    CHECK(named.envelope == "reports@frr.example");
    CHECK(named.header == "frr <reports@frr.example>");
    auto quoted = delivery::parse_mailbox("\"Acme, Ltd\" <ops@acme.example>", "from");
    CHECK(quoted.envelope == "ops@acme.example");
    CHECK(quoted.header.find("\"Acme, Ltd\"") != std::string::npos);
    auto idn = delivery::parse_mailbox("owner@b\u00fccher.example", "to");
    CHECK(idn.envelope == "owner@xn--bcher-kva.example");
    auto accented = delivery::parse_mailbox("Zo\u00eb <zoe@shop.example>", "to");
    CHECK(accented.envelope == "zoe@shop.example");
    CHECK(accented.header.find("=?") != std::string::npos);  // RFC 2047, not raw 8-bit
    CHECK(delivery::parse_mailboxes({"a@x.example, B <b@y.example>"}, "to").size() == 2);
    CHECK_THROWS_AS(delivery::parse_mailbox("not an address", "delivery.email.from"), core::Error);
    CHECK_THROWS_AS(delivery::parse_mailbox("a@x.example, b@y.example", "delivery.email.from"), core::Error);
    CHECK_THROWS_AS(delivery::parse_mailbox("team: a@x.example, b@y.example;", "delivery.email.from"),
                    core::Error);
}

TEST_CASE("MIME: encoded subject folded, Message-ID per store, report and recipient", "[delivery][smtp]")
{
    std::string subject =
        "[frr] CRITICAL 54/100 \u2014 My store: about \u00a320,650 at stake; 14 orders missing in Klaviyo";
    auto line = delivery::encoded_header("Subject", subject);
    CHECK(line.starts_with("Subject: "));
    CHECK(line.find("=?") != std::string::npos);
    std::size_t start = 0;
    while (start < line.size()) {
        auto end = line.find("\r\n", start);
        auto part = line.substr(start, end == std::string::npos ? std::string::npos : end - start);
        CHECK(part.size() <= 78);
        start = end == std::string::npos ? line.size() : end + 2;
    }
    CHECK((line.find('\n') == std::string::npos || line[line.find('\n') - 1] == '\r'));
    auto from = delivery::parse_mailbox("frr <x@y.example>", "from");
    auto to = delivery::parse_mailboxes({"z@w.example"}, "to");
    auto a = delivery::message_id_for("R1", "shop-a", from, to);
    CHECK(a == delivery::message_id_for("R1", "shop-a", from, to));
    CHECK(a != delivery::message_id_for("R2", "shop-a", from, to));
    CHECK(a != delivery::message_id_for("R1", "shop-b", from, to));
    CHECK(a !=
          delivery::message_id_for("R1", "shop-a", from, delivery::parse_mailboxes({"q@w.example"}, "to")));
    CHECK(a.ends_with("@y.example>"));
    CHECK(delivery::rfc5322_date(*core::parse_iso8601("2026-11-27T06:00:00Z")) ==
          "Fri, 27 Nov 2026 06:00:00 +0000");
}

TEST_CASE("SMTP: a display-name sender is accepted by a strict server; the envelope carries the bare address",
          "[delivery][smtp]")
{
    test::TempDir mail;
    test::SmtpSink sink(mail.path());
    test::DeliveryWorld world(3);
    delivery::SmtpSettings s;
    s.url = sink.url();
    s.from = "frr <reports@frr.example>";  // the format of examples/frr.example.yaml
    s.to = {"\"Store Owner\" <owner@store.example>", "ops@b\u00fccher.example"};
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    channels.push_back(std::make_unique<delivery::SmtpChannel>(s, world.env));
    world.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto summary =
        delivery::send_pending({world.state, channels, world.clock, world.logger, &world.redactor});
    REQUIRE(summary.channels.size() == 1);
    CHECK(summary.channels[0].status == ChannelStatus::delivered);
    REQUIRE(sink.message_count() == 1);
    auto msg = sink.message(1);
    CHECK(str(msg, "mail_from") == "reports@frr.example");
    REQUIRE(msg["rcpt_tos"].Size() == 2);
    CHECK(std::string(msg["rcpt_tos"][0].GetString()) == "owner@store.example");
    CHECK(std::string(msg["rcpt_tos"][1].GetString()) == "ops@xn--bcher-kva.example");
    CHECK(str(msg, "from") == "frr <reports@frr.example>");
    CHECK(str(msg, "to").find("Store Owner") != std::string::npos);
    CHECK(str(msg, "content_type") == "multipart/alternative");
    CHECK(msg["defects"].Size() == 0);
}

TEST_CASE("SMTP: a 501 refusal of the sender is recorded with the server's own words, once",
          "[delivery][smtp]")
{
    test::TempDir mail;
    test::SmtpSink sink(mail.path());
    sink.set_replies({"MAIL 501 5.1.7 Bad sender address syntax"});
    SmtpRig rig(sink.url(), 4);
    auto run = rig.world.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto summary = rig.send();
    CHECK(summary.channels[0].status == ChannelStatus::failed);
    CHECK(summary.channels[0].attempts == 1);  // 5xx: permanent, no retry storm
    CHECK(summary.exit_code == core::ExitCode::delivery_failed);
    CHECK(summary.channels[0].error.find("501 5.1.7 Bad sender address syntax") != std::string::npos);
    CHECK(summary.channels[0].error.find("221") == std::string::npos);
    auto entry = rig.ledger().get(run.id, "email");
    REQUIRE(entry);
    CHECK(entry->error.find("501 5.1.7 Bad sender address syntax") != std::string::npos);
    CHECK(sink.message_count() == 0);
}

TEST_CASE("SMTP: a 550 refusal of the recipient is recorded with the server's reply", "[delivery][smtp]")
{
    test::TempDir mail;
    test::SmtpSink sink(mail.path());
    sink.set_replies({"550 5.1.1 Mailbox unavailable: owner@store.example"});
    SmtpRig rig(sink.url(), 4);
    auto run = rig.world.add_report("2026-07-15T06:00:00Z", "critical", 54);
    auto summary = rig.send();
    CHECK(summary.channels[0].status == ChannelStatus::failed);
    CHECK(rig.ledger().get(run.id, "email")->error.find("550 5.1.1 Mailbox unavailable") !=
          std::string::npos);
}

TEST_CASE("SMTP: two stores sending to one inbox get different Message-IDs; Date is the send time",
          "[delivery][smtp]")
{
    test::TempDir mail;
    test::SmtpSink sink(mail.path());
    std::vector<std::string> ids;
    for (const char* store : {"tea-shop.myshopify.com\nTea", "coffee-shop.myshopify.com\nCoffee"}) {
        test::DeliveryWorld world(3);
        core::FixedClock sent_at(*core::parse_iso8601("2026-07-15T09:41:07Z"));
        world.env.send_clock = &sent_at;
        delivery::SmtpSettings s;
        s.url = sink.url();
        s.from = "frr <reports@agency.example>";
        s.to = {"inbox@agency.example"};
        s.store_key = store;
        std::vector<std::unique_ptr<delivery::Channel>> channels;
        channels.push_back(std::make_unique<delivery::SmtpChannel>(s, world.env));
        // The same as-of and so the same report id in both stores' state directories.
        world.add_report("2026-07-15T06:00:00Z", "warn", 80);
        auto summary =
            delivery::send_pending({world.state, channels, world.clock, world.logger, &world.redactor});
        REQUIRE(summary.channels[0].status == ChannelStatus::delivered);
    }
    REQUIRE(sink.message_count() == 2);
    auto first = sink.message(1);
    auto second = sink.message(2);
    CHECK(str(first, "message_id") != str(second, "message_id"));
    // Date: when it was sent, not the report's as-of (06:00) nor the run's clock (06:05).
    CHECK(str(first, "date") == "Wed, 15 Jul 2026 09:41:07 +0000");
}

TEST_CASE("SMTP: the operator's copy goes to its own recipients as its own message and ledger entry",
          "[delivery][smtp]")
{
    test::TempDir mail;
    test::SmtpSink sink(mail.path());
    test::DeliveryWorld world(3);
    auto run = world.add_report("2026-07-15T06:00:00Z", "critical", 54);
    test::write_text(run.dir / "operator.txt", "Operator copy: customer_missing_profile 7200000008992\n");
    test::write_text(run.dir / "operator.html", "<html><body><p>Operator copy</p></body></html>\n");
    std::vector<std::unique_ptr<delivery::Channel>> channels;
    delivery::SmtpSettings s;
    s.url = sink.url();
    s.from = "frr <reports@agency.example>";
    s.to = {"owner@store.example"};
    channels.push_back(std::make_unique<delivery::SmtpChannel>(s, world.env));
    s.to = {"ops@agency.example"};
    s.copy = delivery::MailCopy::operator_copy;
    channels.push_back(std::make_unique<delivery::SmtpChannel>(s, world.env));
    auto summary =
        delivery::send_pending({world.state, channels, world.clock, world.logger, &world.redactor});
    REQUIRE(summary.channels.size() == 2);
    CHECK(summary.channels[0].channel == "email");
    CHECK(summary.channels[1].channel == "email-operator");
    REQUIRE(sink.message_count() == 2);
    auto client = sink.message(1);
    auto ops = sink.message(2);
    CHECK(std::string(client["rcpt_tos"][0].GetString()) == "owner@store.example");
    CHECK(str(client["parts"][0], "content").find("7200000008992") == std::string::npos);
    CHECK(std::string(ops["rcpt_tos"][0].GetString()) == "ops@agency.example");
    CHECK(str(ops["parts"][0], "content").find("customer_missing_profile 7200000008992") !=
          std::string::npos);
    CHECK(str(ops, "subject").starts_with("[operator copy] "));
    CHECK(str(client, "message_id") != str(ops, "message_id"));
}
