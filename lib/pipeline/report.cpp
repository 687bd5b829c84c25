#include "pipeline/report.hpp"

#include "connectors/registry.hpp"
#include "core/redact.hpp"

#include <fmt/format.h>

namespace frr::pipeline {

ReportResult run_report(const RunContext& ctx, const core::RunInfo& run)
{
    return run_report(ctx, run, report::read_run_findings(run));
}

ReportResult run_report(const RunContext& ctx, const core::RunInfo& run, report::RunFindings findings)
{
    core::Redactor redactor;
    for (auto& secret : core::resolvable_secrets(ctx.config))
        redactor.add_secret(std::move(secret));
    report::WriteOptions options;
    options.templates_dir = ctx.config.delivery.templates_dir;
    options.schedule_interval = ctx.config.delivery.schedule_interval;
    options.store_name = ctx.config.store.name;
    options.timezone = ctx.config.store.timezone;
    options.redactor = &redactor;
    options.show_masked_emails = ctx.config.delivery.show_masked_emails;
    options.words = connectors::vocabulary(ctx.config.source, ctx.config.destination);
    auto files = report::write_report(ctx.state, run, std::move(findings), options);
    ctx.services.logger.info("report", fmt::format("{} -> {}", files.subject, files.html.string()));
    return ReportResult{files.html,    files.text,   files.markdown, files.json,
                        files.subject, files.status, files.score};
}

}  // namespace frr::pipeline
