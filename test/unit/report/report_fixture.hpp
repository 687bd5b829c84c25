#pragma once
// A state directory holding the fixture run (checks, score, manifest) and
// earlier runs' score.json files, for the report tests.
#include "core/redact.hpp"
#include "core/state_dir.hpp"
#include "report/writer.hpp"
#include "support/pair_words.hpp"
#include "support/test_support.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace frr::test {

inline std::filesystem::path report_fixtures()
{
    return source_dir() / "test/unit/report/fixtures";
}

struct ReportFixture {
    TempDir tmp;
    core::StateDir state{tmp / "state"};
    core::RunInfo run;

    // `history_days`: which earlier score files (12, 13, 14 July) to install.
    explicit ReportFixture(const std::vector<int>& history_days = {12, 13})
    {
        for (int day : history_days) {
            auto id = "202607" + std::to_string(day) + "T060000Z-00000" + std::to_string(day - 11);
            auto dir = state.root() / "runs" / id;
            std::filesystem::create_directories(dir);
            std::filesystem::copy_file(report_fixtures() /
                                           ("history/score-202607" + std::to_string(day) + ".json"),
                                       dir / "score.json");
        }
        auto dir = state.root() / "runs" / "20260715T060000Z-000009";
        std::filesystem::create_directories(dir);
        for (const char* name : {"checks.json", "score.json", "manifest.json"})
            std::filesystem::copy_file(report_fixtures() / "current" / name, dir / name);
        run = *state.find_run("20260715T060000Z-000009");
    }

    report::WriteOptions options(const core::Redactor* redactor = nullptr) const
    {
        report::WriteOptions o;
        o.redactor = redactor;
        o.words = k_pair_words;
        return o;
    }
};

}  // namespace frr::test
