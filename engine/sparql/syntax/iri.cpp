#include "sparql/syntax/iri.hpp"

#include <optional>

namespace kennis::sparql::syntax {

namespace {

struct IriParts {
  std::optional<std::string_view> scheme;
  std::optional<std::string_view> authority;
  std::string_view path;
  std::optional<std::string_view> query;
  std::optional<std::string_view> fragment;
};

bool is_scheme_char(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return alpha;
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

std::size_t scheme_length(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ':') return i > 0 ? i : 0;
    if (!is_scheme_char(s[i], i == 0)) return 0;
  }
  return 0;
}

// RFC 3986 appendix B, without regular expressions.
IriParts split(std::string_view s) {
  IriParts p;
  if (std::size_t n = scheme_length(s); n > 0) {
    p.scheme = s.substr(0, n);
    s.remove_prefix(n + 1);
  }
  if (std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    p.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (std::size_t q = s.find('?'); q != std::string_view::npos) {
    p.query = s.substr(q + 1);
    s = s.substr(0, q);
  }
  if (s.substr(0, 2) == "//") {
    s.remove_prefix(2);
    std::size_t slash = s.find('/');
    p.authority = s.substr(0, slash);
    s = slash == std::string_view::npos ? std::string_view{} : s.substr(slash);
  }
  p.path = s;
  return p;
}

// RFC 3986 5.2.4
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.substr(0, 3) == "../") {
      in.remove_prefix(3);
    } else if (in.substr(0, 2) == "./") {
      in.remove_prefix(2);
    } else if (in.substr(0, 3) == "/./") {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.substr(0, 4) == "/../" || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      std::size_t last = out.rfind('/');
      out.erase(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      std::size_t start = in[0] == '/' ? 1 : 0;
      std::size_t next = in.find('/', start);
      std::string_view segment = in.substr(0, next);
      out.append(segment);
      in.remove_prefix(segment.size());
    }
  }
  return out;
}

// RFC 3986 5.2.3
std::string merge(const IriParts& base, std::string_view ref_path) {
  if (base.authority && base.path.empty()) return "/" + std::string(ref_path);
  std::size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(ref_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(ref_path);
}

}  // namespace

bool has_scheme(std::string_view iri) { return scheme_length(iri) > 0; }

std::string resolve_iri(std::string_view base, std::string_view ref) {
  if (base.empty() || !has_scheme(base)) return std::string(ref);
  IriParts r = split(ref);
  IriParts b = split(base);
  std::string scheme, path;
  std::optional<std::string> authority, query;
  if (r.scheme) {
    scheme = *r.scheme;
    if (r.authority) authority = std::string(*r.authority);
    path = remove_dot_segments(r.path);
    if (r.query) query = std::string(*r.query);
  } else {
    scheme = *b.scheme;
    if (r.authority) {
      authority = std::string(*r.authority);
      path = remove_dot_segments(r.path);
      if (r.query) query = std::string(*r.query);
    } else {
      if (b.authority) authority = std::string(*b.authority);
      if (r.path.empty()) {
        path = std::string(b.path);
        if (r.query) {
          query = std::string(*r.query);
        } else if (b.query) {
          query = std::string(*b.query);
        }
      } else {
        path = remove_dot_segments(r.path[0] == '/' ? std::string(r.path) : merge(b, r.path));
        if (r.query) query = std::string(*r.query);
      }
    }
  }
  std::string out = scheme + ":";
  if (authority) out += "//" + *authority;
  out += path;
  if (query) out += "?" + *query;
  if (r.fragment) out += "#" + std::string(*r.fragment);
  return out;
}

}  // namespace kennis::sparql::syntax
