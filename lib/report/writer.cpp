#include "report/writer.hpp"

#include "checks/findings_json.hpp"
#include "core/error.hpp"
#include "report/history.hpp"

namespace frr::report {

namespace {

void require_file(const std::filesystem::path& path, const char* stage)
{
    if (!std::filesystem::exists(path))
        throw core::Error(core::ExitCode::bad_input, std::string(path.filename()) + " is missing",
                          path.string(), std::string("run `frr ") + stage + "` for this run first");
}

}  // namespace

RunFindings read_run_findings(const core::RunInfo& run)
{
    const auto checks_path = run.dir / "checks.json";
    const auto score_path = run.dir / "score.json";
    require_file(checks_path, "check");
    require_file(score_path, "score");
    RunFindings out;
    out.findings = checks::findings_from_json(core::read_file(checks_path), checks_path.string());
    out.score = checks::score_from_json(core::read_file(score_path), score_path.string()).score;
    if (std::filesystem::exists(run.dir / "manifest.json"))
        out.manifest = model::read_manifest(run.dir);
    return out;
}

ReportInput make_inputs(const core::StateDir& state, const core::RunInfo& run, RunFindings data,
                        const WriteOptions& options)
{
    ReportInput in;
    in.checks = std::move(data.findings);
    in.score = std::move(data.score);
    in.manifest = std::move(data.manifest);
    auto as_of = in.checks.as_of != core::TimePoint{} ? in.checks.as_of : run.as_of;
    in.history = load_history(state, as_of, options.trend_points > 0 ? options.trend_points - 1 : 0);
    in.store_name = options.store_name;
    in.timezone = options.timezone;
    in.schedule_interval = options.schedule_interval;
    in.redactor = options.redactor;
    in.show_masked_emails = options.show_masked_emails;
    in.words = options.words;
    return in;
}

ReportInput read_inputs(const core::StateDir& state, const core::RunInfo& run, const WriteOptions& options)
{
    return make_inputs(state, run, read_run_findings(run), options);
}

ReportFiles write_report(const core::StateDir& state, const core::RunInfo& run, RunFindings data,
                         const WriteOptions& options)
{
    auto view = build_view(make_inputs(state, run, std::move(data), options));
    auto rendered = render_all(view, load_templates(options.templates_dir));
    ReportFiles files{run.dir / file_name(Format::html),
                      run.dir / file_name(Format::text),
                      run.dir / file_name(Format::markdown),
                      run.dir / file_name(Format::json),
                      run.dir / operator_file_name(Format::html),
                      run.dir / operator_file_name(Format::text),
                      run.dir / operator_file_name(Format::markdown),
                      view.subject,
                      view.status,
                      view.score};
    core::atomic_write(files.html, rendered.html);
    core::atomic_write(files.text, rendered.text);
    core::atomic_write(files.markdown, rendered.markdown);
    core::atomic_write(files.operator_html, rendered.operator_html);
    core::atomic_write(files.operator_text, rendered.operator_text);
    core::atomic_write(files.operator_markdown, rendered.operator_markdown);
    core::atomic_write(files.json, rendered.json);
    return files;
}

ReportFiles write_report(const core::StateDir& state, const core::RunInfo& run, const WriteOptions& options)
{
    return write_report(state, run, read_run_findings(run), options);
}

}  // namespace frr::report
