// Every JSON file frr writes is valid UTF-8 whatever arrived (issue 12): a property test over
// random byte strings fed into every writer of a JSON file or line: the snapshot (records,
// manifest, every file write_snapshot writes), checks.json, score.json, the JSON report and the
// hand-built JSON lines (log lines, delivery ledger, webhooks) through core::json_quote.
#include "checks/findings_json.hpp"
#include "checks/health_score.hpp"
#include "core/log.hpp"
#include "core/redact.hpp"
#include "model/snapshot.hpp"
#include "report/render.hpp"
#include "report/view.hpp"
#include "support/test_support.hpp"
#include "text/utf8.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <rapidjson/document.h>

using namespace frr;

namespace {

class Bytes {
public:
    explicit Bytes(std::uint64_t seed) : m_rng(seed) { }
    // Arbitrary bytes, biased towards the troublesome ones (lone lead and continuation bytes,
    // surrogates, overlongs, control characters, quotes and backslashes).
    std::string next()
    {
        static const std::string k_special[] = {
            "\xC3", "\x80", "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80", "\xFF", "\"", "\\", "\x01",
            "é",    "@",    "\xF0\x9F\x98"};
        std::string s;
        for (int n = std::uniform_int_distribution<int>(0, 24)(m_rng); n > 0; --n) {
            if (std::uniform_int_distribution<int>(0, 3)(m_rng) == 0)
                s +=
                    k_special[std::uniform_int_distribution<std::size_t>(0, std::size(k_special) - 1)(m_rng)];
            else
                s.push_back(static_cast<char>(std::uniform_int_distribution<int>(0, 255)(m_rng)));
        }
        return s;
    }

private:
    std::mt19937_64 m_rng;
};

void require_valid_json(const std::string& json, const std::string& what)
{
    INFO(what);
    REQUIRE(text::is_valid_utf8(json));
    rapidjson::Document d;
    d.Parse<rapidjson::kParseValidateEncodingFlag>(json.c_str(), json.size());
    REQUIRE_FALSE(d.HasParseError());
}

model::Snapshot random_snapshot(Bytes& b)
{
    model::Snapshot s;
    s.manifest.run_id = "run";
    s.manifest.store = b.next();
    s.manifest.timezone = "Europe/London";
    auto& shop = s.manifest.platforms["shopify"];
    shop.status = model::Coverage::partial;
    shop.errors = {b.next(), b.next()};
    shop.notes = {b.next()};
    shop.missing_scopes = {b.next()};
    shop.counts[b.next()] = 3;
    model::Order o;
    o.id = b.next();
    o.name = b.next();
    o.source_name = b.next();
    o.financial_status = b.next();
    o.customer_id = b.next();
    o.email_hash = b.next();
    o.email_masked = core::mask_email(b.next());
    o.revenue.currency = b.next();
    s.source.orders.push_back(o);
    model::Customer c;
    c.id = b.next();
    c.email_masked = b.next();
    s.source.customers.push_back(c);
    model::Checkout k;
    k.id = b.next();
    k.customer_id = b.next();
    s.source.checkouts.push_back(k);
    model::Profile p;
    p.id = b.next();
    p.email_masked = core::mask_email(b.next());
    p.suppressions = {b.next()};
    s.destination.profiles.push_back(p);
    model::Event e;
    e.id = b.next();
    e.metric_id = b.next();
    e.order_id = b.next();
    e.unique_id = b.next();
    e.profile_id = b.next();
    e.value = model::Money{100, b.next()};
    s.destination.events.push_back(e);
    s.destination.metrics.push_back({b.next(), b.next(), b.next(), model::EventKind::placed_order});
    model::Audience a;
    a.id = b.next();
    a.name = b.next();
    s.destination.audiences.push_back(a);
    s.source.daily_orders.push_back({b.next(), 4});
    return s;
}

checks::Findings random_findings(Bytes& b)
{
    checks::Findings f;
    f.run_id = b.next();
    f.store_name = b.next();
    f.timezone = "Europe/London";
    f.coverage["shopify"] = model::Coverage::complete;
    checks::IndicatorResult r;
    r.id = "order_sync";
    r.title = b.next();
    r.value = b.next();
    r.status = checks::Status::warn;
    r.affected.push_back({"order_missing_event", b.next(), {{b.next(), b.next()}}});
    r.examples = {b.next(), core::mask_email(b.next())};
    r.summary = b.next();
    r.impact = b.next();
    r.action = b.next();
    r.counts.push_back({b.next(), 1});
    r.changes.added = {b.next()};
    f.indicators.push_back(r);
    f.exclusions.push_back({b.next(), 2});
    f.coverage_notes = {b.next()};
    return f;
}

}  // namespace

TEST_CASE("every JSON file frr writes is valid UTF-8 for arbitrary input strings", "[utf8][property]")
{
    Bytes b(0x12f00d);
    test::TempDir dir;
    for (int round = 0; round < 300; ++round) {
        const auto snapshot = random_snapshot(b);
        require_valid_json(model::to_json(snapshot.source.orders[0]), "order");
        require_valid_json(model::to_json(snapshot.source.customers[0]), "customer");
        require_valid_json(model::to_json(snapshot.destination.profiles[0]), "profile");
        require_valid_json(model::to_json(snapshot.destination.events[0]), "event");
        require_valid_json(model::to_json(snapshot.manifest), "manifest");
        if (round % 20 == 0) {
            const auto run = dir / ("run" + std::to_string(round));
            model::write_snapshot(run, snapshot);
            for (const auto& entry : std::filesystem::recursive_directory_iterator(run)) {
                if (!entry.is_regular_file())
                    continue;
                const auto content = test::read_text(entry.path());
                INFO(entry.path().string());
                REQUIRE(text::is_valid_utf8(content));
                if (entry.path().extension() == ".json")
                    require_valid_json(content, entry.path().string());
                if (entry.path().extension() == ".jsonl") {
                    std::size_t start = 0;
                    while (start < content.size()) {
                        auto end = content.find('\n', start);
                        if (end == std::string::npos)
                            end = content.size();
                        if (end > start)
                            require_valid_json(content.substr(start, end - start), entry.path().string());
                        start = end + 1;
                    }
                }
            }
        }
        const auto findings = random_findings(b);
        require_valid_json(checks::to_json(findings), "checks.json");
        core::ChecksConfig config;
        require_valid_json(checks::score_json(findings, checks::compute_score(findings, config)),
                           "score.json");
        report::ReportView view;
        view.run_id = b.next();
        view.store_name = b.next();
        view.headline = b.next();
        view.subject = b.next();
        view.issues.push_back({});
        view.issues.back().examples = {b.next()};
        view.issues.back().summary = report::mask_emails_in(b.next() + "@example.com " + b.next());
        view.appendix.exclusions = {b.next()};
        require_valid_json(report::render_json(view), "report.json");
        require_valid_json(core::json_quote(b.next()), "json_quote");
        // Masking never cuts a character of valid text in two.
        CHECK(text::is_valid_utf8(report::mask_emails_in(text::to_valid_utf8(b.next()) + "@ex.com")));
    }
}
