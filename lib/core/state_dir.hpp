#pragma once
// The state directory: one per store pair. Holds run directories
// (runs/<run id>/ with manifest.json, data files, checks.json, score.json,
// reports), the delivery ledger, the circuit-breaker state, the token cache and
// the hashing key. Every file is written through atomic_write; one lock keeps
// overlapping runs apart.
#include "core/clock.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace frr::core {

class Random;

// Writes `content` to `path` so that a reader sees the old file or the new one,
// never a mix: temp file in the same directory, fsync, rename, fsync directory.
// `mode` applies to the new file (0600 for secrets). Throws Error(cannot_write)
// with the path and the system's reason (for example "No space left on device").
void atomic_write(const std::filesystem::path& path, std::string_view content, unsigned mode = 0644);

// A file written in pieces that readers see whole or not at all, as with atomic_write (which is
// one of these written at once): the pieces go to a temp file in the same directory, commit()
// fsyncs it and renames it into place. Destroyed without commit() (an error on the way), it
// removes the temp file and leaves `path` as it was. Every failure throws Error(cannot_write)
// with the path and the system's reason.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path path, unsigned mode = 0644);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view bytes);
    void commit();

private:
    void write_behind();

    std::filesystem::path m_path;
    std::filesystem::path m_tmp;
    int m_fd = -1;                // -1 once committed
    std::uint64_t m_written = 0;  // bytes written so far
    std::uint64_t m_started = 0;  // written back from the kernel's cache (or started) up to here
};

// Reads a whole file; throws Error(bad_input) naming the path.
std::string read_file(const std::filesystem::path& path);

// Refuses (Error config) a secret file readable by group or others.
void require_private_file(const std::filesystem::path& path);

// Holds the state directory's exclusive lock until destroyed.
class StateLock {
public:
    explicit StateLock(int fd) : m_fd(fd) { }
    ~StateLock();
    StateLock(const StateLock&) = delete;
    StateLock& operator=(const StateLock&) = delete;
    StateLock(StateLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }

private:
    int m_fd;
};

struct RunInfo {
    std::string id;  // sortable: "<as_of compact>-<sequence>"
    std::filesystem::path dir;
    TimePoint as_of;
};

// Where a run directory lives: runs/ is history (previous snapshots, diffs,
// trends, deliveries); dry-runs/ holds `frr run --dry-run` output, which no
// later run reads.
enum class RunPlace { history, dry_run };

class StateDir {
public:
    // Creates the directory (mode 0700) if needed. Throws Error(cannot_write).
    explicit StateDir(std::filesystem::path root);
    const std::filesystem::path& root() const { return m_root; }

    // Takes the exclusive lock, or throws Error(locked) naming the holder's pid
    // and start time. `started` is recorded for the next would-be holder.
    StateLock lock(TimePoint started) const;

    // A new, empty run directory for `as_of`, in runs/ or dry-runs/.
    RunInfo create_run(TimePoint as_of, RunPlace place = RunPlace::history) const;
    // Removes all but the newest `keep` dry runs.
    void prune_dry_runs(std::size_t keep) const;
    // Completed and in-progress runs, oldest first.
    std::vector<RunInfo> runs() const;
    // The newest run whose as_of is strictly before `as_of` and that has `marker`
    // (a file name such as "manifest.json") — the previous snapshot to diff against.
    std::optional<RunInfo> previous_run(TimePoint as_of, const std::string& marker) const;
    // The newest run that has `marker`.
    std::optional<RunInfo> latest_run(const std::string& marker) const;
    std::optional<RunInfo> find_run(const std::string& id) const;

    // Removes run directories older than `keep_for` before `now`, always keeping
    // the newest `keep_min`. Returns the ids removed.
    std::vector<std::string> prune(TimePoint now, std::chrono::seconds keep_for, std::size_t keep_min) const;

    // The per-state-directory key for hashing emails (32 bytes, file 0600),
    // created on first use.
    std::string hash_key(Random& random) const;

    std::filesystem::path path(const std::string& name) const { return m_root / name; }

private:
    std::filesystem::path m_root;
};

std::string compact_time(TimePoint t);  // "20261127T060000Z"

}  // namespace frr::core
