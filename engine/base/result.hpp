// Result<T>: a value or a Diagnostic, for functions that can fail on bad input.
#pragma once

#include "base/diagnostic.hpp"

#include <cassert>
#include <utility>
#include <variant>

namespace kennis::base {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT(google-explicit-constructor)
  Result(Diagnostic error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  /// REQUIRES: ok().
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// REQUIRES: !ok().
  const Diagnostic& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Diagnostic> v_;
};

}  // namespace kennis::base
