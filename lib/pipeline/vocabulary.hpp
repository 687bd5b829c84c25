#pragma once
// The configured integration pair's words (model::Vocabulary), for the checks' and the report's text.
#include "model/vocabulary.hpp"

namespace frr::pipeline {

model::Vocabulary pair_vocabulary();

}  // namespace frr::pipeline
