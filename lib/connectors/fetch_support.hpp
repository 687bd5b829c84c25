#pragma once
// What every connector's fetch does the same way (docs/adding-a-pair.md): one recorder of
// failures, counts and notes for the fetch's threads, and a source's frame (the emails handed
// over exactly once, a failure turned into an unavailable platform, a part fetched on another
// thread folded in). Nothing here names a platform.
#include "connectors/connector.hpp"

#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace frr::connectors {

// What a fetch's threads share: the manifest's errors, dataset coverage, counts and notes, and
// the exit code, under one lock. `label` names the request in an error; `dataset`
// (model/datasets.hpp) is what a failure leaves incomplete: partial when some of it was read,
// else unavailable ("" for none).
class FetchRecorder {
public:
    FetchRecorder(model::PlatformManifest& manifest, core::ExitCode& exit)
        : m_manifest(manifest),
          m_exit(exit)
    {
    }

    // `refused`: the platform refused the credentials or a scope (exit 77), else exit 3.
    void failure(const std::string& label, std::string_view dataset, bool refused, const std::string& message,
                 bool some_read = false);
    // An answer that came with errors for part of it: the dataset is partial (exit 3).
    void incomplete(std::string_view dataset, const std::string& text);
    // A dataset left unread through no fault of the fetch (a quota another app spent): a note,
    // not an error, so the platform stays complete and only what needs the dataset is unknown.
    void shortfall(std::string_view dataset, const std::string& message);
    void count(const std::string& dataset, std::int64_t n);
    void info(std::string line);
    void note(std::string text);
    // Runs `f` under the recorder's lock (records the threads add to one result).
    template <typename F> void locked(F&& f)
    {
        std::lock_guard lock(m_mutex);
        f();
    }

private:
    std::mutex m_mutex;
    model::PlatformManifest& m_manifest;
    core::ExitCode& m_exit;
};

// A paging callback (pages, records so far) that reports `dataset`'s progress; nothing when
// `progress` is empty.
std::function<void(int, std::int64_t)> pages_progress(const Progress& progress, std::string dataset);

// The frame of a source's fetch: every dataset complete until found otherwise; `body` fetches
// (it returns false when the platform could not be reached at all, having recorded why); the
// emails are handed over exactly once whatever happens; the platform is partial when anything
// failed. An exception is an unavailable platform: core::Error with its remedy (refused
// credentials keep exit 77), anything else as "<platform> unavailable: ...".
SourceFetch fetch_source(const std::string& platform, const EmailHandoff& emails,
                         const std::function<bool(SourceFetch&, const EmailHandoff&)>& body);

// Folds a part of the fetch made on another thread (the orders and their day counts) into
// `out`: its records, the order ids seen, counts, errors, notes, information, dataset coverage
// and exit.
void merge_part(SourceFetch& out, SourceFetch&& part);

}  // namespace frr::connectors
