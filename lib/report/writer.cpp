#include "report/writer.hpp"

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

ReportInput read_inputs(const core::StateDir& state, const core::RunInfo& run, const WriteOptions& options)
{
    require_file(run.dir / "checks.json", "check");
    require_file(run.dir / "score.json", "score");
    ReportInput in;
    in.checks = load_checks(run.dir / "checks.json");
    in.score = load_score(run.dir / "score.json");
    if (std::filesystem::exists(run.dir / "manifest.json"))
        in.manifest = load_manifest(run.dir / "manifest.json");
    auto as_of = in.score.as_of != core::TimePoint{} ? in.score.as_of : run.as_of;
    in.history = load_history(state, as_of, options.trend_points > 0 ? options.trend_points - 1 : 0);
    in.store_name = options.store_name;
    in.timezone = options.timezone;
    in.schedule_interval = options.schedule_interval;
    in.redactor = options.redactor;
    in.show_masked_emails = options.show_masked_emails;
    return in;
}

ReportFiles write_report(const core::StateDir& state, const core::RunInfo& run, const WriteOptions& options)
{
    auto view = build_view(read_inputs(state, run, options));
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

}  // namespace frr::report
