#include "checks/findings.hpp"

namespace frr::checks {

const char* to_string(Status s)
{
    switch (s) {
    case Status::ok: return "ok";
    case Status::warn: return "warn";
    case Status::critical: return "critical";
    case Status::unknown: return "unknown";
    case Status::not_applicable: return "not_applicable";
    }
    return "unknown";
}

Status status_from(std::string_view s)
{
    if (s == "ok")
        return Status::ok;
    if (s == "warn")
        return Status::warn;
    if (s == "critical")
        return Status::critical;
    if (s == "not_applicable")
        return Status::not_applicable;
    return Status::unknown;
}

Status worse(Status a, Status b)
{
    const auto rank = [](Status s) {
        switch (s) {
        case Status::unknown:
        case Status::not_applicable: return 0;
        case Status::ok: return 1;
        case Status::warn: return 2;
        case Status::critical: return 3;
        }
        return 0;
    };
    return rank(a) >= rank(b) ? a : b;
}

const IndicatorResult* Findings::find(std::string_view id) const
{
    for (const auto& i : indicators)
        if (i.id == id)
            return &i;
    return nullptr;
}

}  // namespace frr::checks
