#include "sparql/syntax/source_text.hpp"

#include "expr/text.hpp"

#include <algorithm>

namespace kennis::sparql::syntax {

bool decode_utf8(const char*& it, const char* end, char32_t& cp) {
  if (it == end) return false;
  auto b0 = static_cast<unsigned char>(*it);
  int extra = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    cp = b0;
    ++it;
    return true;
  } else if ((b0 & 0xE0) == 0xC0) {
    extra = 1;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return false;
  }
  if (end - it <= extra) return false;
  for (int i = 1; i <= extra; ++i) {
    auto b = static_cast<unsigned char>(it[i]);
    if ((b & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  it += extra + 1;
  return true;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads `n` hex digits at `p` (bounded by `end`); returns -1 if there are not n of them.
long read_hex(const char* p, const char* end, int n) {
  if (end - p < n) return -1;
  long v = 0;
  for (int i = 0; i < n; ++i) {
    int h = hex_value(p[i]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

}  // namespace

SourceText::SourceText(std::string_view original, bool decode_escapes, base::SourcePos origin)
    : original_(original), decoded_(decode_escapes), origin_(origin) {
  line_starts_.push_back(0);
  shifts_.push_back({0, 0});
  if (!decode_escapes) return;
  const char* begin = original.data();
  const char* end = begin + original.size();
  const char* p = begin;
  text_.reserve(original.size());
  while (p < end) {
    if (*p == '\\' && p + 1 < end && (p[1] == 'u' || p[1] == 'U')) {
      int n = p[1] == 'u' ? 4 : 8;
      long v = read_hex(p + 2, end, n);
      if (v >= 0) {
        if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) {
          if (error_.empty()) {
            error_ = "invalid code point escape '" + std::string(p, p + 2 + n) + "'";
            error_offset_ = text_.size();
          }
          v = 0xFFFD;
        }
        expr::append_utf8(text_, static_cast<char32_t>(v));
        p += 2 + n;
        shifts_.push_back({text_.size(), static_cast<std::size_t>(p - begin)});
        continue;
      }
    }
    const char* q = p;
    char32_t cp;
    if (!decode_utf8(q, end, cp)) {
      if (error_.empty()) {
        error_ = "invalid UTF-8 byte";
        error_offset_ = text_.size();
      }
      text_ += *p++;
      continue;
    }
    text_.append(p, q);
    p = q;
  }
}

std::size_t SourceText::original_offset(std::size_t offset) const {
  auto it = std::upper_bound(shifts_.begin(), shifts_.end(), offset,
                             [](std::size_t o, const Shift& s) { return o < s.text_offset; });
  const Shift& s = *(it - 1);
  return std::min(original_.size(), s.original_offset + (offset - s.text_offset));
}

base::SourcePos SourceText::position(std::size_t offset) const {
  std::size_t orig = original_offset(offset);
  for (; lines_scanned_ < orig; ++lines_scanned_) {
    if (original_[lines_scanned_] == '\n') line_starts_.push_back(lines_scanned_ + 1);
  }
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), orig);
  std::size_t line_idx = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t start = line_starts_[line_idx];
  std::uint32_t column = 1;
  if (cached_line_ == line_idx && cached_offset_ <= orig && cached_offset_ >= start) {
    start = cached_offset_;
    column = cached_column_;
  }
  for (std::size_t i = start; i < orig; ++i) {
    if ((static_cast<unsigned char>(original_[i]) & 0xC0) != 0x80) ++column;
  }
  cached_offset_ = orig;
  cached_line_ = line_idx;
  cached_column_ = column;
  base::SourcePos pos;
  pos.line = origin_.line + static_cast<std::uint32_t>(line_idx);
  pos.column = line_idx == 0 ? origin_.column + column - 1 : column;
  return pos;
}

std::size_t SourceText::first_invalid_utf8(std::size_t end) const {
  const std::string_view t = text();
  end = std::min(end, t.size());
  const char* p = t.data();
  const char* const last = t.data() + t.size();
  char32_t cp;
  while (p < t.data() + end) {
    const char* q = p;
    if (!decode_utf8(q, last, cp)) return static_cast<std::size_t>(p - t.data());
    p = q;
  }
  return end;
}

}  // namespace kennis::sparql::syntax
