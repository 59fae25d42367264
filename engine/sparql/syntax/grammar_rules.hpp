// Declarations of the SPARQL grammar rules shared between translation units. Each rule is
// defined (BOOST_SPIRIT_DEFINE) and instantiated for syntax::Context
// (BOOST_SPIRIT_INSTANTIATE) in the file of its section of the W3C grammar:
//   grammar_terminals.cpp    [129]-[173] literals, IRIs, prefixed names, variables, tokens
//   grammar_expressions.cpp  [69]-[72], [110]-[128] expressions, built-in calls, aggregates
//   grammar_triples.cpp      [52], [73]-[107] triples, property lists, paths, collections
//   grammar_patterns.cpp     [53]-[68] group graph patterns
//   grammar_query.cpp        [1]-[28] query forms, prologue, solution modifiers
// Private to sparql/syntax.
#pragma once

#include "sparql/syntax/grammar_primitives.hpp"

#include <string>
#include <vector>

namespace kennis::sparql::syntax {

/// Records the first expectation failure in the ParserState (on_error of the entry rules).
struct ErrorHandler {
  template <class It, class Exception, class Ctx>
  x3::error_handler_result on_error(It&, It const&, Exception const& x, Ctx const& ctx) const {
    ParserState& st = state(ctx);
    if (!st.failed) {
      st.failed = true;
      st.error_where = x.where();
      st.expected = x.which();
    }
    return x3::error_handler_result::fail;
  }
};

/// A graph node with the triples its Turtle abbreviation stands for: `[ :p 1 ]` is a fresh
/// blank node and the triple (node :p 1); `( 1 2 )` the head of an rdf:List and its triples.
struct NodeTriples {
  VarOrTerm node;
  std::vector<TriplePattern> triples;
};

/// Verb and objects of one `verb obj, obj` item of a property list.
struct PropertyListItem {
  Verb verb;
  std::vector<NodeTriples> objects;
};
using PropertyList = std::vector<PropertyListItem>;

// Terminals
using iri_type = x3::rule<class iri_class, rdf::Term>;
using iriref_text_type = x3::rule<class iriref_text_class, std::string>;
using pname_ns_type = x3::rule<class pname_ns_class, std::string>;
using blank_node_type = x3::rule<class blank_node_class, rdf::Term>;
using var_type = x3::rule<class var_class, std::string>;
using rdf_literal_type = x3::rule<class rdf_literal_class, rdf::Term>;
using numeric_literal_type = x3::rule<class numeric_literal_class, rdf::Term>;
using numeric_literal_unsigned_type = x3::rule<class numeric_literal_unsigned_class, rdf::Term>;
using boolean_literal_type = x3::rule<class boolean_literal_class, rdf::Term>;
using string_literal_type = x3::rule<class string_literal_class, std::string>;
using integer_type = x3::rule<class integer_class, std::string>;
using nil_type = x3::rule<class nil_class>;
using anon_type = x3::rule<class anon_class>;

inline const iri_type iri = "an IRI";
inline const iriref_text_type iriref_text = "an IRI in '<' '>'";
inline const pname_ns_type pname_ns = "a prefix such as 'ex:'";
inline const blank_node_type blank_node = "a blank node";
inline const var_type var = "a variable";
inline const rdf_literal_type rdf_literal = "a literal";
inline const numeric_literal_type numeric_literal = "a number";
inline const numeric_literal_unsigned_type numeric_literal_unsigned = "a number";
inline const boolean_literal_type boolean_literal = "'true' or 'false'";
inline const string_literal_type string_literal = "a string";
inline const integer_type integer = "an integer";
inline const nil_type nil = "'()'";
inline const anon_type anon = "'[]'";

BOOST_SPIRIT_DECLARE(iri_type, iriref_text_type, pname_ns_type, blank_node_type, var_type,
                     rdf_literal_type, numeric_literal_type, numeric_literal_unsigned_type,
                     boolean_literal_type, string_literal_type, integer_type, nil_type, anon_type)

// Terms and prefix names of the rule language (parse_term, parse_prefix_name)
struct term_entry_class : ErrorHandler {};
using term_entry_type = x3::rule<term_entry_class, VarOrTerm>;
using prefix_name_entry_type = x3::rule<class prefix_name_entry_class, std::string>;

inline const term_entry_type term_entry = "a term (variable, IRI, prefixed name or literal)";
inline const prefix_name_entry_type prefix_name_entry = "a prefix name such as 'ex:'";

BOOST_SPIRIT_DECLARE(term_entry_type, prefix_name_entry_type)

// Expressions
struct expression_entry_class : ErrorHandler {};
using expression_type = x3::rule<class expression_class, expr::ExprPtr>;
using expression_entry_type = x3::rule<expression_entry_class, expr::ExprPtr>;
using bracketted_expression_type = x3::rule<class bracketted_expression_class, expr::ExprPtr>;
using builtin_call_type = x3::rule<class builtin_call_class, expr::ExprPtr>;
using function_call_type = x3::rule<class function_call_class, expr::ExprPtr>;
using constraint_type = x3::rule<class constraint_class, expr::ExprPtr>;

inline const expression_type expression = "an expression";
inline const expression_entry_type expression_entry = "an expression";
inline const bracketted_expression_type bracketted_expression = "'(' expression ')'";
inline const builtin_call_type builtin_call = "a built-in call";
inline const function_call_type function_call = "a function call";
inline const constraint_type constraint = "a constraint ('(' expression ')' or a function call)";

BOOST_SPIRIT_DECLARE(expression_type, expression_entry_type, bracketted_expression_type,
                     builtin_call_type, function_call_type, constraint_type)

// Triples
using triples_block_type = x3::rule<class triples_block_class, TriplesBlock>;
using triples_template_type = x3::rule<class triples_template_class, std::vector<TriplePattern>>;
using var_or_term_type = x3::rule<class var_or_term_class, VarOrTerm>;
using var_or_iri_type = x3::rule<class var_or_iri_class, VarOrTerm>;

inline const triples_block_type triples_block = "a triple pattern";
inline const triples_template_type triples_template = "a triple template";
inline const var_or_term_type var_or_term = "a variable or RDF term";
inline const var_or_iri_type var_or_iri = "a variable or IRI";

BOOST_SPIRIT_DECLARE(triples_block_type, triples_template_type, var_or_term_type, var_or_iri_type)

// Group graph patterns
using group_graph_pattern_type = x3::rule<class group_graph_pattern_class, GroupGraphPattern>;
using data_block_type = x3::rule<class data_block_class, DataBlock>;

inline const group_graph_pattern_type group_graph_pattern = "'{'";
inline const data_block_type data_block = "VALUES data ('?var {' or '(?vars) {')";

BOOST_SPIRIT_DECLARE(group_graph_pattern_type, data_block_type)

// Queries
struct query_unit_class : ErrorHandler {};
using query_unit_type = x3::rule<query_unit_class, Query>;
using sub_select_type = x3::rule<class sub_select_class, Query>;

inline const query_unit_type query_unit = "a query";
inline const sub_select_type sub_select = "a subquery";

BOOST_SPIRIT_DECLARE(query_unit_type, sub_select_type)

}  // namespace kennis::sparql::syntax

namespace boost::spirit::x3 {

/// An action is named after the parser it decorates.
template <class Subject, class Action>
struct get_info<action<Subject, Action>> {
  using result_type = std::string;
  std::string operator()(const action<Subject, Action>& a) const { return what(a.subject); }
};

}  // namespace boost::spirit::x3
