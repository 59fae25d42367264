// PrefixMap: prefixes (name -> namespace IRI) in the order they were declared, the one type
// for the prefixes of data files (Turtle, TriG), queries (SPARQL PREFIX), rule files and
// the writers. Expands prefixed names and abbreviates IRIs (see CompactOptions for which
// local parts an abbreviation may have).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kennis::rdf {

/// A prefix: its name without the colon ("" for the empty prefix) and its namespace IRI.
struct Prefix {
  std::string name;
  std::string iri;
  friend bool operator==(const Prefix&, const Prefix&) = default;
};

/// The local parts an abbreviation "name:local" may have (never empty).
enum class LocalNames : std::uint8_t {
  /// ASCII letters and digits, '_' and '-'.
  kAscii,
  /// Letters and digits, '_', '-' and every non-ASCII character; not starting with '-'
  /// (a PN_LOCAL without escapes, '.' or ':').
  kNames,
  /// Anything without '/', '#' or '?' (so that the name never hides a path).
  kNoDelimiters,
};

/// Which prefix abbreviates an IRI that several fit.
enum class PrefixChoice : std::uint8_t {
  kFirst,    ///< the first in declaration order
  kLongest,  ///< the longest namespace IRI (the first of equally long ones)
};

struct CompactOptions {
  LocalNames local = LocalNames::kNames;
  PrefixChoice choice = PrefixChoice::kFirst;
};

class PrefixMap {
 public:
  using const_iterator = std::vector<Prefix>::const_iterator;

  PrefixMap() = default;
  /// The prefixes in order; of two with the same name the first stays.
  PrefixMap(std::initializer_list<Prefix> prefixes);
  // Implicit, like the initializer list: a list of prefixes in order is a prefix map.
  PrefixMap(std::vector<Prefix> prefixes);  // NOLINT(google-explicit-constructor)

  /// Declares `name`: a new name goes last; a declared one takes the new IRI in its place
  /// (a later @prefix or PREFIX with the same name, as in Turtle and SPARQL).
  void set(std::string name, std::string iri);
  /// Declares `name` unless it is declared already (the first declaration wins). True iff
  /// it was added.
  bool add(std::string name, std::string iri);
  /// Adds each of `other`'s prefixes whose name is not declared here, in `other`'s order.
  void merge(const PrefixMap& other);

  /// The prefix named `name`, or end(). Linear in size() (prefix maps are small).
  const_iterator find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != end(); }
  /// The namespace IRI of `name`; throws std::out_of_range if it is not declared.
  const std::string& at(std::string_view name) const;

  /// The IRI of the prefixed name "name:local" (the local part taken as it is: escapes
  /// already removed); nullopt if there is no colon or the prefix is not declared.
  std::optional<std::string> expand(std::string_view prefixed_name) const;
  /// "name:local" for `iri` where a prefix's namespace IRI (not empty) is a proper prefix of
  /// it and the rest is a local part `options` allows; nullopt if no prefix fits.
  std::optional<std::string> compact(std::string_view iri,
                                     const CompactOptions& options = {}) const;

  const_iterator begin() const { return prefixes_.begin(); }
  const_iterator end() const { return prefixes_.end(); }
  std::size_t size() const { return prefixes_.size(); }
  bool empty() const { return prefixes_.empty(); }
  /// REQUIRES: i < size(). The i-th prefix in declaration order.
  const Prefix& operator[](std::size_t i) const { return prefixes_[i]; }
  /// The prefixes in declaration order.
  const std::vector<Prefix>& entries() const { return prefixes_; }
  // Implicit, so that a PrefixMap serves where a list of prefixes in order is asked for.
  operator const std::vector<Prefix>&() const { return prefixes_; }  // NOLINT

  friend bool operator==(const PrefixMap&, const PrefixMap&) = default;

 private:
  std::vector<Prefix> prefixes_;
};

}  // namespace kennis::rdf
