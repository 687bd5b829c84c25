#include "delivery/outbox.hpp"

#include "core/error.hpp"
#include "core/state_dir.hpp"

#include <fmt/format.h>

namespace frr::delivery {

OutboxChannel::OutboxChannel(std::filesystem::path dir, const DeliveryEnv& env)
    : m_dir(std::move(dir)),
      m_env(env)
{
}

DeliveryOutcome OutboxChannel::deliver(const OutgoingReport& report)
{
    auto folder = m_dir / report.report_id;
    return with_retries(m_env, "outbox", [&] {
        try {
            std::filesystem::create_directories(folder);
            core::atomic_write(folder / "report.html", report.html_with_note());
            core::atomic_write(folder / "report.txt", report.text_with_note());
            core::atomic_write(folder / "report.md", report.markdown);
            core::atomic_write(folder / "report.json", report.json);
            if (!report.operator_html.empty())
                core::atomic_write(folder / "operator.html", report.with_note_html(report.operator_html));
            if (!report.operator_text.empty())
                core::atomic_write(folder / "operator.txt", report.with_note_text(report.operator_text));
            if (!report.operator_markdown.empty())
                core::atomic_write(folder / "operator.md", report.operator_markdown);
            core::atomic_write(folder / "subject.txt", report.subject + "\n");
            m_env.logger.info("outbox",
                              fmt::format("report {} written to {}", report.report_id, folder.string()));
            return DeliveryOutcome{OutcomeKind::delivered, "written " + (folder / "report.html").string(), "",
                                   1};
        } catch (const core::Error& e) {
            return DeliveryOutcome{OutcomeKind::temporary, "", e.what(), 1};
        } catch (const std::filesystem::filesystem_error& e) {
            return DeliveryOutcome{OutcomeKind::temporary, "", e.what(), 1};
        }
    });
}

}  // namespace frr::delivery
