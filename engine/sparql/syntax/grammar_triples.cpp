// SPARQL 1.1 grammar, productions [52] and [73]-[107]: triple patterns with Turtle
// abbreviations, property lists, property paths, blank node property lists and
// collections (SPARQL 1.1 Query Language, 19.8). Abbreviations are expanded into plain
// TriplePatterns here (section 4.2); paths other than a single IRI stay Path trees.
#include "sparql/syntax/grammar_rules.hpp"

#include <utility>
#include <vector>

namespace kennis::sparql::syntax {

namespace {

using x3::lit;

/// Appends the triples of `subject` with each verb and object of `list`, and the triples
/// of the objects' own abbreviations.
void emit(std::vector<TriplePattern>& out, const VarOrTerm& subject, PropertyList& list,
          base::SourcePos pos) {
  for (PropertyListItem& item : list) {
    for (NodeTriples& object : item.objects) {
      out.push_back(TriplePattern{subject, item.verb, object.node, pos});
      for (TriplePattern& t : object.triples) out.push_back(std::move(t));
    }
  }
}

// --- actions ----------------------------------------------------------------------------

const auto assign = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
const auto push = [](auto& ctx) { x3::_val(ctx).push_back(std::move(x3::_attr(ctx))); };
const auto make_var = [](auto& ctx) { x3::_val(ctx) = Var{std::move(x3::_attr(ctx))}; };
const auto make_nil = [](auto& ctx) { x3::_val(ctx) = rdf::Term::iri(std::string(rdf::kRdfNil)); };
const auto make_type = [](auto& ctx) {
  x3::_val(ctx) = rdf::Term::iri(std::string(rdf::kRdfType));
};
const auto node_only = [](auto& ctx) {
  x3::_val(ctx) = NodeTriples{std::move(x3::_attr(ctx)), {}};
};

// VarOrTerm PropertyListNotEmpty
const auto emit_with_subject = [](auto& ctx) {
  auto& subject = boost::fusion::at_c<0>(x3::_attr(ctx));
  auto& list = boost::fusion::at_c<1>(x3::_attr(ctx));
  std::vector<TriplePattern> out;
  emit(out, subject, list, start_pos(ctx));
  x3::_val(ctx) = std::move(out);
};

// TriplesNode PropertyList
const auto emit_with_node = [](auto& ctx) {
  NodeTriples& subject = boost::fusion::at_c<0>(x3::_attr(ctx));
  auto& list = boost::fusion::at_c<1>(x3::_attr(ctx));
  std::vector<TriplePattern> out = std::move(subject.triples);
  emit(out, subject.node, list, start_pos(ctx));
  x3::_val(ctx) = std::move(out);
};

// '[' PropertyList ']'
const auto make_blank_node_property_list = [](auto& ctx) {
  NodeTriples n;
  n.node = state(ctx).fresh_blank();
  emit(n.triples, n.node, x3::_attr(ctx), start_pos(ctx));
  x3::_val(ctx) = std::move(n);
};

// '(' GraphNode+ ')': the rdf:first / rdf:rest list (section 4.2.3).
const auto make_collection = [](auto& ctx) {
  std::vector<NodeTriples>& items = x3::_attr(ctx);
  base::SourcePos pos = start_pos(ctx);
  NodeTriples n;
  std::vector<rdf::Term> cells;
  for (std::size_t i = 0; i < items.size(); ++i) cells.push_back(state(ctx).fresh_blank());
  for (std::size_t i = 0; i < items.size(); ++i) {
    n.triples.push_back(
        {cells[i], rdf::Term::iri(std::string(rdf::kRdfFirst)), items[i].node, pos});
    for (TriplePattern& t : items[i].triples) n.triples.push_back(std::move(t));
    rdf::Term rest =
        i + 1 < items.size() ? cells[i + 1] : rdf::Term::iri(std::string(rdf::kRdfNil));
    n.triples.push_back(
        {cells[i], rdf::Term::iri(std::string(rdf::kRdfRest)), std::move(rest), pos});
  }
  n.node = cells.front();
  x3::_val(ctx) = std::move(n);
};

const auto push_item = [](auto& ctx) {
  x3::_val(ctx).push_back(PropertyListItem{std::move(boost::fusion::at_c<0>(x3::_attr(ctx))),
                                           std::move(boost::fusion::at_c<1>(x3::_attr(ctx)))});
};

const auto append_triples = [](auto& ctx) {
  auto& v = x3::_val(ctx);
  for (TriplePattern& t : x3::_attr(ctx)) v.push_back(std::move(t));
};
const auto append_to_block = [](auto& ctx) {
  auto& v = x3::_val(ctx).triples;
  for (TriplePattern& t : x3::_attr(ctx)) v.push_back(std::move(t));
};

// Paths
PathPtr make_path(PathKind kind, std::vector<PathPtr> args) {
  auto p = std::make_shared<Path>();
  p->kind = kind;
  p->args = std::move(args);
  return p;
}

const auto link = [](auto& ctx) {
  auto p = std::make_shared<Path>();
  p->iri = std::move(x3::_attr(ctx));
  x3::_val(ctx) = std::move(p);
};

template <PathKind Kind>
struct Fold {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    std::vector<PathPtr>& parts = x3::_attr(ctx);
    x3::_val(ctx) =
        parts.size() == 1 ? std::move(parts.front()) : make_path(Kind, std::move(parts));
  }
};

const auto apply_mod = [](auto& ctx) {
  x3::_val(ctx) = make_path(x3::_attr(ctx), {std::move(x3::_val(ctx))});
};
const auto make_inverse = [](auto& ctx) {
  x3::_val(ctx) = make_path(PathKind::kInverse, {std::move(x3::_attr(ctx))});
};
const auto make_negated = [](auto& ctx) {
  x3::_val(ctx) = std::make_shared<const Path>(std::move(x3::_attr(ctx)));
};
const auto add_to_set = [](auto& ctx) {
  auto& [inverse, term] = x3::_attr(ctx);
  Path& p = x3::_val(ctx);
  p.kind = PathKind::kNegatedSet;
  (inverse ? p.inverse : p.forward).push_back(std::move(term));
};

template <PathKind Kind>
struct SetKind {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx) = Kind;
  }
};

// A path that is a single IRI is a plain predicate.
const auto path_to_verb = [](auto& ctx) {
  PathPtr& p = x3::_attr(ctx);
  if (p->kind == PathKind::kLink) {
    x3::_val(ctx) = p->iri;
  } else {
    x3::_val(ctx) = std::move(p);
  }
};
const auto var_to_verb = [](auto& ctx) { x3::_val(ctx) = Var{std::move(x3::_attr(ctx))}; };
const auto term_to_verb = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

using InverseAndIri = std::pair<bool, rdf::Term>;

// --- rules local to this file -----------------------------------------------------------

const x3::rule<class graph_term_class, VarOrTerm> graph_term = "an RDF term";
const x3::rule<class triples_same_subject_path_class, std::vector<TriplePattern>>
    triples_same_subject_path = "a triple pattern";
const x3::rule<class property_list_path_not_empty_class, PropertyList>
    property_list_path_not_empty = "a predicate (an IRI, a variable, 'a' or a path)";
const x3::rule<class property_list_path_class, PropertyList> property_list_path = "a property list";
const x3::rule<class verb_path_or_simple_class, Verb> verb_path_or_simple =
    "a predicate (an IRI, a variable, 'a' or a path)";
const x3::rule<class object_list_path_class, std::vector<NodeTriples>> object_list_path =
    "an object";
const x3::rule<class graph_node_path_class, NodeTriples> graph_node_path = "an object";
const x3::rule<class triples_node_path_class, NodeTriples> triples_node_path = "'(' or '['";
const x3::rule<class blank_node_property_list_path_class, NodeTriples>
    blank_node_property_list_path = "'['";
const x3::rule<class collection_path_class, NodeTriples> collection_path = "'('";

const x3::rule<class path_class, PathPtr> path = "a property path";
const x3::rule<class path_alternative_class, std::vector<PathPtr>> path_alternative =
    "a property path";
const x3::rule<class path_sequence_class, PathPtr> path_sequence = "a property path";
const x3::rule<class path_sequence_list_class, std::vector<PathPtr>> path_sequence_list =
    "a property path";
const x3::rule<class path_elt_class, PathPtr> path_elt = "a property path";
const x3::rule<class path_elt_or_inverse_class, PathPtr> path_elt_or_inverse = "a property path";
const x3::rule<class path_mod_class, PathKind> path_mod = "'?', '*' or '+'";
const x3::rule<class path_primary_class, PathPtr> path_primary = "an IRI, 'a', '!' or '(' path ')'";
const x3::rule<class path_negated_property_set_class, Path> path_negated_property_set =
    "an IRI, 'a', '^' or '('";
const x3::rule<class path_one_in_property_set_class, InverseAndIri> path_one_in_property_set =
    "an IRI, 'a' or '^'";
const x3::rule<class iri_or_a_class, rdf::Term> iri_or_a = "an IRI or 'a'";

const x3::rule<class triples_same_subject_class, std::vector<TriplePattern>> triples_same_subject =
    "a triple";
const x3::rule<class property_list_not_empty_class, PropertyList> property_list_not_empty =
    "a predicate (an IRI, a variable or 'a')";
const x3::rule<class property_list_class, PropertyList> property_list = "a property list";
const x3::rule<class verb_class, Verb> verb = "a predicate (an IRI, a variable or 'a')";
const x3::rule<class object_list_class, std::vector<NodeTriples>> object_list = "an object";
const x3::rule<class graph_node_class, NodeTriples> graph_node = "an object";
const x3::rule<class triples_node_class, NodeTriples> triples_node = "'(' or '['";
const x3::rule<class blank_node_property_list_class, NodeTriples> blank_node_property_list = "'['";
const x3::rule<class collection_class, NodeTriples> collection = "'('";

const Keyword kw_a("a", true);

// [93] PathMod ::= '?' | '*' | '+'. As the tokenizer would: `?x` is a variable and `+1` a
// number, not a modifier followed by them.
const auto no_var_after = !x3::no_skip[varname_start];
const auto no_number_after = !x3::no_skip[digit | (lit('.') >> digit)];

}  // namespace

// [52] TriplesTemplate ::= TriplesSameSubject ( '.' TriplesTemplate? )?
const auto triples_template_def = triples_same_subject[append_triples] >>
                                  *(lit('.') >> triples_same_subject[append_triples]) >> -lit('.');

// [75] TriplesSameSubject ::= VarOrTerm PropertyListNotEmpty | TriplesNode PropertyList
const auto triples_same_subject_def =
    located[(var_or_term > property_list_not_empty)[emit_with_subject]] |
    located[(triples_node >> property_list)[emit_with_node]];

// [76] PropertyList ::= PropertyListNotEmpty?
const auto property_list_def = -property_list_not_empty[assign];

// [77] PropertyListNotEmpty ::= Verb ObjectList ( ';' ( Verb ObjectList )? )*
const auto property_list_not_empty_def = (verb > object_list)[push_item] >>
                                         *(lit(';') >> -(verb > object_list)[push_item]);

// [78] Verb ::= VarOrIri | 'a'
const auto verb_def = var[var_to_verb] | iri[term_to_verb] | kw_a[make_type];

// [79] ObjectList ::= Object ( ',' Object )*
// [80] Object ::= GraphNode
const auto object_list_def = graph_node[push] > *(lit(',') > graph_node[push]);

// [81] TriplesSameSubjectPath ::= VarOrTerm PropertyListPathNotEmpty
//   | TriplesNodePath PropertyListPath
const auto triples_same_subject_path_def =
    located[(var_or_term > property_list_path_not_empty)[emit_with_subject]] |
    located[(triples_node_path >> property_list_path)[emit_with_node]];

// [82] PropertyListPath ::= PropertyListPathNotEmpty?
const auto property_list_path_def = -property_list_path_not_empty[assign];

// [83] PropertyListPathNotEmpty ::= ( VerbPath | VerbSimple ) ObjectListPath
//   ( ';' ( ( VerbPath | VerbSimple ) ObjectList )? )*
// (ObjectListPath after ';' as well: it accepts everything ObjectList does.)
const auto property_list_path_not_empty_def = (verb_path_or_simple > object_list_path)[push_item] >>
                                              *(lit(';') >> -(verb_path_or_simple >
                                                              object_list_path)[push_item]);

// [84] VerbPath ::= Path
// [85] VerbSimple ::= Var
const auto verb_path_or_simple_def = var[var_to_verb] | path[path_to_verb];

// [86] ObjectListPath ::= ObjectPath ( ',' ObjectPath )*
// [87] ObjectPath ::= GraphNodePath
const auto object_list_path_def = graph_node_path[push] > *(lit(',') > graph_node_path[push]);

// [88] Path ::= PathAlternative
const auto path_def = path_alternative[Fold<PathKind::kAlternative>{}];

// [89] PathAlternative ::= PathSequence ( '|' PathSequence )*
const auto path_alternative_def = path_sequence[push] >> *(lit('|') > path_sequence[push]);

// [90] PathSequence ::= PathEltOrInverse ( '/' PathEltOrInverse )*
const auto path_sequence_def = path_sequence_list[Fold<PathKind::kSequence>{}];
const auto path_sequence_list_def = path_elt_or_inverse[push] >>
                                    *(lit('/') > path_elt_or_inverse[push]);

// [91] PathElt ::= PathPrimary PathMod?
const auto path_elt_def = path_primary[assign] >> -path_mod[apply_mod];

// [92] PathEltOrInverse ::= PathElt | '^' PathElt
const auto path_elt_or_inverse_def = path_elt[assign] | (lit('^') > path_elt)[make_inverse];

// [93] PathMod ::= '?' | '*' | '+'
const auto path_mod_def = (lit('?') >> no_var_after)[SetKind<PathKind::kZeroOrOne>{}] |
                          lit('*')[SetKind<PathKind::kZeroOrMore>{}] |
                          (lit('+') >> no_number_after)[SetKind<PathKind::kOneOrMore>{}];

// [94] PathPrimary ::= iri | 'a' | '!' PathNegatedPropertySet | '(' Path ')'
const auto path_primary_def = iri_or_a[link] |
                              (lit('!') > path_negated_property_set)[make_negated] |
                              guarded[(lit('(') > path > lit(')'))[assign]];

// [95] PathNegatedPropertySet ::= PathOneInPropertySet | '(' ( PathOneInPropertySet
//   ( '|' PathOneInPropertySet )* )? ')'
const auto path_negated_property_set_def =
    path_one_in_property_set[add_to_set] |
    (lit('(') >>
     -(path_one_in_property_set[add_to_set] >> *(lit('|') > path_one_in_property_set[add_to_set])) >
     lit(')'))[([](auto& ctx) { x3::_val(ctx).kind = PathKind::kNegatedSet; })];

// [96] PathOneInPropertySet ::= iri | 'a' | '^' ( iri | 'a' )
const auto path_one_in_property_set_def = iri_or_a[([](auto& ctx) {
                                            x3::_val(ctx) = {false, std::move(x3::_attr(ctx))};
                                          })] |
                                          (lit('^') > iri_or_a)[([](auto& ctx) {
                                            x3::_val(ctx) = {true, std::move(x3::_attr(ctx))};
                                          })];

const auto iri_or_a_def = iri[assign] | kw_a[make_type];

// [98] TriplesNode ::= Collection | BlankNodePropertyList
const auto triples_node_def = collection[assign] | blank_node_property_list[assign];

// [99] BlankNodePropertyList ::= '[' PropertyListNotEmpty ']'
const auto blank_node_property_list_def =
    located[(lit('[') > property_list_not_empty > lit(']'))[make_blank_node_property_list]];

// [100] TriplesNodePath ::= CollectionPath | BlankNodePropertyListPath
const auto triples_node_path_def = collection_path[assign] | blank_node_property_list_path[assign];

// [101] BlankNodePropertyListPath ::= '[' PropertyListPathNotEmpty ']'
const auto blank_node_property_list_path_def =
    located[(lit('[') > property_list_path_not_empty > lit(']'))[make_blank_node_property_list]];

// [102] Collection ::= '(' GraphNode+ ')'
const auto collection_def =
    located[(lit('(') > named("an RDF term", +graph_node) > lit(')'))[make_collection]];

// [103] CollectionPath ::= '(' GraphNodePath+ ')'
const auto collection_path_def =
    located[(lit('(') > named("an RDF term", +graph_node_path) > lit(')'))[make_collection]];

// [104] GraphNode ::= VarOrTerm | TriplesNode
const auto graph_node_def = var_or_term[node_only] | guarded[triples_node[assign]];

// [105] GraphNodePath ::= VarOrTerm | TriplesNodePath
const auto graph_node_path_def = var_or_term[node_only] | guarded[triples_node_path[assign]];

// [106] VarOrTerm ::= Var | GraphTerm
const auto var_or_term_def = var[make_var] | graph_term[assign];

// [107] VarOrIri ::= Var | iri
const auto var_or_iri_def = var[make_var] | iri[assign];

// [109] GraphTerm ::= iri | RDFLiteral | NumericLiteral | BooleanLiteral | BlankNode | NIL
const auto graph_term_def = iri[assign] | rdf_literal[assign] | numeric_literal[assign] |
                            boolean_literal[assign] | blank_node[assign] | nil[make_nil];

// [55] TriplesBlock ::= TriplesSameSubjectPath ( '.' TriplesBlock? )?
const auto triples_block_def = triples_same_subject_path[append_to_block] >>
                               *(lit('.') >> triples_same_subject_path[append_to_block]) >>
                               -lit('.');

BOOST_SPIRIT_DEFINE(triples_template, triples_same_subject, property_list, property_list_not_empty,
                    verb, object_list, triples_same_subject_path, property_list_path,
                    property_list_path_not_empty, verb_path_or_simple, object_list_path, path,
                    path_alternative, path_sequence, path_sequence_list, path_elt,
                    path_elt_or_inverse, path_mod, path_primary, path_negated_property_set,
                    path_one_in_property_set, iri_or_a, triples_node, blank_node_property_list,
                    triples_node_path, blank_node_property_list_path, collection, collection_path,
                    graph_node, graph_node_path, var_or_term, var_or_iri, graph_term, triples_block)

BOOST_SPIRIT_INSTANTIATE(triples_block_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(triples_template_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(var_or_term_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(var_or_iri_type, Iterator, Context)

}  // namespace kennis::sparql::syntax
