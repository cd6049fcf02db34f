// "Did you mean …?" for misspelt field, collection and function names.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace posture::expr {

/// "; did you mean \"x\"?" for the candidate closest to `word` by edit distance (a transposition
/// counts as one edit), when it is close enough to be a plausible typo; "" otherwise.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace posture::expr
