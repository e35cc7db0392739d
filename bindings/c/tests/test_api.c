/* C tests of the nangsuat C API: the README example, every status the API returns, NULL and
 * bad inputs, malformed JSON and TOML, ownership (run under valgrind: zero leaks, zero
 * errors), and PWT 10.01 reproduced through ns_pwt_tfp.
 *
 * Usage: test_api PATH/TO/pwt1001.csv */
#include "nangsuat.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* README example: METHODS §2 worked check. */
static void test_worked_example(void) {
  int32_t year[] = {2020, 2021};
  double gdp[] = {100.0, 107.0}, capital[] = {300.0, 321.0}, labour[] = {50.0, 51.0};
  double share[] = {0.60, 0.62};
  NsAccountingInput in = {2, year, gdp, capital, labour, share, 0.0, NULL, NULL};
  double tfp[2], tfp_share[2], index[2], kc[2], lc[2];
  bool defined[2], share_defined[2];
  NsAccountingOutput out = {0};
  out.growth_defined = defined;
  out.tfp_growth = tfp;
  out.tfp_share = tfp_share;
  out.tfp_share_defined = share_defined;
  out.tfp_index = index;
  out.capital_contribution = kc;
  out.labour_contribution = lc;
  CHECK_STATUS(ns_growth_accounting(&in, NULL, &out), NS_STATUS_OK);
  CHECK(!defined[0] && defined[1]);
  CHECK(fabs(tfp[1] - 0.029192) < 5e-7);
  CHECK(fabs(kc[1] - 0.026387) < 5e-7 && fabs(lc[1] - 0.012080) < 5e-7);
  CHECK(share_defined[1] && fabs(tfp_share[1] - 0.4315) < 5e-5);
  CHECK(!share_defined[0]);
  CHECK(index[0] == 1.0);

  /* GSO: discrete growth, constant share: 0.07 − 0.4·0.07 − 0.6·0.02 = 0.03. */
  NsAccountingInput gso_in = {2, year, gdp, capital, labour, NULL, 0.6, NULL, NULL};
  NsAccountingOptions gso = {NS_PROFILE_GSO, NS_NAN_RAISE, false, 0};
  CHECK_STATUS(ns_growth_accounting(&gso_in, &gso, &out), NS_STATUS_OK);
  CHECK(fabs(tfp[1] - 0.03) < 1e-12);
}

static void test_panel(void) {
  /* Rows in any order; results aligned with the input rows. */
  int64_t entity[] = {2, 1, 2, 1};
  int32_t year[] = {2001, 2000, 2000, 2001};
  double y[] = {2.2, 1.0, 2.0, 1.1}, k[] = {4, 2, 4, 2}, l[] = {1, 1, 1, 1};
  NsAccountingInput in = {4, year, y, k, l, NULL, 0.6, NULL, NULL};
  double tfp[4];
  bool defined[4];
  NsAccountingOutput out = {0};
  out.tfp_growth = tfp;
  out.growth_defined = defined;
  CHECK_STATUS(ns_growth_accounting_panel(entity, &in, NULL, &out), NS_STATUS_OK);
  CHECK(defined[0] && !defined[1] && !defined[2] && defined[3]);
  CHECK(fabs(tfp[0] - log(1.1)) < 1e-15 && fabs(tfp[3] - log(1.1)) < 1e-15);

  /* A bad value names the entity, the series, the year and the value. */
  y[0] = -3.0;
  CHECK_STATUS(ns_growth_accounting_panel(entity, &in, NULL, &out), NS_STATUS_NON_POSITIVE);
  CHECK(strstr(last_error(), "output") && strstr(message, "2001") && strstr(message, "-3") &&
        strstr(message, "entity `2`"));
  CHECK_STATUS(ns_growth_accounting_panel(NULL, &in, NULL, &out), NS_STATUS_NULL_ARGUMENT);
  CHECK(strstr(last_error(), "entity") != NULL);
}

static void test_statuses(void) {
  int32_t year[] = {2020, 2021};
  double gdp[] = {100.0, 107.0}, capital[] = {300.0, 321.0}, labour[] = {50.0, 51.0};
  double tfp[2];
  NsAccountingOutput out = {0};
  out.tfp_growth = tfp;
  NsAccountingInput in = {2, year, gdp, capital, labour, NULL, 0.6, NULL, NULL};

  CHECK_STATUS(ns_growth_accounting(NULL, NULL, &out), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_growth_accounting(&in, NULL, NULL), NS_STATUS_NULL_ARGUMENT);
  NsAccountingInput no_gdp = in;
  no_gdp.output = NULL;
  CHECK_STATUS(ns_growth_accounting(&no_gdp, NULL, &out), NS_STATUS_NULL_ARGUMENT);
  CHECK(strstr(last_error(), "input.output") != NULL);
  /* len 0 with NULL arrays is an empty, valid input. */
  NsAccountingInput empty = {0, NULL, NULL, NULL, NULL, NULL, 0.6, NULL, NULL};
  CHECK_STATUS(ns_growth_accounting(&empty, NULL, &out), NS_STATUS_OK);

  NsAccountingInput bad_share = in;
  bad_share.labour_share_constant = 60.0;
  CHECK_STATUS(ns_growth_accounting(&bad_share, NULL, &out), NS_STATUS_OUT_OF_RANGE);
  CHECK(strstr(last_error(), "60") != NULL);

  NsAccountingOptions bad_profile = {7, NS_NAN_RAISE, false, 0};
  CHECK_STATUS(ns_growth_accounting(&in, &bad_profile, &out), NS_STATUS_INVALID_ENUM);
  NsAccountingOptions bad_nan = {NS_PROFILE_TORNQVIST, -1, false, 0};
  CHECK_STATUS(ns_growth_accounting(&in, &bad_nan, &out), NS_STATUS_INVALID_ENUM);
  NsAccountingOptions base = {NS_PROFILE_TORNQVIST, NS_NAN_RAISE, true, 1999};
  CHECK_STATUS(ns_growth_accounting(&in, &base, &out), NS_STATUS_YEAR_NOT_FOUND);

  double hc[] = {2.0, 2.1};
  NsAccountingInput gso_hc = in;
  gso_hc.human_capital = hc;
  NsAccountingOptions gso = {NS_PROFILE_GSO, NS_NAN_RAISE, false, 0};
  CHECK_STATUS(ns_growth_accounting(&gso_hc, &gso, &out), NS_STATUS_INVALID_PARAMETER);

  int32_t dup[] = {2020, 2020};
  NsAccountingInput dup_in = in;
  dup_in.year = dup;
  CHECK_STATUS(ns_growth_accounting(&dup_in, NULL, &out), NS_STATUS_DUPLICATE_YEAR);
  int32_t gap[] = {2020, 2022};
  NsAccountingInput gap_in = in;
  gap_in.year = gap;
  CHECK_STATUS(ns_growth_accounting(&gap_in, NULL, &out), NS_STATUS_MISSING_YEAR);
  CHECK(strstr(last_error(), "2021") != NULL);
  double nan_gdp[] = {100.0, NAN};
  NsAccountingInput nan_in = in;
  nan_in.output = nan_gdp;
  CHECK_STATUS(ns_growth_accounting(&nan_in, NULL, &out), NS_STATUS_NON_FINITE);
  NsAccountingOptions propagate = {NS_PROFILE_TORNQVIST, NS_NAN_PROPAGATE, false, 0};
  bool defined[2];
  out.growth_defined = defined;
  CHECK_STATUS(ns_growth_accounting(&nan_in, &propagate, &out), NS_STATUS_OK);
  CHECK(!defined[1]);

  /* Names of every status, including those only other faces produce. */
  CHECK(strcmp(ns_status_name(NS_STATUS_OK), "ok") == 0);
  CHECK(strcmp(ns_status_name(NS_STATUS_PANIC), "panic") == 0);
  CHECK(strcmp(ns_status_name(NS_STATUS_LENGTH_MISMATCH), "length_mismatch") == 0);
  CHECK(strcmp(ns_status_name(NS_STATUS_EMPTY), "empty") == 0);
  CHECK(strcmp(ns_status_name(NS_STATUS_UNSORTED_YEARS), "unsorted_years") == 0);
  CHECK(strcmp(ns_status_name(NS_STATUS_INSUFFICIENT_DATA), "insufficient_data") == 0);
  CHECK(strcmp(ns_status_name(NS_STATUS_IO_ERROR), "io") == 0);
  CHECK(strcmp(ns_status_name(NS_STATUS_OTHER), "other") == 0);
  CHECK(strcmp(ns_status_name(12345), "unknown") == 0);

  /* The message sizing protocol: NULL buffer gives the length; truncation keeps a NUL. */
  size_t needed = ns_last_error_message(NULL, 0);
  CHECK(needed == strlen(last_error()));
  char tiny[8];
  CHECK(ns_last_error_message(tiny, sizeof tiny) == needed);
  CHECK(strlen(tiny) == sizeof tiny - 1);
}

static void test_plans(void) {
  char *json = NULL;
  CHECK_STATUS(ns_builtin_plans_json(&json), NS_STATUS_OK);
  CHECK(json != NULL && strstr(json, "vn-d36-2021") != NULL);
  CHECK(strstr(json, "trên 7%/năm") != NULL);

  /* Round trip: JSON → plan → TOML → plan → JSON. */
  const char *toml_text =
      "schema_version = 1\n"
      "id = \"demo\"\n"
      "title_vi = \"Kế hoạch thử\"\n"
      "level = \"provincial\"\n"
      "status = \"draft\"\n"
      "issuing_body = \"UBND tỉnh\"\n"
      "territory = \"thanh_hoa\"\n"
      "period = { start = 2021, end = 2025 }\n"
      "[[goals]]\n"
      "id = \"lp\"\n"
      "indicator = \"lp_growth_avg\"\n"
      "target = { comparator = \"above\", value = 11.0 }\n"
      "unit = \"percent_per_year\"\n"
      "scope = { level = \"province\", name = \"thanh_hoa\" }\n"
      "source_text = \"tăng năng suất lao động bình quân trên 11%/năm\"\n";
  NsPlan *plan = NULL;
  CHECK_STATUS(ns_plan_from_toml(toml_text, &plan), NS_STATUS_OK);
  char *plan_json = NULL, *plan_toml = NULL, *findings = NULL;
  CHECK_STATUS(ns_plan_to_json(plan, &plan_json), NS_STATUS_OK);
  CHECK_STATUS(ns_plan_to_toml(plan, &plan_toml), NS_STATUS_OK);
  NsPlan *again = NULL;
  CHECK_STATUS(ns_plan_from_json(plan_json, &again), NS_STATUS_OK);
  char *again_toml = NULL;
  CHECK_STATUS(ns_plan_to_toml(again, &again_toml), NS_STATUS_OK);
  CHECK(again_toml && plan_toml && strcmp(again_toml, plan_toml) == 0);
  CHECK_STATUS(ns_plan_validate(plan, &findings), NS_STATUS_OK);
  CHECK(findings && strstr(findings, "goal_without_task") != NULL);

  /* Malformed input: the out-param stays untouched, the message names the place. */
  NsPlan *untouched = (NsPlan *)0x1;
  CHECK_STATUS(ns_plan_from_json("{\"schema_version\": 1, ", &untouched), NS_STATUS_PARSE_ERROR);
  CHECK(untouched == (NsPlan *)0x1);
  CHECK_STATUS(ns_plan_from_toml("schema_version = 1\nid = 3\n", &untouched), NS_STATUS_PARSE_ERROR);
  CHECK(strstr(last_error(), "line") != NULL);
  CHECK(untouched == (NsPlan *)0x1);
  CHECK_STATUS(ns_plan_from_toml(NULL, &untouched), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_plan_from_toml(toml_text, NULL), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_plan_to_json(NULL, &plan_json), NS_STATUS_NULL_ARGUMENT);
  const char bad_utf8[] = {'i', 'd', (char)0xff, 0};
  CHECK_STATUS(ns_plan_from_toml(bad_utf8, &untouched), NS_STATUS_INVALID_UTF8);

  /* Assessment: plans + embedded observations → report. */
  char *report = NULL;
  CHECK_STATUS(ns_assess(json, NULL, NULL, NS_REPORT_MARKDOWN_VI, &report), NS_STATUS_OK);
  CHECK(report && strstr(report, "đúng tiến độ") != NULL);
  ns_string_free(report);
  report = NULL;
  CHECK_STATUS(ns_assess(json, NULL, "unsd", NS_REPORT_JSON, &report), NS_STATUS_OK);
  CHECK(report && strstr(report, "\"method\": \"unsd\"") != NULL);
  ns_string_free(report);
  CHECK_STATUS(ns_assess(json, NULL, "guess", NS_REPORT_JSON, &report), NS_STATUS_INVALID_PARAMETER);
  CHECK_STATUS(ns_assess(json, NULL, NULL, 9, &report), NS_STATUS_INVALID_ENUM);
  CHECK_STATUS(ns_assess("[1, 2]", NULL, NULL, NS_REPORT_JSON, &report), NS_STATUS_PARSE_ERROR);
  CHECK(strstr(last_error(), "plans[0]") != NULL);
  CHECK_STATUS(ns_assess(json, "scope,indicator\n", NULL, NS_REPORT_JSON, &report), NS_STATUS_PARSE_ERROR);
  report = NULL;
  CHECK_STATUS(ns_vietnam_report(NS_REPORT_MARKDOWN_EN, &report), NS_STATUS_OK);
  CHECK(report && strstr(report, "36/QĐ-TTg") != NULL);

  ns_string_free(report);
  ns_string_free(findings);
  ns_string_free(again_toml);
  ns_string_free(plan_toml);
  ns_string_free(plan_json);
  ns_string_free(json);
  ns_plan_free(again);
  ns_plan_free(plan);
  ns_plan_free(NULL);
  ns_string_free(NULL);
}

/* ---- PWT 10.01 through the C API ---- */

enum { MAX_ROWS = 20000, MAX_CODES = 400 };
static char codes[MAX_CODES][4];
static int n_codes = 0;

static int64_t code_of(const char *c) {
  for (int i = 0; i < n_codes; i++)
    if (strcmp(codes[i], c) == 0) return i;
  if (n_codes == MAX_CODES) return -1;
  strncpy(codes[n_codes], c, 3);
  codes[n_codes][3] = 0;
  return n_codes++;
}

/* Splits a CSV line (with quoted fields) in place; returns the number of fields. */
static int split(char *line, char **fields, int max) {
  int n = 0;
  char *p = line;
  while (n < max) {
    if (*p == '"') {
      fields[n++] = ++p;
      while (*p && *p != '"') p++;
      if (*p) *p++ = 0;
    } else {
      fields[n++] = p;
    }
    while (*p && *p != ',' && *p != '\n' && *p != '\r') p++;
    if (*p != ',') {
      *p = 0;
      break;
    }
    *p++ = 0;
  }
  return n;
}

static double number(const char *s) { return *s ? strtod(s, NULL) : NAN; }

static void test_pwt(const char *path) {
  FILE *f = fopen(path, "r");
  CHECK(f != NULL);
  if (!f) return;
  static int64_t cc[MAX_ROWS];
  static int32_t year[MAX_ROWS];
  static double col[10][MAX_ROWS], rtfpna[MAX_ROWS], ctfp[MAX_ROWS], published[2][MAX_ROWS];
  static bool rdef[MAX_ROWS], cdef[MAX_ROWS];
  const char *wanted[] = {"rgdpna", "rkna", "emp", "avh", "hc", "labsh", "cgdpo", "ck", "rtfpna", "ctfp"};
  int where[10], code_col = -1, year_col = -1;
  char line[4096];
  char *fields[64];
  if (!fgets(line, sizeof line, f)) return;
  int nf = split(line, fields, 64);
  for (int i = 0; i < nf; i++) {
    if (strcmp(fields[i], "countrycode") == 0) code_col = i;
    if (strcmp(fields[i], "year") == 0) year_col = i;
    for (int j = 0; j < 10; j++)
      if (strcmp(fields[i], wanted[j]) == 0) where[j] = i;
  }
  size_t n = 0;
  while (n < MAX_ROWS && fgets(line, sizeof line, f)) {
    split(line, fields, 64);
    cc[n] = code_of(fields[code_col]);
    year[n] = (int32_t)atoi(fields[year_col]);
    for (int j = 0; j < 8; j++) col[j][n] = number(fields[where[j]]);
    published[0][n] = number(fields[where[8]]);
    published[1][n] = number(fields[where[9]]);
    n++;
  }
  fclose(f);
  NsPwtInput in = {n, cc, year, col[0], col[1], col[2], col[3], col[4], col[5], col[6], col[7]};
  CHECK_STATUS(ns_pwt_tfp(&in, code_of("USA"), rtfpna, rdef, ctfp, cdef), NS_STATUS_OK);
  int compared = 0;
  double worst = 0.0;
  for (size_t i = 0; i < n; i++) {
    for (int m = 0; m < 2; m++) {
      if (isnan(published[m][i])) continue;
      bool ok = m == 0 ? rdef[i] : cdef[i];
      double ours = m == 0 ? rtfpna[i] : ctfp[i];
      CHECK(ok);
      double rel = fabs(ours / published[m][i] - 1.0);
      if (rel > worst) worst = rel;
      compared++;
    }
  }
  printf("PWT 10.01 through the C API: %d published rtfpna/ctfp values, worst relative error %.2g\n",
         compared, worst);
  CHECK(compared > 2000);
  CHECK(worst < 2e-6);
}

int main(int argc, char **argv) {
  CHECK(strcmp(ns_version(), NANGSUAT_VERSION) == 0);
  test_worked_example();
  test_panel();
  test_statuses();
  test_plans();
  if (argc > 1) test_pwt(argv[1]);
  else CHECK(!"usage: test_api PATH/TO/pwt1001.csv");
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
