// Encoding of a term in the arena (after a 4-byte length):
//   IRI      'I' iri
//   blank    'B' label
//   literal  'S' lexical                      (xsd:string)
//            'L' lang '\0' lexical            (rdf:langString)
//            'T' datatype '\0' lexical        (other datatypes; IRIs contain no NUL)
#include "rdf/dictionary.hpp"

#include <cassert>
#include <cstring>

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

Dictionary::Dictionary() { table_.assign(1024, 0); }
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
  const char* p = entries_[id - 1];
  std::uint32_t len;
  std::memcpy(&len, p, 4);
  return {p + 4, len};
}

const char* Dictionary::store_encoded(std::string_view enc) {
  std::size_t need = enc.size() + 4;
  if (need > block_left_) {
    std::size_t size = need > kBlockSize / 4 ? need : kBlockSize;
    blocks_.push_back(std::make_unique<char[]>(size));
    arena_bytes_ += size;
    block_pos_ = blocks_.back().get();
    block_left_ = size;
  }
  char* p = block_pos_;
  auto len = static_cast<std::uint32_t>(enc.size());
  std::memcpy(p, &len, 4);
  std::memcpy(p + 4, enc.data(), enc.size());
  block_pos_ += need;
  block_left_ -= need;
  return p;
}

void Dictionary::grow_table() {
  std::vector<std::uint32_t> bigger(table_.size() * 2, 0);
  const std::size_t mask = bigger.size() - 1;
  for (std::uint32_t id : table_) {
    if (id == 0) continue;
    std::size_t pos = hashes_[id - 1] & mask;
    while (bigger[pos] != 0) pos = (pos + 1) & mask;
    bigger[pos] = id;
  }
  table_.swap(bigger);
}

TermId Dictionary::find(const TermView& t) const {
  encode_into(t, scratch_);
  const std::uint64_t h = hash_of(scratch_);
  const auto h32 = static_cast<std::uint32_t>(h);
  const std::size_t mask = table_.size() - 1;
  for (std::size_t pos = h32 & mask;; pos = (pos + 1) & mask) {
    std::uint32_t id = table_[pos];
    if (id == 0) return kNoTerm;
    if (hashes_[id - 1] == h32 && encoded(id) == scratch_) return id;
  }
}

TermId Dictionary::intern(const TermView& t) {
  encode_into(t, scratch_);
  const std::uint64_t h = hash_of(scratch_);
  const auto h32 = static_cast<std::uint32_t>(h);
  const std::size_t mask = table_.size() - 1;
  std::size_t pos = h32 & mask;
  for (;; pos = (pos + 1) & mask) {
    std::uint32_t id = table_[pos];
    if (id == 0) break;
    if (hashes_[id - 1] == h32 && encoded(id) == scratch_) return id;
  }
  entries_.push_back(store_encoded(scratch_));
  hashes_.push_back(h32);
  const auto id = static_cast<TermId>(entries_.size());
  table_[pos] = id;
  if (entries_.size() * 2 > table_.size()) grow_table();
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
  assert(id > 0 && id <= entries_.size());
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
  return arena_bytes_ + entries_.capacity() * sizeof(const char*) +
         table_.capacity() * sizeof(std::uint32_t) + hashes_.capacity() * sizeof(std::uint32_t);
}

}  // namespace kennis::rdf
