#include "connectors/fetch_support.hpp"

#include <exception>
#include <fmt/format.h>
#include <utility>

namespace frr::connectors {

void FetchRecorder::failure(const std::string& label, std::string_view dataset, bool refused,
                            const std::string& message, bool some_read)
{
    std::lock_guard lock(m_mutex);
    const auto text = fmt::format("{}: {}", label, message);
    m_manifest.errors.push_back(text);
    if (!dataset.empty())
        m_manifest.mark(dataset, some_read ? model::Coverage::partial : model::Coverage::unavailable, text);
    m_exit = core::worst_of(m_exit, refused ? core::ExitCode::credentials : core::ExitCode::partial);
}

void FetchRecorder::incomplete(std::string_view dataset, const std::string& text)
{
    std::lock_guard lock(m_mutex);
    m_manifest.errors.push_back(text);
    m_manifest.mark(dataset, model::Coverage::partial, text);
    m_exit = core::worst_of(m_exit, core::ExitCode::partial);
}

void FetchRecorder::shortfall(std::string_view dataset, const std::string& message)
{
    std::lock_guard lock(m_mutex);
    m_manifest.notes.push_back(fmt::format("{}: {}", model::dataset_label(dataset), message));
    m_manifest.mark(dataset, model::Coverage::unavailable, message);
}

void FetchRecorder::count(const std::string& dataset, std::int64_t n)
{
    std::lock_guard lock(m_mutex);
    m_manifest.counts[dataset] = n;
}

void FetchRecorder::info(std::string line)
{
    std::lock_guard lock(m_mutex);
    m_manifest.info.push_back(std::move(line));
}

void FetchRecorder::note(std::string text)
{
    std::lock_guard lock(m_mutex);
    m_manifest.notes.push_back(std::move(text));
}

std::function<void(int, std::int64_t)> pages_progress(const Progress& progress, std::string dataset)
{
    return [progress, dataset = std::move(dataset)](int pages, std::int64_t n) {
        if (progress)
            progress(dataset, pages, n);
    };
}

SourceFetch fetch_source(const std::string& platform, const EmailHandoff& emails,
                         const std::function<bool(SourceFetch&, const EmailHandoff&)>& body)
{
    SourceFetch out;
    out.manifest.mark_all(model::Role::source, model::Coverage::complete);
    bool handed_off = false;
    const EmailHandoff handoff = [&](model::WindowEmails list) {
        if (handed_off)
            return;
        handed_off = true;
        emails(std::move(list));
    };
    auto unavailable = [&](const std::string& why, const std::string& dataset_why, core::ExitCode code) {
        handoff({});
        out.manifest.errors.push_back(why);
        out.manifest.status = model::Coverage::unavailable;
        out.manifest.mark_all(model::Role::source, model::Coverage::unavailable, dataset_why);
        out.exit = core::worst_of(out.exit, code);
    };
    try {
        if (!body(out, handoff)) {
            handoff({});
            out.manifest.status = model::Coverage::unavailable;
            return out;
        }
        handoff({});  // a body that failed before its customers were read
        auto& m = out.manifest;
        m.status = m.errors.empty() ? model::Coverage::complete : model::Coverage::partial;
        if (!m.errors.empty())
            out.exit = core::worst_of(out.exit, core::ExitCode::partial);
    } catch (const core::Error& e) {
        unavailable(e.what() + (e.remedy().empty() ? std::string() : ": " + e.remedy()), e.what(),
                    e.code() == core::ExitCode::credentials ? e.code() : core::ExitCode::partial);
    } catch (const std::exception& e) {
        const auto why = fmt::format("{} unavailable: {}", platform, e.what());
        unavailable(why, why, core::ExitCode::partial);
    }
    return out;
}

void merge_part(SourceFetch& out, SourceFetch&& part)
{
    auto append = [](auto& to, auto& from) {
        to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    };
    append(out.data.orders, part.data.orders);
    append(out.data.daily_orders, part.data.daily_orders);
    out.order_ids_seen.merge(part.order_ids_seen);
    auto& m = out.manifest;
    for (auto& [k, v] : part.manifest.counts)
        m.counts[k] = v;
    append(m.errors, part.manifest.errors);
    append(m.notes, part.manifest.notes);
    append(m.info, part.manifest.info);
    for (const auto& [id, d] : part.manifest.datasets)
        m.mark(id, d.status, d.missing);
    out.exit = core::worst_of(out.exit, part.exit);
}

}  // namespace frr::connectors
