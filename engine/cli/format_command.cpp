// kennis format [--check] [-i] FILE...
// Rewrites each RDF file in its canonical form: its own prefixes, sorted, grouped by subject,
// canonical blank-node labels. Deterministic, so formatted files give clean diffs.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "rdf/writer.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace kennis::cli {

namespace {

struct FormatArgs {
  std::vector<std::string> files;
  bool check = false;
  bool in_place = false;
  bool drop_comments = false;
};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// True if the text has a line whose first non-blank character starts a comment. (A '#'
// after a statement is not detected; the writer cannot keep either.)
bool has_comment_lines(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] == '#') return true;
  }
  return false;
}

std::string canonical(const std::string& path) {
  store::Dataset ds;
  load_or_throw(ds, {path}, {});
  rdf::Syntax syntax = *rdf::syntax_from_path(path);
  std::vector<rdf::IdQuad> quads;
  ds.store().for_each(store::Pattern{}, [&](const store::Quad& q) {
    quads.push_back(rdf::IdQuad{q.s, q.p, q.o, q.g == store::kDefaultGraph ? rdf::kNoTerm : q.g});
  });
  rdf::WriteOptions wo;
  wo.syntax = syntax;
  wo.prefixes = ds.prefixes();
  char* buf = nullptr;
  std::size_t size = 0;
  std::FILE* mem = open_memstream(&buf, &size);
  bool ok = rdf::write_quads(mem, ds.dict(), std::move(quads), wo);
  std::fclose(mem);
  std::string text(buf, size);
  std::free(buf);
  if (!ok) throw base::DataError(base::Diagnostic::error("cannot format '" + path + "'"));
  return text;
}

void run(const FormatArgs& args) {
  if (!args.check && !args.in_place && args.files.size() > 1) {
    throw base::UsageError("formatting several files needs --in-place (-i) or --check");
  }
  std::size_t changed = 0;
  for (const std::string& path : args.files) {
    if (!rdf::syntax_from_path(path)) {
      throw base::UsageError("cannot tell the RDF syntax of '" + path + "' from its extension");
    }
    const std::string before = read_all(path);
    const std::string after = canonical(path);
    if (args.check) {
      if (before != after) {
        std::cout << path << ": not in canonical form\n";
        ++changed;
      }
      continue;
    }
    if (!args.in_place) {
      std::fwrite(after.data(), 1, after.size(), stdout);
      continue;
    }
    if (before == after) continue;
    if (has_comment_lines(before) && !args.drop_comments) {
      throw base::DataError(base::Diagnostic::error(
          "has comments, which formatting would drop; move them into rdfs:comment or pass "
          "--drop-comments",
          base::SourceRange{path, {}, {}}));
    }
    Output out(path);
    std::fwrite(after.data(), 1, after.size(), out.stream());
    out.commit();
    std::cout << "formatted " << path << "\n";
  }
  if (args.check && changed > 0) set_exit_code(1);
}

void register_format(CLI::App& app) {
  auto args = std::make_shared<FormatArgs>();
  auto* cmd = app.add_subcommand(
      "format", "Rewrite RDF files in canonical form (sorted, grouped, stable blank labels)");
  cmd->add_option("files", args->files, "RDF files")->required();
  cmd->add_flag("--check", args->check, "only report files that are not canonical (exit 1)");
  cmd->add_flag("-i,--in-place", args->in_place, "rewrite the files (atomically)");
  cmd->add_flag("--drop-comments", args->drop_comments,
                "allow rewriting files whose comments would be lost");
  cmd->callback([args] { run(*args); });
}

}  // namespace

KENNIS_REGISTER_COMMAND(31, register_format);

}  // namespace kennis::cli
