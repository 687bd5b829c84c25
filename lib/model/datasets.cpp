#include "model/datasets.hpp"

namespace frr::model {

const DatasetInfo* find_dataset(std::string_view id)
{
    for (const auto& d : k_datasets)
        if (d.id == id)
            return &d;
    return nullptr;
}

std::vector<const DatasetInfo*> datasets_of(Role role)
{
    std::vector<const DatasetInfo*> out;
    for (const auto& d : k_datasets)
        if (d.role == role)
            out.push_back(&d);
    return out;
}

std::string events_dataset(std::string_view event_kind_name)
{
    return "events." + std::string(event_kind_name);
}

std::string dataset_label(std::string_view id)
{
    const auto* d = find_dataset(id);
    return std::string(d ? d->label : id);
}

}  // namespace frr::model
