// The client's copy speaks plain UK English: every bundled template and the
// view strings of every kind of report (critical, healthy, no orders, paused,
// first report, masked e-mails on) are walked against the forbidden-token list
// of docs/report.md (test/support/client_copy_forbidden.txt).
#include "core/time.hpp"
#include "report/render.hpp"
#include "report/writer.hpp"
#include "report_fixture.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <fstream>
#include <regex>

using namespace frr;

namespace {

struct Forbidden {
    std::string source;
    std::regex pattern;
};

std::vector<Forbidden> forbidden()
{
    std::vector<Forbidden> out;
    std::ifstream in(test::source_dir() / "test/support/client_copy_forbidden.txt");
    REQUIRE(in);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#')
            out.push_back({line, std::regex(line)});
    REQUIRE(out.size() > 10);
    return out;
}

std::string replace_all(std::string text, const std::regex& re, const std::string& with = " ")
{
    return std::regex_replace(text, re, with);
}

// HTML as the reader sees it: no styles, comments or tags; entities decoded.
std::string visible(const std::string& html)
{
    auto text = replace_all(html, std::regex("<style[\\s\\S]*?</style>"));
    text = replace_all(text, std::regex("<!--[\\s\\S]*?-->"));
    text = replace_all(text, std::regex("<[^>]*>"));
    for (const auto& [entity, ch] : std::vector<std::pair<std::string, std::string>>{
             {"&#39;", "'"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
        text = replace_all(text, std::regex(entity), ch);
    return text;
}

void check_client_text(const std::string& text, const std::string& what)
{
    static const auto patterns = forbidden();
    for (const auto& f : patterns) {
        std::smatch m;
        if (std::regex_search(text, m, f.pattern)) {
            auto start = std::max<std::ptrdiff_t>(0, m.position(0) - 60);
            INFO(what << ": /" << f.source << "/ matches '" << m.str(0) << "' in ..."
                      << text.substr(static_cast<std::size_t>(start), 140) << "...");
            CHECK(false);
        }
    }
}

void check_copies(const report::RenderedReport& r, const std::string& what)
{
    check_client_text(visible(r.html), what + " (html)");
    check_client_text(r.text, what + " (text)");
    check_client_text(r.markdown, what + " (markdown)");
}

report::RenderedReport render(const report::ReportInput& in)
{
    return report::render_all(report::build_view(in), report::load_templates({}));
}

report::ReportInput hand_made(checks::Status status)
{
    report::ReportInput in;
    in.words = frr::test::k_pair_words;
    in.checks.run_id = "20261127T060000Z-000004";
    in.checks.as_of = *core::parse_iso8601("2026-11-27T06:00:00Z");
    in.checks.since = *core::parse_iso8601("2026-11-26T06:00:00Z");
    in.checks.until = *core::parse_iso8601("2026-11-27T06:00:00Z");
    in.checks.timezone = "Europe/London";
    in.checks.store_name = "Demo";
    in.checks.coverage = {{"shopify", model::Coverage::complete}, {"klaviyo", model::Coverage::complete}};
    in.score.status = status;
    in.score.score = status == checks::Status::ok ? 100 : 41;
    in.score.confidence = checks::Confidence::full;
    return in;
}

}  // namespace

TEST_CASE("the forbidden-token list catches what it is meant to", "[report][wording]")
{
    const auto patterns = forbidden();
    auto caught = [&](const std::string& text) {
        for (const auto& f : patterns)
            if (std::regex_search(text, f.pattern))
                return true;
        return false;
    };
    for (const char* bad : {"order_missing_event #8182", "volume_gap 2026-11-08", "(warn 91/100)",
                            "coverage {\"klaviyo\":\"complete\"}", "re-run `frr fetch`",
                            "2026-12-01T18:00:00Z", "n***@example.com (customer 7200000008992)",
                            "never reached Klaviyo in the window", "hash 9f86d081884c7d659a2feaa0c55ad015",
                            "klaviyo coverage is partial", "no data from klaviyo (paused)"})
        CHECK(caught(bad));
    for (const char* good : {"27 Nov 2026 06:00 GMT", "14 orders missing in Klaviyo",
                             "about \u00a320,340 at stake", "WARNING 91/100", "#1043",
                             "Monitoring paused: Klaviyo unavailable since 26 Nov", "Score: `\u2584`"})
        CHECK_FALSE(caught(good));
}

TEST_CASE("every bundled template is plain English outside its operator sections", "[report][wording]")
{
    const auto templates = report::load_templates({});
    for (const auto& [name, text] :
         {std::pair{"report.html", templates.html}, std::pair{"report.txt", templates.text},
          std::pair{"report.md", templates.markdown}}) {
        auto client = replace_all(text, std::regex("\\{\\{#operator\\}\\}[\\s\\S]*?\\{\\{/operator\\}\\}"));
        client = replace_all(client, std::regex("\\{\\{[^}]*\\}\\}"));
        check_client_text(std::string(name) == "report.html" ? visible(client) : client, name);
    }
}

TEST_CASE("every view string of the client's copy is plain English", "[report][wording]")
{
    for (const auto& history : {std::vector<int>{}, std::vector<int>{12, 13}, std::vector<int>{12, 13, 14}}) {
        test::ReportFixture fx(history);
        auto options = fx.options();
        for (bool emails : {false, true}) {
            options.show_masked_emails = emails;
            check_copies(render(report::read_inputs(fx.state, fx.run, options)),
                         fmt::format("fixture, {} earlier runs, masked e-mails {}", history.size(), emails));
        }
    }
    check_copies(render(hand_made(checks::Status::ok)), "healthy");

    auto empty = hand_made(checks::Status::ok);
    checks::IndicatorResult orders;
    orders.id = "order_sync";
    orders.title = "Order sync";  // every indicator has one; the trend shows it
    orders.status = checks::Status::ok;
    orders.counts = {{"judged", 0}};
    empty.checks.indicators = {orders};
    check_copies(render(empty), "no orders");

    auto paused = hand_made(checks::Status::unknown);
    paused.checks.coverage = {{"shopify", model::Coverage::complete}, {"klaviyo", model::Coverage::paused}};
    model::PlatformManifest klaviyo;
    klaviyo.status = model::Coverage::paused;
    klaviyo.breaker = "open since 2026-11-26T06:00:00Z";
    klaviyo.errors = {"GET /api/events returned HTTP 503 (attempt 8 of 8)"};
    klaviyo.missing_scopes = {"read_orders"};
    paused.manifest.platforms = {{"klaviyo", klaviyo}};
    checks::IndicatorResult unknown;
    unknown.id = "order_sync";
    unknown.title = "Order sync";
    unknown.status = checks::Status::unknown;
    unknown.summary = "Not checked: no data from klaviyo (paused).";
    paused.checks.indicators = {unknown};
    paused.checks.coverage_notes = {
        "Klaviyo's data covers only from 26 Nov 2026 06:00 GMT; older records were not judged."};
    check_copies(render(paused), "paused");

    // Every kind of the defect vocabulary, as the client reads its headline.
    for (const char* kind : {"order_missing_event", "order_event_late", "order_event_duplicate",
                             "order_value_mismatch", "order_items_missing", "customer_missing_profile",
                             "consent_mismatch", "sync_stalled", "audience_drop", "volume_gap"})
        check_client_text(report::describe_count(frr::test::k_pair_words, 3, kind, "x"), kind);
}
