// Dictionary: interns RDF terms to dense integer ids (1, 2, 3, ...) and back.
// Storage: each term is encoded once into an append-only arena of fixed-size blocks (so
// views stay valid as the dictionary grows), behind a 1-2 byte length; id -> encoding is a
// paged array of pointers (no reallocation, little slack); an open-addressing hash table of
// (id, hash) slots, at most 80% full, maps encodings to ids. Cost per term: its encoded bytes
// + ~1-2 bytes of length + 8 bytes of pointer + 10-20 bytes of table. See
// docs/internals/store.md.
#pragma once

#include "rdf/term.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kennis::rdf {

/// Dense term identifier. 0 (kNoTerm) is never a term: it means "unbound" in patterns.
using TermId = std::uint32_t;
inline constexpr TermId kNoTerm = 0;

class Dictionary {
 public:
  Dictionary();
  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  /// Returns the id of `t`, interning it if new. Amortised O(length).
  TermId intern(const TermView& t);
  TermId intern(const Term& t) { return intern(t.view()); }
  TermId intern_iri(std::string_view iri) { return intern(TermView{TermKind::kIri, iri, {}, {}}); }

  /// Returns the id of `t` if interned, kNoTerm otherwise. Never allocates an id.
  TermId find(const TermView& t) const;
  TermId find(const Term& t) const { return find(t.view()); }
  TermId find_iri(std::string_view iri) const {
    return find(TermView{TermKind::kIri, iri, {}, {}});
  }

  /// REQUIRES: 0 < id <= size(). The view is valid as long as the dictionary.
  TermView term(TermId id) const;
  TermKind kind(TermId id) const;

  /// Number of terms interned; ids are 1..size().
  std::size_t size() const { return size_; }
  /// Bytes held by the arena and tables.
  std::size_t memory_bytes() const;

 private:
  struct Slot {
    std::uint32_t id;    // 0 = empty
    std::uint32_t hash;  // low 32 bits of the encoding's hash
  };
  static constexpr std::size_t kPageBits = 16;  // ids per page of entry pointers: 65536
  void encode_into(const TermView& t, std::string& out) const;
  std::uint64_t hash_of(std::string_view encoded) const;
  std::string_view encoded(TermId id) const;
  const char* store_encoded(std::string_view enc);
  void grow_table();

  std::vector<std::unique_ptr<const char*[]>> pages_;  // id-1 -> [varint length][encoding]
  std::size_t size_ = 0;
  std::vector<Slot> table_;  // open addressing, linear probing; size a power of two
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* block_pos_ = nullptr;
  std::size_t block_left_ = 0;
  std::size_t arena_bytes_ = 0;
  mutable std::string scratch_;
};

}  // namespace kennis::rdf
