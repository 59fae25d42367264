// Encoding of a term in the arena (after its length as a varint: 7 bits a byte, low first):
//   IRI      'I' iri
//   blank    'B' label
//   literal  'S' lexical                      (xsd:string)
//            'L' lang '\0' lexical            (rdf:langString)
//            'T' datatype '\0' lexical        (other datatypes; IRIs contain no NUL)
#include "rdf/dictionary.hpp"

#include <cassert>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace kennis::rdf {

namespace {
constexpr std::size_t kBlockSize = 1 << 20;

// 64-bit FNV-1a variant with a final mix; fast on short strings, good enough spread.
std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    h = (h ^ static_cast<unsigned char>(*p)) * 0x100000001b3ULL;
    ++p;
    --n;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}
}  // namespace

Dictionary::Dictionary() { table_.assign(1024, Slot{0, 0}); }
Dictionary::~Dictionary() = default;

void Dictionary::encode_into(const TermView& t, std::string& enc) const {
  enc.clear();
  switch (t.kind) {
    case TermKind::kIri:
      enc.reserve(t.value.size() + 1);
      enc += 'I';
      enc += t.value;
      break;
    case TermKind::kBlank:
      enc += 'B';
      enc += t.value;
      break;
    case TermKind::kLiteral:
      if (!t.lang.empty()) {
        enc += 'L';
        enc += t.lang;
        enc += '\0';
      } else if (t.datatype.empty() || t.datatype == kXsdString) {
        enc += 'S';
      } else {
        enc += 'T';
        enc += t.datatype;
        enc += '\0';
      }
      enc += t.value;
      break;
  }
}

std::uint64_t Dictionary::hash_of(std::string_view encoded) const { return hash_bytes(encoded); }

std::string_view Dictionary::encoded(TermId id) const {
  const std::size_t i = id - 1;
  const auto* p = reinterpret_cast<const unsigned char*>(
      pages_[i >> kPageBits][i & ((std::size_t{1} << kPageBits) - 1)]);
  std::size_t len = 0;
  for (unsigned shift = 0;; shift += 7) {
    const unsigned char b = *p++;
    len |= static_cast<std::size_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) break;
  }
  return {reinterpret_cast<const char*>(p), len};
}

const char* Dictionary::store_encoded(std::string_view enc) {
  unsigned char header[10];
  std::size_t header_len = 0;
  for (std::size_t len = enc.size();; len >>= 7) {
    header[header_len++] = static_cast<unsigned char>((len & 0x7F) | (len >= 0x80 ? 0x80 : 0));
    if (len < 0x80) break;
  }
  const std::size_t need = enc.size() + header_len;
  if (need > block_left_) {
    const std::size_t size = need > kBlockSize / 4 ? need : kBlockSize;
    // Not zero-filled: pages of a block become resident only when written.
    blocks_.push_back(std::unique_ptr<char[]>(new char[size]));
    arena_bytes_ += size;
    if (size == kBlockSize) {
      block_pos_ = blocks_.back().get();
      block_left_ = size;
    } else {
      // A large term gets a block of its own; the current block stays open.
      char* p = blocks_.back().get();
      std::memcpy(p, header, header_len);
      std::memcpy(p + header_len, enc.data(), enc.size());
      return p;
    }
  }
  char* p = block_pos_;
  std::memcpy(p, header, header_len);
  std::memcpy(p + header_len, enc.data(), enc.size());
  block_pos_ += need;
  block_left_ -= need;
  return p;
}

void Dictionary::grow_table() {
  std::vector<Slot> bigger(table_.size() * 2, Slot{0, 0});
  const std::size_t mask = bigger.size() - 1;
  for (const Slot& slot : table_) {
    if (slot.id == 0) continue;
    std::size_t pos = slot.hash & mask;
    while (bigger[pos].id != 0) pos = (pos + 1) & mask;
    bigger[pos] = slot;
  }
  table_.swap(bigger);
}

TermId Dictionary::find(const TermView& t) const {
  encode_into(t, scratch_);
  const auto h32 = static_cast<std::uint32_t>(hash_of(scratch_));
  const std::size_t mask = table_.size() - 1;
  for (std::size_t pos = h32 & mask;; pos = (pos + 1) & mask) {
    const Slot& slot = table_[pos];
    if (slot.id == 0) return kNoTerm;
    if (slot.hash == h32 && encoded(slot.id) == scratch_) return slot.id;
  }
}

TermId Dictionary::intern(const TermView& t) {
  encode_into(t, scratch_);
  const auto h32 = static_cast<std::uint32_t>(hash_of(scratch_));
  const std::size_t mask = table_.size() - 1;
  std::size_t pos = h32 & mask;
  for (;; pos = (pos + 1) & mask) {
    const Slot& slot = table_[pos];
    if (slot.id == 0) break;
    if (slot.hash == h32 && encoded(slot.id) == scratch_) return slot.id;
  }
  if (size_ >= std::numeric_limits<TermId>::max() - 1) throw std::length_error("too many terms");
  const std::size_t i = size_;
  if ((i >> kPageBits) == pages_.size()) {
    // Not zero-filled, so that the unused tail of the last page costs no resident memory.
    pages_.push_back(std::unique_ptr<const char*[]>(new const char*[std::size_t{1} << kPageBits]));
  }
  pages_[i >> kPageBits][i & ((std::size_t{1} << kPageBits) - 1)] = store_encoded(scratch_);
  ++size_;
  const auto id = static_cast<TermId>(size_);
  table_[pos] = Slot{id, h32};
  if (size_ * 5 > table_.size() * 4) grow_table();
  return id;
}

TermKind Dictionary::kind(TermId id) const {
  switch (encoded(id)[0]) {
    case 'I':
      return TermKind::kIri;
    case 'B':
      return TermKind::kBlank;
    default:
      return TermKind::kLiteral;
  }
}

TermView Dictionary::term(TermId id) const {
  assert(id > 0 && id <= size_);
  std::string_view enc = encoded(id);
  TermView v;
  std::string_view rest = enc.substr(1);
  switch (enc[0]) {
    case 'I':
      v.kind = TermKind::kIri;
      v.value = rest;
      break;
    case 'B':
      v.kind = TermKind::kBlank;
      v.value = rest;
      break;
    case 'S':
      v.kind = TermKind::kLiteral;
      v.value = rest;
      v.datatype = kXsdString;
      break;
    case 'L': {
      std::size_t nul = rest.find('\0');
      v.kind = TermKind::kLiteral;
      v.lang = rest.substr(0, nul);
      v.value = rest.substr(nul + 1);
      v.datatype = kRdfLangString;
      break;
    }
    default: {
      std::size_t nul = rest.find('\0');
      v.kind = TermKind::kLiteral;
      v.datatype = rest.substr(0, nul);
      v.value = rest.substr(nul + 1);
      break;
    }
  }
  return v;
}

std::size_t Dictionary::memory_bytes() const {
  return arena_bytes_ + pages_.size() * (std::size_t{1} << kPageBits) * sizeof(const char*) +
         table_.capacity() * sizeof(Slot);
}

}  // namespace kennis::rdf
