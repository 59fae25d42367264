// IRI references: parts, resolution, file: IRIs. See iri.hpp.
#include "rdf/iri.hpp"

#include <cctype>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace kennis::rdf {

bool has_scheme(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return false;
}

IriParts split_iri(std::string_view s) {
  IriParts r;
  if (has_scheme(s)) {
    const std::size_t colon = s.find(':');
    r.has_scheme = true;
    r.scheme = s.substr(0, colon);
    s.remove_prefix(colon + 1);
  }
  if (const std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    r.has_fragment = true;
    r.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (const std::size_t q = s.find('?'); q != std::string_view::npos) {
    r.has_query = true;
    r.query = s.substr(q + 1);
    s = s.substr(0, q);
  }
  if (s.substr(0, 2) == "//") {
    r.has_authority = true;
    const std::size_t slash = s.find('/', 2);
    r.authority = s.substr(2, slash == std::string_view::npos ? std::string_view::npos : slash - 2);
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash);
  }
  r.path = s;
  return r;
}

// RFC 3986, section 5.2.4.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  auto drop_last_segment = [&out] {
    const std::size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.substr(0, 3) == "../") {
      in.remove_prefix(3);
    } else if (in.substr(0, 2) == "./") {
      in.remove_prefix(2);
    } else if (in.substr(0, 3) == "/./") {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.substr(0, 4) == "/../") {
      in.remove_prefix(3);
      drop_last_segment();
    } else if (in == "/..") {
      in = "/";
      drop_last_segment();
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const std::size_t next = in.find('/', in[0] == '/' ? 1 : 0);
      const std::size_t n = next == std::string_view::npos ? in.size() : next;
      out.append(in.substr(0, n));
      in.remove_prefix(n);
    }
  }
  return out;
}

std::string resolve_iri(std::string_view base, std::string_view reference) {
  // RFC 3986, section 5.2.2 (non-strict: a reference with a scheme is taken as it is).
  if (has_scheme(reference)) return std::string(reference);
  const IriParts b = split_iri(base);
  const IriParts r = split_iri(reference);
  std::string path;
  std::string_view authority = b.authority;
  bool has_authority = b.has_authority;
  std::string_view query = r.query;
  bool has_query = r.has_query;
  if (r.has_authority) {
    authority = r.authority;
    has_authority = true;
    path = remove_dot_segments(r.path);
  } else if (r.path.empty()) {
    path = std::string(b.path);
    if (!r.has_query) query = b.query, has_query = b.has_query;
  } else if (r.path.front() == '/') {
    path = remove_dot_segments(r.path);
  } else {
    // Merge (5.2.3), then remove dot segments.
    std::string merged;
    if (b.has_authority && b.path.empty()) {
      merged = "/" + std::string(r.path);
    } else {
      const std::size_t slash = b.path.rfind('/');
      merged = slash == std::string_view::npos
                   ? std::string(r.path)
                   : std::string(b.path.substr(0, slash + 1)) + std::string(r.path);
    }
    path = remove_dot_segments(merged);
  }
  std::string out;
  out.reserve(base.size() + reference.size());
  if (b.has_scheme) out.append(b.scheme).append(":");
  if (has_authority) out.append("//").append(authority);
  out += path;
  if (has_query) out.append("?").append(query);
  if (r.has_fragment) out.append("#").append(r.fragment);
  return out;
}

std::string file_iri(const std::string& path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  std::string p = ec ? path : abs.lexically_normal().string();
  std::string out = "file://";
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : p) {
    if (std::isalnum(c) || std::strchr("/-._~!$&'()*+,;=:@", c) != nullptr) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace kennis::rdf
