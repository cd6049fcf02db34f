// "Did you mean …?" for misspelt field, collection and function names.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace posture::expr {

/// The candidate closest to `word` by edit distance (a transposition counts as one edit), when
/// it is close enough to be a plausible typo; empty otherwise.
std::string_view closest(std::string_view word, std::span<const std::string_view> candidates);

/// "; did you mean \"x\"?" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace posture::expr
