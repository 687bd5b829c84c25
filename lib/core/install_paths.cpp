#include "core/install_paths.hpp"

#include <system_error>

#ifndef FRR_DATA_DIR_FROM_BINDIR
#define FRR_DATA_DIR_FROM_BINDIR "../share/frr"
#endif

namespace frr::core {

std::filesystem::path executable_path()
{
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe;
}

std::filesystem::path data_dir()
{
    auto exe = executable_path();
    if (exe.empty())
        return {};
    return (exe.parent_path() / FRR_DATA_DIR_FROM_BINDIR).lexically_normal();
}

}  // namespace frr::core
