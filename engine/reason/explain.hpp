// Explanations: a proof tree for a triple, from the rule instance that derived it down to
// asserted triples (with the file:line:col each was read from). Proofs are well-founded:
// every inferred premise was derived in an earlier round than its conclusion (the reasoner
// records rounds when ReasonerOptions::record_ranks is set), so a proof never cites the
// triple it proves. Text and JSON renderings for `kennis explain`.
#pragma once

#include "reason/reasoner.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kennis::reason {

struct Proof {
  enum class Kind { kAsserted, kInferred, kTruncated };
  Triple triple;
  Kind kind = Kind::kAsserted;
  /// kAsserted: where it was read ("file:line:col"), one per graph that holds it; a graph
  /// without recorded origins gives its name ("<graph>" or "default graph").
  std::vector<std::string> origins;
  /// kInferred: the rule, its variable bindings, the positive premises and the other
  /// conditions of the body in words (NOT, NOT EXISTS, FILTER, BIND, AGGREGATE).
  const CRule* rule = nullptr;
  std::vector<std::pair<std::string, TermId>> bindings;
  std::vector<Proof> premises;
  std::vector<std::string> conditions;
};

/// Where an asserted quad was read, "" if unknown.
using OriginFn = std::function<std::string(const store::Quad&)>;
/// How a term is written (prefixed names, N-Triples otherwise).
using TermNamer = std::function<std::string(TermId)>;

/// The proof of t; nullopt iff t does not hold. `max_depth` bounds the tree (deeper
/// premises are kTruncated).
std::optional<Proof> explain(Reasoner& reasoner, const Triple& t, const OriginFn& origin,
                             const TermNamer& name, std::size_t max_depth = 64);

/// An indented tree, one triple per line.
std::string to_text(const Proof& proof, const TermNamer& name);
/// {"triple": {"s","p","o"}, "status", "origins" | "rule", "location", "bindings",
///  "premises", "conditions"}; terms in N-Triples form.
std::string to_json(const Proof& proof, const rdf::Dictionary& dict);

}  // namespace kennis::reason
