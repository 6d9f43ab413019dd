// test_main.cpp — the doctest runner's entry point; every tests/**/*_test.cpp links into it.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
