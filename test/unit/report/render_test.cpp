#include "core/error.hpp"
#include "report/render.hpp"
#include "report/writer.hpp"
#include "report_fixture.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

using namespace frr;

namespace {

// Asserts that each needle occurs, in this order, in `text`.
void check_in_order(const std::string& text, const std::vector<std::string>& needles)
{
    std::size_t pos = 0;
    for (const auto& n : needles) {
        auto found = text.find(n, pos);
        INFO("looking for '" << n << "' after offset " << pos);
        REQUIRE(found != std::string::npos);
        pos = found + n.size();
    }
}

struct Written {
    std::string html, text, markdown, json;
};

Written write_fixture(test::ReportFixture& fx, const core::Redactor* redactor = nullptr)
{
    auto files = report::write_report(fx.state, fx.run, fx.options(redactor));
    return {test::read_text(files.html), test::read_text(files.text), test::read_text(files.markdown),
            test::read_text(files.json)};
}

}  // namespace

TEST_CASE("all formats are written, money first, with the sections in the agreed order", "[report]")
{
    test::ReportFixture fx;
    auto files = report::write_report(fx.state, fx.run, fx.options());
    CHECK(files.subject ==
          "[frr] CRITICAL 54/100 \u2014 Fixture Store: \u00a3590.00 at stake; 14 orders missing in Klaviyo");
    CHECK(files.status == "critical");
    auto w = write_fixture(fx);
    check_in_order(
        w.text,
        {"CRITICAL  54/100",
         "Data is being lost",
         "\u00a3590.00 of sales is at stake across three problems; the biggest is 14 orders missing in "
         "Klaviyo (\u00a3588.00)",
         "Confidence: ",
         "Missed report.",
         "WHAT NEEDS ATTENTION",
         "1. 14 orders missing in Klaviyo [CRITICAL]",
         "\u00a3588.00 at stake, 14 customers affected",
         "What to do:",
         "2. 2 customers whose email consent differs",
         "3. 1 order with the wrong value",
         "\u00a32.00 at stake",
         "WHAT CHANGED SINCE THE LAST REPORT",
         "New problems:",
         "#1041",
         "Still open:",
         "Fixed:",
         "#1020",
         "TREND",
         "WHAT WE COULD NOT CHECK",
         "permissions"});
    CHECK(w.text.find("TECHNICAL APPENDIX") == std::string::npos);
    check_in_order(w.markdown,
                   {"**CRITICAL · 54/100**", "## What needs attention", "### 1. 14 orders missing in Klaviyo",
                    "**\u00a3588.00 at stake, 14 customers affected**",
                    "## What changed since the last report", "## Trend", "## What we could not check"});
    CHECK(w.markdown.find("Technical appendix") == std::string::npos);
    check_in_order(w.html,
                   {"CRITICAL", ">54<", "What needs attention", "1. 14 orders missing in Klaviyo",
                    "\u00a3588.00 at stake", "What changed since the last report", "Trend",
                    "What we could not check"});
    CHECK(w.html.find("Technical appendix") == std::string::npos);
    // The operator's copy: the same report plus every key and the appendix.
    auto ops_text = test::read_text(files.operator_text);
    check_in_order(ops_text,
                   {"WHAT NEEDS ATTENTION", "order_missing_event #1031", "WHAT WE COULD NOT CHECK",
                    "TECHNICAL APPENDIX", "Money: currency GBP", "requests 57", "order_sync: -24 points",
                    "lists:read"});
    CHECK(ops_text.find("consent_mismatch 6600112233") != std::string::npos);
    check_in_order(test::read_text(files.operator_html), {"What needs attention", "Technical appendix"});
    check_in_order(test::read_text(files.operator_markdown),
                   {"## What needs attention", "## Technical appendix", "| Klaviyo | partial |"});
    rapidjson::Document doc;
    doc.Parse(w.json.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["schema"].GetString()) == "frr.report/1");
    CHECK(doc["score"].GetInt() == 54);
    CHECK(std::string(doc["issues"][0]["id"].GetString()) == "order_sync");
    CHECK(doc["issues"][0]["money_minor"].GetInt64() == 58800);
    CHECK(doc["at_stake"]["minor"].GetInt64() == 59000);
    CHECK(std::string(doc["at_stake"]["currency"].GetString()) == "GBP");
    CHECK(doc["affected"]["order_sync"].Size() == 14);
}

TEST_CASE("text and Markdown have no runs of blank lines and no trailing spaces", "[report]")
{
    for (const auto& history : {std::vector<int>{}, std::vector<int>{12, 13}, std::vector<int>{12, 13, 14}}) {
        test::ReportFixture fx(history);
        auto files = report::write_report(fx.state, fx.run, fx.options());
        for (const auto& path : {files.text, files.markdown, files.operator_text, files.operator_markdown}) {
            auto text = test::read_text(path);
            INFO(path.string());
            CHECK(text.find("\n\n\n") == std::string::npos);
            CHECK(text.find(" \n") == std::string::npos);
            CHECK_FALSE(text.starts_with("\n"));
        }
    }
}

TEST_CASE("reports show dates in the store's time zone", "[report]")
{
    test::ReportFixture fx;
    auto w = write_fixture(fx);
    for (const auto* text : {&w.html, &w.text, &w.markdown, &w.json}) {
        CHECK(text->find("15 Jul 2026 07:00 BST") != std::string::npos);
        CHECK(text->find("Europe/London") != std::string::npos);
        CHECK(text->find("12 Jul 2026") != std::string::npos);  // dates alone in the same format
    }
}

TEST_CASE("reports carry only masked emails and order names, never customer ids or secrets", "[report]")
{
    test::ReportFixture fx;
    core::Redactor redactor;
    redactor.add_secret("pk_live_SECRETKEY123");
    auto w = write_fixture(fx, &redactor);
    for (const auto* text : {&w.html, &w.text, &w.markdown, &w.json}) {
        CHECK(text->find("jane.doe@example.com") == std::string::npos);
        CHECK(text->find("6600112233") == std::string::npos);
        CHECK(text->find("6600112244") == std::string::npos);
        CHECK(text->find("pk_live_SECRETKEY123") == std::string::npos);
    }
    CHECK(w.text.find("#1031") != std::string::npos);
    // Affected customers' masked e-mails reach the client only when configured.
    CHECK(w.text.find("b***@example.org") == std::string::npos);
    CHECK(w.text.find("list of these customers is in the technical copy") != std::string::npos);
    auto options = fx.options(&redactor);
    options.show_masked_emails = true;
    auto shown = report::write_report(fx.state, fx.run, options);
    CHECK(test::read_text(shown.text).find("b***@example.org") != std::string::npos);
    CHECK(test::read_text(shown.text).find("jane.doe@example.com") == std::string::npos);
    // Without a redactor, secret-looking query values are still masked (operator's copy: raw errors).
    auto plain = report::write_report(fx.state, fx.run, fx.options());
    auto ops = test::read_text(plain.operator_text);
    CHECK(ops.find("pk_live_SECRETKEY123") == std::string::npos);
    CHECK(ops.find("api_key=[redacted]") != std::string::npos);
}

TEST_CASE("trends are drawn inline: a sparkline in text, table-cell bars in HTML", "[report]")
{
    test::ReportFixture fx;
    auto w = write_fixture(fx);
    CHECK(w.text.find("Score: ▇▇▅") != std::string::npos);
    CHECK(w.markdown.find("`▇▇▅`") != std::string::npos);
    CHECK(w.html.find("<td width=\"54%\" style=\"background:#cf222e") != std::string::npos);
    CHECK(w.html.find("<td width=\"92%\" style=\"background:#1a7f37") != std::string::npos);
    CHECK(w.text.find("Orders copied to Klaviyo: █▆▃ (now 30)") != std::string::npos);
}

TEST_CASE("the HTML email is self-contained, phone-width and dark-mode aware", "[report]")
{
    test::ReportFixture fx;
    auto w = write_fixture(fx);
    CHECK(w.html.find("<script") == std::string::npos);
    CHECK(w.html.find("<link") == std::string::npos);
    CHECK(w.html.find("src=") == std::string::npos);
    CHECK(w.html.find("max-width:640px") != std::string::npos);
    CHECK(w.html.find("prefers-color-scheme: dark") != std::string::npos);
    CHECK(w.html.find("name=\"color-scheme\"") != std::string::npos);
    CHECK(w.html.find("&mdash;") == std::string::npos);  // escaping, not entities, in values
}

TEST_CASE("HTML escapes an apostrophe as the numeric entity (#39, known to every mail client), never as apos",
          "[report]")
{
    CHECK(report::html_escape("O'Neill & <Sons> \"x\"") == "O&#39;Neill &amp; &lt;Sons&gt; &quot;x&quot;");
    test::ReportFixture fx;
    for (const char* name : {"checks.json", "manifest.json"}) {
        auto path = fx.run.dir / name;
        auto text = test::read_text(path);
        text.replace(text.find("Fixture Store"), 13, "O'Neill's Store");
        test::write_text(path, text);
    }
    auto w = write_fixture(fx);
    CHECK(w.html.find("O&#39;Neill&#39;s Store") != std::string::npos);
    CHECK(w.html.find("&apos;") == std::string::npos);
    CHECK(w.text.find("O'Neill's Store") != std::string::npos);
    CHECK(w.markdown.find("O'Neill's Store") != std::string::npos);
}

TEST_CASE("a templates_dir overrides one format and the others fall back to the bundled ones", "[report]")
{
    test::ReportFixture fx;
    auto dir = fx.tmp / "templates";
    std::filesystem::create_directories(dir);
    test::write_text(dir / "report.txt",
                     "CUSTOM {{status_label}} {{score}} {{#issues}}[{{headline}}]{{/issues}}\n");
    auto options = fx.options();
    options.templates_dir = dir;
    auto files = report::write_report(fx.state, fx.run, options);
    CHECK(test::read_text(files.text) ==
          "CUSTOM CRITICAL 54 [14 orders missing in Klaviyo][2 customers whose email consent differs in "
          "Klaviyo]"
          "[1 order with the wrong value in Klaviyo]\n");
    CHECK(test::read_text(files.html).find("What needs attention") != std::string::npos);
}

TEST_CASE("a broken template or missing checks.json is a clear error", "[report]")
{
    test::ReportFixture fx;
    auto dir = fx.tmp / "templates";
    std::filesystem::create_directories(dir);
    test::write_text(dir / "report.md", "{{#issues}} unclosed");
    auto options = fx.options();
    options.templates_dir = dir;
    REQUIRE_THROWS_AS(report::write_report(fx.state, fx.run, options), core::Error);
    std::filesystem::remove(fx.run.dir / "checks.json");
    try {
        report::write_report(fx.state, fx.run, fx.options());
        FAIL("expected an error");
    } catch (const core::Error& e) {
        CHECK(e.code() == core::ExitCode::bad_input);
        CHECK(std::string(e.what()).find("checks.json") != std::string::npos);
    }
}
