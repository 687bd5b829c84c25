#include "connectors/probe.hpp"

namespace frr::connectors {

ProbeResult guarded_probe(const std::string& title, const std::function<ProbeResult()>& probe)
{
    try {
        return probe();
    } catch (const core::Error& e) {
        ProbeResult r;
        r.title = title;
        r.failure = e.code();
        r.evidence.push_back(e.what());
        r.action = e.remedy().empty() ? "Check the configuration's credentials." : e.remedy();
        return r;
    }
}

}  // namespace frr::connectors
