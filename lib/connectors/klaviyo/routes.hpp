#pragma once
// Klaviyo's endpoints frr calls, each with its rate-limit tier (api/klaviyo.md section 5), named
// once for the fetch, the flow fetch and the doctor. The key names the endpoint's limiter.
#include "connectors/klaviyo/jsonapi_client.hpp"

namespace frr::connectors::klaviyo::route {

inline const Route metrics{"metrics", Tier::m};
inline const Route events{"events", Tier::xl};
inline const Route profiles{"profiles", Tier::l};
inline const Route lists{"lists", Tier::l};
inline const Route segments{"segments", Tier::l};
inline const Route list_count{"list_count", Tier::xs};  // a list with ?additional-fields=profile_count
inline const Route segment_count{"segment_count", Tier::xs};
inline const Route aggregates{"metric_aggregates", Tier::s};
inline const Route flows{"flows", Tier::s};
inline const Route metric_triggers{"metric_flow_triggers", Tier::m};
inline const Route list_triggers{"list_flow_triggers", Tier::s};
inline const Route segment_triggers{"segment_flow_triggers", Tier::s};
inline const Route list_members{"list_profiles", Tier::l};
inline const Route segment_members{"segment_profiles", Tier::l};
inline const Route profile_lists{"profile_lists", Tier::s};
// One request per run, never repeated: the Reporting API allows 225 a day per account.
inline const Route flow_report{"flow_series_reports", Tier::reporting, true};

}  // namespace frr::connectors::klaviyo::route
