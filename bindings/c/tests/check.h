/* What every C test file of nangsuat checks with: CHECK counts and reports a failed
 * condition, CHECK_STATUS a call that returned another status (with the library's message).
 * Each test program includes this once and prints its counts at the end. */
#ifndef NANGSUAT_TESTS_CHECK_H
#define NANGSUAT_TESTS_CHECK_H

#include "nangsuat.h"

#include <stdio.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                              \
  do {                                                                           \
    checks++;                                                                    \
    if (!(cond)) {                                                               \
      failures++;                                                                \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
    }                                                                            \
  } while (0)

static char message[1024];

static const char *last_error(void) {
  ns_last_error_message(message, sizeof message);
  return message;
}

#define CHECK_STATUS(call, expected)                                                      \
  do {                                                                                    \
    NsStatus got_ = (call);                                                               \
    checks++;                                                                             \
    if (got_ != (expected)) {                                                             \
      failures++;                                                                         \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s (%s)\n", __FILE__, __LINE__,    \
              #call, ns_status_name(got_), ns_status_name(expected), last_error());        \
    }                                                                                     \
  } while (0)

#endif
