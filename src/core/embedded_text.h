// embedded_text.h — a text file compiled into the binary (cmake/embed.cmake): shaders, lessons.
#pragma once

#include <cstddef>
#include <string_view>

namespace relulab::core {

struct EmbeddedText {
  const char* name;  // file name without its extension
  const char* text;
};

// Looks a name up in a generated table; nullptr when absent.
inline const char* find_embedded(const EmbeddedText* table, std::size_t count, std::string_view name) {
  for (std::size_t i = 0; i < count; ++i)
    if (table[i].name && name == table[i].name) return table[i].text;
  return nullptr;
}

}  // namespace relulab::core
