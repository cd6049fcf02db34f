// The byte limits of action texts (spec/actions.md §1, JP1/CSC §6.11–§6.12) and of policy fields.
#pragma once

#include <cstddef>
#include <cstdint>

namespace posture::action {

inline constexpr std::size_t max_title_bytes = 64;
inline constexpr std::size_t max_text_bytes = 4096;
inline constexpr std::size_t max_html_bytes = 32768;
inline constexpr std::size_t max_subject_bytes = 64;
inline constexpr std::size_t max_body_bytes = 4096;
inline constexpr std::size_t max_recipients = 100;
inline constexpr std::size_t max_address_bytes = 64;
inline constexpr std::size_t max_event_bytes = 1024;
inline constexpr std::size_t max_argument_bytes = 32768;
inline constexpr std::size_t max_arguments = 256;
inline constexpr std::size_t max_program_bytes = 4096;
inline constexpr std::size_t max_policy_name_bytes = 128;
inline constexpr std::uint32_t max_condition_count = 9999;

}  // namespace posture::action
