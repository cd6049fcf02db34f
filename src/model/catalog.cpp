#include "posture/catalog.hpp"

#include <algorithm>
#include <unordered_set>

namespace posture {

void PatchCatalog::add(CatalogUpdate update) {
  auto append_unique = [](std::vector<std::string>& to, const std::vector<std::string>& from) {
    for (const auto& s : from)
      if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
  };
  for (const auto& old : update.supersedes) {
    auto& by = superseded_by_[old];
    if (std::find(by.begin(), by.end(), update.id) == by.end()) by.push_back(update.id);
  }
  if (auto it = index_.find(update.id); it != index_.end()) {
    auto& existing = updates_[it->second];
    append_unique(existing.supersedes, update.supersedes);
    append_unique(existing.products, update.products);
    return;
  }
  index_.emplace(update.id, updates_.size());
  updates_.push_back(std::move(update));
}

const CatalogUpdate* PatchCatalog::find(std::string_view id) const noexcept {
  auto it = index_.find(std::string(id));
  return it == index_.end() ? nullptr : &updates_[it->second];
}

std::vector<std::string> PatchCatalog::superseders_of(std::string_view id) const {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen{std::string(id)};
  std::vector<std::string> todo{std::string(id)};
  while (!todo.empty()) {
    std::string cur = std::move(todo.back());
    todo.pop_back();
    auto it = superseded_by_.find(cur);
    if (it == superseded_by_.end()) continue;
    for (const auto& newer : it->second)
      if (seen.insert(newer).second) {
        out.push_back(newer);
        todo.push_back(newer);
      }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace posture
