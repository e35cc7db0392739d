/* Embedding nangsuat from C: growth accounting of a short series, then the monitoring report
 * of the embedded plans. Build (from the repository root):
 *
 *   cargo build --release -p nangsuat-c
 *   cc -std=c99 -I bindings/c/include examples/c/embed.c target/release/libnangsuat.a \
 *      -lpthread -ldl -lm -o embed && ./embed
 */
#include "nangsuat.h"

#include <stdio.h>
#include <stdlib.h>

static int fail(NsStatus status) {
  char message[512];
  ns_last_error_message(message, sizeof message);
  fprintf(stderr, "nangsuat: %s: %s\n", ns_status_name(status), message);
  return 1;
}

int main(void) {
  int32_t year[] = {2019, 2020, 2021, 2022};
  double gdp[] = {100.0, 102.9, 105.5, 113.9};
  double capital[] = {300.0, 318.0, 335.0, 356.0};
  double labour[] = {54.7, 53.6, 49.1, 50.6};
  NsAccountingInput input = {4, year, gdp, capital, labour, NULL, 0.48, NULL, NULL};
  double tfp[4], share[4];
  bool defined[4], share_defined[4];
  NsAccountingOutput out = {0};
  out.tfp_growth = tfp;
  out.growth_defined = defined;
  out.tfp_share = share;
  out.tfp_share_defined = share_defined;
  NsStatus status = ns_growth_accounting(&input, NULL, &out);
  if (status != NS_STATUS_OK) return fail(status);
  printf("nangsuat %s\nyear  TFP growth  TFP share\n", ns_version());
  for (int i = 0; i < 4; i++) {
    if (!defined[i]) continue;
    if (share_defined[i]) printf("%d  %9.4f  %8.1f %%\n", year[i], tfp[i], 100 * share[i]);
    else printf("%d  %9.4f  undefined\n", year[i], tfp[i]);
  }

  char *plans = NULL, *report = NULL;
  status = ns_builtin_plans_json(&plans);
  if (status != NS_STATUS_OK) return fail(status);
  status = ns_assess(plans, NULL, "statcan", NS_REPORT_MARKDOWN_EN, &report);
  ns_string_free(plans);
  if (status != NS_STATUS_OK) return fail(status);
  fputs(report, stdout);
  ns_string_free(report);
  return 0;
}
