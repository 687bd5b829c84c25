#include "commands.hpp"

#include "validate_command.hpp"

namespace frr::cli {

std::vector<CommandFactory> all_commands()
{
    return {&make_validate_command};
}

} // namespace frr::cli
