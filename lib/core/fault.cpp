#include "core/fault.hpp"

#include <cstdlib>
#include <unistd.h>

namespace frr::core {

void fault_point([[maybe_unused]] std::string_view name)
{
#ifdef FRR_FAULT_POINTS
    const char* at = std::getenv("FRR_FAULT_AT");
    if (at != nullptr && name == at)
        ::_exit(99);
#endif
}

}  // namespace frr::core
