#include <algorithm>
#include <cstdint>

#include "batch/fleet_impl.hpp"

namespace posture::batch {

bool ListColumn::fits(std::size_t n) const noexcept {
  return n <= UINT32_MAX && values_.size() <= UINT32_MAX - n;
}

void ListColumn::set(std::size_t client, const Id* ids, const std::int32_t* dates, std::size_t n) {
  auto count = static_cast<std::uint32_t>(n);
  if (client == begin_.size()) {
    reserve_more(begin_, 1);
    reserve_more(count_, 1);
    begin_.push_back(static_cast<std::uint32_t>(values_.size()));
    count_.push_back(0);
  } else if (n <= count_[client]) {
    std::copy(ids, ids + n, values_.begin() + begin_[client]);
    if (dated_) std::copy(dates, dates + n, dates_.begin() + begin_[client]);
    garbage_ += count_[client] - n;
    count_[client] = count;
    return;
  } else {
    garbage_ += count_[client];
    begin_[client] = static_cast<std::uint32_t>(values_.size());
  }
  reserve_more(values_, n);
  values_.insert(values_.end(), ids, ids + n);
  if (dated_) {
    reserve_more(dates_, n);
    dates_.insert(dates_.end(), dates, dates + n);
  }
  count_[client] = count;
  if (garbage_ > 4096 && garbage_ > values_.size() / 2) compact();
}

void ListColumn::move_last(std::size_t from, std::size_t to) noexcept {
  garbage_ += count_[to];
  begin_[to] = begin_[from];
  count_[to] = count_[from];
  begin_.pop_back();
  count_.pop_back();
}

void ListColumn::pop_back() noexcept {
  garbage_ += count_.back();
  begin_.pop_back();
  count_.pop_back();
}

void ListColumn::clear() noexcept {
  begin_.clear();
  count_.clear();
  values_.clear();
  dates_.clear();
  garbage_ = 0;
}

void ListColumn::compact() {
  std::vector<Id> values;
  std::vector<std::int32_t> dates;
  values.reserve(values_.size() - garbage_);
  if (dated_) dates.reserve(values.capacity());
  for (std::size_t c = 0; c < begin_.size(); ++c) {
    auto b = begin_[c];
    begin_[c] = static_cast<std::uint32_t>(values.size());
    values.insert(values.end(), values_.begin() + b, values_.begin() + b + count_[c]);
    if (dated_) dates.insert(dates.end(), dates_.begin() + b, dates_.begin() + b + count_[c]);
  }
  values_ = std::move(values);
  dates_ = std::move(dates);
  garbage_ = 0;
}

std::size_t ListColumn::memory() const noexcept {
  return (begin_.capacity() + count_.capacity()) * sizeof(std::uint32_t) +
         values_.capacity() * sizeof(Id) + dates_.capacity() * sizeof(std::int32_t);
}

}  // namespace posture::batch
