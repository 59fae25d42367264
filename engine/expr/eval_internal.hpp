// Internals shared by the evaluator's translation units (evaluator.cpp, functions.cpp,
// aggregate.cpp): the flattened expression tree and the per-context state of the built-ins.
// Not part of the module's interface.
#pragma once

#include "expr/datetime.hpp"
#include "expr/evaluator.hpp"
#include "expr/regex.hpp"

#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace kennis::expr {
namespace detail {

/// `s` with ASCII letters in upper case (built-in names, language tags in ORDER BY).
inline std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

/// RDFterm-equal with the operator mapping of = (SPARQL 1.1 17.3, 17.4.1.7); nullopt is a
/// type error (compare.cpp, shared with the evaluation of IN).
std::optional<bool> values_equal(const Value& a, const Value& b, TermReader& terms);

enum class NodeKind : std::uint8_t {
  kVariable,
  kConstant,
  kUnary,
  kBinary,
  kIn,
  kCall,
  kAggregate,
  kExists
};

struct Node {
  NodeKind kind = NodeKind::kConstant;
  Op op = Op::kOr;                  // kUnary, kBinary
  bool negated = false;             // kIn, kExists
  Builtin fn = Builtin::kUnknown;   // kCall
  int slot = -1;                    // kVariable, kAggregate: row index, -1 = never bound
  rdf::TermId term = rdf::kNoTerm;  // kConstant; kCastDerivedInteger: the datatype IRI
  std::uint32_t first = 0;          // children: Code::args[first, first + count)
  std::uint32_t count = 0;
  std::int32_t aux = -1;     // kCall REGEX/REPLACE: Code::regexes index; kExists: Code::exists
  bool has_numeric = false;  // kConstant of a numeric datatype: its value, parsed once
  Numeric numeric;
};

struct EvalState {
  std::string base_iri;
  std::mt19937_64 rng;
  DateTime now;
  rdf::TermId now_id = rdf::kNoTerm;
  rdf::TermId true_id = rdf::kNoTerm;
  rdf::TermId false_id = rdf::kNoTerm;
  // BNODE(): labels "<prefix><counter>", the prefix random per context.
  std::string bnode_prefix;
  std::uint64_t bnode_counter = 0;
  // BNODE(str): one blank node per string within one solution (the row last seen).
  std::vector<rdf::TermId> bnode_row;
  std::unordered_map<std::string, rdf::TermId> bnode_memo;
  // Regexes whose pattern is computed per row: key flags + '\0' + pattern.
  std::unordered_map<std::string, std::shared_ptr<const std::optional<Regex>>> regex_cache;
};

}  // namespace detail

struct CompiledExpr::Code {
  std::vector<detail::Node> nodes;
  std::vector<std::uint32_t> args;
  std::vector<Exists> exists;
  std::vector<std::optional<Regex>> regexes;
  std::vector<int> slots;
  std::uint32_t root = 0;
  std::string text;

  std::uint32_t arg(const detail::Node& n, std::uint32_t i) const { return args[n.first + i]; }
  Value eval(std::uint32_t node, Row row, EvalContext& ctx) const;
  /// Evaluates a built-in call (functions.cpp).
  Value call(const detail::Node& node, Row row, EvalContext& ctx) const;
};

/// A fresh blank node term (BNODE(), and blank nodes in rule heads if wanted).
rdf::TermId fresh_blank_node(EvalContext& ctx);

}  // namespace kennis::expr
