#pragma once
// Helpers shared by every test executable: a private temporary folder per
// test, and whole-file read/write.
#include <filesystem>
#include <string>

namespace frr::test {

// A fresh directory under the system temp dir, removed (recursively) on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, const std::string& text);

// The repository's source root (for examples/ and fixtures/).
std::filesystem::path source_dir();

}  // namespace frr::test
