// Fuzz target: the snapshot reader. The input is split on lines "=====" into
// the files of a run directory (manifest.json first, then the record files in
// the order below); model::read_snapshot must read them or throw core::Error.
#include "core/error.hpp"
#include "model/snapshot.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

constexpr std::array<const char*, 10> k_files{"manifest.json",
                                              "source/orders.jsonl",
                                              "source/customers.jsonl",
                                              "source/checkouts.jsonl",
                                              "source/daily_orders.json",
                                              "destination/events.jsonl",
                                              "destination/profiles.jsonl",
                                              "destination/metrics.json",
                                              "destination/audiences.json",
                                              "destination/daily_placed_orders.json"};

const std::filesystem::path& run_dir()
{
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("frr-fuzz-snapshot-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d / "source");
        std::filesystem::create_directories(d / "destination");
        return d;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::string sep = "\n=====\n";
    std::size_t pos = 0;
    for (std::size_t i = 0; i < k_files.size(); ++i) {
        auto path = run_dir() / k_files[i];
        if (pos > input.size()) {
            std::filesystem::remove(path);
            continue;
        }
        auto end = input.find(sep, pos);
        auto part = input.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        std::ofstream(path, std::ios::binary | std::ios::trunc) << part;
        pos = end == std::string::npos ? input.size() + 1 : end + sep.size();
    }
    try {
        (void)frr::model::manifest_from_json(input.substr(0, input.find(sep)), "fuzz");
    } catch (const frr::core::Error&) {
    }
    try {
        (void)frr::model::read_snapshot(run_dir());
    } catch (const frr::core::Error&) {
    }
    return 0;
}
