// SPARQL 1.1 grammar, productions [53]-[68]: group graph patterns and the patterns that
// are not triples (OPTIONAL, UNION, MINUS, GRAPH, SERVICE, FILTER, BIND, VALUES), and
// [61]-[65] inline data (SPARQL 1.1 Query Language, 19.8).
#include "sparql/syntax/grammar_rules.hpp"

#include <memory>
#include <utility>

namespace kennis::sparql::syntax {

namespace {

using x3::lit;

// --- actions ----------------------------------------------------------------------------

const auto assign = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

template <class Node>
struct Element {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx) = PatternElement{Node{std::move(x3::_attr(ctx))}, start_pos(ctx)};
  }
};

const auto set_group_pos = [](auto& ctx) { x3::_val(ctx).pos = start_pos(ctx); };

const auto push_element = [](auto& ctx) {
  x3::_val(ctx).elements.push_back(std::move(x3::_attr(ctx)));
};

const auto push_triples = [](auto& ctx) {
  TriplesBlock& block = x3::_attr(ctx);
  base::SourcePos pos = block.triples.front().pos;  // a block has at least one triple
  x3::_val(ctx).elements.push_back(PatternElement{std::move(block), pos});
};

const auto push_sub_select = [](auto& ctx) {
  auto query = std::make_shared<const Query>(std::move(x3::_attr(ctx)));
  x3::_val(ctx).elements.push_back(PatternElement{SubSelect{std::move(query)}, start_pos(ctx)});
};

const auto make_group_or_union = [](auto& ctx) {
  std::vector<GroupGraphPattern>& groups = x3::_attr(ctx);
  base::SourcePos pos = start_pos(ctx);
  if (groups.size() == 1) {
    x3::_val(ctx) = PatternElement{NestedGroup{std::move(groups.front())}, pos};
  } else {
    x3::_val(ctx) = PatternElement{UnionPattern{std::move(groups)}, pos};
  }
};

const auto push_group = [](auto& ctx) { x3::_val(ctx).push_back(std::move(x3::_attr(ctx))); };

const auto make_graph = [](auto& ctx) {
  GraphPattern g{std::move(boost::fusion::at_c<0>(x3::_attr(ctx))),
                 std::move(boost::fusion::at_c<1>(x3::_attr(ctx)))};
  x3::_val(ctx) = PatternElement{std::move(g), start_pos(ctx)};
};

const auto make_service = [](auto& ctx) {
  ServicePattern s{boost::fusion::at_c<0>(x3::_attr(ctx)),
                   std::move(boost::fusion::at_c<1>(x3::_attr(ctx))),
                   std::move(boost::fusion::at_c<2>(x3::_attr(ctx)))};
  x3::_val(ctx) = PatternElement{std::move(s), start_pos(ctx)};
};

const auto make_bind = [](auto& ctx) {
  Bind b{std::move(boost::fusion::at_c<0>(x3::_attr(ctx))),
         Var{std::move(boost::fusion::at_c<1>(x3::_attr(ctx)))}};
  x3::_val(ctx) = PatternElement{std::move(b), start_pos(ctx)};
};

// Inline data
const auto set_one_var = [](auto& ctx) { x3::_val(ctx).vars.push_back(Var{x3::_attr(ctx)}); };
const auto push_one_value = [](auto& ctx) {
  x3::_val(ctx).rows.push_back({std::move(x3::_attr(ctx))});
};
const auto push_var = [](auto& ctx) {
  DataBlock& block = x3::_val(ctx);
  for (const Var& v : block.vars) {
    if (v.name == x3::_attr(ctx)) {
      state(ctx).fail(start_of(ctx), "variable ?" + v.name + " appears twice in the VALUES header");
    }
  }
  block.vars.push_back(Var{x3::_attr(ctx)});
};
const auto start_row = [](auto& ctx) { x3::_val(ctx).rows.emplace_back(); };
const auto push_value = [](auto& ctx) {
  x3::_val(ctx).rows.back().push_back(std::move(x3::_attr(ctx)));
};
const auto check_row = [](auto& ctx) {
  const DataBlock& block = x3::_val(ctx);
  std::size_t n = block.rows.back().size();
  if (n != block.vars.size()) {
    state(ctx).fail(start_of(ctx), "VALUES row has " + std::to_string(n) +
                                       (n == 1 ? " value" : " values") + ", expected " +
                                       std::to_string(block.vars.size()));
  }
};
const auto set_value = [](auto& ctx) {
  x3::_val(ctx) = std::optional<rdf::Term>(std::move(x3::_attr(ctx)));
};
const auto set_undef = [](auto& ctx) { x3::_val(ctx) = std::nullopt; };

// --- rules local to this file -----------------------------------------------------------

const x3::rule<class graph_pattern_not_triples_class, PatternElement> graph_pattern_not_triples =
    "a graph pattern";
const x3::rule<class group_or_union_graph_pattern_class, PatternElement>
    group_or_union_graph_pattern = "'{'";
const x3::rule<class group_list_class, std::vector<GroupGraphPattern>> group_list = "'{'";
const x3::rule<class optional_graph_pattern_class, PatternElement> optional_graph_pattern =
    "OPTIONAL";
const x3::rule<class minus_graph_pattern_class, PatternElement> minus_graph_pattern = "MINUS";
const x3::rule<class graph_graph_pattern_class, PatternElement> graph_graph_pattern = "GRAPH";
const x3::rule<class service_graph_pattern_class, PatternElement> service_graph_pattern = "SERVICE";
const x3::rule<class filter_class, PatternElement> filter = "FILTER";
const x3::rule<class bind_class, PatternElement> bind = "BIND";
const x3::rule<class inline_data_class, PatternElement> inline_data = "VALUES";
const x3::rule<class data_block_value_class, std::optional<rdf::Term>> data_block_value =
    "a value (an IRI, a literal or UNDEF)";

}  // namespace

// [53] GroupGraphPattern ::= '{' ( SubSelect | GroupGraphPatternSub ) '}'
// [54] GroupGraphPatternSub ::= TriplesBlock? ( GraphPatternNotTriples '.'? TriplesBlock? )*
const auto group_graph_pattern_def =
    guarded[located[lit('{')[set_group_pos]] >
            named("a graph pattern", located[sub_select[push_sub_select]] |
                                         (-triples_block[push_triples] >>
                                          *(graph_pattern_not_triples[push_element] >> -lit('.') >>
                                            -triples_block[push_triples]))) > lit('}')];

// [56] GraphPatternNotTriples ::= GroupOrUnionGraphPattern | OptionalGraphPattern
//   | MinusGraphPattern | GraphGraphPattern | ServiceGraphPattern | Filter | Bind | InlineData
const auto graph_pattern_not_triples_def =
    group_or_union_graph_pattern[assign] | optional_graph_pattern[assign] |
    minus_graph_pattern[assign] | graph_graph_pattern[assign] | service_graph_pattern[assign] |
    filter[assign] | bind[assign] | inline_data[assign];

// [57] OptionalGraphPattern ::= 'OPTIONAL' GroupGraphPattern
const auto optional_graph_pattern_def =
    located[(Keyword("OPTIONAL") > group_graph_pattern)[Element<OptionalPattern>{}]];

// [58] GraphGraphPattern ::= 'GRAPH' VarOrIri GroupGraphPattern
const auto graph_graph_pattern_def =
    located[(Keyword("GRAPH") > var_or_iri > group_graph_pattern)[make_graph]];

// [59] ServiceGraphPattern ::= 'SERVICE' 'SILENT'? VarOrIri GroupGraphPattern
const auto service_graph_pattern_def =
    located[(Keyword("SERVICE") > x3::matches[Keyword("SILENT")] > var_or_iri >
             group_graph_pattern)[make_service]];

// [60] Bind ::= 'BIND' '(' Expression 'AS' Var ')'
const auto bind_def =
    located[(Keyword("BIND") > lit('(') > expression > Keyword("AS") > var > lit(')'))[make_bind]];

// [61] InlineData ::= 'VALUES' DataBlock
const auto inline_data_def = located[(Keyword("VALUES") > data_block)[Element<DataBlock>{}]];

// [62] DataBlock ::= InlineDataOneVar | InlineDataFull
// [63] InlineDataOneVar ::= Var '{' DataBlockValue* '}'
// [64] InlineDataFull ::= ( NIL | '(' Var* ')' ) '{' ( '(' DataBlockValue* ')' | NIL )* '}'
const auto data_block_def =
    (var[set_one_var] > lit('{') > *data_block_value[push_one_value] > lit('}')) |
    ((nil | (lit('(') >> *located[var[push_var]] > lit(')'))) > lit('{') >
     *(located[nil[start_row][check_row]] |
       located[(lit('(')[start_row] > *data_block_value[push_value] > lit(')'))[check_row]]) >
     lit('}'));

// [65] DataBlockValue ::= iri | RDFLiteral | NumericLiteral | BooleanLiteral | 'UNDEF'
const auto data_block_value_def = iri[set_value] | rdf_literal[set_value] |
                                  numeric_literal[set_value] | boolean_literal[set_value] |
                                  Keyword("UNDEF")[set_undef];

// [66] MinusGraphPattern ::= 'MINUS' GroupGraphPattern
const auto minus_graph_pattern_def =
    located[(Keyword("MINUS") > group_graph_pattern)[Element<MinusPattern>{}]];

// [67] GroupOrUnionGraphPattern ::= GroupGraphPattern ( 'UNION' GroupGraphPattern )*
const auto group_or_union_graph_pattern_def = located[group_list[make_group_or_union]];
const auto group_list_def = group_graph_pattern[push_group] >>
                            *(Keyword("UNION") > group_graph_pattern[push_group]);

// [68] Filter ::= 'FILTER' Constraint
const auto filter_def = located[(Keyword("FILTER") > constraint)[Element<Filter>{}]];

BOOST_SPIRIT_DEFINE(group_graph_pattern, graph_pattern_not_triples, optional_graph_pattern,
                    graph_graph_pattern, service_graph_pattern, bind, inline_data, data_block,
                    data_block_value, minus_graph_pattern, group_or_union_graph_pattern, group_list,
                    filter)

BOOST_SPIRIT_INSTANTIATE(group_graph_pattern_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(data_block_type, Iterator, Context)

}  // namespace kennis::sparql::syntax
