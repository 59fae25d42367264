// UTF-8, case mapping and percent-encoding. See text.hpp.
#include "expr/text.hpp"

#include <locale.h>
#include <wctype.h>

namespace kennis::expr {
namespace {

// Case mapping uses the C.UTF-8 locale's tables when the system has them; otherwise ASCII and
// Latin-1 only.
locale_t case_locale() {
  static const locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return loc;
}

char32_t upper_of(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  if (locale_t loc = case_locale()) {
    return static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), loc));
  }
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
  return c;
}

char32_t lower_of(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (locale_t loc = case_locale()) {
    return static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), loc));
  }
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  return c;
}

/// Decodes one code point at s[i], advancing i.
char32_t decode(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return ++i, b0;
  int n = 0;
  char32_t c = 0;
  if ((b0 & 0xE0) == 0xC0)
    n = 1, c = b0 & 0x1F;
  else if ((b0 & 0xF0) == 0xE0)
    n = 2, c = b0 & 0x0F;
  else if ((b0 & 0xF8) == 0xF0)
    n = 3, c = b0 & 0x07;
  else
    return ++i, 0xFFFD;
  for (int k = 1; k <= n; ++k) {
    if (i + static_cast<std::size_t>(k) >= s.size()) return ++i, 0xFFFD;
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) return ++i, 0xFFFD;
    c = (c << 6) | (b & 0x3F);
  }
  i += static_cast<std::size_t>(n) + 1;
  return c;
}

template <class F>
std::string map_code_points(std::string_view s, F f) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) append_utf8(out, f(decode(s, i)));
  return out;
}

}  // namespace

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::u32string utf8_to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(decode(s, i));
  return out;
}

std::wstring utf8_to_wide(std::string_view s) {
  static_assert(sizeof(wchar_t) == 4, "wchar_t must hold a code point");
  std::wstring out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(static_cast<wchar_t>(decode(s, i)));
  return out;
}

std::string u32_to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

std::string wide_to_utf8(std::wstring_view s) {
  std::string out;
  out.reserve(s.size());
  for (wchar_t c : s) append_utf8(out, static_cast<char32_t>(c));
  return out;
}

std::size_t code_point_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view code_point_substr(std::string_view s, std::size_t begin, std::size_t end) {
  std::size_t i = 0, cp = 0, from = s.size();
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (cp == begin) from = i;
    if (cp == end) break;
    ++cp;
  }
  if (from > i) return {};
  return s.substr(from, i - from);
}

char32_t upper_case(char32_t c) { return upper_of(c); }
char32_t lower_case(char32_t c) { return lower_of(c); }

bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (locale_t loc = case_locale()) return iswalpha_l(static_cast<wint_t>(c), loc) != 0;
  return c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7;
}
bool is_upper_letter(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (locale_t loc = case_locale()) return iswupper_l(static_cast<wint_t>(c), loc) != 0;
  return lower_of(c) != c;
}
bool is_lower_letter(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (locale_t loc = case_locale()) return iswlower_l(static_cast<wint_t>(c), loc) != 0;
  return upper_of(c) != c;
}
bool is_punct_or_symbol(char32_t c) {
  if (c < 0x80) return c > 0x20 && c < 0x7F && !(c >= '0' && c <= '9') && !is_letter(c);
  if (locale_t loc = case_locale()) return iswpunct_l(static_cast<wint_t>(c), loc) != 0;
  return false;
}
bool is_space_char(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  if (locale_t loc = case_locale()) return iswspace_l(static_cast<wint_t>(c), loc) != 0;
  return c == 0xA0;
}

std::string to_upper(std::string_view s) { return map_code_points(s, upper_of); }
std::string to_lower(std::string_view s) { return map_code_points(s, lower_of); }

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

std::string encode_for_uri(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

}  // namespace kennis::expr
