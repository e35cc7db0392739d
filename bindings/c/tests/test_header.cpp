// The header compiles as C++ and can be included twice (include guard).
#include "nangsuat.h"
#include "nangsuat.h"

int main() {
  NsAccountingOutput out = {};
  (void)out;
  return ns_version() == nullptr ? 1 : 0;
}
