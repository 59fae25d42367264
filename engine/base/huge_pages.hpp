// Memory for large arrays that are accessed at random (hash tables, sorted runs searched by
// binary search, radix-sort buckets): blocks of 2 MiB and up are aligned to 2 MiB and marked
// for transparent huge pages (madvise; a hint the kernel may ignore). Tens of megabytes
// probed at random then need a handful of TLB entries instead of thousands, and take a few
// page faults instead of one per 4 KiB. Small blocks use the heap as usual.
//
// HugePageAllocator<T> is a std::allocator replacement for std::vector; ZeroedArray<T> is a
// fixed-size array that starts out all zero bytes (mapped straight from the kernel, which
// hands out zeroed pages lazily).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sys/mman.h>
#include <type_traits>
#include <utility>

namespace kennis::base {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;

template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    const std::size_t rounded = (bytes + kHugePage - 1) & ~(kHugePage - 1);
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < kHugePage) {
      ::operator delete(p);
    } else {
      std::free(p);
    }
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

template <class T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  ZeroedArray() = default;
  explicit ZeroedArray(std::size_t n) : n_(n) {
    if (n == 0) return;
    const std::size_t bytes = n * sizeof(T);
    if (bytes >= kHugePage) {
      // Over-map by one huge page so that the array can start on a huge-page boundary.
      map_bytes_ = bytes + kHugePage;
      void* m =
          ::mmap(nullptr, map_bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (m == MAP_FAILED) throw std::bad_alloc();
      map_ = m;
      const auto addr = reinterpret_cast<std::uintptr_t>(m);
      const std::uintptr_t aligned = (addr + kHugePage - 1) & ~(std::uintptr_t{kHugePage} - 1);
      p_ = reinterpret_cast<T*>(aligned);
#ifdef MADV_HUGEPAGE
      ::madvise(p_, (bytes + kHugePage - 1) & ~(kHugePage - 1), MADV_HUGEPAGE);  // a hint only
#endif
    } else {
      p_ = static_cast<T*>(std::calloc(n, sizeof(T)));
      if (p_ == nullptr) throw std::bad_alloc();
    }
  }
  ~ZeroedArray() { release(); }
  ZeroedArray(const ZeroedArray&) = delete;
  ZeroedArray& operator=(const ZeroedArray&) = delete;
  ZeroedArray(ZeroedArray&& o) noexcept { swap(o); }
  ZeroedArray& operator=(ZeroedArray&& o) noexcept {
    if (this != &o) {
      release();
      swap(o);
    }
    return *this;
  }

  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  T& operator[](std::size_t i) { return p_[i]; }
  const T& operator[](std::size_t i) const { return p_[i]; }
  T* begin() { return p_; }
  T* end() { return p_ + n_; }
  const T* begin() const { return p_; }
  const T* end() const { return p_ + n_; }

 private:
  void swap(ZeroedArray& o) noexcept {
    std::swap(p_, o.p_);
    std::swap(n_, o.n_);
    std::swap(map_, o.map_);
    std::swap(map_bytes_, o.map_bytes_);
  }
  void release() {
    if (map_ != nullptr) {
      ::munmap(map_, map_bytes_);
    } else {
      std::free(p_);
    }
    p_ = nullptr;
    n_ = 0;
    map_ = nullptr;
    map_bytes_ = 0;
  }

  T* p_ = nullptr;
  std::size_t n_ = 0;
  void* map_ = nullptr;  // the mapping, when mapped
  std::size_t map_bytes_ = 0;
};

}  // namespace kennis::base
