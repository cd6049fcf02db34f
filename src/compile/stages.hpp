// The per-category steps of compile(): each checks its section of a judgment policy, fills its part
// of the Plan, and records every problem it finds (nothing stops at the first).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compile/plan_impl.hpp"
#include "posture/catalog.hpp"
#include "posture/error.hpp"
#include "posture/policy.hpp"

namespace posture::compile_detail {

/// Collects the problems of one policy, in the order the policy lists the elements.
class Problems {
 public:
  void add(const origin& where, std::string message);
  /// A level set on a condition must be Caution, Warning or Danger (spec/judgment.md §2).
  void require_condition_level(const origin& where, std::string_view path, Level level);
  bool empty() const noexcept { return list_.empty(); }
  std::vector<diagnostic> take() && { return std::move(list_); }

 private:
  std::vector<diagnostic> list_;
};

/// "antivirus.products[2]": how messages name an element, so that a problem can be found even
/// when the reader recorded no location.
std::string element_path(std::string_view section, std::string_view list, std::size_t index);

void compile_security_updates(const SecurityUpdatesPolicy& policy, const PolicySet& set,
                              const PatchCatalog* catalog, Plan::Impl& plan, Problems& problems);
void check_antivirus(const AntivirusPolicy& policy, Problems& problems);
void check_prohibited_software(const ProhibitedSoftwarePolicy& policy, Problems& problems);
void check_mandatory_software(const MandatorySoftwarePolicy& policy, Problems& problems);
void compile_pc_security(const PcSecurityPolicy& policy, Plan::Impl& plan, Problems& problems);
void compile_user_defined(const UserDefinedPolicy& policy, Plan::Impl& plan, Problems& problems);
/// Every name pattern of the policy (and of its expressions) within max_name_pattern_bytes and
/// max_name_pattern_stars; run after the sections are compiled.
void check_pattern_limits(const JudgmentPolicy& policy, const Plan::Impl& plan, Problems& problems);
/// Fills the program index and the update-id filters of a compiled plan.
void index_programs(Plan::Impl& plan);

}  // namespace posture::compile_detail
