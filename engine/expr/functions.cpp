// The SPARQL 1.1 built-in functions (section 17.4) and XSD casts (section 17.5).
// Argument rules: functions are strict in errors except BOUND, IF, COALESCE (and the
// operators || && IN in evaluator.cpp); string functions take simple, xsd:string or
// language-tagged literals; two-argument string functions require compatible arguments
// (17.4.3.1.1) and keep the first argument's language tag.
#include "expr/eval_internal.hpp"
#include "expr/hash.hpp"
#include "expr/text.hpp"
#include "rdf/iri.hpp"
#include "rdf/xsd.hpp"

#include <cmath>
#include <random>

namespace kennis::expr {
namespace {

using detail::Node;

/// A Value holding `part` of `src`'s text: a view when src's text lives in the dictionary,
/// a copy when src owns it (src dies before the result).
Value text_part(const Value& src, std::string_view part, std::string_view lang) {
  if (src.owns_text()) return Value::string(std::string(part), lang);
  return Value::string_ref(part, lang);
}

/// Argument compatibility (17.4.3.1.1): both simple / xsd:string, both with the same
/// language tag, or the first tagged and the second simple.
bool compatible(const StringLiteral& a, const StringLiteral& b) {
  return b.lang.empty() || equals_ignore_case(a.lang, b.lang);
}

/// RFC 4647 basic filtering, as used by LANGMATCHES.
bool lang_matches(std::string_view tag, std::string_view range) {
  if (range == "*") return !tag.empty();
  if (range.empty()) return tag.empty();
  if (tag.size() < range.size()) return false;
  if (!equals_ignore_case(tag.substr(0, range.size()), range)) return false;
  return tag.size() == range.size() || tag[range.size()] == '-';
}

/// BCP 47 shape: alpha{1,8} ('-' alphanum{1,8})*.
bool valid_language_tag(std::string_view tag) {
  std::size_t i = 0, part = 0;
  while (i <= tag.size()) {
    std::size_t j = i;
    while (j < tag.size() && tag[j] != '-') {
      const char c = tag[j];
      const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      const bool digit = c >= '0' && c <= '9';
      if (!alpha && !(digit && part > 0)) return false;
      ++j;
    }
    if (j == i || j - i > 8) return false;
    ++part;
    i = j + 1;
  }
  return true;
}

std::string make_uuid(std::mt19937_64& rng) {
  std::uint8_t b[16];
  for (int i = 0; i < 16; i += 8) {
    std::uint64_t r = rng();
    for (int k = 0; k < 8; ++k, r >>= 8) b[i + k] = static_cast<std::uint8_t>(r);
  }
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0xF]);
  }
  return out;
}

/// True iff `row` extends `seen`: same width, same value wherever `seen` is bound.
bool same_solution(const std::vector<rdf::TermId>& seen, Row row) {
  if (seen.size() != row.size()) return false;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (seen[i] != rdf::kNoTerm && seen[i] != row[i]) return false;
  }
  return true;
}

Value typed_literal(EvalContext& ctx, std::string_view lexical, std::string_view datatype) {
  return Value::term(
      ctx.dict().intern(rdf::TermView{rdf::TermKind::kLiteral, lexical, datatype, {}}));
}

/// XSD casts (17.5): the source's value converted to the target type, or an error.
Value cast(Builtin fn, const Value& v, const Node& n, EvalContext& ctx) {
  TermReader& terms = ctx.terms();
  const TermClass c = class_of(v, terms);
  if (c == TermClass::kUnknown || c == TermClass::kBlank || c == TermClass::kIllTyped) {
    return Value::error();
  }
  // The lexical form of a string source; casts from language-tagged strings are errors.
  std::optional<std::string_view> str;
  if (c == TermClass::kString) str = as_string_literal(v, terms)->text;
  const std::optional<Numeric> num = as_numeric(v, terms);
  std::optional<bool> boolean;
  if (c == TermClass::kBoolean) boolean = effective_boolean_value(v, terms);

  auto to_number = [&](NumericType t) -> Value {
    std::optional<Numeric> r;
    if (num)
      r = cast_numeric(*num, t);
    else if (boolean)
      r = promote(Numeric::integer(*boolean ? 1 : 0), t);
    else if (str)
      r = parse_numeric(*str, t);
    return r ? Value::numeric(*r) : Value::error();
  };

  switch (fn) {
    case Builtin::kCastString: {
      if (c == TermClass::kIri) return Value::string_ref(terms.view(v.id()).value);
      if (num) return Value::string(xpath_string(*num));
      if (boolean) return Value::string_ref(*boolean ? "true" : "false");
      if (v.kind() == Value::Kind::kString) return Value::string(std::string(v.text()));
      return Value::string_ref(terms.view(v.id()).value);
    }
    case Builtin::kCastInteger:
      return to_number(NumericType::kInteger);
    case Builtin::kCastDecimal:
      return to_number(NumericType::kDecimal);
    case Builtin::kCastFloat:
      return to_number(NumericType::kFloat);
    case Builtin::kCastDouble:
      return to_number(NumericType::kDouble);
    case Builtin::kCastDerivedInteger: {
      const Value i = to_number(NumericType::kInteger);
      if (!i.ok()) return i;
      const std::string_view dt = terms.view(n.term).value;
      if (!integer_in_range(dt, i.num().mantissa)) return Value::error();
      return typed_literal(ctx, canonical_lexical(i.num()), dt);
    }
    case Builtin::kCastBoolean: {
      if (boolean) return Value::boolean(*boolean);
      if (num) return Value::boolean(!num->is_zero() && !num->is_nan());
      if (str) {
        const std::string_view s = rdf::collapse_whitespace(*str);
        if (s == "true" || s == "1") return Value::boolean(true);
        if (s == "false" || s == "0") return Value::boolean(false);
      }
      return Value::error();
    }
    case Builtin::kCastDateTime: {
      if (c == TermClass::kDateTime) return v;
      std::optional<DateTime> dt;
      if (c == TermClass::kDate)
        dt = as_date_time(v, terms);
      else if (str)
        dt = parse_date_time(*str);
      if (!dt) return Value::error();
      if (c == TermClass::kString) {
        return typed_literal(ctx, rdf::collapse_whitespace(*str), rdf::kXsdDateTime);
      }
      return typed_literal(ctx, format_date_time(*dt), rdf::kXsdDateTime);
    }
    case Builtin::kCastDate: {
      if (c == TermClass::kDate) return v;
      std::optional<DateTime> dt;
      if (c == TermClass::kDateTime)
        dt = as_date_time(v, terms);
      else if (str)
        dt = parse_date(*str);
      if (!dt) return Value::error();
      if (c == TermClass::kString) {
        return typed_literal(ctx, rdf::collapse_whitespace(*str), rdf::kXsdDate);
      }
      std::string s = format_date_time(*dt);
      s = s.substr(0, s.find('T')) + timezone_string(*dt);
      return typed_literal(ctx, s, rdf::kXsdDate);
    }
    default:
      return Value::error();
  }
}

}  // namespace

Value CompiledExpr::Code::call(const Node& n, Row row, EvalContext& ctx) const {
  TermReader& terms = ctx.terms();
  detail::EvalState& state = ctx.state();
  auto eval_arg = [&](std::uint32_t i) { return eval(arg(n, i), row, ctx); };
  // The string literal of argument i (simple, xsd:string, or language-tagged).
  auto string_arg = [&](const Value& v) { return as_string_literal(v, terms); };
  auto simple = [&](const Value& v) -> std::optional<std::string_view> {
    const std::optional<StringLiteral> s = as_string_literal(v, terms);
    if (!s || !s->lang.empty()) return std::nullopt;
    return s->text;
  };
  auto numeric_result = [](std::optional<Numeric> r) {
    return r ? Value::numeric(*r) : Value::error();
  };
  auto regex_for = [&](std::uint32_t pattern_arg,
                       std::uint32_t flags_arg) -> std::shared_ptr<const std::optional<Regex>> {
    const Value p = eval_arg(pattern_arg);
    const std::optional<std::string_view> pattern = simple(p);
    if (!pattern) return nullptr;
    std::string_view flags;
    Value f;
    if (flags_arg < n.count) {
      f = eval_arg(flags_arg);
      const std::optional<std::string_view> fs = simple(f);
      if (!fs) return nullptr;
      flags = *fs;
    }
    std::string key(flags);
    key.push_back('\0');
    key.append(*pattern);
    auto it = state.regex_cache.find(key);
    if (it != state.regex_cache.end()) return it->second;
    if (state.regex_cache.size() >= 256) state.regex_cache.clear();
    auto re = std::make_shared<const std::optional<Regex>>(Regex::compile(*pattern, flags));
    state.regex_cache.emplace(std::move(key), re);
    return re;
  };

  switch (n.fn) {
    // ---- functional forms (17.4.1) ----
    case Builtin::kBound: {
      const Node& var = nodes[arg(n, 0)];
      return Value::boolean(var.slot >= 0 && static_cast<std::size_t>(var.slot) < row.size() &&
                            row[var.slot] != rdf::kNoTerm);
    }
    case Builtin::kIf: {
      const std::optional<bool> c = effective_boolean_value(eval_arg(0), terms);
      if (!c) return Value::error();
      return eval_arg(*c ? 1 : 2);
    }
    case Builtin::kCoalesce:
      for (std::uint32_t i = 0; i < n.count; ++i) {
        Value v = eval_arg(i);
        if (v.ok()) return v;
      }
      return Value::error();
    case Builtin::kSameTerm: {
      const Value a = eval_arg(0), b = eval_arg(1);
      if (!a.ok() || !b.ok()) return Value::error();
      return Value::boolean(same_term(a, b, terms));
    }

    // ---- terms (17.4.2) ----
    case Builtin::kIsIri:
    case Builtin::kIsBlank:
    case Builtin::kIsLiteral:
    case Builtin::kIsNumeric: {
      const TermClass c = class_of(eval_arg(0), terms);
      if (c == TermClass::kUnknown) return Value::error();
      switch (n.fn) {
        case Builtin::kIsIri:
          return Value::boolean(c == TermClass::kIri);
        case Builtin::kIsBlank:
          return Value::boolean(c == TermClass::kBlank);
        case Builtin::kIsLiteral:
          return Value::boolean(c != TermClass::kIri && c != TermClass::kBlank);
        default:
          return Value::boolean(is_numeric_class(c));
      }
    }
    case Builtin::kStr: {
      const Value v = eval_arg(0);
      switch (v.kind()) {
        case Value::Kind::kError:
          return v;
        case Value::Kind::kNumeric:
          return Value::string(canonical_lexical(v.num()));
        case Value::Kind::kBoolean:
          return Value::string_ref(v.boolean_value() ? "true" : "false");
        case Value::Kind::kString:
          return Value::string(std::string(v.text()));
        case Value::Kind::kTerm:
          break;
      }
      const rdf::TermView t = terms.view(v.id());
      if (t.is_blank()) return Value::error();
      return Value::string_ref(t.value);
    }
    case Builtin::kLang: {
      const Value v = eval_arg(0);
      const TermClass c = class_of(v, terms);
      if (c == TermClass::kUnknown || c == TermClass::kIri || c == TermClass::kBlank) {
        return Value::error();
      }
      if (v.is_term()) return Value::string_ref(terms.view(v.id()).lang);
      if (v.kind() == Value::Kind::kString) return Value::string(std::string(v.lang()));
      return Value::string_ref("");
    }
    case Builtin::kDatatype: {
      const Value v = eval_arg(0);
      const TermClass c = class_of(v, terms);
      if (c == TermClass::kUnknown || c == TermClass::kIri || c == TermClass::kBlank) {
        return Value::error();
      }
      std::string buffer;
      const rdf::TermView t = term_view(v, terms, buffer);
      const std::string_view dt = t.datatype.empty() ? rdf::kXsdString : t.datatype;
      return Value::term(ctx.dict().intern_iri(dt));
    }
    case Builtin::kIri: {
      const Value v = eval_arg(0);
      const TermClass c = class_of(v, terms);
      if (c == TermClass::kIri) return v;
      const std::optional<std::string_view> s = simple(v);
      if (!s) return Value::error();
      return Value::term(ctx.dict().intern_iri(rdf::resolve_iri(state.base_iri, *s)));
    }
    case Builtin::kBnode: {
      if (n.count == 0) return Value::term(fresh_blank_node(ctx));
      const Value v = eval_arg(0);
      const std::optional<std::string_view> s = simple(v);
      if (!s) return Value::error();
      // One blank node per string within one solution (17.4.2.9). The row belongs to the
      // solution seen last if it agrees on every binding seen then: executors extend the row
      // (SELECT (BNODE(?a) AS ?b) (BNODE(?a) AS ?c)) between the calls of one solution.
      if (!same_solution(state.bnode_row, row)) state.bnode_memo.clear();
      state.bnode_row.assign(row.begin(), row.end());
      auto [it, inserted] = state.bnode_memo.try_emplace(std::string(*s), rdf::kNoTerm);
      if (inserted) it->second = fresh_blank_node(ctx);
      return Value::term(it->second);
    }
    case Builtin::kStrDt: {
      const Value a = eval_arg(0), b = eval_arg(1);
      const std::optional<std::string_view> s = simple(a);
      if (!s || class_of(b, terms) != TermClass::kIri) return Value::error();
      const std::string_view dt = terms.view(b.id()).value;
      if (dt == rdf::kRdfLangString) return Value::error();
      if (dt == rdf::kXsdString) return text_part(a, *s, {});
      return typed_literal(ctx, *s, dt);
    }
    case Builtin::kStrLang: {
      const Value a = eval_arg(0), b = eval_arg(1);
      const std::optional<std::string_view> s = simple(a);
      const std::optional<std::string_view> tag = simple(b);
      if (!s || !tag || !valid_language_tag(*tag)) return Value::error();
      if (a.owns_text() || b.owns_text()) return Value::string(std::string(*s), *tag);
      return Value::string_ref(*s, *tag);
    }
    case Builtin::kUuid:
      return Value::term(ctx.dict().intern_iri("urn:uuid:" + make_uuid(state.rng)));
    case Builtin::kStrUuid:
      return Value::string(make_uuid(state.rng));

    // ---- strings (17.4.3) ----
    case Builtin::kStrlen: {
      const std::optional<StringLiteral> s = string_arg(eval_arg(0));
      if (!s) return Value::error();
      return Value::numeric(Numeric::integer(static_cast<Int128>(code_point_count(s->text))));
    }
    case Builtin::kSubstr: {
      const Value v = eval_arg(0);
      const std::optional<StringLiteral> s = string_arg(v);
      const std::optional<Numeric> start = as_numeric(eval_arg(1), terms);
      if (!s || !start) return Value::error();
      // fn:substring: code points at positions p with round(start) <= p < round(start) +
      // round(length), 1-based.
      const double first = std::floor(start->to_double() + 0.5);
      double end = INFINITY;
      if (n.count > 2) {
        const std::optional<Numeric> len = as_numeric(eval_arg(2), terms);
        if (!len) return Value::error();
        end = first + std::floor(len->to_double() + 0.5);
      }
      const double size = static_cast<double>(code_point_count(s->text));
      const double b = std::max(first - 1, 0.0);
      const double e = std::min(end - 1, size);
      if (!(b < e)) return text_part(v, std::string_view(), s->lang);  // also NaN
      return text_part(
          v, code_point_substr(s->text, static_cast<std::size_t>(b), static_cast<std::size_t>(e)),
          s->lang);
    }
    case Builtin::kUcase:
    case Builtin::kLcase: {
      const std::optional<StringLiteral> s = string_arg(eval_arg(0));
      if (!s) return Value::error();
      return Value::string(n.fn == Builtin::kUcase ? to_upper(s->text) : to_lower(s->text),
                           s->lang);
    }
    case Builtin::kStrStarts:
    case Builtin::kStrEnds:
    case Builtin::kContains:
    case Builtin::kStrBefore:
    case Builtin::kStrAfter: {
      const Value a = eval_arg(0), b = eval_arg(1);
      const std::optional<StringLiteral> x = string_arg(a), y = string_arg(b);
      if (!x || !y || !compatible(*x, *y)) return Value::error();
      const std::string_view s = x->text, t = y->text;
      switch (n.fn) {
        case Builtin::kStrStarts:
          return Value::boolean(s.substr(0, t.size()) == t);
        case Builtin::kStrEnds:
          return Value::boolean(s.size() >= t.size() && s.substr(s.size() - t.size()) == t);
        case Builtin::kContains:
          return Value::boolean(s.find(t) != std::string_view::npos);
        default:
          break;
      }
      const std::size_t pos = s.find(t);
      if (pos == std::string_view::npos) return Value::string_ref("");
      if (n.fn == Builtin::kStrBefore) return text_part(a, s.substr(0, pos), x->lang);
      return text_part(a, s.substr(pos + t.size()), x->lang);
    }
    case Builtin::kEncodeForUri: {
      const std::optional<StringLiteral> s = string_arg(eval_arg(0));
      if (!s) return Value::error();
      return Value::string(encode_for_uri(s->text));
    }
    case Builtin::kConcat: {
      std::string out;
      std::string lang;
      bool same_lang = true;
      for (std::uint32_t i = 0; i < n.count; ++i) {
        const Value v = eval_arg(i);
        const std::optional<StringLiteral> s = string_arg(v);
        if (!s) return Value::error();
        out.append(s->text);
        if (i == 0)
          lang = s->lang;
        else if (same_lang && !equals_ignore_case(lang, s->lang))
          same_lang = false;
      }
      return Value::string(std::move(out), same_lang ? std::string_view(lang) : "");
    }
    case Builtin::kLangMatches: {
      const std::optional<std::string_view> tag = simple(eval_arg(0));
      const std::optional<std::string_view> range = simple(eval_arg(1));
      if (!tag || !range) return Value::error();
      return Value::boolean(lang_matches(*tag, *range));
    }
    case Builtin::kRegex:
    case Builtin::kReplace: {
      const Value v = eval_arg(0);
      const std::optional<StringLiteral> s = string_arg(v);
      if (!s) return Value::error();
      const std::uint32_t flags_arg = n.fn == Builtin::kRegex ? 2 : 3;
      std::shared_ptr<const std::optional<Regex>> dynamic;
      const std::optional<Regex>* re = nullptr;
      if (n.aux >= 0) {
        re = &regexes[static_cast<std::size_t>(n.aux)];
      } else {
        dynamic = regex_for(1, flags_arg);
        re = dynamic.get();
      }
      if (re == nullptr || !re->has_value()) return Value::error();
      if (n.fn == Builtin::kRegex) {
        const std::optional<bool> found = (*re)->search(s->text);
        return found ? Value::boolean(*found) : Value::error();
      }
      const std::optional<std::string_view> replacement = simple(eval_arg(2));
      if (!replacement) return Value::error();
      std::optional<std::string> out = (*re)->replace(s->text, *replacement);
      if (!out) return Value::error();
      return Value::string(std::move(*out), s->lang);
    }

    // ---- numerics (17.4.4) ----
    case Builtin::kAbs:
    case Builtin::kCeil:
    case Builtin::kFloor:
    case Builtin::kRound: {
      const std::optional<Numeric> x = as_numeric(eval_arg(0), terms);
      if (!x) return Value::error();
      switch (n.fn) {
        case Builtin::kAbs:
          return numeric_result(numeric_abs(*x));
        case Builtin::kCeil:
          return numeric_result(numeric_ceil(*x));
        case Builtin::kFloor:
          return numeric_result(numeric_floor(*x));
        default:
          return numeric_result(numeric_round(*x));
      }
    }
    case Builtin::kRand:
      return Value::numeric(
          Numeric::of_double(std::uniform_real_distribution<double>(0.0, 1.0)(state.rng)));

    // ---- dates and times (17.4.5) ----
    case Builtin::kNow:
      if (state.now_id == rdf::kNoTerm) {
        state.now_id = ctx.dict().intern(rdf::TermView{
            rdf::TermKind::kLiteral, format_date_time(state.now), rdf::kXsdDateTime, {}});
      }
      return Value::term(state.now_id);
    case Builtin::kYear:
    case Builtin::kMonth:
    case Builtin::kDay:
    case Builtin::kHours:
    case Builtin::kMinutes:
    case Builtin::kSeconds:
    case Builtin::kTimezone:
    case Builtin::kTz: {
      const std::optional<DateTime> dt = as_date_time(eval_arg(0), terms);
      if (!dt) return Value::error();
      const bool time_part =
          n.fn == Builtin::kHours || n.fn == Builtin::kMinutes || n.fn == Builtin::kSeconds;
      if (dt->is_date && time_part) return Value::error();
      switch (n.fn) {
        case Builtin::kYear:
          return Value::numeric(Numeric::integer(dt->year));
        case Builtin::kMonth:
          return Value::numeric(Numeric::integer(dt->month));
        case Builtin::kDay:
          return Value::numeric(Numeric::integer(dt->day));
        case Builtin::kHours:
          return Value::numeric(Numeric::integer(dt->hour));
        case Builtin::kMinutes:
          return Value::numeric(Numeric::integer(dt->minute));
        case Builtin::kSeconds:
          return Value::numeric(date_time_seconds(*dt));
        case Builtin::kTimezone:
          if (!dt->has_timezone) return Value::error();
          return typed_literal(ctx, timezone_duration(*dt), rdf::kXsdDayTimeDuration);
        default:
          return Value::string(timezone_string(*dt));
      }
    }

    // ---- hashes (17.4.6) ----
    case Builtin::kMd5:
    case Builtin::kSha1:
    case Builtin::kSha256:
    case Builtin::kSha384:
    case Builtin::kSha512: {
      const std::optional<std::string_view> s = simple(eval_arg(0));
      if (!s) return Value::error();
      switch (n.fn) {
        case Builtin::kMd5:
          return Value::string(md5_hex(*s));
        case Builtin::kSha1:
          return Value::string(sha1_hex(*s));
        case Builtin::kSha256:
          return Value::string(sha256_hex(*s));
        case Builtin::kSha384:
          return Value::string(sha384_hex(*s));
        default:
          return Value::string(sha512_hex(*s));
      }
    }

    // ---- casts (17.5) ----
    case Builtin::kCastString:
    case Builtin::kCastInteger:
    case Builtin::kCastDecimal:
    case Builtin::kCastFloat:
    case Builtin::kCastDouble:
    case Builtin::kCastBoolean:
    case Builtin::kCastDateTime:
    case Builtin::kCastDate:
    case Builtin::kCastDerivedInteger:
      return cast(n.fn, eval_arg(0), n, ctx);

    case Builtin::kUnknown:
      return Value::error();
  }
  return Value::error();
}

}  // namespace kennis::expr
