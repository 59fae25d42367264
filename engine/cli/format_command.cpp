// kennis format [--check] [-i] [--input-format F] FILE...|-
// Rewrites each RDF file in its canonical form: its own prefixes, sorted, grouped by subject,
// canonical blank-node labels. Deterministic, so formatted files give clean diffs. "-" reads
// standard input (with --input-format) and writes the canonical form to standard output.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "rdf/writer.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

namespace kennis::cli {

namespace {

struct FormatArgs {
  std::vector<std::string> files;
  std::string input_format;
  bool check = false;
  bool in_place = false;
  bool drop_comments = false;
};

std::string read_all(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
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

/// The canonical form of one document: `text` when it came from standard input or a stream
/// (a FIFO, which cannot be read twice), otherwise the file at `path` is read (with its own
/// IRI as base).
std::string canonical(const std::string& path, const std::string& text, rdf::Syntax syntax,
                      bool stream) {
  session::Options options;
  options.input_syntax = syntax;
  session::Session ses(options);
  if (path == "-" || stream) {
    ses.load_text(text, path == "-" ? "<stdin>" : path);
  } else {
    ses.load({path});
  }
  const store::Dataset& ds = ses.data();
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
  std::string out(buf, size);
  std::free(buf);
  if (!ok) throw base::DataError(base::Diagnostic::error("cannot format '" + path + "'"));
  return out;
}

void run(const FormatArgs& args) {
  if (!args.check && !args.in_place && args.files.size() > 1) {
    throw base::UsageError("formatting several files needs --in-place (-i) or --check");
  }
  check_one_stdin(args.files);
  std::optional<rdf::Syntax> forced;
  if (!args.input_format.empty()) forced = parse_syntax(args.input_format);
  std::size_t changed = 0;
  for (const std::string& path : args.files) {
    if (path == "-" && args.in_place) {
      throw base::UsageError("standard input (-) cannot be formatted in place");
    }
    const std::string kind = path == "-" ? std::string() : store::Dataset::stream_kind(path);
    if (!kind.empty() && (!forced || args.in_place)) {
      throw base::UsageError("'" + path + "' is " + kind + ", not a regular file: " +
                             (args.in_place ? std::string("it cannot be formatted in place")
                                            : "reading it needs --input-format (" +
                                                  std::string(rdf::syntax_choices()) + ")"));
    }
    std::optional<rdf::Syntax> syntax = forced ? forced : rdf::syntax_from_path(path);
    if (!syntax) {
      throw base::UsageError(path == "-" ? "reading standard input needs --input-format (" +
                                               std::string(rdf::syntax_choices()) + ")"
                                         : "cannot tell the RDF syntax of '" + path +
                                               "' from its extension");
    }
    const std::string before = read_all(path);
    const std::string after = canonical(path, before, *syntax, !kind.empty());
    if (args.check) {
      if (before != after) {
        std::cout << (path == "-" ? std::string("<stdin>") : path) << ": not in canonical form\n";
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

}  // namespace

void register_format(CLI::App& app) {
  auto args = std::make_shared<FormatArgs>();
  auto* cmd = app.add_subcommand(
      "format", "Rewrite RDF files in canonical form (sorted, grouped, stable blank labels)");
  cmd->add_option("files", args->files, "RDF files; - for stdin (to stdout)")->required();
  add_input_format(cmd, args->input_format);
  cmd->add_flag("--check", args->check, "only report files that are not canonical (exit 1)");
  cmd->add_flag("-i,--in-place", args->in_place, "rewrite the files (atomically)");
  cmd->add_flag("--drop-comments", args->drop_comments,
                "allow rewriting files whose comments would be lost");
  cmd->callback([args] { run(*args); });
}

}  // namespace kennis::cli
