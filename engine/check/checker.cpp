#include "check/checker.hpp"

#include "base/edit_distance.hpp"
#include "rdf/xsd.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace kennis::check {

namespace {

bool valid_lang(std::string_view tag) {
  // BCP 47 shape: alpha{1,8} ( '-' alphanum{1,8} )*
  std::size_t i = 0, n = 0;
  bool first = true;
  for (; i <= tag.size(); ++i) {
    if (i == tag.size() || tag[i] == '-') {
      if (n == 0 || n > 8) return false;
      n = 0;
      first = false;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(tag[i]);
    if (first ? !std::isalpha(c) : !std::isalnum(c)) return false;
    ++n;
  }
  return true;
}

std::string local_name(std::string_view iri) {
  auto cut = iri.find_last_of("#/");
  return std::string(cut == std::string_view::npos ? iri : iri.substr(cut + 1));
}

std::string namespace_of(std::string_view iri) {
  auto cut = iri.find_last_of("#/");
  return std::string(cut == std::string_view::npos ? iri : iri.substr(0, cut + 1));
}

}  // namespace

std::vector<base::Diagnostic> check_dataset(const store::Dataset& ds, const CheckOptions& options) {
  const rdf::Dictionary& dict = ds.dict();
  const store::QuadStore& st = ds.store();
  std::vector<base::Diagnostic> out;

  auto range_of = [&](const store::Quad& q) {
    base::SourceRange r;
    if (auto o = ds.origin(q)) {
      r.file = o->file < ds.files().size() ? ds.files()[o->file] : "";
      r.begin = r.end = {o->line, o->column};
    }
    return r;
  };
  auto iri_id = [&](std::string_view iri) { return dict.find_iri(iri); };
  const store::TermId rdf_type = iri_id(rdf::kRdfType);

  // Declared classes and properties.
  static constexpr std::string_view kClassTypes[] = {rdf::kOwlClass, rdf::kRdfsClass,
                                                     rdf::kRdfsDatatype};
  static constexpr std::string_view kPropertyTypes[] = {
      rdf::kOwlObjectProperty,     rdf::kOwlDatatypeProperty,         rdf::kOwlAnnotationProperty,
      rdf::kRdfProperty,           rdf::kOwlTransitiveProperty,       rdf::kOwlSymmetricProperty,
      rdf::kOwlFunctionalProperty, rdf::kOwlInverseFunctionalProperty};
  std::unordered_set<store::TermId> classes, properties;
  auto collect = [&](std::string_view type_iri, std::unordered_set<store::TermId>& into) {
    store::TermId t = iri_id(type_iri);
    if (t == rdf::kNoTerm || rdf_type == rdf::kNoTerm) return;
    st.for_each(store::Pattern{rdf::kNoTerm, rdf_type, t, store::kAnyGraph},
                [&](const store::Quad& q) { into.insert(q.s); });
  };
  for (std::string_view c : kClassTypes) collect(c, classes);
  for (std::string_view p : kPropertyTypes) collect(p, properties);
  for (std::string_view sub : {rdf::kRdfsSubClassOf, rdf::kOwlEquivalentClass}) {
    if (store::TermId p = iri_id(sub)) {
      st.for_each(store::Pattern{rdf::kNoTerm, p, rdf::kNoTerm, store::kAnyGraph},
                  [&](const store::Quad& q) {
                    if (dict.kind(q.s) == rdf::TermKind::kIri) classes.insert(q.s);
                  });
    }
  }
  if (store::TermId p = iri_id(rdf::kRdfsSubPropertyOf)) {
    st.for_each(store::Pattern{rdf::kNoTerm, p, rdf::kNoTerm, store::kAnyGraph},
                [&](const store::Quad& q) { properties.insert(q.s); });
  }

  // Vocabulary namespaces: given, or those that declare classes/properties (excluding the
  // W3C vocabularies, which are declared elsewhere).
  std::set<std::string> vocabularies(options.vocabularies.begin(), options.vocabularies.end());
  const std::vector<std::string> standard = {"http://www.w3.org/",     "http://xmlns.com/",
                                             "http://purl.org/",       "https://schema.org/",
                                             "http://schema.org/",     "http://data.europa.eu/",
                                             "http://www.opengis.net/"};
  auto is_standard = [&](const std::string& ns) {
    return std::any_of(standard.begin(), standard.end(),
                       [&](const std::string& s) { return ns.rfind(s, 0) == 0; });
  };
  if (vocabularies.empty()) {
    for (auto* set : {&classes, &properties}) {
      for (store::TermId t : *set) {
        if (dict.kind(t) != rdf::TermKind::kIri) continue;
        std::string ns = namespace_of(dict.term(t).value);
        if (!is_standard(ns)) vocabularies.insert(ns);
      }
    }
  }
  auto in_vocabulary = [&](store::TermId t) {
    if (dict.kind(t) != rdf::TermKind::kIri) return false;
    return vocabularies.count(namespace_of(dict.term(t).value)) > 0;
  };
  auto suggest = [&](store::TermId t, const std::unordered_set<store::TermId>& pool) {
    std::string name = local_name(dict.term(t).value);
    std::string best;
    std::size_t best_d = 3;
    for (store::TermId c : pool) {
      if (dict.kind(c) != rdf::TermKind::kIri) continue;
      std::string cand = local_name(dict.term(c).value);
      std::size_t d = base::edit_distance(name, cand, 2, true);
      if (d < best_d || (d == best_d && !best.empty() && cand < best)) {
        best_d = d;
        best = cand;
      }
    }
    return best;
  };

  std::unordered_set<store::TermId> reported;
  st.for_each(store::Pattern{}, [&](const store::Quad& q) {
    // K101 / K107: literals.
    if (dict.kind(q.o) == rdf::TermKind::kLiteral) {
      rdf::TermView v = dict.term(q.o);
      if (!v.lang.empty() && !valid_lang(v.lang)) {
        out.push_back(base::Diagnostic::warning(
            "language tag '" + std::string(v.lang) + "' is not well formed", range_of(q), "K107"));
      } else if (v.lang.empty() && !rdf::valid_lexical_form(v.value, v.datatype)) {
        out.push_back(base::Diagnostic::error("\"" + std::string(v.value) + "\" is not a valid " +
                                                  local_name(v.datatype) +
                                                  " (xsd:" + local_name(v.datatype) + ")",
                                              range_of(q), "K101"));
      }
    }
    // K102: undeclared property in a vocabulary namespace.
    if (in_vocabulary(q.p) && !properties.count(q.p) && reported.insert(q.p).second) {
      auto d = base::Diagnostic::warning(
          "property " + rdf::to_ntriples(dict.term(q.p)) + " is used but not declared", range_of(q),
          "K102");
      std::string hint = suggest(q.p, properties);
      if (!hint.empty()) d.notes.push_back("did you mean '" + hint + "'?");
      out.push_back(std::move(d));
    }
    // K102/K105: undeclared class used as a type.
    if (q.p == rdf_type && in_vocabulary(q.o) && !classes.count(q.o) &&
        reported.insert(q.o).second) {
      auto d = base::Diagnostic::warning(
          "class " + rdf::to_ntriples(dict.term(q.o)) + " is used as a type but not declared",
          range_of(q), "K105");
      std::string hint = suggest(q.o, classes);
      if (!hint.empty()) d.notes.push_back("did you mean '" + hint + "'?");
      out.push_back(std::move(d));
    }
  });

  // K103/K104: documentation of declared terms in the vocabularies.
  if (!options.skip_documentation) {
    const store::TermId label = iri_id(rdf::kRdfsLabel);
    const store::TermId comment = iri_id(rdf::kRdfsComment);
    const store::TermId definition = iri_id(rdf::kSkosDefinition);
    std::vector<store::TermId> terms;
    for (auto* set : {&classes, &properties}) {
      for (store::TermId t : *set) {
        if (in_vocabulary(t)) terms.push_back(t);
      }
    }
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    for (store::TermId t : terms) {
      // Position: where the term is declared.
      base::SourceRange where;
      st.for_each(store::Pattern{t, rdf::kNoTerm, rdf::kNoTerm, store::kAnyGraph},
                  [&](const store::Quad& q) {
                    where = range_of(q);
                    return false;
                  });
      bool en = false, nl = false;
      if (label != rdf::kNoTerm) {
        st.for_each(store::Pattern{t, label, rdf::kNoTerm, store::kAnyGraph},
                    [&](const store::Quad& q) {
                      rdf::TermView v = dict.term(q.o);
                      if (v.lang.substr(0, 2) == "en") en = true;
                      if (v.lang.substr(0, 2) == "nl") nl = true;
                    });
      }
      std::string name = rdf::to_ntriples(dict.term(t));
      if (!en || !nl) {
        std::string missing = !en && !nl ? "English (@en) or Dutch (@nl)"
                              : !en      ? "English (@en)"
                                         : "Dutch (@nl)";
        out.push_back(
            base::Diagnostic::warning(name + " has no " + missing + " rdfs:label", where, "K103"));
      }
      bool defined =
          (definition != rdf::kNoTerm &&
           st.count(store::Pattern{t, definition, rdf::kNoTerm, store::kAnyGraph}) > 0) ||
          (comment != rdf::kNoTerm &&
           st.count(store::Pattern{t, comment, rdf::kNoTerm, store::kAnyGraph}) > 0);
      if (!defined) {
        out.push_back(base::Diagnostic::warning(
            name + " has no definition (skos:definition or rdfs:comment)", where, "K104"));
      }
    }
  }

  // K106: members of disjoint classes.
  if (store::TermId disjoint = iri_id(rdf::kOwlDisjointWith);
      disjoint != rdf::kNoTerm && rdf_type) {
    st.for_each(store::Pattern{rdf::kNoTerm, disjoint, rdf::kNoTerm, store::kAnyGraph},
                [&](const store::Quad& d) {
                  st.for_each(store::Pattern{rdf::kNoTerm, rdf_type, d.s, store::kAnyGraph},
                              [&](const store::Quad& q) {
                                if (st.contains_triple(q.s, rdf_type, d.o)) {
                                  out.push_back(base::Diagnostic::warning(
                                      rdf::to_ntriples(dict.term(q.s)) + " is typed with " +
                                          rdf::to_ntriples(dict.term(d.s)) + " and " +
                                          rdf::to_ntriples(dict.term(d.o)) + ", which are disjoint",
                                      range_of(q), "K106"));
                                }
                              });
                });
  }

  std::stable_sort(out.begin(), out.end(),
                   [](const base::Diagnostic& a, const base::Diagnostic& b) {
                     if (a.range.file != b.range.file) return a.range.file < b.range.file;
                     if (a.range.begin.line != b.range.begin.line)
                       return a.range.begin.line < b.range.begin.line;
                     return a.range.begin.column < b.range.begin.column;
                   });
  return out;
}

}  // namespace kennis::check
