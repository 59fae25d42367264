// XPath regular expressions, the second half: two matchers over the compiled program (a Pike
// VM, R. Cox, "Regular Expression Matching: the Virtual Machine Approach", and, for
// back-references only, a budgeted backtracker) and the public Regex. The parser and compiler
// are in regex_compile.cpp. See regex.hpp.
#include "expr/regex.hpp"

#include "expr/regex_program.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace kennis::expr {
namespace regex_detail {
namespace {

// ---- matchers -----------------------------------------------------------------------------

/// Captures: slot 2g / 2g+1 hold the start / end of group g (code point offsets), -1 unset.
using Captures = std::vector<int>;

/// Pike VM. Leftmost-first: threads are kept in priority order, and a match cuts every
/// thread of lower priority. Without `captures`, only the match bounds are tracked.
class PikeVm {
 public:
  PikeVm(const Program& prog, bool captures)
      : prog_(prog), slots_(captures ? 2 * (prog.groups + 1) : 2), buf_(buffers()) {
    const std::size_t m = prog.code.size();
    buf_.clist.reset(m, slots_);
    buf_.nlist.reset(m, slots_);
    buf_.stack.resize(3 * m + 3);
    buf_.scratch.assign(static_cast<std::size_t>(slots_), -1);
  }

  /// The leftmost match starting at or after `start`, if any.
  std::optional<Captures> search(const std::u32string& text, std::size_t start) {
    std::optional<Captures> best;
    List* clist = &buf_.clist;
    List* nlist = &buf_.nlist;
    clist->clear();
    for (std::size_t pos = start;; ++pos) {
      if (!best && (!prog_.anchored || pos == 0)) {
        if (clist->size == 0) {
          // No thread alive: skip to a position where the pattern can start.
          if (prog_.anchored && pos > 0) break;
          while (pos < text.size() && !can_start(text[pos])) ++pos;
        }
        std::fill(buf_.scratch.begin(), buf_.scratch.end(), -1);
        add(*clist, 0, text, pos);  // a new thread, at the lowest priority
      }
      if (clist->size == 0) {
        if (best || pos >= text.size() || (prog_.anchored && pos > 0)) break;
        clist->clear();
        continue;
      }
      nlist->clear();
      for (std::size_t t = 0; t < clist->size; ++t) {
        const int pc = clist->pcs[t];
        const int* caps = clist->caps_of(t);
        const Inst& inst = prog_.code[static_cast<std::size_t>(pc)];
        if (inst.op == OpCode::kMatch) {
          best = Captures(caps, caps + slots_);
          break;  // threads of lower priority are cut
        }
        if (inst.op == OpCode::kSet && pos < text.size() && prog_.matches(inst.x, text[pos])) {
          std::copy(caps, caps + slots_, buf_.scratch.begin());
          add(*nlist, pc + 1, text, pos + 1);
        }
      }
      std::swap(clist, nlist);
      if (pos >= text.size()) break;
    }
    return best;
  }

 private:
  struct List {
    void reset(std::size_t n, int slot_count) {
      mark.assign(n, 0);
      pcs.resize(n);
      caps.resize(n * static_cast<std::size_t>(slot_count));
      slots = slot_count;
      size = 0;
      gen = 1;
    }
    void clear() {
      size = 0;
      if (++gen == 0) std::fill(mark.begin(), mark.end(), 0), gen = 1;
    }
    int* caps_of(std::size_t t) { return caps.data() + t * static_cast<std::size_t>(slots); }
    std::vector<std::uint32_t> mark;  // mark[pc] == gen: pc already on the list this step
    std::vector<int> pcs;
    std::vector<int> caps;
    int slots = 0;
    std::size_t size = 0;
    std::uint32_t gen = 1;
  };

  struct Job {
    int pc;
    int restore_slot;  // >= 0: a job restoring scratch[restore_slot] = restore_value
    int restore_value;
  };

  /// Per-thread storage, reused across searches: no allocation once warm.
  struct Buffers {
    List clist, nlist;
    std::vector<Job> stack;
    std::vector<int> scratch;
  };
  static Buffers& buffers() {
    thread_local Buffers b;
    return b;
  }

  bool can_start(char32_t c) const {
    if (!prog_.first_sets) return true;
    for (int set : *prog_.first_sets) {
      if (prog_.matches(set, c)) return true;
    }
    return false;
  }

  /// Adds the thread at pc (captures in scratch) and everything reachable from it without
  /// consuming input, in priority order. Explicit stack: no recursion over the program; each
  /// pc is entered once, so the stack never exceeds 3 entries per instruction.
  void add(List& list, int pc0, const std::u32string& text, std::size_t pos) {
    Job* stack = buf_.stack.data();
    std::size_t top = 0;
    int* scratch = buf_.scratch.data();
    stack[top++] = {pc0, -1, 0};
    while (top > 0) {
      const Job job = stack[--top];
      if (job.restore_slot >= 0) {
        scratch[job.restore_slot] = job.restore_value;
        continue;
      }
      const int pc = job.pc;
      if (list.mark[static_cast<std::size_t>(pc)] == list.gen) continue;
      list.mark[static_cast<std::size_t>(pc)] = list.gen;
      const Inst& inst = prog_.code[static_cast<std::size_t>(pc)];
      switch (inst.op) {
        case OpCode::kJmp:
          stack[top++] = {inst.x, -1, 0};
          break;
        case OpCode::kSplit:
          stack[top++] = {inst.y, -1, 0};
          stack[top++] = {inst.x, -1, 0};
          break;
        case OpCode::kSave:
          if (inst.x < slots_) {
            stack[top++] = {0, inst.x, scratch[inst.x]};
            scratch[inst.x] = static_cast<int>(pos);
          }
          stack[top++] = {pc + 1, -1, 0};
          break;
        case OpCode::kBol:
          if (prog_.at_bol(text, pos)) stack[top++] = {pc + 1, -1, 0};
          break;
        case OpCode::kEol:
          if (prog_.at_eol(text, pos)) stack[top++] = {pc + 1, -1, 0};
          break;
        default: {  // kSet, kMatch: a thread waits here
          const std::size_t t = list.size++;
          list.pcs[t] = pc;
          std::copy(scratch, scratch + slots_, list.caps_of(t));
          break;
        }
      }
    }
  }

  const Program& prog_;
  int slots_;
  Buffers& buf_;
};

/// Backtracking matcher for patterns with back-references; false in `*decided` when the step
/// budget runs out.
std::optional<Captures> backtrack_search(const Program& prog, const std::u32string& text,
                                         std::size_t start, bool* decided) {
  const int slots = 2 * (prog.groups + 1);
  long budget = kBacktrackBudget;
  struct Job {
    int pc;
    std::size_t pos;
    int restore_slot;
    int restore_value;
  };
  std::vector<Job> stack;
  for (std::size_t s = start; s <= text.size(); ++s) {
    Captures caps(static_cast<std::size_t>(slots), -1);
    stack.clear();
    stack.push_back({0, s, -1, 0});
    while (!stack.empty()) {
      Job job = stack.back();
      stack.pop_back();
      if (job.restore_slot >= 0) {
        caps[static_cast<std::size_t>(job.restore_slot)] = job.restore_value;
        continue;
      }
      int pc = job.pc;
      std::size_t pos = job.pos;
      for (bool alive = true; alive;) {
        if (--budget < 0 || stack.size() > kBacktrackStack) {
          *decided = false;
          return std::nullopt;
        }
        const Inst& inst = prog.code[static_cast<std::size_t>(pc)];
        switch (inst.op) {
          case OpCode::kSet:
            if (pos < text.size() && prog.matches(inst.x, text[pos]))
              ++pc, ++pos;
            else
              alive = false;
            break;
          case OpCode::kJmp:
            pc = inst.x;
            break;
          case OpCode::kSplit:
            stack.push_back({inst.y, pos, -1, 0});
            pc = inst.x;
            break;
          case OpCode::kSave:
            stack.push_back({0, 0, inst.x, caps[static_cast<std::size_t>(inst.x)]});
            caps[static_cast<std::size_t>(inst.x)] = static_cast<int>(pos);
            ++pc;
            break;
          case OpCode::kBol:
            if (prog.at_bol(text, pos))
              ++pc;
            else
              alive = false;
            break;
          case OpCode::kEol:
            if (prog.at_eol(text, pos))
              ++pc;
            else
              alive = false;
            break;
          case OpCode::kBackref: {
            const int b = caps[static_cast<std::size_t>(2 * inst.x)];
            const int e = caps[static_cast<std::size_t>(2 * inst.x + 1)];
            // An unset group matches the empty string (XPath F&O 5.6.1).
            std::size_t len = b >= 0 && e >= b ? static_cast<std::size_t>(e - b) : 0;
            bool ok = pos + len <= text.size();
            for (std::size_t k = 0; ok && k < len; ++k) {
              const char32_t x = text[static_cast<std::size_t>(b) + k], y = text[pos + k];
              ok = x == y || (prog.icase && lower_case(x) == lower_case(y));
            }
            if (ok)
              pc++, pos += len;
            else
              alive = false;
            break;
          }
          case OpCode::kMatch:
            return caps;
        }
      }
    }
  }
  return std::nullopt;
}

/// The leftmost match at or after `start`; *decided false if it could not be determined.
std::optional<Captures> find(const Program& prog, const std::u32string& text, std::size_t start,
                             bool* decided, bool captures = true) {
  *decided = true;
  if (prog.has_backref) return backtrack_search(prog, text, start, decided);
  PikeVm vm(prog, captures);
  return vm.search(text, start);
}

}  // namespace
}  // namespace regex_detail

using regex_detail::Captures;
using regex_detail::Program;

std::optional<Regex> Regex::compile(std::string_view pattern, std::string_view flags) {
  bool icase = false, multiline = false, dot_all = false, extended = false, literal = false;
  for (char f : flags) {
    switch (f) {
      case 'i':
        icase = true;
        break;
      case 'm':
        multiline = true;
        break;
      case 's':
        dot_all = true;
        break;
      case 'x':
        extended = true;
        break;
      case 'q':
        literal = true;
        break;
      default:
        return std::nullopt;
    }
  }
  auto prog = std::make_shared<Program>();
  prog->icase = icase;
  prog->multiline = multiline;
  if (!regex_detail::compile_program(*prog, utf8_to_u32(pattern), dot_all, extended, literal)) {
    return std::nullopt;
  }
  bool decided = true;
  prog->matches_empty = regex_detail::find(*prog, std::u32string(), 0, &decided).has_value();
  Regex r;
  r.prog_ = std::move(prog);
  return r;
}

int Regex::groups() const { return prog_ ? prog_->groups : 0; }

std::optional<bool> Regex::search(std::string_view text) const {
  if (!prog_) return std::nullopt;
  if (prog_->literal) return text.find(*prog_->literal) != std::string_view::npos;
  if (!prog_->required_prefix.empty()) {
    const bool present =
        prog_->anchored ? text.substr(0, prog_->required_prefix.size()) == prog_->required_prefix
                        : text.find(prog_->required_prefix) != std::string_view::npos;
    if (!present) return false;
  }
  bool decided = true;
  const bool found = regex_detail::find(*prog_, utf8_to_u32(text), 0, &decided, false).has_value();
  if (!decided) return std::nullopt;
  return found;
}

std::optional<std::string> Regex::replace(std::string_view text,
                                          std::string_view replacement) const {
  if (!prog_ || prog_->matches_empty) return std::nullopt;
  // Parse the replacement: literal pieces and group references.
  struct Part {
    std::u32string text;
    int group = -1;
  };
  std::vector<Part> parts(1);
  const std::u32string r = utf8_to_u32(replacement);
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r[i] == '\\') {
      if (i + 1 >= r.size() || (r[i + 1] != '\\' && r[i + 1] != '$')) return std::nullopt;
      parts.back().text.push_back(r[++i]);
    } else if (r[i] == '$') {
      if (i + 1 >= r.size() || r[i + 1] < '0' || r[i + 1] > '9') return std::nullopt;
      int n = static_cast<int>(r[++i] - '0');
      while (i + 1 < r.size() && r[i + 1] >= '0' && r[i + 1] <= '9' &&
             n * 10 + static_cast<int>(r[i + 1] - '0') <= prog_->groups) {
        n = n * 10 + static_cast<int>(r[++i] - '0');
      }
      parts.push_back({{}, n});
      parts.emplace_back();
    } else {
      parts.back().text.push_back(r[i]);
    }
  }
  const std::u32string t = utf8_to_u32(text);
  std::u32string out;
  std::size_t pos = 0;
  while (pos <= t.size()) {
    bool decided = true;
    const std::optional<Captures> m = regex_detail::find(*prog_, t, pos, &decided);
    if (!decided) return std::nullopt;
    if (!m) break;
    const auto begin = static_cast<std::size_t>((*m)[0]);
    const auto end = static_cast<std::size_t>((*m)[1]);
    out.append(t, pos, begin - pos);
    for (const Part& part : parts) {
      if (part.group < 0) {
        out.append(part.text);
      } else if (part.group <= prog_->groups) {
        const int b = (*m)[static_cast<std::size_t>(2 * part.group)];
        const int e = (*m)[static_cast<std::size_t>(2 * part.group + 1)];
        if (b >= 0 && e >= b)
          out.append(t, static_cast<std::size_t>(b), static_cast<std::size_t>(e - b));
      }
    }
    pos = end;  // end > begin: the pattern cannot match ""
  }
  if (pos < t.size()) out.append(t, pos, std::u32string::npos);
  return u32_to_utf8(out);
}

}  // namespace kennis::expr
