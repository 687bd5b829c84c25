#include "core/error.hpp"
#include "core/random.hpp"
#include "core/state_dir.hpp"
#include "core/time.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using frr::core::parse_iso8601;
using frr::core::StateDir;
namespace fs = std::filesystem;

TEST_CASE("the state directory is created private")
{
    frr::test::TempDir tmp;
    StateDir state(tmp / "state");
    struct stat st { };
    REQUIRE(::stat((tmp / "state").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
}

TEST_CASE("atomic write replaces a file whole")
{
    frr::test::TempDir tmp;
    auto path = tmp / "a.json";
    frr::core::atomic_write(path, "old");
    frr::core::atomic_write(path, "new", 0600);
    CHECK(frr::test::read_text(path) == "new");
    struct stat st { };
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    // No temp files left behind.
    std::size_t files = 0;
    for (auto& e : fs::directory_iterator(tmp.path())) {
        (void)e;
        ++files;
    }
    CHECK(files == 1);
}

TEST_CASE("a file written in pieces appears whole at commit, or not at all")
{
    frr::test::TempDir tmp;
    auto path = tmp / "lines.jsonl";
    frr::core::atomic_write(path, "old\n");
    {
        frr::core::AtomicFile file(path);
        file.write("{\"a\":1}\n");
        file.write("{\"a\":2}\n");
        CHECK(frr::test::read_text(path) == "old\n");  // nothing visible before commit
        file.commit();
    }
    CHECK(frr::test::read_text(path) == "{\"a\":1}\n{\"a\":2}\n");
    {
        frr::core::AtomicFile abandoned(path);  // an error on the way: destroyed without commit
        abandoned.write("half");
    }
    CHECK(frr::test::read_text(path) == "{\"a\":1}\n{\"a\":2}\n");
    std::size_t files = 0;
    for (auto& e : fs::directory_iterator(tmp.path())) {
        (void)e;
        ++files;
    }
    CHECK(files == 1);  // no temp file left behind
}

TEST_CASE("a large file handed to the disk as it is written reads back byte for byte")
{
    // 40 MiB in pieces of odd sizes: past two write-behind steps (16 MiB), so the first steps
    // leave the kernel's cache while the rest is written (AtomicFile::write_behind).
    frr::test::TempDir tmp;
    auto path = tmp / "large.jsonl";
    std::string expected;
    expected.reserve(40U << 20);
    std::uint32_t x = 12345;
    {
        frr::core::AtomicFile file(path);
        while (expected.size() < (40U << 20)) {
            std::string piece(100'003 + x % 4096, '\0');
            for (auto& c : piece) {
                x = x * 1664525U + 1013904223U;
                c = static_cast<char>('a' + (x >> 27));
            }
            file.write(piece);
            expected += piece;
        }
        CHECK_FALSE(fs::exists(path));  // nothing visible before commit
        file.commit();
    }
    const auto read_back = frr::test::read_text(path);
    CHECK(read_back.size() == expected.size());
    CHECK((read_back == expected));  // not decomposed: a difference would print 40 MiB
}

TEST_CASE("an interrupted write leaves the previous file intact")
{
    frr::test::TempDir tmp;
    auto path = tmp / "manifest.json";
    frr::core::atomic_write(path, "previous content");
    for (const char* point : {"atomic-write-before-fsync", "atomic-write-before-rename"}) {
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::setenv("FRR_FAULT_AT", point, 1);
            frr::core::atomic_write(path, "half-written new content");
            ::_exit(0);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        CHECK(WEXITSTATUS(status) == 99);  // died at the fault point
        CHECK(frr::test::read_text(path) == "previous content");
    }
}

TEST_CASE("a write to an unwritable place is a cannot-write error naming the path")
{
    try {
        frr::core::atomic_write("/proc/frr-cannot-write-here/x.json", "x");
        FAIL("expected an error");
    } catch (const frr::core::Error& e) {
        CHECK(e.code() == frr::core::ExitCode::cannot_write);
        CHECK(e.where().find("frr-cannot-write-here") != std::string::npos);
    }
}

TEST_CASE("a second lock holder gets exit 75 naming the holder")
{
    frr::test::TempDir tmp;
    StateDir state(tmp / "state");
    auto t = *parse_iso8601("2026-11-27T06:00:00Z");
    auto held = state.lock(t);
    // flock locks belong to the open file description: a child process that
    // opens the file again competes like another frr run would.
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        try {
            StateDir again(tmp / "state");
            auto second = again.lock(t);
            ::_exit(0);
        } catch (const frr::core::Error& e) {
            bool names_holder = std::string(e.what()).find("pid") != std::string::npos &&
                std::string(e.what()).find("2026-11-27T06:00:00Z") != std::string::npos;
            ::_exit(e.code() == frr::core::ExitCode::locked && names_holder ? 75 : 1);
        }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WEXITSTATUS(status) == 75);
}

TEST_CASE("run ids sort by as-of then sequence, and previous runs are found")
{
    frr::test::TempDir tmp;
    StateDir state(tmp / "state");
    auto t1 = *parse_iso8601("2026-11-25T06:00:00Z");
    auto t2 = *parse_iso8601("2026-11-26T06:00:00Z");
    auto t3 = *parse_iso8601("2026-11-27T06:00:00Z");
    auto r1 = state.create_run(t1);
    auto r2 = state.create_run(t2);
    auto r3 = state.create_run(t3);
    CHECK(r1.id < r2.id);
    CHECK(r2.id < r3.id);
    CHECK(r1.id.rfind("20261125T060000Z-", 0) == 0);
    frr::core::atomic_write(r1.dir / "manifest.json", "{}");
    frr::core::atomic_write(r2.dir / "manifest.json", "{}");
    auto prev = state.previous_run(t3, "manifest.json");
    REQUIRE(prev);
    CHECK(prev->id == r2.id);
    CHECK(state.previous_run(t1, "manifest.json") == std::nullopt);
    CHECK(state.latest_run("manifest.json")->id == r2.id);
}

TEST_CASE("dry runs live outside history: never a previous run, pruned to the newest few")
{
    frr::test::TempDir tmp;
    StateDir state(tmp / "state");
    auto t1 = *parse_iso8601("2026-11-25T06:00:00Z");
    auto t2 = *parse_iso8601("2026-11-26T06:00:00Z");
    auto real = state.create_run(t1);
    frr::core::atomic_write(real.dir / "manifest.json", "{}");
    std::vector<frr::core::RunInfo> dry;
    for (int i = 0; i < 4; ++i) {
        dry.push_back(state.create_run(t2, frr::core::RunPlace::dry_run));
        frr::core::atomic_write(dry.back().dir / "manifest.json", "{}");
    }
    CHECK(dry[0].dir.parent_path() == tmp / "state" / "dry-runs");
    CHECK(state.runs().size() == 1);
    CHECK(state.previous_run(t2 + std::chrono::hours(1), "manifest.json")->id == real.id);
    CHECK(state.latest_run("manifest.json")->id == real.id);
    state.prune_dry_runs(2);
    CHECK_FALSE(fs::exists(dry[0].dir));
    CHECK_FALSE(fs::exists(dry[1].dir));
    CHECK(fs::exists(dry[2].dir));
    CHECK(fs::exists(dry[3].dir));
    CHECK(fs::exists(real.dir));
}

TEST_CASE("retention prunes old runs but keeps the minimum")
{
    frr::test::TempDir tmp;
    StateDir state(tmp / "state");
    auto base = *parse_iso8601("2026-11-01T06:00:00Z");
    for (int d = 0; d < 10; ++d)
        state.create_run(base + std::chrono::hours(24 * d));
    auto now = base + std::chrono::hours(24 * 10);
    auto removed = state.prune(now, std::chrono::hours(24 * 5), 3);
    CHECK(removed.size() == 5);  // days 0..4 are older than 5 days
    CHECK(state.runs().size() == 5);
    removed = state.prune(now + std::chrono::hours(24 * 100), std::chrono::hours(24), 3);
    CHECK(state.runs().size() == 3);
}

TEST_CASE("the hashing key is created once, private, and refused when open")
{
    frr::test::TempDir tmp;
    StateDir state(tmp / "state");
    frr::core::SeededRandom random(7);
    auto k1 = state.hash_key(random);
    auto k2 = state.hash_key(random);
    CHECK(k1.size() == 32);
    CHECK(k1 == k2);
    ::chmod((tmp / "state/hash.key").c_str(), 0644);
    CHECK_THROWS_AS(state.hash_key(random), frr::core::Error);
}
