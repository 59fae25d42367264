// Prefix maps. See prefix_map.hpp.
#include "rdf/prefix_map.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace kennis::rdf {

namespace {

bool ascii_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

bool name_char(char c) { return ascii_name_char(c) || static_cast<unsigned char>(c) >= 0x80; }

bool allowed_local(std::string_view local, LocalNames rule) {
  if (local.empty()) return false;
  switch (rule) {
    case LocalNames::kAscii:
      return std::all_of(local.begin(), local.end(), ascii_name_char);
    case LocalNames::kNames:
      return local.front() != '-' && std::all_of(local.begin(), local.end(), name_char);
    case LocalNames::kNoDelimiters:
      return local.find_first_of("/#?") == std::string_view::npos;
  }
  return false;
}

}  // namespace

PrefixMap::PrefixMap(std::initializer_list<Prefix> prefixes) {
  for (const Prefix& p : prefixes) add(p.name, p.iri);
}

PrefixMap::PrefixMap(std::vector<Prefix> prefixes) {
  for (Prefix& p : prefixes) add(std::move(p.name), std::move(p.iri));
}

void PrefixMap::set(std::string name, std::string iri) {
  for (Prefix& p : prefixes_) {
    if (p.name == name) {
      p.iri = std::move(iri);
      return;
    }
  }
  prefixes_.push_back(Prefix{std::move(name), std::move(iri)});
}

bool PrefixMap::add(std::string name, std::string iri) {
  if (contains(name)) return false;
  prefixes_.push_back(Prefix{std::move(name), std::move(iri)});
  return true;
}

void PrefixMap::merge(const PrefixMap& other) {
  for (const Prefix& p : other) add(p.name, p.iri);
}

PrefixMap::const_iterator PrefixMap::find(std::string_view name) const {
  return std::find_if(prefixes_.begin(), prefixes_.end(),
                      [&](const Prefix& p) { return p.name == name; });
}

const std::string& PrefixMap::at(std::string_view name) const {
  const auto it = find(name);
  if (it == end()) throw std::out_of_range("undeclared prefix '" + std::string(name) + ":'");
  return it->iri;
}

std::optional<std::string> PrefixMap::expand(std::string_view prefixed_name) const {
  const std::size_t colon = prefixed_name.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto it = find(prefixed_name.substr(0, colon));
  if (it == end()) return std::nullopt;
  return it->iri + std::string(prefixed_name.substr(colon + 1));
}

std::optional<std::string> PrefixMap::compact(std::string_view iri,
                                              const CompactOptions& options) const {
  const Prefix* best = nullptr;
  for (const Prefix& p : prefixes_) {
    if (p.iri.empty() || iri.size() <= p.iri.size() || iri.substr(0, p.iri.size()) != p.iri ||
        !allowed_local(iri.substr(p.iri.size()), options.local)) {
      continue;
    }
    if (best == nullptr || p.iri.size() > best->iri.size()) best = &p;
    if (options.choice == PrefixChoice::kFirst) break;
  }
  if (best == nullptr) return std::nullopt;
  return best->name + ":" + std::string(iri.substr(best->iri.size()));
}

}  // namespace kennis::rdf
