// Bad input never crashes the parser and always gets a positioned diagnostic: the W3C queries
// cut short and with bytes replaced (deterministically), run under ASan/UBSan in CI.
#include "base/diagnostic.hpp"
#include "sparql/syntax/parser.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace kennis::sparql {
namespace {

void expect_positioned_or_ok(const std::string& text, const std::string& what) {
  auto r = parse_query(text, "m.rq");
  if (r.ok()) return;
  const base::Diagnostic& d = r.error();
  EXPECT_GE(d.range.begin.line, 1u) << what << ": " << base::to_string(d);
  EXPECT_GE(d.range.begin.column, 1u) << what << ": " << base::to_string(d);
  EXPECT_FALSE(d.message.empty()) << what;
}

TEST(Robustness, MutatedW3CQueries) {
  const std::filesystem::path root =
      std::filesystem::path(KENNIS_SHARED_DIR) / "conformance/sparql";
  if (!std::filesystem::is_directory(root)) GTEST_SKIP() << "no SPARQL suite at " << root;
  std::mt19937 rng(20240611);
  const std::string replacements = "{}()[]<>\"'#?$:._-^|/!*+;,=@\\ \n\xC3\xFF";
  int parses = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".rq") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (text.empty()) continue;
    for (std::size_t cut = 0; cut < text.size(); cut += 1 + rng() % 13) {
      expect_positioned_or_ok(text.substr(0, cut),
                              entry.path().string() + " cut at " + std::to_string(cut));
      ++parses;
    }
    for (int i = 0; i < 40; ++i) {
      std::string mutated = text;
      mutated[rng() % mutated.size()] = replacements[rng() % replacements.size()];
      expect_positioned_or_ok(mutated, entry.path().string() + " mutated");
      ++parses;
    }
  }
  EXPECT_GT(parses, 1000);
}

TEST(Robustness, EmptyAndTinyInputs) {
  for (std::string text : {"", " ", "#", "\n\n", "S", "SELECT", "SELECT *", "SELECT * {", "ASK {",
                           "ASK { ?", "ASK { <", "ASK { \"", "ASK { '''", "ASK { _:", "PREFIX",
                           "PREFIX :", "BASE <", "ASK \\u", "ASK \\U0000"}) {
    expect_positioned_or_ok(text, "'" + text + "'");
  }
}

}  // namespace
}  // namespace kennis::sparql
