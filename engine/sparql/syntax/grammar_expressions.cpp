// SPARQL 1.1 grammar, productions [69]-[72] and [110]-[128]: expressions, built-in calls,
// aggregates and function calls (SPARQL 1.1 Query Language, 19.8). Builds expr::Expr trees
// (expr/ast.hpp). Built-in functions are recognised from one table (kBuiltins) instead of
// one alternative per name; the table gives each its number of arguments.
#include "sparql/syntax/grammar_rules.hpp"

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace kennis::sparql::syntax {

namespace {

using x3::lit;

/// One built-in function of [121] BuiltInCall (other than aggregates and EXISTS).
struct BuiltinSpec {
  const char* name;       ///< as matched, upper case
  const char* canonical;  ///< expr::Call::name ("URI" is "IRI", "isURI" is "ISIRI")
  int min_args;
  int max_args;  ///< -1: any number
};

// clang-format off
constexpr BuiltinSpec kBuiltins[] = {
    {"STR", "STR", 1, 1},           {"LANG", "LANG", 1, 1},
    {"LANGMATCHES", "LANGMATCHES", 2, 2}, {"DATATYPE", "DATATYPE", 1, 1},
    {"BOUND", "BOUND", 1, 1},       {"IRI", "IRI", 1, 1},
    {"URI", "IRI", 1, 1},           {"BNODE", "BNODE", 0, 1},
    {"RAND", "RAND", 0, 0},         {"ABS", "ABS", 1, 1},
    {"CEIL", "CEIL", 1, 1},         {"FLOOR", "FLOOR", 1, 1},
    {"ROUND", "ROUND", 1, 1},       {"CONCAT", "CONCAT", 0, -1},
    {"SUBSTR", "SUBSTR", 2, 3},     {"STRLEN", "STRLEN", 1, 1},
    {"REPLACE", "REPLACE", 3, 4},   {"UCASE", "UCASE", 1, 1},
    {"LCASE", "LCASE", 1, 1},       {"ENCODE_FOR_URI", "ENCODE_FOR_URI", 1, 1},
    {"CONTAINS", "CONTAINS", 2, 2}, {"STRSTARTS", "STRSTARTS", 2, 2},
    {"STRENDS", "STRENDS", 2, 2},   {"STRBEFORE", "STRBEFORE", 2, 2},
    {"STRAFTER", "STRAFTER", 2, 2}, {"YEAR", "YEAR", 1, 1},
    {"MONTH", "MONTH", 1, 1},       {"DAY", "DAY", 1, 1},
    {"HOURS", "HOURS", 1, 1},       {"MINUTES", "MINUTES", 1, 1},
    {"SECONDS", "SECONDS", 1, 1},   {"TIMEZONE", "TIMEZONE", 1, 1},
    {"TZ", "TZ", 1, 1},             {"NOW", "NOW", 0, 0},
    {"UUID", "UUID", 0, 0},         {"STRUUID", "STRUUID", 0, 0},
    {"MD5", "MD5", 1, 1},           {"SHA1", "SHA1", 1, 1},
    {"SHA256", "SHA256", 1, 1},     {"SHA384", "SHA384", 1, 1},
    {"SHA512", "SHA512", 1, 1},     {"COALESCE", "COALESCE", 0, -1},
    {"IF", "IF", 3, 3},             {"STRLANG", "STRLANG", 2, 2},
    {"STRDT", "STRDT", 2, 2},       {"SAMETERM", "SAMETERM", 2, 2},
    {"ISIRI", "ISIRI", 1, 1},       {"ISURI", "ISIRI", 1, 1},
    {"ISBLANK", "ISBLANK", 1, 1},   {"ISLITERAL", "ISLITERAL", 1, 1},
    {"ISNUMERIC", "ISNUMERIC", 1, 1}, {"REGEX", "REGEX", 2, 3},
};
// clang-format on

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// The name of a built-in function, case-insensitive; not followed by a name character
/// (so `str:x` is a prefixed name, not STR). Attribute: its table entry.
struct BuiltinName : x3::parser<BuiltinName> {
  using attribute_type = const BuiltinSpec*;
  static bool const has_attribute = true;

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
    x3::skip_over(first, last, ctx);
    It i = first;
    std::string word;
    while (i != last && is_word_char(*i)) word += ascii_upper(*i++);
    if (word.empty() || (i != last && is_name_char(*i))) return false;
    for (const BuiltinSpec& b : kBuiltins) {
      if (word == b.name) {
        first = i;
        x3::traits::move_to(&b, attr);
        return true;
      }
    }
    return false;
  }
};

/// One of the aggregates with a single argument and no options: SUM MIN MAX AVG SAMPLE.
struct SimpleAggregateName : x3::parser<SimpleAggregateName> {
  using attribute_type = std::string;
  static bool const has_attribute = true;

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
    for (const char* name : {"SUM", "MIN", "MAX", "AVG", "SAMPLE"}) {
      It i = first;
      if (Keyword(name).parse(i, last, ctx, rctx, x3::unused)) {
        first = i;
        x3::traits::move_to(std::string(name), attr);
        return true;
      }
    }
    return false;
  }
};

struct ArgList {
  bool distinct = false;
  std::vector<expr::ExprPtr> args;
};

// --- actions ----------------------------------------------------------------------------

std::uint32_t depth_of(const ParserState& st, const expr::ExprPtr& e) {
  if (!e) return 0;
  auto it = st.expr_depth.find(e.get());
  return it == st.expr_depth.end() ? 1 : it->second;
}

/// Makes an inner expression node and records its depth; an expression deeper than
/// kMaxExpressionDepth is an error (evaluating or freeing it would exhaust the stack).
template <class Ctx, class Node>
expr::ExprPtr make_node(Ctx& ctx, Node node) {
  ParserState& st = state(ctx);
  std::uint32_t depth = 0;
  auto see = [&](const expr::ExprPtr& e) { depth = std::max(depth, depth_of(st, e)); };
  if constexpr (std::is_same_v<Node, expr::Binary>) {
    see(node.lhs);
    see(node.rhs);
  } else if constexpr (std::is_same_v<Node, expr::Unary>) {
    see(node.arg);
  } else if constexpr (std::is_same_v<Node, expr::InList>) {
    see(node.lhs);
    for (const auto& x : node.list) see(x);
  } else if constexpr (std::is_same_v<Node, expr::Call>) {
    for (const auto& x : node.args) see(x);
  } else if constexpr (std::is_same_v<Node, expr::Aggregate>) {
    see(node.arg);
  }
  if (depth + 1 > kMaxExpressionDepth) {
    st.fail(x3::_where(ctx).begin(),
            "expression nested deeper than " + std::to_string(kMaxExpressionDepth) +
                " levels (for long lists of alternatives use IN or VALUES)");
  }
  expr::ExprPtr e = expr::make_expr(std::move(node));
  st.expr_depth[e.get()] = depth + 1;
  return e;
}

const auto assign = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
const auto push = [](auto& ctx) { x3::_val(ctx).push_back(std::move(x3::_attr(ctx))); };
const auto constant = [](auto& ctx) {
  x3::_val(ctx) = expr::make_expr(expr::Constant{std::move(x3::_attr(ctx))});
};
const auto variable = [](auto& ctx) {
  x3::_val(ctx) = expr::make_expr(expr::Variable{std::move(x3::_attr(ctx))});
};

template <expr::Op Op>
struct MakeBinary {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx) = make_node(ctx, expr::Binary{Op, x3::_val(ctx), std::move(x3::_attr(ctx))});
  }
};

template <expr::Op Op>
struct MakeUnary {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx) = make_node(ctx, expr::Unary{Op, std::move(x3::_attr(ctx))});
  }
};

template <bool Negated>
struct MakeIn {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx) = make_node(ctx, expr::InList{Negated, x3::_val(ctx), std::move(x3::_attr(ctx))});
  }
};

template <bool Negated>
struct MakeExists {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    auto pattern = std::make_shared<const ExistsPattern>(std::move(x3::_attr(ctx)));
    x3::_val(ctx) = expr::make_expr(expr::Exists{Negated, std::move(pattern)});
  }
};

std::string arity_text(int n) { return n == 1 ? "1 argument" : std::to_string(n) + " arguments"; }

const auto make_builtin = [](auto& ctx) {
  const BuiltinSpec* spec = boost::fusion::at_c<0>(x3::_attr(ctx));
  auto& args = boost::fusion::at_c<1>(x3::_attr(ctx));
  int n = static_cast<int>(args.size());
  if (n < spec->min_args || (spec->max_args >= 0 && n > spec->max_args)) {
    std::string expected;
    if (spec->max_args < 0) {
      expected = "at least " + arity_text(spec->min_args);
    } else if (spec->min_args == spec->max_args) {
      expected = arity_text(spec->min_args);
    } else {
      expected = std::to_string(spec->min_args) + " or " + arity_text(spec->max_args);
    }
    state(ctx).fail(start_of(ctx), std::string(spec->name) + " takes " + expected + ", found " +
                                       std::to_string(n));
  }
  if (std::string_view(spec->canonical) == "BOUND" &&
      !std::holds_alternative<expr::Variable>(args[0]->node)) {
    state(ctx).fail(start_of(ctx), "BOUND takes a variable");
  }
  x3::_val(ctx) = make_node(ctx, expr::Call{spec->canonical, false, std::move(args)});
};

const auto make_count = [](auto& ctx) {
  expr::Aggregate a;
  a.name = "COUNT";
  a.distinct = boost::fusion::at_c<0>(x3::_attr(ctx));
  a.arg = std::move(boost::fusion::at_c<1>(x3::_attr(ctx)));
  x3::_val(ctx) = make_node(ctx, std::move(a));
};

const auto make_simple_aggregate = [](auto& ctx) {
  expr::Aggregate a;
  a.name = std::move(boost::fusion::at_c<0>(x3::_attr(ctx)));
  a.distinct = boost::fusion::at_c<1>(x3::_attr(ctx));
  a.arg = std::move(boost::fusion::at_c<2>(x3::_attr(ctx)));
  x3::_val(ctx) = make_node(ctx, std::move(a));
};

const auto make_group_concat = [](auto& ctx) {
  expr::Aggregate a;
  a.name = "GROUP_CONCAT";
  a.distinct = boost::fusion::at_c<0>(x3::_attr(ctx));
  a.arg = std::move(boost::fusion::at_c<1>(x3::_attr(ctx)));
  auto& separator = boost::fusion::at_c<2>(x3::_attr(ctx));
  if (separator) a.separator = std::move(*separator);
  x3::_val(ctx) = make_node(ctx, std::move(a));
};

// iri ArgList: a function call; DISTINCT is only meaningful for aggregates, and Kennis has
// no IRI-named aggregates.
template <class Ctx>
expr::ExprPtr make_function_call(Ctx& ctx, rdf::Term& fn, ArgList& args) {
  if (args.distinct) {
    state(ctx).fail(start_of(ctx),
                    "DISTINCT is only allowed in aggregates, not in a call of <" + fn.value + ">");
  }
  return make_node(ctx, expr::Call{std::move(fn.value), true, std::move(args.args)});
}

const auto make_call = [](auto& ctx) {
  x3::_val(ctx) = make_function_call(ctx, boost::fusion::at_c<0>(x3::_attr(ctx)),
                                     boost::fusion::at_c<1>(x3::_attr(ctx)));
};

const auto make_iri_or_call = [](auto& ctx) {
  rdf::Term& fn = boost::fusion::at_c<0>(x3::_attr(ctx));
  auto& args = boost::fusion::at_c<1>(x3::_attr(ctx));
  if (args) {
    x3::_val(ctx) = make_function_call(ctx, fn, *args);
  } else {
    x3::_val(ctx) = expr::make_expr(expr::Constant{std::move(fn)});
  }
};

const auto set_distinct = [](auto& ctx) { x3::_val(ctx).distinct = true; };
const auto push_arg = [](auto& ctx) { x3::_val(ctx).args.push_back(std::move(x3::_attr(ctx))); };
const auto set_null = [](auto& ctx) { x3::_val(ctx) = nullptr; };

// --- rules local to this file -----------------------------------------------------------

using expression_list_type = x3::rule<class expression_list_class, std::vector<expr::ExprPtr>>;
using arg_list_type = x3::rule<class arg_list_class, ArgList>;
using builtin_args_type = x3::rule<class builtin_args_class, std::vector<expr::ExprPtr>>;
using count_arg_type = x3::rule<class count_arg_class, expr::ExprPtr>;
using e_rule = x3::rule<class e_rule_class, expr::ExprPtr>;

const expression_list_type expression_list = "'(' expression list ')'";
const arg_list_type arg_list = "an argument list '(' ... ')'";
const builtin_args_type builtin_args = "'('";
const count_arg_type count_arg = "'*' or an expression";
const x3::rule<class conditional_or_class, expr::ExprPtr> conditional_or_expression =
    "an expression";
const x3::rule<class conditional_and_class, expr::ExprPtr> conditional_and_expression =
    "an expression";
const x3::rule<class relational_class, expr::ExprPtr> relational_expression = "an expression";
const x3::rule<class additive_class, expr::ExprPtr> additive_expression = "an expression";
const x3::rule<class multiplicative_class, expr::ExprPtr> multiplicative_expression =
    "an expression";
const x3::rule<class unary_class, expr::ExprPtr> unary_expression = "an expression";
const x3::rule<class primary_class, expr::ExprPtr> primary_expression =
    "an expression (a variable, literal, IRI, function call or '(')";
const x3::rule<class aggregate_class, expr::ExprPtr> aggregate = "an aggregate";
const x3::rule<class iri_or_function_class, expr::ExprPtr> iri_or_function = "an IRI";
const x3::rule<class exists_func_class, expr::ExprPtr> exists_func = "EXISTS";
const x3::rule<class not_exists_func_class, expr::ExprPtr> not_exists_func = "NOT EXISTS";

const Keyword kw_distinct("DISTINCT");

}  // namespace

// [110] Expression ::= ConditionalOrExpression
const auto expression_def = guarded[conditional_or_expression];
const auto expression_entry_def = expression;

// [111] ConditionalOrExpression ::= ConditionalAndExpression ( '||' ConditionalAndExpression )*
const auto conditional_or_expression_def =
    conditional_and_expression[assign] >>
    *(Punct("||") > conditional_and_expression)[MakeBinary<expr::Op::kOr>{}];

// [112] ConditionalAndExpression ::= ValueLogical ( '&&' ValueLogical )*
// [113] ValueLogical ::= RelationalExpression
const auto conditional_and_expression_def = relational_expression[assign] >>
                                            *(Punct("&&") >
                                              relational_expression)[MakeBinary<expr::Op::kAnd>{}];

// [114] RelationalExpression ::= NumericExpression ( '=' NumericExpression
//   | '!=' NumericExpression | '<' NumericExpression | '>' NumericExpression
//   | '<=' NumericExpression | '>=' NumericExpression | 'IN' ExpressionList
//   | 'NOT' 'IN' ExpressionList )?
// [115] NumericExpression ::= AdditiveExpression
const auto relational_expression_def =
    additive_expression[assign] >>
    -((Punct("=") > additive_expression)[MakeBinary<expr::Op::kEq>{}] |
      (Punct("!=") > additive_expression)[MakeBinary<expr::Op::kNe>{}] |
      (Punct("<=") > additive_expression)[MakeBinary<expr::Op::kLe>{}] |
      (Punct(">=") > additive_expression)[MakeBinary<expr::Op::kGe>{}] |
      (Punct("<") > additive_expression)[MakeBinary<expr::Op::kLt>{}] |
      (Punct(">") > additive_expression)[MakeBinary<expr::Op::kGt>{}] |
      (Keyword("IN") > expression_list)[MakeIn<false>{}] |
      (Keyword("NOT") >> Keyword("IN") > expression_list)[MakeIn<true>{}]);

// [116] AdditiveExpression ::= MultiplicativeExpression ( '+' MultiplicativeExpression
//   | '-' MultiplicativeExpression | ( NumericLiteralPositive | NumericLiteralNegative )
//   ( ( '*' UnaryExpression ) | ( '/' UnaryExpression ) )* )*
// A signed literal after an operand (`?x -1`) is read as the operator and an unsigned
// literal, which has the same value.
const auto additive_expression_def =
    multiplicative_expression[assign] >>
    *((lit('+') > multiplicative_expression)[MakeBinary<expr::Op::kAdd>{}] |
      (lit('-') > multiplicative_expression)[MakeBinary<expr::Op::kSub>{}]);

// [117] MultiplicativeExpression ::= UnaryExpression ( '*' UnaryExpression
//   | '/' UnaryExpression )*
const auto multiplicative_expression_def =
    unary_expression[assign] >> *((lit('*') > unary_expression)[MakeBinary<expr::Op::kMul>{}] |
                                  (lit('/') > unary_expression)[MakeBinary<expr::Op::kDiv>{}]);

// [118] UnaryExpression ::= '!' PrimaryExpression | '+' PrimaryExpression
//   | '-' PrimaryExpression | PrimaryExpression
// A sign written against a number (`-1`) makes a signed literal ([130] NumericLiteral).
const auto unary_expression_def =
    numeric_literal[constant] | (lit('!') > primary_expression)[MakeUnary<expr::Op::kNot>{}] |
    (lit('+') > primary_expression)[MakeUnary<expr::Op::kPlus>{}] |
    (lit('-') > primary_expression)[MakeUnary<expr::Op::kNeg>{}] | primary_expression[assign];

// [119] PrimaryExpression ::= BrackettedExpression | BuiltInCall | iriOrFunction | RDFLiteral
//   | NumericLiteral | BooleanLiteral | Var
const auto primary_expression_def = bracketted_expression[assign] | builtin_call[assign] |
                                    iri_or_function[assign] | rdf_literal[constant] |
                                    numeric_literal_unsigned[constant] | boolean_literal[constant] |
                                    var[variable];

// [120] BrackettedExpression ::= '(' Expression ')'
const auto bracketted_expression_def = lit('(') > expression[assign] > lit(')');

// [121] BuiltInCall ::= Aggregate | 'STR' '(' Expression ')' | 'LANG' '(' Expression ')'
//   | 'LANGMATCHES' '(' Expression ',' Expression ')' | 'DATATYPE' '(' Expression ')'
//   | 'BOUND' '(' Var ')' | 'IRI' '(' Expression ')' | 'URI' '(' Expression ')'
//   | 'BNODE' ( '(' Expression ')' | NIL ) | 'RAND' NIL | 'ABS' '(' Expression ')'
//   | 'CEIL' '(' Expression ')' | 'FLOOR' '(' Expression ')' | 'ROUND' '(' Expression ')'
//   | 'CONCAT' ExpressionList | SubstringExpression | 'STRLEN' '(' Expression ')'
//   | StrReplaceExpression | 'UCASE' '(' Expression ')' | 'LCASE' '(' Expression ')'
//   | 'ENCODE_FOR_URI' '(' Expression ')' | 'CONTAINS' '(' Expression ',' Expression ')'
//   | 'STRSTARTS' '(' Expression ',' Expression ')' | 'STRENDS' '(' Expression ',' Expression ')'
//   | 'STRBEFORE' '(' Expression ',' Expression ')' | 'STRAFTER' '(' Expression ',' Expression ')'
//   | 'YEAR' '(' Expression ')' | 'MONTH' '(' Expression ')' | 'DAY' '(' Expression ')'
//   | 'HOURS' '(' Expression ')' | 'MINUTES' '(' Expression ')' | 'SECONDS' '(' Expression ')'
//   | 'TIMEZONE' '(' Expression ')' | 'TZ' '(' Expression ')' | 'NOW' NIL | 'UUID' NIL
//   | 'STRUUID' NIL | 'MD5' '(' Expression ')' | 'SHA1' '(' Expression ')'
//   | 'SHA256' '(' Expression ')' | 'SHA384' '(' Expression ')' | 'SHA512' '(' Expression ')'
//   | 'COALESCE' ExpressionList | 'IF' '(' Expression ',' Expression ',' Expression ')'
//   | 'STRLANG' '(' Expression ',' Expression ')' | 'STRDT' '(' Expression ',' Expression ')'
//   | 'sameTerm' '(' Expression ',' Expression ')' | 'isIRI' '(' Expression ')'
//   | 'isURI' '(' Expression ')' | 'isBLANK' '(' Expression ')'
//   | 'isLITERAL' '(' Expression ')' | 'isNUMERIC' '(' Expression ')' | RegexExpression
//   | ExistsFunc | NotExistsFunc
// [122] RegexExpression ::= 'REGEX' '(' Expression ',' Expression ( ',' Expression )? ')'
// [123] SubstringExpression ::= 'SUBSTR' '(' Expression ',' Expression ( ',' Expression )? ')'
// [124] StrReplaceExpression ::= 'REPLACE' '(' Expression ',' Expression ',' Expression
//   ( ',' Expression )? ')'
// The named built-ins share one argument list; make_builtin checks the count (kBuiltins).
const auto builtin_call_def = aggregate[assign] | exists_func[assign] | not_exists_func[assign] |
                              located[(BuiltinName{} > builtin_args)[make_builtin]];

const auto builtin_args_def = lit('(') >> -(expression[push] > *(lit(',') > expression[push])) >
                              lit(')');

// [125] ExistsFunc ::= 'EXISTS' GroupGraphPattern
const auto exists_func_def = (Keyword("EXISTS") > group_graph_pattern)[MakeExists<false>{}];

// [126] NotExistsFunc ::= 'NOT' 'EXISTS' GroupGraphPattern
const auto not_exists_func_def =
    (Keyword("NOT") >> Keyword("EXISTS") > group_graph_pattern)[MakeExists<true>{}];

// [127] Aggregate ::= 'COUNT' '(' 'DISTINCT'? ( '*' | Expression ) ')'
//   | 'SUM' '(' 'DISTINCT'? Expression ')' | 'MIN' '(' 'DISTINCT'? Expression ')'
//   | 'MAX' '(' 'DISTINCT'? Expression ')' | 'AVG' '(' 'DISTINCT'? Expression ')'
//   | 'SAMPLE' '(' 'DISTINCT'? Expression ')'
//   | 'GROUP_CONCAT' '(' 'DISTINCT'? Expression ( ';' 'SEPARATOR' '=' String )? ')'
const auto aggregate_def =
    (Keyword("COUNT") > lit('(') > x3::matches[kw_distinct] > count_arg > lit(')'))[make_count] |
    (SimpleAggregateName{} > lit('(') > x3::matches[kw_distinct] > expression >
     lit(')'))[make_simple_aggregate] |
    (Keyword("GROUP_CONCAT") > lit('(') > x3::matches[kw_distinct] > expression >
     -(lit(';') > Keyword("SEPARATOR") > lit('=') > string_literal) > lit(')'))[make_group_concat];

const auto count_arg_def = lit('*')[set_null] | expression[assign];

// [128] iriOrFunction ::= iri ArgList?
const auto iri_or_function_def = located[(iri >> -arg_list)[make_iri_or_call]];

// [70] FunctionCall ::= iri ArgList
const auto function_call_def = located[(iri >> arg_list)[make_call]];

// [71] ArgList ::= NIL | '(' 'DISTINCT'? Expression ( ',' Expression )* ')'
const auto arg_list_def = nil | (lit('(') >> -kw_distinct[set_distinct] > expression[push_arg] >
                                 *(lit(',') > expression[push_arg]) > lit(')'));

// [72] ExpressionList ::= NIL | '(' Expression ( ',' Expression )* ')'
const auto expression_list_def =
    nil | (lit('(') > expression[push] > *(lit(',') > expression[push]) > lit(')'));

// [69] Constraint ::= BrackettedExpression | BuiltInCall | FunctionCall
const auto constraint_def =
    bracketted_expression[assign] | builtin_call[assign] | function_call[assign];

BOOST_SPIRIT_DEFINE(expression, expression_entry, conditional_or_expression,
                    conditional_and_expression, relational_expression, additive_expression,
                    multiplicative_expression, unary_expression, primary_expression,
                    bracketted_expression, builtin_call, builtin_args, exists_func, not_exists_func,
                    aggregate, count_arg, iri_or_function, function_call, arg_list, expression_list,
                    constraint)

BOOST_SPIRIT_INSTANTIATE(expression_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(expression_entry_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(bracketted_expression_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(builtin_call_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(function_call_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(constraint_type, Iterator, Context)

}  // namespace kennis::sparql::syntax
