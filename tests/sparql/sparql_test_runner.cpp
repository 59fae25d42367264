// Runs one sqllogictest-style .test file against the SPARQL engine (see tests/sparql/README.md
// for the format). Prints each failing case with the expected and actual output; exit status
// 0 iff every case passes.
//
//   sparql_test_runner FILE.test [REPO_ROOT]
#include "base/diagnostic.hpp"
#include "rdf/writer.hpp"
#include "sparql/exec/engine.hpp"
#include "sparql/syntax/parser.hpp"
#include "store/dataset.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>
#include <unistd.h>
#include <vector>

namespace {

namespace rdf = kennis::rdf;
namespace exec = kennis::sparql::exec;

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

std::string cell(const rdf::Dictionary& dict, rdf::TermId id) {
  return id == rdf::kNoTerm ? std::string("UNDEF") : rdf::to_ntriples(dict.term(id));
}

/// Blank nodes are relabelled _:b0, _:b1, ... in order of first appearance, so that expected
/// output does not depend on generated labels.
class BlankNames {
 public:
  std::string name(const rdf::Dictionary& dict, rdf::TermId id) {
    if (id == rdf::kNoTerm || dict.kind(id) != rdf::TermKind::kBlank) return cell(dict, id);
    for (std::size_t i = 0; i < seen_.size(); ++i) {
      if (seen_[i] == id) return "_:b" + std::to_string(i);
    }
    seen_.push_back(id);
    return "_:b" + std::to_string(seen_.size() - 1);
  }

 private:
  std::vector<rdf::TermId> seen_;
};

struct Case {
  int line = 0;
  std::string kind;  // "query", "error", "plan"
  std::string mode;  // "rowsort" or "nosort"
  std::string text;
  std::vector<std::string> expected;
};

class Runner {
 public:
  Runner(std::string path, std::string root) : path_(std::move(path)), root_(std::move(root)) {
    engine_ = std::make_unique<exec::QueryEngine>(ds_.dict(), ds_.store());
  }

  int run() {
    std::ifstream in(path_);
    if (!in) {
      std::cerr << "cannot read " << path_ << "\n";
      return 2;
    }
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(trim_right(l));
    std::size_t i = 0;
    int failures = 0;
    int cases = 0;
    while (i < lines.size()) {
      const std::string& l = lines[i];
      if (l.empty() || l[0] == '#') {
        ++i;
        continue;
      }
      std::istringstream words(l);
      std::string cmd;
      words >> cmd;
      if (cmd == "load") {
        std::string file;
        words >> file;
        load(file, static_cast<int>(i + 1));
        ++i;
      } else if (cmd == "data") {
        std::string text;
        for (++i; i < lines.size() && !lines[i].empty(); ++i) text += lines[i] + "\n";
        load_text(text);
      } else if (cmd == "query" || cmd == "error" || cmd == "plan") {
        Case c;
        c.line = static_cast<int>(i + 1);
        c.kind = cmd;
        words >> c.mode;
        for (++i; i < lines.size() && lines[i] != "----"; ++i) c.text += lines[i] + "\n";
        for (++i; i < lines.size() && !lines[i].empty(); ++i) c.expected.push_back(lines[i]);
        ++cases;
        if (!check(c)) ++failures;
      } else {
        std::cerr << path_ << ":" << i + 1 << ": unknown directive '" << cmd << "'\n";
        return 2;
      }
    }
    std::cout << path_ << ": " << cases - failures << " of " << cases << " cases pass\n";
    return failures == 0 && fatal_.empty() ? 0 : 1;
  }

 private:
  void load(const std::string& file, int line) {
    namespace fs = std::filesystem;
    fs::path p = fs::path(path_).parent_path() / file;
    if (!fs::exists(p)) p = fs::path(root_) / file;
    auto r = ds_.load({p.string()}, {});
    if (!r.ok()) {
      fatal_ = kennis::base::to_string(r.error());
      std::cerr << path_ << ":" << line << ": " << fatal_ << "\n";
    }
    refresh();
  }
  void load_text(const std::string& text) {
    const std::string tmp = (std::filesystem::temp_directory_path() /
                             ("kennis-sparql-test-" + std::to_string(::getpid()) + ".trig"))
                                .string();
    {
      std::ofstream out(tmp);
      out << text;
    }
    auto r = ds_.load({tmp}, {});
    std::filesystem::remove(tmp);
    if (!r.ok()) fatal_ = kennis::base::to_string(r.error());
    refresh();
  }
  void refresh() { engine_ = std::make_unique<exec::QueryEngine>(ds_.dict(), ds_.store()); }

  /// The output of a case; `failed` tells whether the query was rejected (then the output
  /// is the diagnostic).
  std::vector<std::string> actual_of(const Case& c, bool& failed) {
    std::vector<std::string> out;
    failed = false;
    auto prepared = engine_->prepare(c.text, "<query>");
    if (!prepared.ok()) {
      failed = true;
      out.push_back(kennis::base::to_string(prepared.error()));
      return out;
    }
    if (c.kind == "plan") {
      std::istringstream plan(prepared->plan_text(ds_.dict()));
      for (std::string l; std::getline(plan, l);) {
        if (l.rfind("passes:", 0) != 0) out.push_back(trim_right(l));
      }
      return out;
    }
    auto result = engine_->execute(prepared.value());
    using kennis::sparql::algebra::QueryForm;
    BlankNames blanks;
    if (result.form == QueryForm::kAsk) {
      out.push_back(result.boolean ? "true" : "false");
    } else if (result.form == QueryForm::kSelect) {
      for (std::size_t r = 0; r < result.table.rows(); ++r) {
        std::string line;
        for (std::size_t k = 0; k < result.table.width(); ++k) {
          if (k) line += "\t";
          line += blanks.name(ds_.dict(), result.table.row(r)[k]);
        }
        out.push_back(line);
      }
    } else {
      auto triples = result.triples;
      std::sort(triples.begin(), triples.end(), [](const auto& a, const auto& b) {
        return std::tie(a.s, a.p, a.o) < std::tie(b.s, b.p, b.o);
      });
      triples.erase(std::unique(triples.begin(), triples.end()), triples.end());
      for (const auto& t : triples) {
        out.push_back(blanks.name(ds_.dict(), t.s) + " " + blanks.name(ds_.dict(), t.p) + " " +
                      blanks.name(ds_.dict(), t.o) + " .");
      }
    }
    return out;
  }

  bool check(Case& c) {
    bool failed = false;
    std::vector<std::string> actual = actual_of(c, failed);
    bool pass;
    if (c.kind == "error") {
      // The expected line is a substring of the diagnostic.
      pass = failed && !c.expected.empty() && actual[0].find(c.expected[0]) != std::string::npos;
      if (!failed) actual.insert(actual.begin(), "(the query did not fail)");
    } else {
      if (c.mode == "rowsort" || c.mode.empty()) {
        std::sort(actual.begin(), actual.end());
        std::sort(c.expected.begin(), c.expected.end());
      }
      pass = !failed && actual == c.expected;
    }
    if (!pass) {
      std::cout << path_ << ":" << c.line << ": FAIL\n" << c.text << "expected:\n";
      for (const auto& e : c.expected) std::cout << "  " << e << "\n";
      std::cout << "actual:\n";
      for (const auto& a : actual) std::cout << "  " << a << "\n";
    }
    return pass;
  }

  std::string path_;
  std::string root_;
  kennis::store::Dataset ds_;
  std::unique_ptr<exec::QueryEngine> engine_;
  std::string fatal_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: sparql_test_runner FILE.test [REPO_ROOT]\n";
    return 2;
  }
  Runner r(argv[1], argc > 2 ? argv[2] : ".");
  return r.run();
}
