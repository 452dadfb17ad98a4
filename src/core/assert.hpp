#pragma once
// JIANGBU_ASSERT guards programmer errors and stays on in release builds
// (unlike <cassert>, which NDEBUG silences). It never validates input: input
// errors are returned as jiangbu::Error values.
#include <cstdio>
#include <cstdlib>

#define JIANGBU_ASSERT(condition)                                                   \
  do {                                                                              \
    if (!(condition)) {                                                             \
      std::fprintf(stderr, "jiangbu: assertion failed: %s (%s:%d)\n", #condition, \
                   __FILE__, __LINE__);                                             \
      std::abort();                                                                 \
    }                                                                               \
  } while (false)
