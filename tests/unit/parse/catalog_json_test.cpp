#include <doctest/doctest.h>

#include <string>

#include "parse_test_util.hpp"
#include "posture/io.hpp"

using namespace posture;
using posture::test::first_problem;
using posture::test::problems;

TEST_CASE("catalog json: every key of an update is read and ids are normalised") {
  auto r = read_catalog_json(R"({"format": "posture-catalog/1", "updates": [
  {"id": "KB5046617", "bulletin": "MS24-100", "title": "2024-11 Cumulative Update",
   "severity": "Critical", "classification": "security",
   "products": ["Windows 11 Version 23H2 for x64-based Systems"],
   "released": "2024-11-12", "supersedes": ["KB5044284", "5043145"], "distributable": false},
  {"id": "5044284"}]})");
  INFO((r.ok() ? std::string() : r.err().to_string()));
  REQUIRE(r.ok());
  const PatchCatalog& c = *r;
  REQUIRE(c.updates().size() == 2);
  const CatalogUpdate* u = c.find("5046617");
  REQUIRE(u);
  CHECK(u->bulletin == "24-100");
  CHECK(u->title == "2024-11 Cumulative Update");
  CHECK(u->severity == Severity::critical);
  CHECK(u->classification == "security");
  CHECK(u->products == std::vector<std::string>{"Windows 11 Version 23H2 for x64-based Systems"});
  CHECK(u->released == make_date(2024, 11, 12));
  CHECK(u->supersedes == std::vector<std::string>{"5044284", "5043145"});
  CHECK_FALSE(u->distributable);
  const CatalogUpdate* old = c.find("5044284");
  REQUIRE(old);
  CHECK(old->distributable);
  CHECK(old->severity == Severity::unspecified);
  CHECK_FALSE(old->released);
  CHECK(c.superseders_of("5044284") == std::vector<std::string>{"5046617"});
}

TEST_CASE("catalog json: unknown keys, bad values and a wrong format are errors") {
  auto r = read_catalog_json(R"({"format": "posture-catalog/1", "updates": [
  {"id": "1", "supercedes": ["2"], "released": "12/11/2024", "severity": "urgent"},
  {"title": "no id"}]})");
  REQUIRE_FALSE(r.ok());
  CHECK(problems(r.err()) ==
        std::vector<std::string>{
            "2:15: unknown key \"supercedes\" in catalog update (expected one of: id, bulletin, "
            "title, severity, classification, products, released, supersedes, distributable); "
            "did you mean \"supersedes\"?",
            "2:48: invalid date \"12/11/2024\" for \"released\" (expected YYYY-MM-DD in the years "
            "0001-9999)",
            "2:74: invalid value \"urgent\" for \"severity\" (expected one of: unspecified, low, "
            "moderate, important, critical)",
            "3:3: missing required key \"id\" in catalog update"});

  auto v = read_catalog_json(R"({"format": "posture-catalog/2"})");
  REQUIRE_FALSE(v.ok());
  CHECK(v.err().code() == errc::version);
  auto missing = read_catalog_json(R"({"updates": []})");
  REQUIRE_FALSE(missing.ok());
  CHECK(first_problem(missing.err()) == "1:1: missing required key \"format\" in catalog");
}

TEST_CASE("catalog json: an id listed twice merges supersedence as the catalog defines") {
  auto r = read_catalog_json(R"({"format": "posture-catalog/1", "updates": [
  {"id": "3", "supersedes": ["1"]}, {"id": "3", "supersedes": ["2"]}]})");
  REQUIRE(r.ok());
  CHECK(r->updates().size() == 1);
  CHECK(r->find("3")->supersedes == std::vector<std::string>{"1", "2"});
}
