// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <utility>
#include <variant>

#include "core/Error.h"

// A value, or the error that prevented it: every fallible core call returns one (a small stand-in for
// C++23 std::expected). The error is an Error (a code and a message) unless an area needs more, as the HAR
// reader does with the entry and field a problem is in. Expected<void> is success or an error.
template<typename T, typename E = Error>
class Expected final
{
public:
    Expected(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Expected(E error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool has_value() const { return m_data.index() == 0; }
    explicit operator bool() const { return has_value(); }
    T& value() { return std::get<0>(m_data); }
    const T& value() const { return std::get<0>(m_data); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const E& error() const { return std::get<1>(m_data); }
    T value_or(T fallback) const { return has_value() ? value() : std::move(fallback); }

private:
    std::variant<T, E> m_data;
};

// Success holds no error at all, so the many successful returns of a reader cost no error's construction.
template<typename E>
class Expected<void, E> final
{
public:
    Expected() = default;
    Expected(E error)
        : m_error(std::move(error))
    { }

    bool has_value() const { return !m_error.has_value(); }
    explicit operator bool() const { return has_value(); }
    // On success, an empty error.
    const E& error() const
    {
        static const E none {};
        return m_error ? *m_error : none;
    }

private:
    std::optional<E> m_error;
};
