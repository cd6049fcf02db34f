// FleetJudge: plans over a fleet, in partitions over threads.
//
// Each thread judges a contiguous range of clients and writes each verdict into its own slot, so
// the output is in fleet order whatever the number of threads or their timing. Per-entry tables
// are brought up to date on the calling thread before the workers start and are read-only while
// they run.
#include <algorithm>
#include <exception>
#include <thread>

#include "batch/client_judge.hpp"
#include "batch/client_row.hpp"
#include "eval/assign.hpp"
#include "eval/categories.hpp"

namespace posture {

struct FleetJudge::State {
  std::vector<Plan> plans;
  std::vector<std::unique_ptr<batch::PlanTables>> tables;
  std::optional<Engine> engine;  // set: clients are assigned their plan
  EvalOptions options;
};

namespace {

// Fewer clients than this per thread do not repay starting a thread.
constexpr std::size_t kMinClientsPerThread = 4096;

unsigned thread_count(const BatchOptions& options, std::size_t clients) {
  unsigned wanted = options.threads ? options.threads : std::thread::hardware_concurrency();
  wanted = std::max(1u, wanted);
  auto useful = static_cast<unsigned>(std::max<std::size_t>(1, clients / kMinClientsPerThread));
  return std::min(wanted, useful);
}

}  // namespace

std::optional<Level> FleetVerdicts::level_of(std::size_t client) const noexcept {
  if (level[client] == 0) return std::nullopt;
  return static_cast<Level>(level[client]);
}

std::optional<int> FleetVerdicts::points_of(std::size_t client) const noexcept {
  if (points[client] < 0) return std::nullopt;
  return points[client];
}

FleetJudge::FleetJudge(Plan plan, EvalOptions options) : s_(std::make_unique<State>()) {
  s_->options = options;
  s_->tables.push_back(std::make_unique<batch::PlanTables>(plan, options));
  s_->plans.push_back(std::move(plan));
}

FleetJudge::FleetJudge(const Engine& engine) : s_(std::make_unique<State>()) {
  s_->engine = engine;
  s_->options = engine.options();
  for (const auto& policy : engine.policies().judgment_policies)
    if (const Plan* plan = engine.find_plan(policy.name)) {
      s_->tables.push_back(std::make_unique<batch::PlanTables>(*plan, s_->options));
      s_->plans.push_back(*plan);
    }
}

FleetJudge::~FleetJudge() = default;
FleetJudge::FleetJudge(FleetJudge&& other) noexcept = default;
FleetJudge& FleetJudge::operator=(FleetJudge&& other) noexcept = default;

std::span<const Plan> FleetJudge::plans() const noexcept { return s_->plans; }

FleetVerdicts FleetJudge::judge(const Fleet& fleet, Timestamp reference_time,
                                const BatchOptions& options) {
  FleetVerdicts out;
  judge(fleet, reference_time, out, options);
  return out;
}

void FleetJudge::judge(const Fleet& fleet, Timestamp reference_time, FleetVerdicts& out,
                       const BatchOptions& options) {
  run(fleet, nullptr, fleet.size(), reference_time, out, options);
}

void FleetJudge::judge(const Fleet& fleet, std::span<const std::size_t> clients,
                       Timestamp reference_time, FleetVerdicts& out, const BatchOptions& options) {
  run(fleet, clients.data(), clients.size(), reference_time, out, options);
}

void FleetJudge::run(const Fleet& fleet, const std::size_t* list, std::size_t n,
                     Timestamp reference_time, FleetVerdicts& out, const BatchOptions& options) {
  const Fleet::Impl& f = fleet.impl();
  auto client_at = [&](std::size_t i) { return list ? list[i] : i; };

  for (auto& t : s_->tables) t->cover(f.dict);

  out.status.resize(n);
  out.level.resize(n);
  out.points.resize(n);
  out.plan.resize(n);
  out.items.resize(n * category_count);

  // Assignment first, on this thread: it reads the policy set, which the workers need not share.
  const auto& plans = s_->plans;
  if (!s_->engine) {
    std::fill(out.plan.begin(), out.plan.end(), plans.empty() ? no_plan : 0);
  } else {
    const PolicySet& set = s_->engine->policies();
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t c = client_at(i);
      auto assigned = eval::assign_names(set, f.asset(c), f.dict->text.key(f.group[c]));
      out.plan[i] = no_plan;
      for (std::size_t p = 0; p < plans.size(); ++p)
        if (plans[p].policy_name() == assigned.judgment_policy) {
          out.plan[i] = static_cast<std::uint32_t>(p);
          break;
        }
    }
  }

  auto work = [&](std::size_t begin, std::size_t end) {
    std::vector<std::unique_ptr<batch::ClientJudge>> judges(plans.size());
    batch::ClientVerdict v;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t p = out.plan[i];
      if (p == no_plan) {
        v = batch::ClientVerdict{};
      } else {
        if (!judges[p])
          judges[p] = std::make_unique<batch::ClientJudge>(f, *s_->tables[p], reference_time);
        judges[p]->judge(client_at(i), v);
      }
      out.status[i] = v.status;
      out.level[i] = v.level;
      out.points[i] = v.points;
      std::copy(std::begin(v.items), std::end(v.items), out.items.begin() + i * category_count);
    }
  };

  const unsigned threads = thread_count(options, n);
  if (threads <= 1) {
    work(0, n);
    return;
  }
  std::vector<std::thread> workers;
  std::vector<std::exception_ptr> failures(threads);
  workers.reserve(threads - 1);
  auto range = [&](unsigned t) { return std::pair{n * t / threads, n * (t + 1) / threads}; };
  try {
    for (unsigned t = 1; t < threads; ++t)
      workers.emplace_back([&, t] {
        try {
          auto [begin, end] = range(t);
          work(begin, end);
        } catch (...) {
          failures[t] = std::current_exception();
        }
      });
  } catch (const std::system_error&) {
    // No more threads to be had: the calling thread judges the ranges that have none.
    for (unsigned t = static_cast<unsigned>(workers.size()) + 1; t < threads; ++t) {
      auto [begin, end] = range(t);
      work(begin, end);
    }
  }
  try {
    auto [begin, end] = range(0);
    work(begin, end);
  } catch (...) {
    failures[0] = std::current_exception();
  }
  for (auto& w : workers) w.join();
  for (auto& e : failures)
    if (e) std::rethrow_exception(e);
}

namespace {

// Runs fn(i, thread) for i in [begin, end) on up to `threads` threads, numbered from 0;
// exceptions reach the caller.
template <class Fn>
void parallel_for(unsigned threads, std::size_t begin, std::size_t end, Fn&& fn) {
  const std::size_t n = end - begin;
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n)));
  std::vector<std::exception_ptr> failures(threads);
  auto part = [&](unsigned t) {
    try {
      for (std::size_t i = begin + n * t / threads; i < begin + n * (t + 1) / threads; ++i)
        fn(i, t);
    } catch (...) {
      failures[t] = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  unsigned started = 1;
  try {
    for (; started < threads; ++started) workers.emplace_back(part, started);
  } catch (const std::system_error&) {
    for (unsigned t = started; t < threads; ++t) part(t);  // no more threads to be had
  }
  part(0);
  for (auto& w : workers) w.join();
  for (auto& e : failures)
    if (e) std::rethrow_exception(e);
}

}  // namespace

Judgment FleetJudge::skeleton(const Fleet& fleet, const FleetVerdicts& verdicts, std::size_t i,
                              Timestamp reference_time) const {
  // What evaluate() and Engine::judge() fill in besides the items' conditions.
  Judgment j;
  j.asset = std::string(fleet.asset(i));
  if (verdicts.plan[i] != no_plan) j.policy = s_->plans[verdicts.plan[i]].policy_name();
  if (s_->engine)
    j.action_policy = std::string(
        eval::assign_names(s_->engine->policies(), fleet.asset(i), fleet.group(i)).action_policy);
  j.reference_time = reference_time;
  j.status = verdicts.status[i];
  j.level = verdicts.level_of(i);
  j.points = verdicts.points_of(i);
  for (std::size_t k = 0; k < category_count; ++k) {
    const ItemVerdict& v = verdicts.items[i * category_count + k];
    if (!v.configured) continue;
    ItemResult item;
    item.category = static_cast<Category>(k);
    item.status = v.status;
    if (v.level) item.level = static_cast<Level>(v.level);
    item.unknown_as_level = v.unknown_as_level;
    j.items.push_back(std::move(item));
  }
  return j;
}

Judgment FleetJudge::with_findings(const Fleet& fleet, const FleetVerdicts& verdicts,
                                   std::size_t i, Timestamp reference_time,
                                   Snapshot& scratch) const {
  const Fleet::Impl& f = fleet.impl();
  if (s_->options.require_agent_version) {
    const batch::Id agent = f.agent_version[i];
    if (agent == batch::no_id || trim_space(f.dict->text.key(agent)).empty())
      return judgment(fleet, i, reference_time);  // every item is the agent-version one
  }
  // The items with findings, with the conditions a report shows (worse than Safe, or unknown) as
  // evaluate() builds them, from the snapshot sections they read; the others from the verdicts.
  static constexpr unsigned reads[category_count] = {
      batch::section_os | batch::section_updates | batch::section_software,
      batch::section_antivirus,
      batch::section_os | batch::section_software,
      batch::section_os | batch::section_software,
      batch::section_settings,
      batch::section_all,
  };
  unsigned sections = 0;
  for (std::size_t k = 0; k < category_count; ++k)
    if (verdicts.items[i * category_count + k].findings) sections |= reads[k];
  batch::decode_into(f, i, sections, scratch);

  Judgment j = skeleton(fleet, verdicts, i, reference_time);
  const Plan::Impl& plan = s_->plans[verdicts.plan[i]].impl();
  const JudgmentPolicy& policy = plan.policy;
  static thread_local eval::ProgramMatches matches;  // reused by the clients of one thread
  const eval::Context ctx(plan, scratch, reference_time, matches);
  for (ItemResult& item : j.items) {
    if (!verdicts.items[i * category_count + static_cast<std::size_t>(item.category)].findings)
      continue;
    item = eval::judge_item(item.category, ctx, j.distribute, eval::Conditions::Keep::findings);
    if (item.status == Status::unknown && policy.unknown_level) {
      item.status = Status::judged;
      item.level = *policy.unknown_level;
      item.unknown_as_level = true;
    }
  }
  std::sort(j.distribute.begin(), j.distribute.end());
  j.distribute.erase(std::unique(j.distribute.begin(), j.distribute.end()), j.distribute.end());
  return j;
}

void FleetJudge::report(const Fleet& fleet, const FleetVerdicts& verdicts,
                        Timestamp reference_time, const JudgmentSink& sink, bool full,
                        const BatchOptions& options) const {
  const std::size_t n = verdicts.size();
  auto has_findings = [&](std::size_t i) {
    for (std::size_t k = 0; k < category_count; ++k)
      if (verdicts.items[i * category_count + k].findings) return true;
    return false;
  };
  // Blocks bound the judgments held at once; within a block the full ones are built in parallel.
  constexpr std::size_t kBlock = 4096;
  const unsigned threads =
      std::max(1u, options.threads ? options.threads : std::thread::hardware_concurrency());
  std::vector<Judgment> built(std::min(n, kBlock));
  std::vector<Snapshot> scratch(threads);
  for (std::size_t begin = 0; begin < n; begin += kBlock) {
    const std::size_t end = std::min(n, begin + kBlock);
    parallel_for(threads, begin, end, [&](std::size_t i, unsigned t) {
      if (full)
        built[i - begin] = judgment(fleet, i, reference_time);
      else if (has_findings(i))
        built[i - begin] = with_findings(fleet, verdicts, i, reference_time, scratch[t]);
    });
    for (std::size_t i = begin; i < end; ++i) {
      Judgment j = full || has_findings(i) ? std::move(built[i - begin]) : skeleton(fleet, verdicts, i, reference_time);
      if (!sink(i, std::move(j))) return;
    }
  }
}

Judgment FleetJudge::judgment(const Fleet& fleet, std::size_t client,
                              Timestamp reference_time) const {
  Snapshot snapshot = batch::decode(fleet.impl(), client);
  if (s_->engine) return s_->engine->judge(snapshot, reference_time);
  return evaluate(s_->plans.front(), snapshot, reference_time, s_->options);
}

}  // namespace posture
