// Helpers for the expression tests: build ASTs directly (the SPARQL and rule parsers produce
// the same trees) and evaluate them against one row of bindings, printing N-Triples.
#pragma once

#include "expr/ast.hpp"
#include "expr/evaluator.hpp"
#include "rdf/dictionary.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace kennis::expr::testing {

inline const std::string kX = "http://www.w3.org/2001/XMLSchema#";

inline ExprPtr var(std::string name) { return make_expr(Variable{std::move(name), -1}); }
inline ExprPtr term(rdf::Term t) { return make_expr(Constant{std::move(t)}); }
inline ExprPtr iri(std::string s) { return term(rdf::Term::iri(std::move(s))); }
inline ExprPtr str(std::string s) { return term(rdf::Term::literal(std::move(s))); }
inline ExprPtr lang(std::string s, std::string tag) {
  return term(rdf::Term::literal(std::move(s), {}, std::move(tag)));
}
/// A literal with an XSD datatype given by its local name: typed("1", "integer").
inline ExprPtr typed(std::string lex, const std::string& local) {
  return term(rdf::Term::literal(std::move(lex), kX + local));
}
inline ExprPtr integer(long long v) { return typed(std::to_string(v), "integer"); }
inline ExprPtr dec(std::string lex) { return typed(std::move(lex), "decimal"); }
inline ExprPtr dbl(std::string lex) { return typed(std::move(lex), "double"); }
inline ExprPtr boolean(bool b) { return typed(b ? "true" : "false", "boolean"); }

inline ExprPtr call(std::string name, std::vector<ExprPtr> args = {}) {
  return make_expr(Call{std::move(name), false, std::move(args)});
}
/// An XSD cast: cast("integer", x) is xsd:integer(x).
inline ExprPtr cast(const std::string& local, ExprPtr arg) {
  return make_expr(Call{kX + local, true, {std::move(arg)}});
}
inline ExprPtr bin(Op op, ExprPtr a, ExprPtr b) {
  return make_expr(Binary{op, std::move(a), std::move(b)});
}
inline ExprPtr un(Op op, ExprPtr a) { return make_expr(Unary{op, std::move(a)}); }
inline ExprPtr in(ExprPtr lhs, std::vector<ExprPtr> list, bool negated = false) {
  return make_expr(InList{negated, std::move(lhs), std::move(list)});
}

/// A dictionary, a context and one row; variables are bound by name.
class ExprTest : public ::testing::Test {
 protected:
  ExprTest() : ctx_(dict_, options()) {}

  static EvalOptions options() {
    EvalOptions o;
    o.seed = 42;
    o.base_iri = "http://example.org/base/doc";
    return o;
  }

  void bind(const std::string& name, const rdf::Term& t) { bind_id(name, dict_.intern(t)); }
  void bind_id(const std::string& name, rdf::TermId id) {
    if (!slots_.count(name)) {
      slots_[name] = static_cast<int>(row_.size());
      row_.push_back(rdf::kNoTerm);
    }
    row_[static_cast<std::size_t>(slots_[name])] = id;
  }
  /// Declares a variable in scope but unbound.
  void declare(const std::string& name) { bind_id(name, rdf::kNoTerm); }

  CompiledExpr compiled(const ExprPtr& e) {
    auto r = compile(*e, resolver(), dict_);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r.value() : CompiledExpr();
  }

  SlotResolver resolver() {
    return [this](std::string_view name) {
      auto it = slots_.find(std::string(name));
      return it == slots_.end() ? -1 : it->second;
    };
  }

  /// The value as N-Triples, or "error".
  std::string eval(const ExprPtr& e) {
    const rdf::TermId id = compiled(e).evaluate(row_, ctx_);
    if (id == rdf::kNoTerm) return "error";
    return rdf::to_ntriples(dict_.term(id));
  }

  /// "true", "false" or "error" for the effective boolean value.
  std::string ebv(const ExprPtr& e) {
    const std::optional<bool> b = compiled(e).evaluate_ebv(row_, ctx_);
    return b ? (*b ? "true" : "false") : "error";
  }

  /// A compile error's message, or "" if it compiles.
  std::string compile_error(const ExprPtr& e) {
    auto r = compile(*e, resolver(), dict_);
    return r.ok() ? "" : r.error().message;
  }

  rdf::Dictionary dict_;
  EvalContext ctx_;
  std::map<std::string, int> slots_;
  std::vector<rdf::TermId> row_;
};

/// N-Triples of an xsd-typed literal: nt("2", "integer") = "2"^^<...#integer>.
inline std::string nt(const std::string& lex, const std::string& local) {
  return "\"" + lex + "\"^^<" + kX + local + ">";
}

}  // namespace kennis::expr::testing
