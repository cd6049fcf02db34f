// The patch catalog: what is known about updates beyond one client's scan (spec/formats.md §4).
// Supplies supersedence (a newer cumulative update satisfies a requirement for an older one) and
// distributability (which violating updates the host can push to the client).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "posture/error.hpp"
#include "posture/inventory.hpp"
#include "posture/time.hpp"

namespace posture {

struct CatalogUpdate {
  std::string id;  ///< normalised (no KB prefix)
  std::string bulletin;
  std::string title;
  Severity severity = Severity::unspecified;
  std::string classification;
  std::vector<std::string> products;
  std::optional<Date> released;
  std::vector<std::string> supersedes;  ///< normalised ids this update replaces
  bool distributable = true;
};

/// A set of catalog updates with an index by id. An id listed twice keeps the first entry's fields
/// and the union of both entries' `supersedes` and `products` (CVRF lists per product).
/// Thread safety: immutable after construction; build with add().
class PatchCatalog {
 public:
  void add(CatalogUpdate update);
  const CatalogUpdate* find(std::string_view id) const noexcept;
  const std::vector<CatalogUpdate>& updates() const noexcept { return updates_; }
  bool empty() const noexcept { return updates_.empty(); }

  /// Every update that supersedes `id`, directly or transitively (cycles tolerated), sorted.
  std::vector<std::string> superseders_of(std::string_view id) const;

 private:
  std::vector<CatalogUpdate> updates_;
  std::unordered_map<std::string, std::size_t> index_;
  std::unordered_map<std::string, std::vector<std::string>> superseded_by_;
};

}  // namespace posture
