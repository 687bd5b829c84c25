#pragma once
// Rendering the view model: mustache templates for HTML, plain text and
// Markdown (bundled in reports/, overridable per file by delivery.templates_dir)
// and a JSON serialisation of the view model.
#include "report/view.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace frr::report {

enum class Format { html, text, markdown, json };

// Which copy a rendering is (docs/report.md "Two audiences"): the client's
// has no ids, keys or technical appendix; the operator's is the same report
// with the `{{#operator}}` sections (appendix, every affected key) filled in.
enum class Copy { client, operator_copy };

// File name in a run directory and in a templates folder: report.html, ...
const char* file_name(Format format);
// The operator's copy in a run directory: operator.html, operator.txt, operator.md.
const char* operator_file_name(Format format);

struct Templates {
    std::string html;
    std::string text;
    std::string markdown;
};

// The templates shipped with frr: <prefix>/share/frr/reports beside <prefix>/bin/frr (the build
// tree links build/share/frr/reports to the source's reports/), core/install_paths.hpp.
std::filesystem::path bundled_templates_dir();
// Loads report.html, report.txt and report.md from `override_dir` when it has
// them, else from the bundled folder (so a user may customise one format).
// Throws Error(config) when a template is unreadable or does not parse,
// naming the file and the mustache error.
Templates load_templates(const std::filesystem::path& override_dir);

// Escapes text for HTML element content and quoted attribute values:
// & < > " and ' (as &#39;, which every renderer knows; &apos; is XHTML/HTML5
// only and older Outlook shows it literally).
std::string html_escape(std::string_view text);

// Renders one template. HTML escapes every {{value}}; text and Markdown do not,
// and have runs of blank lines folded to one. Throws Error(config) when the
// template does not parse (`name` names it).
std::string render_template(const std::string& tmpl, const ReportView& view, Format format,
                            const std::string& name, Copy copy = Copy::client);

// The JSON report: schema "frr.report/1", the view model's facts.
std::string render_json(const ReportView& view);

struct RenderedReport {
    std::string html;  // the client's copy
    std::string text;
    std::string markdown;
    std::string operator_html;  // the operator's copy
    std::string operator_text;
    std::string operator_markdown;
    std::string json;  // for integrations (the operator's audience)
};

RenderedReport render_all(const ReportView& view, const Templates& templates);

}  // namespace frr::report
