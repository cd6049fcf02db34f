// What an expression can read from a snapshot: scalar field paths and the collections that
// any/all/count iterate (spec/judgment.md §4.6). Each entry carries a pre-resolved accessor so
// that the evaluator never looks a name up while judging a client.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "expr/types.hpp"
#include "expr/value.hpp"
#include "posture/inventory.hpp"

namespace posture::expr {

/// A scalar field of the snapshot ("os.version", "settings.screensaver.timeout_min").
struct FieldDef {
  std::string_view path;
  Type type;
  /// Reads the field; ValueKind::missing when the snapshot does not hold it.
  Value (*read)(const Snapshot& snapshot) noexcept;
  /// For text fields with a closed set of values (severity, state, update mode): the values, so
  /// that a misspelt literal is a compile-time error. Empty otherwise.
  std::span<const std::string_view> values;
};

/// The elements of a collection as they sit in the snapshot.
struct Items {
  const void* data = nullptr;
  std::size_t size = 0;
  bool present = false;  ///< false: the section was not collected
};

/// A field of one element of a collection ("software" → "version").
struct ElementFieldDef {
  std::string_view name;
  Type type;
  Value (*read)(const void* items, std::size_t index) noexcept;
  std::span<const std::string_view> values;
};

/// A collection that any/all/count iterate ("software", "updates", …).
struct CollectionDef {
  std::string_view name;
  Items (*items)(const Snapshot& snapshot) noexcept;
  std::span<const ElementFieldDef> fields;
};

std::span<const FieldDef> snapshot_fields() noexcept;
std::span<const CollectionDef> collections() noexcept;

/// Index into snapshot_fields() / collections() / a collection's fields, or -1.
int find_field(std::string_view path) noexcept;
int find_collection(std::string_view name) noexcept;
int find_element_field(const CollectionDef& collection, std::string_view name) noexcept;

}  // namespace posture::expr
