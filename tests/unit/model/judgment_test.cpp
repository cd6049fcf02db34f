#include <doctest/doctest.h>

#include "posture/judgment.hpp"

using namespace posture;

namespace {
ItemResult item(Status s, std::optional<Level> l = std::nullopt) {
  ItemResult r;
  r.status = s;
  r.level = l;
  return r;
}
}  // namespace

TEST_CASE("model: evaluation points multiply item coefficients (spec example: 37)") {
  std::vector<ItemResult> items = {
      item(Status::judged, Level::safe),    item(Status::judged, Level::caution),
      item(Status::judged, Level::warning), item(Status::judged, Level::safe),
      item(Status::unknown),                item(Status::judged, Level::safe)};
  CHECK(evaluation_points(items) == 37);
}

TEST_CASE("model: no points when nothing was judged") {
  CHECK_FALSE(evaluation_points({item(Status::unknown), item(Status::no_item)}));
  CHECK_FALSE(evaluation_points({}));
  CHECK(evaluation_points({item(Status::judged, Level::danger)}) == 25);
}

TEST_CASE("model: client status and level aggregate the items") {
  Judgment j;
  j.items = {item(Status::judged, Level::caution), item(Status::judged, Level::danger),
             item(Status::unknown)};
  aggregate(j);
  CHECK(j.status == Status::judged);
  CHECK(j.level == Level::danger);

  j.items = {item(Status::unknown), item(Status::no_item), item(Status::not_target)};
  aggregate(j);
  CHECK(j.status == Status::unknown);
  CHECK_FALSE(j.level);

  j.items = {item(Status::no_item), item(Status::not_target)};
  aggregate(j);
  CHECK(j.status == Status::no_item);
  CHECK_FALSE(j.points);
}
