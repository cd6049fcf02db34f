// Positions inside a JSON string as written. A value read from a JSON string is shorter than its
// text in the document wherever an escape stands ("\"" is two bytes written for one read), so a
// problem found at some byte of the value lies further right in the document. Diagnostics about
// the inside of a string (a version constraint, a condition expression) map their offsets here.
#pragma once

#include <cstddef>
#include <string_view>

namespace posture {

/// The offset in `written` — a JSON string's text between its quotes, escapes and all — of the
/// byte at `offset` of the string's decoded value. A byte that an escape produced maps to the
/// escape's backslash; an offset at or past the value's end maps to the end of `written`.
/// `written` is assumed to be a string the JSON reader accepted; anything else maps to its end.
std::size_t written_offset(std::string_view written, std::size_t offset) noexcept;

}  // namespace posture
