#include "core/state_dir.hpp"

#include "core/error.hpp"
#include "core/fault.hpp"
#include "core/random.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <date/date.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace frr::core {

namespace {

[[noreturn]] void throw_write(const fs::path& path, const std::string& what, int err)
{
    std::string remedy = err == ENOSPC  ? "free some disk space, then run again; nothing was lost"
        : err == EACCES || err == EPERM ? "check the owner and permissions of the state directory"
                                        : "";
    throw Error(ExitCode::cannot_write, fmt::format("cannot {}: {}", what, std::strerror(err)), path.string(),
                remedy);
}

void write_all(int fd, std::string_view content, const fs::path& path)
{
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw_write(path, "write", errno);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

void fsync_dir(const fs::path& dir)
{
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::string parse_compact_as_of(const std::string& id)
{
    // "20261127T060000Z-000001" -> "2026-11-27T06:00:00Z"
    if (id.size() < 16)
        return {};
    return fmt::format("{}-{}-{}T{}:{}:{}Z", id.substr(0, 4), id.substr(4, 2), id.substr(6, 2),
                       id.substr(9, 2), id.substr(11, 2), id.substr(13, 2));
}

}  // namespace

std::string compact_time(TimePoint t)
{
    return date::format("%Y%m%dT%H%M%SZ", t);
}

AtomicFile::AtomicFile(fs::path path, unsigned mode) : m_path(std::move(path))
{
    auto dir = m_path.parent_path().empty() ? fs::path(".") : m_path.parent_path();
    m_tmp = dir / fmt::format(".{}.tmp.{}", m_path.filename().string(), ::getpid());
    m_fd = ::open(m_tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (m_fd < 0)
        throw_write(m_tmp, "create a file", errno);
    ::fchmod(m_fd, mode);
}

AtomicFile::~AtomicFile()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        ::unlink(m_tmp.c_str());
    }
}

void AtomicFile::write(std::string_view bytes)
{
    write_all(m_fd, bytes, m_path);
    m_written += bytes.size();
    write_behind();
}

// A large file (a snapshot's JSON lines, a gigabyte at a million orders) is handed to the disk
// as it is written, in steps of k_write_behind: each step starts the disk write of the newest
// step and waits for the one before, whose pages then leave the kernel's cache. The cache holds
// two steps of the file, not all of it, so each write fills pages just freed instead of fresh
// ones (on a virtual machine each fresh page is a fault to the host: the copy into the cache was
// most of a large snapshot's write time), and the fsync at the end has little left to do. A small
// file never reaches a step and is written as before. Errors here are only hints (the fsync in
// commit() reports a failed write), so they are not checked.
void AtomicFile::write_behind()
{
    constexpr std::uint64_t k_write_behind = 16U << 20;
    while (m_written - m_started >= k_write_behind) {
        const auto offset = static_cast<off_t>(m_started);
        ::sync_file_range(m_fd, offset, k_write_behind, SYNC_FILE_RANGE_WRITE);
        if (m_started >= k_write_behind) {
            const auto previous = offset - static_cast<off_t>(k_write_behind);
            ::sync_file_range(m_fd, previous, k_write_behind,
                              SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                                  SYNC_FILE_RANGE_WAIT_AFTER);
            ::posix_fadvise(m_fd, previous, k_write_behind, POSIX_FADV_DONTNEED);
        }
        m_started += k_write_behind;
    }
}

void AtomicFile::commit()
{
    fault_point("atomic-write-before-fsync");
    if (::fsync(m_fd) != 0)
        throw_write(m_path, "flush to disk", errno);
    ::close(m_fd);
    m_fd = -1;
    fault_point("atomic-write-before-rename");
    if (::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
        int err = errno;
        ::unlink(m_tmp.c_str());
        throw_write(m_path, "replace the file", err);
    }
    fsync_dir(m_path.parent_path().empty() ? fs::path(".") : m_path.parent_path());
}

void atomic_write(const fs::path& path, std::string_view content, unsigned mode)
{
    AtomicFile file(path, mode);
    file.write(content);
    file.commit();
}

std::string read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ExitCode::bad_input, "cannot read the file", path.string(),
                    "check that it exists and is readable");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void require_private_file(const fs::path& path)
{
    struct stat st { };
    if (::stat(path.c_str(), &st) != 0)
        return;
    if ((st.st_mode & 077) != 0)
        throw Error(ExitCode::config,
                    fmt::format("secret file is readable by others (mode {:o})", st.st_mode & 0777),
                    path.string(), fmt::format("run: chmod 600 {}", path.string()));
}

StateLock::~StateLock()
{
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

StateDir::StateDir(fs::path root) : m_root(std::move(root))
{
    std::error_code ec;
    if (!fs::exists(m_root, ec)) {
        fs::create_directories(m_root, ec);
        if (ec)
            throw Error(ExitCode::cannot_write,
                        fmt::format("cannot create the state directory: {}", ec.message()), m_root.string(),
                        "create it yourself or choose another with --state-dir");
        ::chmod(m_root.c_str(), 0700);
    }
    if (!fs::is_directory(m_root))
        throw Error(ExitCode::cannot_write, "the state directory path is not a directory", m_root.string());
    fs::create_directories(m_root / "runs", ec);
    if (ec)
        throw Error(ExitCode::cannot_write, fmt::format("cannot create runs/: {}", ec.message()),
                    m_root.string(), "check the permissions of the state directory");
}

StateLock StateDir::lock(TimePoint started) const
{
    auto path = m_root / "lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        throw_write(path, "open the lock file", errno);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char buf[256] = {};
        auto n = ::pread(fd, buf, sizeof(buf) - 1, 0);
        ::close(fd);
        std::string holder = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "unknown";
        while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' '))
            holder.pop_back();
        throw Error(ExitCode::locked, fmt::format("another frr run holds the lock ({})", holder),
                    path.string(), "wait for it to finish and try again later");
    }
    auto info = fmt::format("pid {}, started {}\n", ::getpid(), format_iso8601(started));
    if (::ftruncate(fd, 0) == 0)
        write_all(fd, info, path);
    return StateLock(fd);
}

std::vector<RunInfo> StateDir::runs() const
{
    std::vector<RunInfo> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_root / "runs", ec)) {
        if (!entry.is_directory())
            continue;
        auto id = entry.path().filename().string();
        auto as_of = parse_iso8601(parse_compact_as_of(id));
        if (!as_of)
            continue;
        out.push_back({id, entry.path(), *as_of});
    }
    std::sort(out.begin(), out.end(), [](const RunInfo& a, const RunInfo& b) { return a.id < b.id; });
    return out;
}

RunInfo StateDir::create_run(TimePoint as_of, RunPlace place) const
{
    std::size_t seq = 0;
    for (const auto& r : runs()) {
        auto dash = r.id.rfind('-');
        if (dash != std::string::npos)
            seq = std::max<std::size_t>(seq, std::stoul(r.id.substr(dash + 1)));
    }
    const auto parent = m_root / (place == RunPlace::dry_run ? "dry-runs" : "runs");
    if (place == RunPlace::dry_run) {
        std::error_code ec;
        fs::create_directories(parent, ec);
        if (ec)
            throw_write(parent, "create the dry-runs directory", ec.value());
    }
    for (;; ++seq) {
        auto id = fmt::format("{}-{:06}", compact_time(as_of), seq + 1);
        auto dir = parent / id;
        if (::mkdir(dir.c_str(), 0700) == 0)
            return {id, dir, as_of};
        if (errno != EEXIST)
            throw_write(dir, "create the run directory", errno);
    }
}

void StateDir::prune_dry_runs(std::size_t keep) const
{
    std::vector<fs::path> dirs;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_root / "dry-runs", ec))
        if (entry.is_directory())
            dirs.push_back(entry.path());
    std::sort(dirs.begin(), dirs.end());
    for (std::size_t i = 0; i + keep < dirs.size(); ++i) {
        fs::remove_all(dirs[i], ec);
        if (ec)
            throw_write(dirs[i], "remove an old dry run", ec.value());
    }
}

std::optional<RunInfo> StateDir::previous_run(TimePoint as_of, const std::string& marker) const
{
    auto all = runs();
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->as_of < as_of && fs::exists(it->dir / marker))
            return *it;
    return std::nullopt;
}

std::optional<RunInfo> StateDir::latest_run(const std::string& marker) const
{
    auto all = runs();
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (fs::exists(it->dir / marker))
            return *it;
    return std::nullopt;
}

std::optional<RunInfo> StateDir::find_run(const std::string& id) const
{
    for (auto& r : runs())
        if (r.id == id)
            return r;
    return std::nullopt;
}

std::vector<std::string> StateDir::prune(TimePoint now, std::chrono::seconds keep_for,
                                         std::size_t keep_min) const
{
    auto all = runs();
    std::vector<std::string> removed;
    if (all.size() <= keep_min)
        return removed;
    auto candidates = all.size() - keep_min;
    for (std::size_t i = 0; i < candidates; ++i) {
        if (all[i].as_of + keep_for >= now)
            continue;
        std::error_code ec;
        fs::remove_all(all[i].dir, ec);
        if (ec)
            throw_write(all[i].dir, "remove an old run", ec.value());
        removed.push_back(all[i].id);
    }
    return removed;
}

std::string StateDir::hash_key(Random& random) const
{
    auto path = m_root / "hash.key";
    if (fs::exists(path)) {
        require_private_file(path);
        auto key = read_file(path);
        if (key.size() != 32)
            throw Error(ExitCode::bad_input, "the hashing key has the wrong size", path.string(),
                        "restore it from a backup; deleting it makes old snapshots unmatchable");
        return key;
    }
    auto key = random.bytes(32);
    atomic_write(path, key, 0600);
    return key;
}

}  // namespace frr::core
