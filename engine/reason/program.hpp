// A rule set compiled against one dictionary: constants become TermIds, variables become
// slots of a row (one numbering per rule, aggregate and NOT EXISTS locals included),
// FILTER/BIND/aggregate expressions become expr::CompiledExpr. Built once per reasoner.
#pragma once

#include "base/diagnostic.hpp"
#include "base/result.hpp"
#include "expr/aggregate.hpp"
#include "expr/evaluator.hpp"
#include "rdf/dictionary.hpp"
#include "rules/load.hpp"

#include <array>
#include <string>
#include <vector>

namespace kennis::reason {

using rdf::kNoTerm;
using rdf::TermId;

/// One position of a compiled atom: a constant (var < 0) or a variable slot.
struct Slot {
  TermId constant = kNoTerm;
  int var = -1;
  bool is_var() const { return var >= 0; }
};

struct CAtom {
  std::array<Slot, 3> t;
  const rules::Atom* source = nullptr;
  /// Head atoms only: whether the value of a variable position must be checked to make an
  /// RDF triple (a literal as subject, a non-IRI as predicate). False where the variable is
  /// also a subject or predicate of a positive body atom, which guarantees its kind.
  std::array<bool, 3> check_kind{};
};

struct CNotExists {
  std::vector<CAtom> atoms;
  std::vector<int> local_slots;  ///< the existential variables
  const rules::NotExists* source = nullptr;
};

struct CFilter {
  expr::CompiledExpr expr;
  std::vector<int> slots;  ///< variables read
  const rules::Filter* source = nullptr;
};

struct CBind {
  expr::CompiledExpr expr;
  int target = -1;
  std::vector<int> slots;  ///< variables read
  const rules::Bind* source = nullptr;
};

struct CAggregateOutput {
  expr::CompiledAggregate aggregate;
  int target = -1;
};

/// AGGREGATE(body ON groups BIND outputs): the body is a closed conjunction.
struct CAggregate {
  std::vector<CAtom> atoms;
  std::vector<CAtom> negated;
  std::vector<CNotExists> not_exists;
  std::vector<CFilter> filters;
  std::vector<CBind> binds;
  std::vector<int> group_slots;
  std::vector<int> body_slots;  ///< every variable of the body (a solution's identity)
  std::vector<CAggregateOutput> outputs;
  const rules::AggregateItem* source = nullptr;
};

struct CRule {
  std::size_t index = 0;  ///< in the RuleSet
  std::string name;       ///< display name
  std::vector<CAtom> head;
  std::vector<CAtom> positive;
  std::vector<CAtom> negated;
  std::vector<CNotExists> not_exists;
  std::vector<CFilter> filters;
  std::vector<CBind> binds;
  std::vector<CAggregate> aggregates;
  std::vector<std::string> slot_names;
  const rules::Rule* source = nullptr;
  /// The index of an earlier rule that is the same up to variable names (it derives the
  /// same triples, so this one is not evaluated), or -1.
  int duplicate_of = -1;

  int num_slots() const { return static_cast<int>(slot_names.size()); }
  bool nonmonotone() const {
    return !negated.empty() || !not_exists.empty() || !aggregates.empty();
  }
};

struct Program {
  std::vector<CRule> rules;  ///< by rule index
};

/// Compiles `rules` (which must be ok()) against `dict`. Fails with the diagnostics of
/// expressions the evaluator does not accept (unknown function, wrong arity).
base::Result<Program> compile_program(const rules::LoadedRules& rules, rdf::Dictionary& dict);

}  // namespace kennis::reason
