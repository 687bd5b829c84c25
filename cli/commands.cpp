#include "commands.hpp"

#include "check_command.hpp"
#include "doctor_command.hpp"
#include "fetch_command.hpp"
#include "report_command.hpp"
#include "run_command.hpp"
#include "score_command.hpp"
#include "send_command.hpp"
#include "validate_command.hpp"

namespace frr::cli {

std::vector<CommandFactory> all_commands()
{
    return {&make_run_command,    &make_fetch_command, &make_check_command,    &make_score_command,
            &make_report_command, &make_send_command,  &make_validate_command, &make_doctor_command};
}

}  // namespace frr::cli
