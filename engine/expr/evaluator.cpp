// Compilation of expression ASTs into flat trees and evaluation of operators. The value
// semantics of SPARQL 1.1 section 17 (effective boolean value, comparisons, ORDER BY) live in
// compare.cpp, the built-in functions in functions.cpp.
#include "expr/eval_internal.hpp"
#include "expr/text.hpp"

#include <algorithm>
#include <cctype>
#include <random>

namespace kennis::expr {
namespace {

using detail::Node;
using detail::NodeKind;
using detail::upper_ascii;
using detail::values_equal;

// ---- built-in names ------------------------------------------------------------------------

struct BuiltinInfo {
  std::string_view name;
  Builtin fn;
  int min_args, max_args;  // max -1: any number
};

constexpr BuiltinInfo kBuiltins[] = {
    {"STR", Builtin::kStr, 1, 1},
    {"LANG", Builtin::kLang, 1, 1},
    {"LANGMATCHES", Builtin::kLangMatches, 2, 2},
    {"DATATYPE", Builtin::kDatatype, 1, 1},
    {"BOUND", Builtin::kBound, 1, 1},
    {"IRI", Builtin::kIri, 1, 1},
    {"URI", Builtin::kIri, 1, 1},
    {"BNODE", Builtin::kBnode, 0, 1},
    {"RAND", Builtin::kRand, 0, 0},
    {"ABS", Builtin::kAbs, 1, 1},
    {"CEIL", Builtin::kCeil, 1, 1},
    {"FLOOR", Builtin::kFloor, 1, 1},
    {"ROUND", Builtin::kRound, 1, 1},
    {"CONCAT", Builtin::kConcat, 0, -1},
    {"SUBSTR", Builtin::kSubstr, 2, 3},
    {"STRLEN", Builtin::kStrlen, 1, 1},
    {"REPLACE", Builtin::kReplace, 3, 4},
    {"UCASE", Builtin::kUcase, 1, 1},
    {"LCASE", Builtin::kLcase, 1, 1},
    {"ENCODE_FOR_URI", Builtin::kEncodeForUri, 1, 1},
    {"CONTAINS", Builtin::kContains, 2, 2},
    {"STRSTARTS", Builtin::kStrStarts, 2, 2},
    {"STRENDS", Builtin::kStrEnds, 2, 2},
    {"STRBEFORE", Builtin::kStrBefore, 2, 2},
    {"STRAFTER", Builtin::kStrAfter, 2, 2},
    {"YEAR", Builtin::kYear, 1, 1},
    {"MONTH", Builtin::kMonth, 1, 1},
    {"DAY", Builtin::kDay, 1, 1},
    {"HOURS", Builtin::kHours, 1, 1},
    {"MINUTES", Builtin::kMinutes, 1, 1},
    {"SECONDS", Builtin::kSeconds, 1, 1},
    {"TIMEZONE", Builtin::kTimezone, 1, 1},
    {"TZ", Builtin::kTz, 1, 1},
    {"NOW", Builtin::kNow, 0, 0},
    {"UUID", Builtin::kUuid, 0, 0},
    {"STRUUID", Builtin::kStrUuid, 0, 0},
    {"MD5", Builtin::kMd5, 1, 1},
    {"SHA1", Builtin::kSha1, 1, 1},
    {"SHA256", Builtin::kSha256, 1, 1},
    {"SHA384", Builtin::kSha384, 1, 1},
    {"SHA512", Builtin::kSha512, 1, 1},
    {"COALESCE", Builtin::kCoalesce, 0, -1},
    {"IF", Builtin::kIf, 3, 3},
    {"STRLANG", Builtin::kStrLang, 2, 2},
    {"STRDT", Builtin::kStrDt, 2, 2},
    {"SAMETERM", Builtin::kSameTerm, 2, 2},
    {"ISIRI", Builtin::kIsIri, 1, 1},
    {"ISURI", Builtin::kIsIri, 1, 1},
    {"ISBLANK", Builtin::kIsBlank, 1, 1},
    {"ISLITERAL", Builtin::kIsLiteral, 1, 1},
    {"ISNUMERIC", Builtin::kIsNumeric, 1, 1},
    {"REGEX", Builtin::kRegex, 2, 3},
};

struct CastInfo {
  std::string_view local;  // after the XSD namespace
  Builtin fn;
};

constexpr CastInfo kCasts[] = {
    {"string", Builtin::kCastString},     {"integer", Builtin::kCastInteger},
    {"decimal", Builtin::kCastDecimal},   {"float", Builtin::kCastFloat},
    {"double", Builtin::kCastDouble},     {"boolean", Builtin::kCastBoolean},
    {"dateTime", Builtin::kCastDateTime}, {"date", Builtin::kCastDate},
};

// ---- compilation ---------------------------------------------------------------------------

/// Evaluation recurses once per level; deeper trees are refused at compile time.
constexpr int kMaxExpressionDepth = 1000;

class Compiler {
 public:
  Compiler(CompiledExpr::Code& code, const SlotResolver& vars, rdf::Dictionary& dict,
           const AggregateResolver& aggs)
      : code_(code), vars_(vars), dict_(dict), aggs_(aggs) {}

  std::optional<base::Diagnostic> error;

  std::uint32_t add(const Expr* e) {
    if (e == nullptr) {
      fail("malformed expression: missing operand");
      return push(Node{});
    }
    if (depth_ >= kMaxExpressionDepth) {
      fail("expression nested more than " + std::to_string(kMaxExpressionDepth) + " levels deep");
      return push(Node{});
    }
    ++depth_;
    const std::uint32_t id = std::visit([this](const auto& n) { return add_node(n); }, e->node);
    --depth_;
    return id;
  }

 private:
  void fail(std::string message) {
    if (!error) error = base::Diagnostic::error(std::move(message));
  }

  std::uint32_t push(Node n) {
    code_.nodes.push_back(n);
    return static_cast<std::uint32_t>(code_.nodes.size() - 1);
  }

  std::uint32_t with_children(Node n, const std::vector<const Expr*>& children) {
    std::vector<std::uint32_t> ids;
    ids.reserve(children.size());
    for (const Expr* c : children) ids.push_back(add(c));
    n.first = static_cast<std::uint32_t>(code_.args.size());
    n.count = static_cast<std::uint32_t>(ids.size());
    code_.args.insert(code_.args.end(), ids.begin(), ids.end());
    return push(n);
  }

  std::uint32_t add_node(const Variable& v) {
    Node n;
    n.kind = NodeKind::kVariable;
    n.slot = vars_ ? vars_(v.name) : v.slot;
    if (n.slot >= 0) code_.slots.push_back(n.slot);
    return push(n);
  }

  std::uint32_t add_node(const Constant& c) {
    Node n;
    n.kind = NodeKind::kConstant;
    n.term = dict_.intern(c.term);
    // Numeric constants are parsed once, here.
    const TermClass cls = classify(dict_.term(n.term));
    if (is_numeric_class(cls)) {
      if (auto num = parse_numeric(c.term.value, numeric_type_of(cls))) {
        n.has_numeric = true;
        n.numeric = *num;
      }
    }
    return push(n);
  }

  std::uint32_t add_node(const Unary& u) {
    Node n;
    n.kind = NodeKind::kUnary;
    n.op = u.op;
    if (u.op != Op::kNot && u.op != Op::kNeg && u.op != Op::kPlus) {
      fail("malformed expression: binary operator used as unary");
    }
    return with_children(n, {u.arg.get()});
  }

  std::uint32_t add_node(const Binary& b) {
    Node n;
    n.kind = NodeKind::kBinary;
    n.op = b.op;
    if (b.op == Op::kNot || b.op == Op::kNeg || b.op == Op::kPlus) {
      fail("malformed expression: unary operator used as binary");
    }
    return with_children(n, {b.lhs.get(), b.rhs.get()});
  }

  std::uint32_t add_node(const InList& in) {
    Node n;
    n.kind = NodeKind::kIn;
    n.negated = in.negated;
    std::vector<const Expr*> children{in.lhs.get()};
    for (const ExprPtr& e : in.list) children.push_back(e.get());
    return with_children(n, children);
  }

  std::uint32_t add_node(const Call& call) {
    Node n;
    n.kind = NodeKind::kCall;
    const std::optional<Builtin> fn = find_builtin(call.name, call.iri);
    const std::string shown = call.iri ? "<" + call.name + ">" : upper_ascii(call.name);
    if (!fn) {
      if (!call.iri) fail("unknown function " + shown);
      n.fn = Builtin::kUnknown;
    } else {
      n.fn = *fn;
      const auto [lo, hi] = builtin_arity(*fn);
      const int count = static_cast<int>(call.args.size());
      if (count < lo || (hi >= 0 && count > hi)) {
        std::string expected = std::to_string(lo);
        if (hi != lo) expected += hi < 0 ? " or more" : " to " + std::to_string(hi);
        fail(shown + " expects " + expected + " argument" + (lo == 1 && hi == 1 ? "" : "s") +
             ", found " + std::to_string(count));
      }
      if (*fn == Builtin::kBound && (call.args.empty() || !call.args[0] ||
                                     !std::holds_alternative<Variable>(call.args[0]->node))) {
        fail("BOUND expects a variable");
      }
      if (*fn == Builtin::kCastDerivedInteger) n.term = dict_.intern_iri(call.name);
    }
    std::vector<const Expr*> children;
    for (const ExprPtr& e : call.args) children.push_back(e.get());
    if (n.fn == Builtin::kRegex || n.fn == Builtin::kReplace) n.aux = constant_regex(n.fn, call);
    return with_children(n, children);
  }

  std::uint32_t add_node(const Aggregate& a) {
    Node n;
    n.kind = NodeKind::kAggregate;
    n.slot = aggs_ ? aggs_(a) : a.slot;
    if (n.slot < 0) {
      fail("aggregate " + to_string(Expr{a}) + " is only allowed in a grouped query");
    } else {
      code_.slots.push_back(n.slot);
    }
    return push(n);
  }

  std::uint32_t add_node(const Exists& e) {
    Node n;
    n.kind = NodeKind::kExists;
    n.negated = e.negated;
    n.aux = static_cast<std::int32_t>(code_.exists.size());
    code_.exists.push_back(e);
    return push(n);
  }

  /// Index of the precompiled regex when pattern and flags are constant simple literals.
  std::int32_t constant_regex(Builtin fn, const Call& call) {
    const std::size_t pattern_idx = 1;
    const std::size_t flags_idx = fn == Builtin::kRegex ? 2 : 3;
    auto simple = [&](std::size_t i) -> std::optional<std::string_view> {
      if (i >= call.args.size() || !call.args[i]) return std::nullopt;
      const auto* c = std::get_if<Constant>(&call.args[i]->node);
      if (c == nullptr || !c->term.is_literal() || !c->term.lang.empty() ||
          !(c->term.datatype.empty() || c->term.datatype == rdf::kXsdString)) {
        return std::nullopt;
      }
      return std::string_view(c->term.value);
    };
    const auto pattern = simple(pattern_idx);
    if (!pattern) return -1;
    std::string_view flags;
    if (flags_idx < call.args.size()) {
      const auto f = simple(flags_idx);
      if (!f) return -1;
      flags = *f;
    }
    code_.regexes.push_back(Regex::compile(*pattern, flags));
    return static_cast<std::int32_t>(code_.regexes.size() - 1);
  }

  int depth_ = 0;
  CompiledExpr::Code& code_;
  const SlotResolver& vars_;
  rdf::Dictionary& dict_;
  const AggregateResolver& aggs_;
};

std::optional<Numeric> arithmetic(Op op, const Numeric& a, const Numeric& b) {
  switch (op) {
    case Op::kAdd:
      return numeric_add(a, b);
    case Op::kSub:
      return numeric_subtract(a, b);
    case Op::kMul:
      return numeric_multiply(a, b);
    case Op::kDiv:
      return numeric_divide(a, b);
    default:
      return std::nullopt;
  }
}

bool is_leaf(const Node& n) {
  return n.kind == NodeKind::kVariable || n.kind == NodeKind::kAggregate ||
         n.kind == NodeKind::kConstant;
}

rdf::TermId leaf_id(const Node& n, Row row) {
  if (n.kind == NodeKind::kConstant) return n.term;
  return n.slot >= 0 && static_cast<std::size_t>(n.slot) < row.size() ? row[n.slot] : rdf::kNoTerm;
}

/// = != < > <= >= on two leaves without building Values: numbers, identical ids, IRIs and
/// blank nodes. nullopt if another case applies (the caller takes the general path); an
/// empty inner optional is an error.
std::optional<std::optional<bool>> compare_leaves(Op op, const Node& l, const Node& r, Row row,
                                                  TermReader& terms) {
  if (!is_leaf(l) || !is_leaf(r)) return std::nullopt;
  const rdf::TermId a = leaf_id(l, row), b = leaf_id(r, row);
  if (a == rdf::kNoTerm || b == rdf::kNoTerm) return std::optional<bool>();
  const TermClass ca = terms.class_of(a), cb = terms.class_of(b);
  if (a == b && (ca == TermClass::kInteger || ca == TermClass::kDecimal)) {
    // The same exact number (no NaN): equal to itself.
    return std::optional<bool>(op == Op::kEq || op == Op::kLe || op == Op::kGe);
  }
  if (is_numeric_class(ca) && is_numeric_class(cb)) {
    const std::optional<Numeric> x =
        l.has_numeric ? l.numeric : parse_numeric(terms.view(a).value, numeric_type_of(ca));
    const std::optional<Numeric> y =
        r.has_numeric ? r.numeric : parse_numeric(terms.view(b).value, numeric_type_of(cb));
    if (!x || !y) return std::nullopt;
    const std::partial_ordering o = numeric_compare(*x, *y);  // unordered for NaN
    switch (op) {
      case Op::kEq:
        return std::optional<bool>(o == 0);
      case Op::kNe:
        return std::optional<bool>(o != 0);
      case Op::kLt:
        return std::optional<bool>(o < 0);
      case Op::kGt:
        return std::optional<bool>(o > 0);
      case Op::kLe:
        return std::optional<bool>(o <= 0);
      case Op::kGe:
        return std::optional<bool>(o >= 0);
      default:
        return std::nullopt;
    }
  }
  if (op != Op::kEq && op != Op::kNe) return std::nullopt;
  if (a == b) return std::optional<bool>(op == Op::kEq);
  const bool both_nodes = (ca == TermClass::kIri || ca == TermClass::kBlank) &&
                          (cb == TermClass::kIri || cb == TermClass::kBlank);
  if (both_nodes) return std::optional<bool>(op == Op::kNe);  // interned: distinct ids differ
  return std::nullopt;
}

DateTime from_time_point(std::chrono::system_clock::time_point tp) {
  const std::int64_t ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(tp.time_since_epoch()).count();
  return date_time_from_unix_millis(ms);
}

}  // namespace

// ---- public: names -------------------------------------------------------------------------

std::optional<Builtin> find_builtin(std::string_view name, bool iri) {
  if (iri) {
    if (name.substr(0, rdf::kXsd.size()) != rdf::kXsd) return std::nullopt;
    const std::string_view local = name.substr(rdf::kXsd.size());
    for (const CastInfo& c : kCasts) {
      if (c.local == local) return c.fn;
    }
    if (is_integer_datatype(name)) return Builtin::kCastDerivedInteger;
    return std::nullopt;
  }
  const std::string upper = upper_ascii(name);
  for (const BuiltinInfo& b : kBuiltins) {
    if (b.name == upper) return b.fn;
  }
  return std::nullopt;
}

std::pair<int, int> builtin_arity(Builtin fn) {
  for (const BuiltinInfo& b : kBuiltins) {
    if (b.fn == fn) return {b.min_args, b.max_args};
  }
  if (fn == Builtin::kUnknown) return {0, -1};
  return {1, 1};  // casts
}

// ---- public: compile -----------------------------------------------------------------------

base::Result<CompiledExpr> compile(const Expr& e, const SlotResolver& variables,
                                   rdf::Dictionary& dict, const AggregateResolver& aggregates) {
  auto code = std::make_shared<CompiledExpr::Code>();
  Compiler compiler(*code, variables, dict, aggregates);
  code->root = compiler.add(&e);
  if (compiler.error) return *compiler.error;
  std::sort(code->slots.begin(), code->slots.end());
  code->slots.erase(std::unique(code->slots.begin(), code->slots.end()), code->slots.end());
  code->text = to_string(e);
  CompiledExpr out;
  out.code_ = std::move(code);
  return out;
}

// ---- public: CompiledExpr ------------------------------------------------------------------

Value CompiledExpr::evaluate_value(Row row, EvalContext& ctx) const {
  if (!code_) return Value::error();
  return code_->eval(code_->root, row, ctx);
}

rdf::TermId CompiledExpr::evaluate(Row row, EvalContext& ctx) const {
  if (!code_) return rdf::kNoTerm;
  const Node& root = code_->nodes[code_->root];
  // Plain variables and constants need no Value.
  if (root.kind == NodeKind::kVariable || root.kind == NodeKind::kAggregate) {
    return root.slot >= 0 && static_cast<std::size_t>(root.slot) < row.size() ? row[root.slot]
                                                                              : rdf::kNoTerm;
  }
  if (root.kind == NodeKind::kConstant) return root.term;
  return ctx.intern(code_->eval(code_->root, row, ctx));
}

std::optional<bool> CompiledExpr::evaluate_ebv(Row row, EvalContext& ctx) const {
  if (!code_) return std::nullopt;
  return effective_boolean_value(code_->eval(code_->root, row, ctx), ctx.terms());
}

const std::vector<int>& CompiledExpr::slots() const {
  static const std::vector<int> kNone;
  return code_ ? code_->slots : kNone;
}

int CompiledExpr::variable_slot() const {
  if (!code_) return -1;
  const Node& root = code_->nodes[code_->root];
  return root.kind == NodeKind::kVariable ? root.slot : -1;
}

rdf::TermId CompiledExpr::constant() const {
  if (!code_) return rdf::kNoTerm;
  const Node& root = code_->nodes[code_->root];
  return root.kind == NodeKind::kConstant ? root.term : rdf::kNoTerm;
}

const std::string& CompiledExpr::text() const {
  static const std::string kEmpty;
  return code_ ? code_->text : kEmpty;
}

// ---- evaluation of operators ---------------------------------------------------------------

Value CompiledExpr::Code::eval(std::uint32_t index, Row row, EvalContext& ctx) const {
  const Node& n = nodes[index];
  TermReader& terms = ctx.terms();
  switch (n.kind) {
    case NodeKind::kVariable:
    case NodeKind::kAggregate:
      if (n.slot < 0 || static_cast<std::size_t>(n.slot) >= row.size()) return Value::error();
      return Value::term(row[n.slot]);
    case NodeKind::kConstant:
      return n.has_numeric ? Value::numeric_term(n.term, n.numeric) : Value::term(n.term);
    case NodeKind::kUnary: {
      Value a = eval(arg(n, 0), row, ctx);
      if (n.op == Op::kNot) {
        const std::optional<bool> b = effective_boolean_value(a, terms);
        return b ? Value::boolean(!*b) : Value::error();
      }
      const std::optional<Numeric> x = as_numeric(a, terms);
      if (!x) return Value::error();
      if (n.op == Op::kPlus) return a;
      const std::optional<Numeric> r = numeric_negate(*x);
      return r ? Value::numeric(*r) : Value::error();
    }
    case NodeKind::kBinary: {
      switch (n.op) {
        case Op::kOr: {
          // Three-valued logic (17.2): true || error = true; false || error = error.
          const std::optional<bool> a = effective_boolean_value(eval(arg(n, 0), row, ctx), terms);
          if (a && *a) return Value::boolean(true);
          const std::optional<bool> b = effective_boolean_value(eval(arg(n, 1), row, ctx), terms);
          if (b && *b) return Value::boolean(true);
          return a && b ? Value::boolean(false) : Value::error();
        }
        case Op::kAnd: {
          const std::optional<bool> a = effective_boolean_value(eval(arg(n, 0), row, ctx), terms);
          if (a && !*a) return Value::boolean(false);
          const std::optional<bool> b = effective_boolean_value(eval(arg(n, 1), row, ctx), terms);
          if (b && !*b) return Value::boolean(false);
          return a && b ? Value::boolean(true) : Value::error();
        }
        case Op::kEq:
        case Op::kNe:
        case Op::kLt:
        case Op::kGt:
        case Op::kLe:
        case Op::kGe: {
          // Variables and constants on both sides (the usual FILTER): compare ids directly.
          if (const std::optional<std::optional<bool>> fast =
                  compare_leaves(n.op, nodes[arg(n, 0)], nodes[arg(n, 1)], row, terms)) {
            return *fast ? Value::boolean(**fast) : Value::error();
          }
          const Value a = eval(arg(n, 0), row, ctx);
          const Value b = eval(arg(n, 1), row, ctx);
          const std::optional<bool> r = compare_values(n.op, a, b, terms);
          return r ? Value::boolean(*r) : Value::error();
        }
        default: {
          const std::optional<Numeric> a = as_numeric(eval(arg(n, 0), row, ctx), terms);
          if (!a) return Value::error();
          const std::optional<Numeric> b = as_numeric(eval(arg(n, 1), row, ctx), terms);
          if (!b) return Value::error();
          const std::optional<Numeric> r = arithmetic(n.op, *a, *b);
          return r ? Value::numeric(*r) : Value::error();
        }
      }
    }
    case NodeKind::kIn: {
      // lhs IN (e1, ...) = (lhs = e1) || ...; NOT IN = (lhs != e1) && ... (17.4.1.9, 17.4.1.10)
      if (n.count == 1) return Value::boolean(n.negated);  // an empty disjunction is false
      const Value lhs = eval(arg(n, 0), row, ctx);
      if (!lhs.ok()) return Value::error();
      bool saw_error = false;
      for (std::uint32_t i = 1; i < n.count; ++i) {
        const std::optional<bool> eq = values_equal(lhs, eval(arg(n, i), row, ctx), terms);
        if (!eq)
          saw_error = true;
        else if (*eq)
          return Value::boolean(!n.negated);
      }
      return saw_error ? Value::error() : Value::boolean(n.negated);
    }
    case NodeKind::kCall:
      return call(n, row, ctx);
    case NodeKind::kExists:
      if (!ctx.exists) return Value::error();
      return Value::boolean(ctx.exists(exists[static_cast<std::size_t>(n.aux)], row) != n.negated);
  }
  return Value::error();
}

// ---- EvalContext ---------------------------------------------------------------------------

EvalContext::EvalContext(rdf::Dictionary& dict, EvalOptions options)
    : dict_(dict), terms_(dict), state_(std::make_unique<detail::EvalState>()) {
  detail::EvalState& s = *state_;
  s.base_iri = std::move(options.base_iri);
  std::uint64_t seed = options.seed;
  if (seed == 0) {
    std::random_device rd;
    seed = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  }
  s.rng.seed(seed);
  s.now = from_time_point(options.now.value_or(std::chrono::system_clock::now()));
  static constexpr char kHex[] = "0123456789abcdef";
  s.bnode_prefix = "e";
  std::uint64_t r = s.rng();
  for (int i = 0; i < 8; ++i, r >>= 4) s.bnode_prefix.push_back(kHex[r & 0xF]);
  s.bnode_prefix.push_back('n');
}

EvalContext::~EvalContext() = default;

const std::string& EvalContext::base_iri() const { return state_->base_iri; }
void EvalContext::set_base_iri(std::string base) { state_->base_iri = std::move(base); }

void EvalContext::new_solution() {
  state_->bnode_row.clear();
  state_->bnode_memo.clear();
}

rdf::TermId EvalContext::boolean_term(bool b) {
  rdf::TermId& id = b ? state_->true_id : state_->false_id;
  if (id == rdf::kNoTerm) {
    id = dict_.intern(
        rdf::TermView{rdf::TermKind::kLiteral, b ? "true" : "false", rdf::kXsdBoolean, {}});
  }
  return id;
}

rdf::TermId EvalContext::intern(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kError:
      return rdf::kNoTerm;
    case Value::Kind::kTerm:
      return v.id();
    case Value::Kind::kBoolean:
      return boolean_term(v.boolean_value());
    default: {
      std::string buffer;
      return dict_.intern(term_view(v, terms_, buffer));
    }
  }
}

rdf::TermId fresh_blank_node(EvalContext& ctx) {
  detail::EvalState& s = ctx.state();
  std::string label;
  do {
    label = s.bnode_prefix + std::to_string(++s.bnode_counter);
  } while (ctx.dict().find(rdf::TermView{rdf::TermKind::kBlank, label, {}, {}}) != rdf::kNoTerm);
  return ctx.dict().intern(rdf::TermView{rdf::TermKind::kBlank, label, {}, {}});
}

}  // namespace kennis::expr
