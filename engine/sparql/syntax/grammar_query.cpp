// SPARQL 1.1 grammar, productions [1]-[28]: the prologue, the four query forms, dataset
// clauses, WHERE, solution modifiers and the trailing VALUES clause (SPARQL 1.1 Query
// Language, 19.8). [3] UpdateUnit and [29]-[51] are SPARQL Update, which Kennis does not parse.
#include "sparql/syntax/grammar_rules.hpp"

#include <charconv>
#include <utility>

namespace kennis::sparql::syntax {

namespace {

using x3::lit;

struct SelectClause {
  base::SourcePos pos;
  bool distinct = false;
  bool reduced = false;
  bool star = false;
  std::vector<Projection> items;
};

struct SolutionModifier {
  std::vector<GroupCondition> group_by;
  std::vector<expr::ExprPtr> having;
  std::vector<OrderCondition> order_by;
  std::optional<std::uint64_t> limit;
  std::optional<std::uint64_t> offset;
};

// --- actions ----------------------------------------------------------------------------

const auto assign = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

template <QueryForm Form>
struct SetForm {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx).form = Form;
    x3::_val(ctx).pos = start_pos(ctx);
  }
};

const auto set_base = [](auto& ctx) {
  ParserState& st = state(ctx);
  st.base_iri = st.resolve(x3::_attr(ctx));
};

const auto add_prefix = [](auto& ctx) {
  ParserState& st = state(ctx);
  st.prefixes.set(boost::fusion::at_c<0>(x3::_attr(ctx)),
                  st.resolve(boost::fusion::at_c<1>(x3::_attr(ctx))));
};

const auto set_select = [](auto& ctx) {
  Query& q = x3::_val(ctx);
  SelectClause& s = x3::_attr(ctx);
  q.pos = s.pos;
  q.distinct = s.distinct;
  q.reduced = s.reduced;
  q.select_star = s.star;
  q.projection = std::move(s.items);
};

const auto push_dataset = [](auto& ctx) {
  x3::_val(ctx).dataset.push_back(std::move(x3::_attr(ctx)));
};
const auto set_where = [](auto& ctx) { x3::_val(ctx).where = std::move(x3::_attr(ctx)); };
const auto set_values = [](auto& ctx) { x3::_val(ctx).values = std::move(x3::_attr(ctx)); };
const auto set_template = [](auto& ctx) {
  x3::_val(ctx).construct_template = std::move(x3::_attr(ctx));
};

const auto set_modifiers = [](auto& ctx) {
  Query& q = x3::_val(ctx);
  SolutionModifier& m = x3::_attr(ctx);
  q.group_by = std::move(m.group_by);
  q.having = std::move(m.having);
  q.order_by = std::move(m.order_by);
  q.limit = m.limit;
  q.offset = m.offset;
};

// CONSTRUCT WHERE { T }: template T, pattern { T } (section 16.2.4).
const auto start_short_construct = [](auto& ctx) {
  Query& q = x3::_val(ctx);
  q.construct_where = true;
  q.where = GroupGraphPattern{{}, start_pos(ctx)};
};
const auto finish_short_construct = [](auto& ctx) {
  Query& q = x3::_val(ctx);
  if (!q.construct_template.empty()) {
    q.where->elements.push_back(
        PatternElement{TriplesBlock{q.construct_template}, q.construct_template.front().pos});
  }
};

const auto finish_query = [](auto& ctx) {
  Query& q = x3::_val(ctx);
  const ParserState& st = state(ctx);
  q.base_iri = st.base_iri;
  q.prefixes = st.prefixes;
};

template <class Ctx>
std::uint64_t to_count(Ctx& ctx, const std::string& digits) {
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) {
    state(ctx).fail(start_of(ctx), "number " + digits + " is too large");
  }
  return v;
}
const auto set_limit = [](auto& ctx) { x3::_val(ctx).limit = to_count(ctx, x3::_attr(ctx)); };
const auto set_offset = [](auto& ctx) { x3::_val(ctx).offset = to_count(ctx, x3::_attr(ctx)); };

// --- rules local to this file -----------------------------------------------------------

const x3::rule<class prologue_class> prologue = "a prologue";
const x3::rule<class select_query_class, Query> select_query = "SELECT";
const x3::rule<class construct_query_class, Query> construct_query = "CONSTRUCT";
const x3::rule<class describe_query_class, Query> describe_query = "DESCRIBE";
const x3::rule<class ask_query_class, Query> ask_query = "ASK";
const x3::rule<class select_clause_class, SelectClause> select_clause = "SELECT";
const x3::rule<class projection_class, Projection> projection =
    "a variable or '(' expression AS variable ')'";
const x3::rule<class dataset_clause_class, DatasetClause> dataset_clause = "FROM";
const x3::rule<class where_clause_class, GroupGraphPattern> where_clause = "WHERE or '{'";
const x3::rule<class construct_template_class, std::vector<TriplePattern>> construct_template =
    "'{'";
const x3::rule<class solution_modifier_class, SolutionModifier> solution_modifier =
    "solution modifiers";
const x3::rule<class group_condition_class, GroupCondition> group_condition =
    "a grouping condition (a variable, a function call or '(' expression ')')";
const x3::rule<class order_condition_class, OrderCondition> order_condition =
    "an ordering condition (a variable, ASC, DESC, a function call or '(' expression ')')";
const x3::rule<class limit_offset_clauses_class, SolutionModifier> limit_offset_clauses =
    "LIMIT or OFFSET";

}  // namespace

// [1] QueryUnit ::= Query
// [2] Query ::= Prologue ( SelectQuery | ConstructQuery | DescribeQuery | AskQuery )
//   ValuesClause
// [28] ValuesClause ::= ( 'VALUES' DataBlock )?
const auto query_unit_def = prologue > named("SELECT, CONSTRUCT, DESCRIBE or ASK",
                                             select_query[assign] | construct_query[assign] |
                                                 describe_query[assign] | ask_query[assign]) >
                            -(Keyword("VALUES") > data_block[set_values]) > x3::eps[finish_query];

// [4] Prologue ::= ( BaseDecl | PrefixDecl )*
// [5] BaseDecl ::= 'BASE' IRIREF
// [6] PrefixDecl ::= 'PREFIX' PNAME_NS IRIREF
const auto prologue_def = *((Keyword("BASE") > iriref_text)[set_base] |
                            (Keyword("PREFIX") > pname_ns > iriref_text)[add_prefix]);

// [7] SelectQuery ::= SelectClause DatasetClause* WhereClause SolutionModifier
const auto select_query_def = select_clause[set_select] > *dataset_clause[push_dataset] >
                              where_clause[set_where] > solution_modifier[set_modifiers];

// [8] SubSelect ::= SelectClause WhereClause SolutionModifier ValuesClause
const auto sub_select_def = select_clause[set_select] > where_clause[set_where] >
                            solution_modifier[set_modifiers] >
                            -(Keyword("VALUES") > data_block[set_values]);

// [9] SelectClause ::= 'SELECT' ( 'DISTINCT' | 'REDUCED' )? ( ( Var | ( '(' Expression
//   'AS' Var ')' ) )+ | '*' )
const auto select_clause_def =
    located[Keyword("SELECT")[([](auto& ctx) { x3::_val(ctx).pos = start_pos(ctx); })]] >
    -(Keyword("DISTINCT")[([](auto& ctx) { x3::_val(ctx).distinct = true; })] |
      Keyword("REDUCED")[([](auto& ctx) { x3::_val(ctx).reduced = true; })]) >
    named("'*', a variable or '(' expression AS variable ')'",
          lit('*')[([](auto& ctx) { x3::_val(ctx).star = true; })] |
              +projection[([](auto& ctx) { x3::_val(ctx).items.push_back(x3::_attr(ctx)); })]);

const auto projection_def =
    located[var[([](auto& ctx) {
              x3::_val(ctx) = Projection{Var{x3::_attr(ctx)}, nullptr, start_pos(ctx)};
            })] |
            (lit('(') > expression > Keyword("AS") > var > lit(')'))[([](auto& ctx) {
              x3::_val(ctx) = Projection{Var{boost::fusion::at_c<1>(x3::_attr(ctx))},
                                         boost::fusion::at_c<0>(x3::_attr(ctx)), start_pos(ctx)};
            })]];

// [10] ConstructQuery ::= 'CONSTRUCT' ( ConstructTemplate DatasetClause* WhereClause
//   SolutionModifier | DatasetClause* 'WHERE' '{' TriplesTemplate? '}' SolutionModifier )
const auto construct_query_def =
    located[Keyword("CONSTRUCT")[SetForm<QueryForm::kConstruct>{}]] >
    named("'{' or WHERE",
          (construct_template[set_template] > *dataset_clause[push_dataset] >
           where_clause[set_where] > solution_modifier[set_modifiers]) |
              (*dataset_clause[push_dataset] >> Keyword("WHERE") >
               located[lit('{')[start_short_construct]] > -triples_template[set_template] >
               lit('}')[finish_short_construct] > solution_modifier[set_modifiers]));

// [73] ConstructTemplate ::= '{' ConstructTriples? '}'
// [74] ConstructTriples ::= TriplesSameSubject ( '.' ConstructTriples? )?
const auto construct_template_def = lit('{') > -triples_template[assign] > lit('}');

// [11] DescribeQuery ::= 'DESCRIBE' ( VarOrIri+ | '*' ) DatasetClause* WhereClause?
//   SolutionModifier
const auto describe_query_def =
    located[Keyword("DESCRIBE")[SetForm<QueryForm::kDescribe>{}]] >
    named("'*', variables or IRIs",
          lit('*')[([](auto& ctx) { x3::_val(ctx).describe_star = true; })] |
              +var_or_iri[([](auto& ctx) { x3::_val(ctx).describe.push_back(x3::_attr(ctx)); })]) >
    *dataset_clause[push_dataset] > -where_clause[set_where] > solution_modifier[set_modifiers];

// [12] AskQuery ::= 'ASK' DatasetClause* WhereClause SolutionModifier
const auto ask_query_def = located[Keyword("ASK")[SetForm<QueryForm::kAsk>{}]] >
                           *dataset_clause[push_dataset] > where_clause[set_where] >
                           solution_modifier[set_modifiers];

// [13] DatasetClause ::= 'FROM' ( DefaultGraphClause | NamedGraphClause )
// [14] DefaultGraphClause ::= SourceSelector
// [15] NamedGraphClause ::= 'NAMED' SourceSelector
// [16] SourceSelector ::= iri
const auto dataset_clause_def =
    Keyword("FROM") >
    named("an IRI or NAMED", (Keyword("NAMED") > iri)[([](auto& ctx) {
                               x3::_val(ctx) = DatasetClause{std::move(x3::_attr(ctx)), true};
                             })] |
                                 iri[([](auto& ctx) {
                                   x3::_val(ctx) = DatasetClause{std::move(x3::_attr(ctx)), false};
                                 })]);

// [17] WhereClause ::= 'WHERE'? GroupGraphPattern
const auto where_clause_def =
    (Keyword("WHERE") > group_graph_pattern)[assign] | group_graph_pattern[assign];

// [18] SolutionModifier ::= GroupClause? HavingClause? OrderClause? LimitOffsetClauses?
// [19] GroupClause ::= 'GROUP' 'BY' GroupCondition+
// [21] HavingClause ::= 'HAVING' HavingCondition+
// [22] HavingCondition ::= Constraint
// [23] OrderClause ::= 'ORDER' 'BY' OrderCondition+
const auto solution_modifier_def =
    -(Keyword("GROUP") > Keyword("BY") >
      named("a grouping condition (a variable, a function call or '(' expression ')')",
            +group_condition[([](auto& ctx) {
              x3::_val(ctx).group_by.push_back(x3::_attr(ctx));
            })])) >>
    -(Keyword("HAVING") >
      named("a constraint ('(' expression ')' or a function call)",
            +constraint[([](auto& ctx) { x3::_val(ctx).having.push_back(x3::_attr(ctx)); })])) >>
    -(Keyword("ORDER") > Keyword("BY") >
      named("an ordering condition (a variable, ASC, DESC, a function call or '(' expression "
            "')')",
            +order_condition[([](auto& ctx) {
              x3::_val(ctx).order_by.push_back(x3::_attr(ctx));
            })])) >>
    -limit_offset_clauses[([](auto& ctx) {
      x3::_val(ctx).limit = x3::_attr(ctx).limit;
      x3::_val(ctx).offset = x3::_attr(ctx).offset;
    })];

// [20] GroupCondition ::= BuiltInCall | FunctionCall | '(' Expression ( 'AS' Var )? ')' | Var
const auto group_condition_def =
    located[builtin_call[([](auto& ctx) {
              x3::_val(ctx) = GroupCondition{x3::_attr(ctx), {}, start_pos(ctx)};
            })] |
            function_call[([](auto& ctx) {
              x3::_val(ctx) = GroupCondition{x3::_attr(ctx), {}, start_pos(ctx)};
            })] |
            (lit('(') > expression > -(Keyword("AS") > var) > lit(')'))[([](auto& ctx) {
              GroupCondition g{boost::fusion::at_c<0>(x3::_attr(ctx)), {}, start_pos(ctx)};
              auto& v = boost::fusion::at_c<1>(x3::_attr(ctx));
              if (v) g.var = Var{*v};
              x3::_val(ctx) = std::move(g);
            })] |
            var[([](auto& ctx) {
              x3::_val(ctx) = GroupCondition{
                  expr::make_expr(expr::Variable{x3::_attr(ctx)}), {}, start_pos(ctx)};
            })]];

// [24] OrderCondition ::= ( ( 'ASC' | 'DESC' ) BrackettedExpression ) | ( Constraint | Var )
const auto order_condition_def =
    (Keyword("ASC") > bracketted_expression)[([](auto& ctx) {
      x3::_val(ctx) = OrderCondition{x3::_attr(ctx), false};
    })] |
    (Keyword("DESC") > bracketted_expression)[([](auto& ctx) {
      x3::_val(ctx) = OrderCondition{x3::_attr(ctx), true};
    })] |
    constraint[([](auto& ctx) {
      x3::_val(ctx) = OrderCondition{x3::_attr(ctx), false};
    })] |
    var[([](auto& ctx) {
      x3::_val(ctx) = OrderCondition{expr::make_expr(expr::Variable{x3::_attr(ctx)}), false};
    })];

// [25] LimitOffsetClauses ::= LimitClause OffsetClause? | OffsetClause LimitClause?
// [26] LimitClause ::= 'LIMIT' INTEGER
// [27] OffsetClause ::= 'OFFSET' INTEGER
const auto limit_clause = located[(Keyword("LIMIT") > integer)[set_limit]];
const auto offset_clause = located[(Keyword("OFFSET") > integer)[set_offset]];
const auto limit_offset_clauses_def =
    (limit_clause >> -offset_clause) | (offset_clause >> -limit_clause);

BOOST_SPIRIT_DEFINE(query_unit, prologue, select_query, sub_select, select_clause, projection,
                    construct_query, construct_template, describe_query, ask_query, dataset_clause,
                    where_clause, solution_modifier, group_condition, order_condition,
                    limit_offset_clauses)

BOOST_SPIRIT_INSTANTIATE(query_unit_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(sub_select_type, Iterator, Context)

}  // namespace kennis::sparql::syntax
