// The batch path folds item verdicts with the scalar evaluator's fold (eval/fold.hpp).
#pragma once

#include "eval/fold.hpp"

namespace posture::batch {
using eval::ItemFold;
}  // namespace posture::batch
