#include <doctest/doctest.h>

#include "posture/action.hpp"

using namespace posture;

TEST_CASE("action: a template splits into literal text and variables, %% being a percent sign") {
  auto t = Template::compile("%count% PCs at %level% (100%% sure)");
  REQUIRE(t.ok());
  REQUIRE(t->parts().size() == 4);
  CHECK(t->parts()[0].var == TemplateVar::count);
  CHECK(t->parts()[1].literal == " PCs at ");
  CHECK(t->parts()[2].var == TemplateVar::level);
  CHECK(t->parts()[3].literal == " (100% sure)");
  CHECK(t->uses(TemplateVar::count));
  CHECK_FALSE(t->uses(TemplateVar::host));
  CHECK_FALSE(t->uses_client_vars());
  CHECK(t->literal_bytes() == std::string(" PCs at  (100% sure)").size());
}

TEST_CASE("action: every variable of the spec is known") {
  for (const char* name : {"judgedate", "contdays", "conttimes", "asset", "host", "user", "group",
                           "ip", "mac", "level", "policy", "violations", "count"}) {
    auto t = Template::compile(std::string("%") + name + "%");
    CHECK_MESSAGE(t.ok(), name);
    REQUIRE(parse_template_var(name).has_value());
    CHECK(template_var_name(*parse_template_var(name)) == name);
  }
  CHECK(is_client_var(TemplateVar::host));
  CHECK(is_client_var(TemplateVar::violations));
  CHECK_FALSE(is_client_var(TemplateVar::count));
  CHECK_FALSE(is_client_var(TemplateVar::judgedate));
}

TEST_CASE("action: unknown variables and lone percent signs are errors at their column") {
  source_location start;
  start.file = "p.json";
  start.line = 3;
  start.column = 10;
  start.offset = 100;
  auto t = Template::compile("PC %hostname% at 50% load", start);
  REQUIRE_FALSE(t.ok());
  const auto& d = t.err().diagnostics();
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == errc::parse);
  CHECK(d[0].where.line == 3);
  CHECK(d[0].where.column == 13);
  CHECK(d[0].where.offset == 103);
  CHECK(d[0].message.find("unknown variable %hostname%") != std::string::npos);
  CHECK(d[1].where.column == 29);
  CHECK(d[1].message.find("write %% for a percent sign") != std::string::npos);
}

TEST_CASE("action: a template must be valid UTF-8") {
  auto t = Template::compile("caf\xC3");
  REQUIRE_FALSE(t.ok());
  CHECK(t.err().message() == "invalid UTF-8 in a text");
  CHECK(Template::compile("caf\xC3\xA9 \xEF\xBF\xBD").ok());
}
