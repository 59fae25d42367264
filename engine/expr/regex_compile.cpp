// XPath regular expressions, the first half: character properties, the parser (XSD 1.1 Part 2
// appendix G grammar with the XPath F&O 3.1 section 5.6.1 additions) and the compiler to the
// instruction set of regex_program.hpp. See regex.hpp.
#include "expr/regex_program.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace kennis::expr::regex_detail {
namespace {

bool in(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

// ---- character properties (approximations documented in regex.hpp) ------------------------

bool is_mark(char32_t c) {
  return in(c, 0x0300, 0x036F) || in(c, 0x0483, 0x0489) || in(c, 0x0591, 0x05BD) ||
         in(c, 0x0610, 0x061A) || in(c, 0x064B, 0x065F) || in(c, 0x0900, 0x0903) ||
         in(c, 0x093A, 0x094F) || in(c, 0x1AB0, 0x1AFF) || in(c, 0x1DC0, 0x1DFF) ||
         in(c, 0x20D0, 0x20FF) || in(c, 0x3099, 0x309A) || in(c, 0xFE20, 0xFE2F);
}
bool is_decimal_digit(char32_t c) {
  static constexpr char32_t kZeros[] = {0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66,
                                        0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0E50,
                                        0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10};
  for (char32_t z : kZeros) {
    if (in(c, z, z + 9)) return true;
  }
  return false;
}
bool is_other_number(char32_t c) {
  return c == 0xB2 || c == 0xB3 || c == 0xB9 || in(c, 0xBC, 0xBE) || c == 0x2070 ||
         in(c, 0x2074, 0x2079) || in(c, 0x2080, 0x2089) || in(c, 0x2150, 0x2189) ||
         in(c, 0x2460, 0x249B) || c == 0x3007 || in(c, 0x3021, 0x3029);
}
bool is_number(char32_t c) { return is_decimal_digit(c) || is_other_number(c); }
bool is_separator(char32_t c) {
  return c == 0x20 || c == 0xA0 || c == 0x1680 || in(c, 0x2000, 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}
bool is_space_separator(char32_t c) { return is_separator(c) && c != 0x2028 && c != 0x2029; }
bool is_line_separator(char32_t c) { return c == 0x2028; }
bool is_paragraph_separator(char32_t c) { return c == 0x2029; }
bool is_cc(char32_t c) { return c <= 0x1F || in(c, 0x7F, 0x9F); }
bool is_cf(char32_t c) {
  return c == 0xAD || in(c, 0x0600, 0x0605) || c == 0x061C || c == 0x06DD ||
         in(c, 0x200B, 0x200F) || in(c, 0x202A, 0x202E) || in(c, 0x2060, 0x2064) ||
         in(c, 0x2066, 0x206F) || c == 0xFEFF || in(c, 0xFFF9, 0xFFFB);
}
bool is_co(char32_t c) {
  return in(c, 0xE000, 0xF8FF) || in(c, 0xF0000, 0xFFFFD) || in(c, 0x100000, 0x10FFFD);
}
bool is_cs(char32_t c) { return in(c, 0xD800, 0xDFFF); }
bool is_other(char32_t c) { return is_cc(c) || is_cf(c) || is_co(c) || is_cs(c); }
bool is_unassigned(char32_t) { return false; }

bool is_math_symbol(char32_t c) {
  if (c < 0x80) return c == '+' || c == '<' || c == '=' || c == '>' || c == '|' || c == '~';
  return c == 0xAC || c == 0xB1 || c == 0xD7 || c == 0xF7 || in(c, 0x2190, 0x2194) ||
         in(c, 0x2200, 0x22FF) || in(c, 0x27C0, 0x27FF) || in(c, 0x2900, 0x2AFF);
}
bool is_currency_symbol(char32_t c) {
  return c == '$' || in(c, 0xA2, 0xA5) || in(c, 0x20A0, 0x20CF);
}
bool is_modifier_symbol(char32_t c) {
  return c == '^' || c == '`' || c == 0xA8 || c == 0xAF || c == 0xB4 || c == 0xB8 ||
         in(c, 0x02C2, 0x02C5) || in(c, 0x02D2, 0x02DF);
}
bool is_symbol(char32_t c) {
  if (is_math_symbol(c) || is_currency_symbol(c) || is_modifier_symbol(c)) return true;
  if (c < 0x80 || is_letter(c)) return false;
  return c == 0xA6 || c == 0xA9 || c == 0xAE || c == 0xB0 || in(c, 0x2100, 0x214F) ||
         in(c, 0x2195, 0x21FF) || in(c, 0x2300, 0x23FF) || in(c, 0x2500, 0x27BF) ||
         in(c, 0x2B00, 0x2BFF) || in(c, 0x1F000, 0x1FAFF);
}
bool is_other_symbol(char32_t c) {
  return is_symbol(c) && !is_math_symbol(c) && !is_currency_symbol(c) && !is_modifier_symbol(c);
}
bool is_punctuation(char32_t c) {
  if (c < 0x80) return is_punct_or_symbol(c) && !is_symbol(c);
  if (c == 0xA7 || c == 0xB6 || c == 0xA1 || c == 0xBF || c == 0xAB || c == 0xBB || c == 0xB7) {
    return true;
  }
  return is_punct_or_symbol(c) && !is_symbol(c) && !is_mark(c) && !is_number(c) && !is_letter(c) &&
         !is_other(c);
}
bool is_connector_punct(char32_t c) {
  return c == '_' || in(c, 0x203F, 0x2040) || c == 0x2054 || in(c, 0xFE33, 0xFE34) ||
         in(c, 0xFE4D, 0xFE4F) || c == 0xFF3F;
}
bool is_dash_punct(char32_t c) {
  return c == '-' || c == 0x058A || c == 0x05BE || in(c, 0x2010, 0x2015) || c == 0x301C ||
         c == 0xFE58 || c == 0xFE63 || c == 0xFF0D;
}
bool is_open_punct(char32_t c) {
  return c == '(' || c == '[' || c == '{' || c == 0x201A || c == 0x201E || c == 0x2045 ||
         c == 0x207D || c == 0x208D || c == 0x2329 || c == 0x3008 || c == 0x300A || c == 0x300C ||
         c == 0x300E || c == 0x3010 || c == 0x3014 || c == 0xFF08 || c == 0xFF3B || c == 0xFF5B;
}
bool is_close_punct(char32_t c) {
  return c == ')' || c == ']' || c == '}' || c == 0x2046 || c == 0x207E || c == 0x208E ||
         c == 0x232A || c == 0x3009 || c == 0x300B || c == 0x300D || c == 0x300F || c == 0x3011 ||
         c == 0x3015 || c == 0xFF09 || c == 0xFF3D || c == 0xFF5D;
}
bool is_initial_punct(char32_t c) {
  return c == 0xAB || c == 0x2018 || c == 0x201B || c == 0x201C || c == 0x201F || c == 0x2039;
}
bool is_final_punct(char32_t c) { return c == 0xBB || c == 0x2019 || c == 0x201D || c == 0x203A; }
bool is_other_punct(char32_t c) {
  return is_punctuation(c) && !is_connector_punct(c) && !is_dash_punct(c) && !is_open_punct(c) &&
         !is_close_punct(c) && !is_initial_punct(c) && !is_final_punct(c);
}
bool is_titlecase(char32_t c) {
  return c == 0x01C5 || c == 0x01C8 || c == 0x01CB || c == 0x01F2 || in(c, 0x1F88, 0x1F8F) ||
         in(c, 0x1F98, 0x1F9F) || in(c, 0x1FA8, 0x1FAF) || c == 0x1FBC || c == 0x1FCC ||
         c == 0x1FFC;
}
bool is_letter_other(char32_t c) {
  return is_letter(c) && !is_upper_letter(c) && !is_lower_letter(c) && !is_titlecase(c) &&
         !is_decimal_digit(c);
}
bool is_any_letter(char32_t c) { return is_letter(c) && !is_decimal_digit(c); }

// XSD multi-character escapes.
bool is_xml_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_word(char32_t c) { return !is_punctuation(c) && !is_separator(c) && !is_other(c); }
bool is_name_start(char32_t c) { return is_any_letter(c) || c == '_' || c == ':'; }
bool is_name_char(char32_t c) {
  return is_name_start(c) || is_decimal_digit(c) || c == '-' || c == '.' || c == 0xB7 ||
         is_mark(c) || in(c, 0x203F, 0x2040);
}

struct Category {
  std::u32string_view name;
  Pred pred;
};

constexpr Category kCategories[] = {
    {U"L", is_any_letter},
    {U"Lu", is_upper_letter},
    {U"Ll", is_lower_letter},
    {U"Lt", is_titlecase},
    {U"Lm", is_letter_other},
    {U"Lo", is_letter_other},
    {U"M", is_mark},
    {U"Mn", is_mark},
    {U"Mc", is_mark},
    {U"Me", is_mark},
    {U"N", is_number},
    {U"Nd", is_decimal_digit},
    {U"Nl", is_other_number},
    {U"No", is_other_number},
    {U"P", is_punctuation},
    {U"Pc", is_connector_punct},
    {U"Pd", is_dash_punct},
    {U"Ps", is_open_punct},
    {U"Pe", is_close_punct},
    {U"Pi", is_initial_punct},
    {U"Pf", is_final_punct},
    {U"Po", is_other_punct},
    {U"Z", is_separator},
    {U"Zs", is_space_separator},
    {U"Zl", is_line_separator},
    {U"Zp", is_paragraph_separator},
    {U"S", is_symbol},
    {U"Sm", is_math_symbol},
    {U"Sc", is_currency_symbol},
    {U"Sk", is_modifier_symbol},
    {U"So", is_other_symbol},
    {U"C", is_other},
    {U"Cc", is_cc},
    {U"Cf", is_cf},
    {U"Co", is_co},
    {U"Cs", is_cs},
    {U"Cn", is_unassigned},
};

struct Block {
  std::u32string_view name;
  char32_t lo, hi;
};

constexpr Block kBlocks[] = {
    {U"BasicLatin", 0x0000, 0x007F},
    {U"Latin-1Supplement", 0x0080, 0x00FF},
    {U"LatinExtended-A", 0x0100, 0x017F},
    {U"LatinExtended-B", 0x0180, 0x024F},
    {U"IPAExtensions", 0x0250, 0x02AF},
    {U"CombiningDiacriticalMarks", 0x0300, 0x036F},
    {U"Greek", 0x0370, 0x03FF},
    {U"GreekandCoptic", 0x0370, 0x03FF},
    {U"Cyrillic", 0x0400, 0x04FF},
    {U"Hebrew", 0x0590, 0x05FF},
    {U"Arabic", 0x0600, 0x06FF},
    {U"Devanagari", 0x0900, 0x097F},
    {U"Thai", 0x0E00, 0x0E7F},
    {U"LatinExtendedAdditional", 0x1E00, 0x1EFF},
    {U"GreekExtended", 0x1F00, 0x1FFF},
    {U"GeneralPunctuation", 0x2000, 0x206F},
    {U"SuperscriptsandSubscripts", 0x2070, 0x209F},
    {U"CurrencySymbols", 0x20A0, 0x20CF},
    {U"LetterlikeSymbols", 0x2100, 0x214F},
    {U"NumberForms", 0x2150, 0x218F},
    {U"Arrows", 0x2190, 0x21FF},
    {U"MathematicalOperators", 0x2200, 0x22FF},
    {U"BoxDrawing", 0x2500, 0x257F},
    {U"CJKSymbolsandPunctuation", 0x3000, 0x303F},
    {U"Hiragana", 0x3040, 0x309F},
    {U"Katakana", 0x30A0, 0x30FF},
    {U"CJKUnifiedIdeographs", 0x4E00, 0x9FFF},
    {U"HangulSyllables", 0xAC00, 0xD7AF},
    {U"PrivateUseArea", 0xE000, 0xF8FF},
    {U"AlphabeticPresentationForms", 0xFB00, 0xFB4F},
    {U"HalfwidthandFullwidthForms", 0xFF00, 0xFFEF},
    {U"Specials", 0xFFF0, 0xFFFF},
};

// ---- parser -------------------------------------------------------------------------------

struct Node {
  enum class Kind : std::uint8_t {
    kEmpty,
    kSet,
    kBol,
    kEol,
    kConcat,
    kAlt,
    kRepeat,
    kGroup,
    kBackref
  };
  Kind kind = Kind::kEmpty;
  int set = -1;
  std::vector<Node> kids;
  int min = 0, max = -1;
  bool greedy = true;
  int group = -1;        // kGroup: capture number or -1; kBackref: group number
  char32_t literal = 0;  // kSet made from one literal character
  bool is_literal = false;
};

class Parser {
 public:
  Parser(std::u32string pattern, Program& prog, bool dot_all)
      : p_(std::move(pattern)), prog_(prog), dot_all_(dot_all) {}

  std::optional<Node> parse() {
    Node n = alternation(0);
    if (failed_ || i_ != p_.size()) return std::nullopt;
    return n;
  }

 private:
  bool at_end() const { return i_ >= p_.size(); }
  char32_t peek(std::size_t ahead = 0) const {
    return i_ + ahead < p_.size() ? p_[i_ + ahead] : char32_t{0};
  }
  Node fail() {
    failed_ = true;
    i_ = p_.size();
    return Node{};
  }

  int add_set(CharSet s) {
    prog_.sets.push_back(std::move(s));
    return static_cast<int>(prog_.sets.size() - 1);
  }
  Node set_node(CharSet s) {
    Node n;
    n.kind = Node::Kind::kSet;
    n.set = add_set(std::move(s));
    return n;
  }
  Node literal_node(char32_t c) {
    CharSet s;
    s.ranges.push_back({c, c});
    Node n = set_node(std::move(s));
    n.literal = c;
    n.is_literal = true;
    return n;
  }

  // regExp ::= branch ( '|' branch )*
  Node alternation(int depth) {
    if (depth > kMaxNesting) return fail();
    Node first = concatenation(depth);
    if (peek() != '|' || at_end()) return first;
    Node alt;
    alt.kind = Node::Kind::kAlt;
    alt.kids.push_back(std::move(first));
    while (!at_end() && peek() == '|') {
      ++i_;
      alt.kids.push_back(concatenation(depth));
    }
    return alt;
  }

  // branch ::= piece*
  Node concatenation(int depth) {
    Node seq;
    seq.kind = Node::Kind::kConcat;
    while (!at_end() && peek() != '|' && peek() != ')') seq.kids.push_back(piece(depth));
    if (seq.kids.size() == 1) return std::move(seq.kids[0]);
    if (seq.kids.empty()) return Node{};
    return seq;
  }

  // piece ::= atom quantifier?
  Node piece(int depth) {
    Node atom = atom_(depth);
    int min = 0, max = -1;
    switch (at_end() ? char32_t{0} : peek()) {
      case '?':
        min = 0, max = 1, ++i_;
        break;
      case '*':
        min = 0, max = -1, ++i_;
        break;
      case '+':
        min = 1, max = -1, ++i_;
        break;
      case '{': {
        ++i_;
        if (!number(&min)) return fail();
        max = min;
        if (peek() == ',') {
          ++i_;
          max = -1;
          if (peek() != '}' && (!number(&max) || max < min)) return fail();
        }
        if (peek() != '}') return fail();
        ++i_;
        break;
      }
      default:
        return atom;
    }
    Node r;
    r.kind = Node::Kind::kRepeat;
    r.min = min;
    r.max = max;
    if (!at_end() && peek() == '?') r.greedy = false, ++i_;
    if (!at_end() && (peek() == '?' || peek() == '*' || peek() == '+' || peek() == '{')) {
      return fail();
    }
    r.kids.push_back(std::move(atom));
    return r;
  }

  bool number(int* out) {
    const std::size_t start = i_;
    long v = 0;
    while (!at_end() && peek() >= '0' && peek() <= '9') {
      v = v * 10 + (peek() - '0');
      if (v > 100000) return false;
      ++i_;
    }
    *out = static_cast<int>(v);
    return i_ > start;
  }

  Node atom_(int depth) {
    const char32_t c = peek();
    ++i_;
    switch (c) {
      case '(': {
        Node g;
        g.kind = Node::Kind::kGroup;
        if (peek() == '?' && peek(1) == ':') {
          i_ += 2;
        } else {
          g.group = ++prog_.groups;
        }
        g.kids.push_back(alternation(depth + 1));
        if (at_end() || peek() != ')') return fail();
        ++i_;
        if (g.group > 0) closed_.push_back(g.group);
        return g;
      }
      case '[':
        return set_node(class_expr(depth + 1));
      case '.': {
        CharSet s;
        s.negated = true;
        if (!dot_all_) s.ranges = {{'\n', '\n'}, {'\r', '\r'}};
        return set_node(std::move(s));
      }
      case '^': {
        Node n;
        n.kind = Node::Kind::kBol;
        return n;
      }
      case '$': {
        Node n;
        n.kind = Node::Kind::kEol;
        return n;
      }
      case '\\':
        return escape_atom();
      case '?':
      case '*':
      case '+':
      case '{':
      case '}':
      case ')':
      case ']':
      case '|':
        return fail();
      default:
        return literal_node(c);
    }
  }

  Node escape_atom() {
    if (at_end()) return fail();
    const char32_t c = peek();
    if (c >= '1' && c <= '9') {
      // The longest digit sequence naming a group closed before this point.
      int n = static_cast<int>(c - '0');
      ++i_;
      while (!at_end() && peek() >= '0' && peek() <= '9' &&
             is_closed(n * 10 + static_cast<int>(peek() - '0'))) {
        n = n * 10 + static_cast<int>(peek() - '0');
        ++i_;
      }
      if (!is_closed(n)) return fail();
      prog_.has_backref = true;
      Node b;
      b.kind = Node::Kind::kBackref;
      b.group = n;
      return b;
    }
    CharSet s;
    char32_t single = 0;
    if (!escape(&s, &single)) return fail();
    if (s.ranges.empty() && s.preds.empty() && !s.negated) return literal_node(single);
    return set_node(std::move(s));
  }

  bool is_closed(int g) const {
    return std::find(closed_.begin(), closed_.end(), g) != closed_.end();
  }

  /// After '\\': a single character (in *single, s left empty) or a class (in s).
  bool escape(CharSet* s, char32_t* single) {
    if (at_end()) return false;
    const char32_t c = p_[i_++];
    switch (c) {
      case 'n':
        *single = '\n';
        return true;
      case 'r':
        *single = '\r';
        return true;
      case 't':
        *single = '\t';
        return true;
      case '\\':
      case '|':
      case '.':
      case '?':
      case '*':
      case '+':
      case '(':
      case ')':
      case '{':
      case '}':
      case '-':
      case '[':
      case ']':
      case '^':
      case '$':
        *single = c;
        return true;
      case 's':
        s->preds.push_back({is_xml_space, false});
        return true;
      case 'S':
        s->preds.push_back({is_xml_space, true});
        return true;
      case 'd':
        s->preds.push_back({is_decimal_digit, false});
        return true;
      case 'D':
        s->preds.push_back({is_decimal_digit, true});
        return true;
      case 'w':
        s->preds.push_back({is_word, false});
        return true;
      case 'W':
        s->preds.push_back({is_word, true});
        return true;
      case 'i':
        s->preds.push_back({is_name_start, false});
        return true;
      case 'I':
        s->preds.push_back({is_name_start, true});
        return true;
      case 'c':
        s->preds.push_back({is_name_char, false});
        return true;
      case 'C':
        s->preds.push_back({is_name_char, true});
        return true;
      case 'p':
      case 'P':
        return category(s, c == 'P');
      default:
        return false;
    }
  }

  // catEsc ::= '\p{' charProp '}'
  bool category(CharSet* s, bool negated) {
    if (at_end() || p_[i_] != '{') return false;
    const std::size_t close = p_.find('}', i_);
    if (close == std::u32string::npos) return false;
    const std::u32string_view name = std::u32string_view(p_).substr(i_ + 1, close - i_ - 1);
    i_ = close + 1;
    for (const Category& cat : kCategories) {
      if (cat.name == name) {
        s->preds.push_back({cat.pred, negated});
        return true;
      }
    }
    if (name.substr(0, 2) == U"Is") {
      for (const Block& b : kBlocks) {
        if (b.name == name.substr(2)) {
          if (!negated) {
            s->ranges.push_back({b.lo, b.hi});
          } else {
            // \P{IsX}: everything outside the block
            if (b.lo > 0) s->ranges.push_back({0, b.lo - 1});
            s->ranges.push_back({b.hi + 1, 0x10FFFF});
          }
          return true;
        }
      }
    }
    return false;
  }

  // charClassExpr ::= '[' '^'? charGroup ('-' charClassExpr)? ']'   (after '[')
  CharSet class_expr(int depth) {
    CharSet s;
    if (depth > kMaxNesting) {
      fail();
      return s;
    }
    if (peek() == '^') s.negated = true, ++i_;
    bool first = true;
    for (;;) {
      if (at_end()) {
        fail();
        return s;
      }
      const char32_t c = peek();
      if (c == ']' && !first) {
        ++i_;
        return s;
      }
      if (c == '-' && peek(1) == '[' && !first) {
        i_ += 2;
        s.subtract = add_set(class_expr(depth + 1));
        if (at_end() || peek() != ']') {
          fail();
          return s;
        }
        ++i_;
        return s;
      }
      if (c == '[' || (c == ']' && first)) {
        fail();
        return s;
      }
      // One character or escape, maybe the start of a range.
      char32_t lo = 0;
      CharSet esc;
      bool is_char = true;
      const bool leading_dash = c == '-';
      ++i_;
      if (c == '\\') {
        if (!escape(&esc, &lo)) {
          fail();
          return s;
        }
        is_char = esc.ranges.empty() && esc.preds.empty();
      } else {
        lo = c;
      }
      if (!is_char) {
        s.ranges.insert(s.ranges.end(), esc.ranges.begin(), esc.ranges.end());
        s.preds.insert(s.preds.end(), esc.preds.begin(), esc.preds.end());
      } else if (!leading_dash && peek() == '-' && peek(1) != ']' && peek(1) != '[' &&
                 i_ + 1 < p_.size()) {
        ++i_;  // '-'
        char32_t hi = p_[i_++];
        if (hi == '\\') {
          CharSet e2;
          if (!escape(&e2, &hi) || !e2.ranges.empty() || !e2.preds.empty()) {
            fail();
            return s;
          }
        } else if (hi == '[' || hi == ']') {
          fail();
          return s;
        }
        if (hi < lo) {
          fail();
          return s;
        }
        s.ranges.push_back({lo, hi});
      } else {
        s.ranges.push_back({lo, lo});
      }
      first = false;
    }
  }

  std::u32string p_;
  std::size_t i_ = 0;
  Program& prog_;
  bool dot_all_;
  bool failed_ = false;
  std::vector<int> closed_;
};

// ---- compiler -----------------------------------------------------------------------------

class Compiler {
 public:
  explicit Compiler(Program& prog) : prog_(prog) {}

  bool emit_all(const Node& root) {
    emit({OpCode::kSave, 0, 0});
    node(root, 0);
    emit({OpCode::kSave, 1, 0});
    emit({OpCode::kMatch, 0, 0});
    return ok_;
  }

 private:
  int pc() const { return static_cast<int>(prog_.code.size()); }
  int emit(Inst i) {
    if (pc() >= kMaxInstructions) {
      ok_ = false;
      return pc();
    }
    prog_.code.push_back(i);
    return pc() - 1;
  }
  void patch_x(int at, int target) {
    if (ok_) prog_.code[static_cast<std::size_t>(at)].x = target;
  }
  void patch_y(int at, int target) {
    if (ok_) prog_.code[static_cast<std::size_t>(at)].y = target;
  }
  /// A split preferring `first` (greedy) or `second`.
  void split_targets(int at, int body, int exit, bool greedy) {
    patch_x(at, greedy ? body : exit);
    patch_y(at, greedy ? exit : body);
  }

  void node(const Node& n, int depth) {
    if (!ok_ || depth > kMaxNesting) {
      ok_ = false;
      return;
    }
    switch (n.kind) {
      case Node::Kind::kEmpty:
        return;
      case Node::Kind::kSet:
        emit({OpCode::kSet, n.set, 0});
        return;
      case Node::Kind::kBol:
        emit({OpCode::kBol, 0, 0});
        return;
      case Node::Kind::kEol:
        emit({OpCode::kEol, 0, 0});
        return;
      case Node::Kind::kBackref:
        emit({OpCode::kBackref, n.group, 0});
        return;
      case Node::Kind::kConcat:
        for (const Node& k : n.kids) node(k, depth + 1);
        return;
      case Node::Kind::kGroup:
        if (n.group > 0) emit({OpCode::kSave, 2 * n.group, 0});
        node(n.kids[0], depth + 1);
        if (n.group > 0) emit({OpCode::kSave, 2 * n.group + 1, 0});
        return;
      case Node::Kind::kAlt: {
        std::vector<int> jumps;
        for (std::size_t k = 0; k < n.kids.size(); ++k) {
          if (k + 1 < n.kids.size()) {
            const int split = emit({OpCode::kSplit, 0, 0});
            patch_x(split, pc());
            node(n.kids[k], depth + 1);
            jumps.push_back(emit({OpCode::kJmp, 0, 0}));
            patch_y(split, pc());
          } else {
            node(n.kids[k], depth + 1);
          }
        }
        for (int j : jumps) patch_x(j, pc());
        return;
      }
      case Node::Kind::kRepeat: {
        for (int k = 0; k < n.min && ok_; ++k) node(n.kids[0], depth + 1);
        if (n.max < 0) {
          // loop: split(body, exit); body; jmp loop
          const int loop = emit({OpCode::kSplit, 0, 0});
          node(n.kids[0], depth + 1);
          emit({OpCode::kJmp, loop, 0});
          split_targets(loop, loop + 1, pc(), n.greedy);
          return;
        }
        // (x(x(x)?)?)? for the optional copies
        std::vector<int> splits;
        for (int k = n.min; k < n.max && ok_; ++k) {
          const int split = emit({OpCode::kSplit, 0, 0});
          splits.push_back(split);
          node(n.kids[0], depth + 1);
        }
        for (int s : splits) split_targets(s, s + 1, pc(), n.greedy);
        return;
      }
    }
  }

  Program& prog_;
  bool ok_ = true;
};

/// The pattern as a literal string if it is one (no metacharacters, no case folding).
std::optional<std::string> literal_of(const Node& root, bool icase) {
  if (icase) return std::nullopt;
  std::u32string s;
  if (root.kind == Node::Kind::kEmpty) return std::string();
  if (root.kind == Node::Kind::kSet && root.is_literal)
    return u32_to_utf8(std::u32string(1, root.literal));
  if (root.kind != Node::Kind::kConcat) return std::nullopt;
  for (const Node& k : root.kids) {
    if (k.kind != Node::Kind::kSet || !k.is_literal) return std::nullopt;
    s.push_back(k.literal);
  }
  return u32_to_utf8(s);
}

/// The sets that can consume the first character of a match; nullopt if the pattern can
/// match without consuming one (Match or $ reachable without input).
std::optional<std::vector<int>> first_sets(const Program& prog) {
  std::vector<int> sets;
  std::vector<bool> seen(prog.code.size(), false);
  std::vector<int> todo{0};
  while (!todo.empty()) {
    const int pc = todo.back();
    todo.pop_back();
    if (seen[static_cast<std::size_t>(pc)]) continue;
    seen[static_cast<std::size_t>(pc)] = true;
    const Inst& inst = prog.code[static_cast<std::size_t>(pc)];
    switch (inst.op) {
      case OpCode::kSet:
        sets.push_back(inst.x);
        break;
      case OpCode::kJmp:
        todo.push_back(inst.x);
        break;
      case OpCode::kSplit:
        todo.push_back(inst.x);
        todo.push_back(inst.y);
        break;
      case OpCode::kSave:
      case OpCode::kBol:
        todo.push_back(pc + 1);
        break;
      default:
        return std::nullopt;  // kMatch, kEol, kBackref
    }
  }
  return sets;
}

}  // namespace

bool compile_program(Program& prog, std::u32string p, bool dot_all, bool extended, bool literal) {
  const bool icase = prog.icase;
  const bool multiline = prog.multiline;
  Node root;
  if (literal) {
    root.kind = Node::Kind::kConcat;
    for (char32_t c : p) {
      CharSet s;
      s.ranges.push_back({c, c});
      prog.sets.push_back(std::move(s));
      Node n;
      n.kind = Node::Kind::kSet;
      n.set = static_cast<int>(prog.sets.size() - 1);
      n.literal = c;
      n.is_literal = true;
      root.kids.push_back(std::move(n));
    }
  } else {
    if (extended) {
      // Whitespace is removed except inside character classes.
      std::u32string stripped;
      int depth = 0;
      for (std::size_t i = 0; i < p.size(); ++i) {
        const char32_t c = p[i];
        if (c == '\\' && i + 1 < p.size()) {
          stripped.push_back(c);
          stripped.push_back(p[++i]);
          continue;
        }
        if (c == '[') ++depth;
        if (c == ']' && depth > 0) --depth;
        if (depth == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) continue;
        stripped.push_back(c);
      }
      p = std::move(stripped);
    }
    Parser parser(std::move(p), prog, dot_all);
    std::optional<Node> parsed = parser.parse();
    if (!parsed) return false;
    root = std::move(*parsed);
  }
  prog.literal = literal_of(root, icase);
  Compiler compiler(prog);
  if (!compiler.emit_all(root)) return false;
  prog.first_sets = first_sets(prog);
  if (!icase) {
    // Literal characters at the start of every match: Save 0, optional ^, then single chars.
    std::size_t pc = 1;
    if (pc < prog.code.size() && prog.code[pc].op == OpCode::kBol) ++pc;
    for (; pc < prog.code.size() && prog.code[pc].op == OpCode::kSet; ++pc) {
      const CharSet& cs = prog.sets[static_cast<std::size_t>(prog.code[pc].x)];
      if (cs.negated || !cs.preds.empty() || cs.subtract >= 0 || cs.ranges.size() != 1 ||
          cs.ranges[0].first != cs.ranges[0].second) {
        break;
      }
      append_utf8(prog.required_prefix, cs.ranges[0].first);
    }
  }
  prog.anchored = !multiline && prog.code.size() > 1 && prog.code[1].op == OpCode::kBol;
  return true;
}

}  // namespace kennis::expr::regex_detail
