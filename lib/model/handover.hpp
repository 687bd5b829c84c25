#pragma once
// What the source's fetch hands the destination's while both run: the normalised emails of
// the window's customers (for the profile lookup) and, of those, the ones who opted in to
// email marketing in the window (for the subscriber-list lookup). Memory only: raw emails are
// never written anywhere.
#include <string>
#include <vector>

namespace frr::model {

struct WindowEmails {
    std::vector<std::string> customers;
    std::vector<std::string> new_subscribers;
};

}  // namespace frr::model
