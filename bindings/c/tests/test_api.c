/* C tests of the nangsuat C API: the README example, every status the API returns, NULL and
 * bad inputs, malformed JSON and TOML, ownership (run under valgrind: zero leaks, zero
 * errors), PWT 10.01 reproduced through ns_pwt_tfp, and DEAP 2.1's DEA and Malmquist examples
 * through ns_dea and ns_malmquist.
 *
 * Usage: test_api PATH/TO/pwt1001.csv */
#include "nangsuat.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

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

  /* Every column of the core is exposed: the four growth inputs of the identity too. */
  double kg[2], lg[2], qg[2], w[2];
  NsAccountingOutput all = out;
  all.capital_growth = kg;
  all.labour_growth = lg;
  all.labour_quality_growth = qg;
  all.labour_weight = w;
  CHECK_STATUS(ns_growth_accounting(&in, NULL, &all), NS_STATUS_OK);
  CHECK(fabs(kg[1] - log(321.0 / 300.0)) < 1e-15 && fabs(lg[1] - log(51.0 / 50.0)) < 1e-15);
  CHECK(qg[1] == 0.0 && fabs(w[1] - 0.61) < 1e-15);
  CHECK(fabs(kc[1] - (1.0 - w[1]) * kg[1]) < 1e-15 && fabs(lc[1] - w[1] * lg[1]) < 1e-15);

  /* Only the TFP index asked for (NULL arrays are not computed): the same values. */
  double index_only[2] = {-1.0, -1.0};
  NsAccountingOutput just_index = {0};
  just_index.tfp_index = index_only;
  CHECK_STATUS(ns_growth_accounting(&in, NULL, &just_index), NS_STATUS_OK);
  CHECK(index_only[0] == index[0] && index_only[1] == index[1]);

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
  /* len 0 (NULL arrays allowed) is the empty-input error, naming the series. */
  NsAccountingInput empty = {0, NULL, NULL, NULL, NULL, NULL, 0.6, NULL, NULL};
  CHECK_STATUS(ns_growth_accounting(&empty, NULL, &out), NS_STATUS_EMPTY);
  CHECK(strstr(last_error(), "output") != NULL);

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
  /* Vietnamese words and numbers: the facts behind Decision 36's LP goal. */
  CHECK(strstr(report, "bình quân 5,24 %/năm giai đoạn 2021–2025") != NULL);
  CHECK(strstr(report, "Việt Nam") != NULL);
  ns_string_free(report);
  report = NULL;
  CHECK_STATUS(ns_assess(json, NULL, NULL, NS_REPORT_JSON, &report), NS_STATUS_OK);
  CHECK(report && strstr(report, "\"fact\": \"level_path\"") != NULL);
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
  CHECK(strstr(report, "average 5.24 %/yr over 2021–2025") != NULL);
  ns_string_free(report);
  report = NULL;
  CHECK_STATUS(ns_vietnam_report(NS_REPORT_MARKDOWN_VI, &report), NS_STATUS_OK);
  CHECK(report && strstr(report, "Hạch toán tăng trưởng hằng năm") != NULL);
  ns_string_free(report);
  report = NULL;
  /* The same report as one HTML document with its charts, in each language. */
  CHECK_STATUS(ns_vietnam_report(NS_REPORT_HTML_VI, &report), NS_STATUS_OK);
  CHECK(report && strncmp(report, "<!DOCTYPE html>", 15) == 0);
  CHECK(strstr(report, "<html lang=\"vi\">") != NULL && strstr(report, "<svg") != NULL);
  CHECK(strstr(report, "<script") == NULL);
  ns_string_free(report);
  report = NULL;
  CHECK_STATUS(ns_assess(json, NULL, NULL, NS_REPORT_HTML_EN, &report), NS_STATUS_OK);
  CHECK(report && strstr(report, "<html lang=\"en\">") != NULL);
  CHECK_STATUS(ns_assess(json, NULL, NULL, 5, &report), NS_STATUS_INVALID_ENUM);
  CHECK(strstr(last_error(), "NS_REPORT_HTML_EN (4)") != NULL);

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

/* DEAP 2.1 example 1 (five firms, inputs x1 x2, one output), input-oriented CRS. */
static void test_dea(void) {
  const double x[] = {2, 5, 2, 4, 6, 6, 3, 2, 6, 2};
  const double y[] = {1, 2, 3, 1, 2};
  NsProduction data = {5, 2, 1, x, y};
  double eff[5], te[5], pte[5], se[5], xs[10], ys[5], weights[5 * 4];
  bool defined[5], scale_defined[5];
  int32_t region[5];
  size_t count[5], peers[5 * 4];
  NsDeaOutput out = {eff, defined, te, pte, se, scale_defined, region, xs, ys, count, peers, weights};
  CHECK_STATUS(ns_dea(&data, NS_ORIENTATION_INPUT, NS_RTS_CRS, true, &out), NS_STATUS_OK);
  const double published[] = {0.500, 1.000, 0.833, 0.714, 1.000};
  for (int j = 0; j < 5; j++) {
    CHECK(defined[j] && fabs(eff[j] - published[j]) < 5e-4);
    CHECK(scale_defined[j] && fabs(se[j] * pte[j] - te[j]) < 1e-12);
  }
  CHECK(fabs(xs[1] - 0.5) < 1e-9 && xs[0] == 0.0); /* firm 1: 0.5 of input 2 */
  /* Firm 4's peers: firms 2 and 5 (rows 1 and 4) with weights 0.214 and 0.286. */
  CHECK(count[3] == 2 && peers[3 * 4] == 1 && peers[3 * 4 + 1] == 4);
  CHECK(fabs(weights[3 * 4] - 0.214) < 5e-4 && fabs(weights[3 * 4 + 1] - 0.286) < 5e-4);
  /* Only some outputs wanted; VRS, output orientation. */
  NsDeaOutput few = {0};
  few.efficiency = eff;
  few.scale_region = region;
  CHECK_STATUS(ns_dea(&data, NS_ORIENTATION_OUTPUT, NS_RTS_VRS, false, &few), NS_STATUS_OK);
  CHECK(region[1] == NS_SCALE_CONSTANT && fabs(eff[1] - 1.0) < 1e-12);
  /* Statuses. */
  CHECK_STATUS(ns_dea(NULL, 0, 0, true, &out), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_dea(&data, 0, 0, true, NULL), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_dea(&data, 2, 0, true, &out), NS_STATUS_INVALID_ENUM);
  CHECK(strstr(last_error(), "orientation") != NULL);
  CHECK_STATUS(ns_dea(&data, 0, 4, true, &out), NS_STATUS_INVALID_ENUM);
  NsProduction no_inputs = {5, 2, 1, NULL, y};
  CHECK_STATUS(ns_dea(&no_inputs, 0, 0, true, &out), NS_STATUS_NULL_ARGUMENT);
  CHECK(strstr(last_error(), "data.inputs") != NULL);
  const double bad_x[] = {2, 5, 2, -4, 6, 6, 3, 2, 6, 2};
  NsProduction negative = {5, 2, 1, bad_x, y};
  eff[0] = 42.0;
  CHECK_STATUS(ns_dea(&negative, 0, 0, true, &out), NS_STATUS_OUT_OF_RANGE);
  CHECK(strstr(last_error(), "input 2 of unit `row 1`") && strstr(message, "-4"));
  CHECK(eff[0] == 42.0); /* untouched on failure */
  const double nan_y[] = {1, 2, NAN, 1, 2};
  NsProduction nan = {5, 2, 1, x, nan_y};
  CHECK_STATUS(ns_dea(&nan, 0, 0, true, &out), NS_STATUS_NON_FINITE);
  NsProduction empty = {0, 2, 1, NULL, NULL};
  CHECK_STATUS(ns_dea(&empty, 0, 0, true, &out), NS_STATUS_EMPTY);
  NsProduction no_vars = {5, 0, 1, x, y};
  CHECK_STATUS(ns_dea(&no_vars, 0, 0, true, &out), NS_STATUS_INVALID_PARAMETER);
  NsProduction overflow = {SIZE_MAX, 2, 1, x, y};
  CHECK_STATUS(ns_dea(&overflow, 0, 0, true, &out), NS_STATUS_INVALID_PARAMETER);
}

/* Points against a frontier: one input, one output, best ratio 1. */
static void test_frontier(void) {
  const double fx[] = {2, 4, 3}, fy[] = {1, 2, 3};
  const double px[] = {3, 1, 10}, py[] = {4.5, 1, 2};
  NsProduction frontier = {3, 1, 1, fx, fy}, points = {3, 1, 1, px, py};
  double e[3];
  bool defined[3];
  CHECK_STATUS(ns_frontier_efficiency(&frontier, &points, NS_ORIENTATION_OUTPUT, NS_RTS_CRS, e,
                                      defined), NS_STATUS_OK);
  CHECK(defined[0] && fabs(e[0] - 1.5) < 1e-12 && defined[1] && fabs(e[1] - 1.0) < 1e-12);
  /* Under VRS nothing on the frontier uses as little as 1 unit of input: undefined. */
  CHECK_STATUS(ns_frontier_efficiency(&frontier, &points, NS_ORIENTATION_OUTPUT, NS_RTS_VRS, e,
                                      defined), NS_STATUS_OK);
  CHECK(!defined[1] && isnan(e[1]) && defined[0] && defined[2]);
  NsProduction two_inputs = {1, 2, 1, px, py};
  CHECK_STATUS(ns_frontier_efficiency(&frontier, &two_inputs, 0, 0, e, defined),
               NS_STATUS_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "2 inputs") != NULL);
  CHECK_STATUS(ns_frontier_efficiency(NULL, &points, 0, 0, e, defined), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_frontier_efficiency(&frontier, &points, 0, 7, NULL, NULL), NS_STATUS_INVALID_ENUM);
}

/* DEAP 2.1 example 4 (five firms, three years, one input, one output), output-oriented. */
static void test_malmquist(void) {
  const double x[] = {2, 4, 3, 5, 6, 2, 4, 3, 5, 5, 2, 4, 3, 5, 5};
  const double y[] = {1, 2, 3, 4, 5, 1, 3, 4, 3, 5, 1, 3, 4, 3, 5};
  int64_t unit[15];
  int32_t period[15];
  for (int i = 0; i < 15; i++) {
    unit[i] = i % 5 + 1;
    period[i] = i / 5 + 1;
  }
  NsProduction data = {15, 1, 1, x, y};
  size_t len = 0, row_from[15], row_to[15];
  int64_t units[15];
  int32_t from[15], to[15];
  double effch[15], techch[15], pech[15], sech[15], tfpch[15], rts_techch[15], rts_sech[15];
  uint8_t defined[15];
  NsMalmquistOutput out = {&len, units, from, to, row_from, row_to, effch, techch,
                           pech, sech, tfpch, rts_techch, rts_sech, defined};
  CHECK_STATUS(ns_malmquist(&data, unit, period, NS_ORIENTATION_OUTPUT, NS_RTS_VRS, &out),
               NS_STATUS_OK);
  CHECK(len == 10);
  /* Year 2, firm 2: effch 1.125 techch 1.333 pech 1.222 sech 0.920 tfpch 1.500. */
  CHECK(units[1] == 2 && from[1] == 1 && to[1] == 2 && row_from[1] == 1 && row_to[1] == 6);
  CHECK(fabs(effch[1] - 1.125) < 5e-4 && fabs(techch[1] - 1.333) < 5e-4);
  CHECK(fabs(pech[1] - 1.222) < 5e-4 && fabs(sech[1] - 0.920) < 5e-4);
  CHECK(fabs(tfpch[1] - 1.5) < 1e-12);
  const uint8_t all = NS_DEFINED_EFFCH | NS_DEFINED_TECHCH | NS_DEFINED_PECH | NS_DEFINED_SECH |
                      NS_DEFINED_TFPCH | NS_DEFINED_RTS_TECHCH | NS_DEFINED_RTS_SECH;
  for (size_t i = 0; i < len; i++) {
    CHECK(defined[i] == all);
    CHECK(fabs(tfpch[i] - effch[i] * techch[i]) <= 1e-12 * tfpch[i]);
    CHECK(fabs(effch[i] - pech[i] * sech[i]) <= 1e-12 * effch[i]);
  }
  char *json = NULL;
  CHECK_STATUS(ns_malmquist_json(&data, unit, period, NS_ORIENTATION_OUTPUT, NS_RTS_VRS, &json),
               NS_STATUS_OK);
  CHECK(json != NULL && strstr(json, "\"period_means\"") && strstr(json, "\"overall\""));
  ns_string_free(json);
  /* A cross-period VRS problem with no solution is undefined for that row only. */
  const double ux[] = {10, 6, 4, 10, 6, 1};
  const double uy[] = {8, 5, 2, 9, 5.5, 1};
  const int64_t uu[] = {1, 2, 3, 1, 2, 3};
  const int32_t up[] = {2020, 2020, 2020, 2021, 2021, 2021};
  NsProduction small = {6, 1, 1, ux, uy};
  CHECK_STATUS(ns_malmquist(&small, uu, up, NS_ORIENTATION_OUTPUT, NS_RTS_VRS, &out),
               NS_STATUS_OK);
  CHECK(len == 3 && units[2] == 3 && !(defined[2] & NS_DEFINED_RTS_TECHCH) && isnan(rts_techch[2]));
  CHECK((defined[2] & NS_DEFINED_TFPCH) && !isnan(tfpch[2]));
  /* Statuses; out-params untouched on failure. */
  len = 77;
  const int32_t same[] = {1, 1, 1, 1, 1, 1};
  CHECK_STATUS(ns_malmquist(&small, uu, same, 1, 1, &out), NS_STATUS_DUPLICATE_YEAR);
  CHECK(strstr(last_error(), "entity `1`") != NULL && len == 77);
  const int64_t distinct[] = {1, 2, 3, 4, 5, 6};
  CHECK_STATUS(ns_malmquist(&small, distinct, same, 1, 1, &out), NS_STATUS_INSUFFICIENT_DATA);
  CHECK_STATUS(ns_malmquist(&small, NULL, up, 1, 1, &out), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_malmquist(&small, uu, up, 1, 9, &out), NS_STATUS_INVALID_ENUM);
  NsMalmquistOutput no_len = out;
  no_len.len = NULL;
  CHECK_STATUS(ns_malmquist(&small, uu, up, 1, 1, &no_len), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_malmquist_json(&small, uu, up, 1, 1, NULL), NS_STATUS_NULL_ARGUMENT);
  const double neg[] = {10, 6, 4, 10, -6, 1};
  NsProduction bad = {6, 1, 1, neg, uy};
  json = NULL;
  CHECK_STATUS(ns_malmquist_json(&bad, uu, up, 1, 1, &json), NS_STATUS_OUT_OF_RANGE);
  CHECK(json == NULL && strstr(last_error(), "unit `2`") && strstr(message, "2021"));
}

/* Sizes no array can have are a caller's mistake reported as a status: never an abort on a
 * failed allocation, a panic, or a read past the buffer. */
static void test_impossible_sizes(void) {
  int32_t year[] = {2020, 2021};
  double gdp[] = {100.0, 107.0}, capital[] = {300.0, 321.0}, labour[] = {50.0, 51.0};
  double tfp[2];
  NsAccountingOutput out = {0};
  out.tfp_growth = tfp;
  size_t sizes[] = {SIZE_MAX, SIZE_MAX / 2, SIZE_MAX / 8, SIZE_MAX / 16, (size_t)1 << 60};
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    NsAccountingInput in = {sizes[k], year, gdp, capital, labour, NULL, 0.6, NULL, NULL};
    CHECK_STATUS(ns_growth_accounting(&in, NULL, &out), NS_STATUS_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "more than this process can hold") != NULL);
  }
  const double x[] = {1.0, 2.0}, y[] = {1.0, 1.0};
  NsDeaOutput dea = {0};
  NsProduction wide = {1, SIZE_MAX, 1, x, y};
  CHECK_STATUS(ns_dea(&wide, 0, 0, false, &dea), NS_STATUS_INVALID_PARAMETER);
  NsProduction tall = {SIZE_MAX / 8, 1, 1, x, y};
  CHECK_STATUS(ns_dea(&tall, 0, 0, false, &dea), NS_STATUS_INVALID_PARAMETER);
}

static void test_provincial_tfp(void) {
  /* METHODS §2 by the GSO form (b_K = 0.4) for province 38; province 22 misses 2021 labour. */
  int64_t province[] = {38, 38, 22, 22};
  int32_t year[] = {2020, 2021, 2020, 2021};
  double y[] = {100, 107, 100, 107}, l[] = {50, 51, 50, NAN}, k[] = {300, 321, 300, 321};
  bool prelim[] = {false, true, false, false};
  NsProvincialTfpInput in = {4, province, year, y, l, k, NULL, NULL, 100.0, 0.05, 5, 0.4, prelim};
  double g[4], share[4];
  bool g_def[4], share_def[4], p[4];
  NsProvincialTfpOutput out = {g, g_def, share, share_def, p};
  CHECK_STATUS(ns_provincial_tfp(&in, &out), NS_STATUS_OK);
  CHECK(!g_def[0] && g_def[1] && !g_def[2] && !g_def[3]);
  CHECK(fabs(g[1] - 3.0) < 1e-12 && share_def[1] && fabs(share[1] - 300.0 / 7.0) < 1e-12);
  CHECK(p[1] && isnan(g[3]));
  /* Capital from deflated investment: K_2010 = 100/(0.05 + 0.05) = 1000, K_2011 = 1055. */
  int32_t years6[] = {2010, 2011, 2012, 2013, 2014, 2015};
  double inv[6], defl[6], y6[6], l6[6], g6[6];
  for (int t = 0; t < 6; t++) {
    inv[t] = 110.0 * pow(1.05, t);
    defl[t] = 110.0;
    y6[t] = 100.0 * pow(1.06, t);
    l6[t] = 50.0 + 0.5 * t;
  }
  NsProvincialTfpInput pim = {6, NULL, years6, y6, l6, NULL, inv, defl, 100.0, 0.05, 5, 0.45, NULL};
  NsProvincialTfpOutput out6 = {g6, NULL, NULL, NULL, NULL};
  CHECK_STATUS(ns_provincial_tfp(&pim, &out6), NS_STATUS_OK);
  double expected = 100.0 * (0.06 - 0.45 * 0.055 - 0.55 * 0.01);
  CHECK(fabs(g6[1] - expected) < 1e-9);
  /* Errors: both capital and investment; a non-positive employment names the province. */
  pim.capital = y6;
  CHECK_STATUS(ns_provincial_tfp(&pim, &out6), NS_STATUS_INVALID_PARAMETER);
  l[0] = 0.0;
  CHECK_STATUS(ns_provincial_tfp(&in, &out), NS_STATUS_NON_POSITIVE);
  CHECK(strstr(last_error(), "38") != NULL && strstr(message, "employment") != NULL);
  CHECK_STATUS(ns_provincial_tfp(NULL, &out), NS_STATUS_NULL_ARGUMENT);
}

/* Readers of published tables (issue 14): a PC-Axis table in memory, the NSO XLSX export
 * from the fixtures (next to pwt1001.csv), and the errors. */
static void test_read_table(const char *pwt_path) {
  const char *px = "STUB=\"region\";\nHEADING=\"year\";\n"
                   "VALUES(\"region\")=\"Ha Noi\",\"Thanh Hoa\";\n"
                   "VALUES(\"year\")=\"2023\",\"Prel. 2024\";\n"
                   "DATA=\n319.04 345.63\n\"..\" 131.9;\n";
  char *out = NULL;
  CHECK_STATUS(ns_read_table_bytes((const uint8_t *)px, strlen(px), "t.px", NULL, NULL, NULL,
                                   NS_TABLE_CSV, &out),
               NS_STATUS_OK);
  CHECK(out != NULL && strncmp(out, "region,region_code,year,year_code,period,value,status,", 54) == 0);
  CHECK(out != NULL && strstr(out, "Ha Noi,Ha Noi,Prel. 2024,Prel. 2024,2024,345.63,preliminary,") != NULL);
  CHECK(out != NULL && strstr(out, "Thanh Hoa,Thanh Hoa,2023,2023,2023,,not_available,..,") != NULL);
  ns_string_free(out);
  out = NULL;
  CHECK_STATUS(ns_read_table_bytes((const uint8_t *)px, strlen(px), NULL, "px", NULL, NULL,
                                   NS_TABLE_JSON, &out),
               NS_STATUS_OK);
  CHECK(out != NULL && strstr(out, "\"value\":345.63") != NULL);
  CHECK(out != NULL && strstr(out, "\"value\":null") != NULL);
  ns_string_free(out);

  /* A DATA count that does not match: a parse error naming both counts; out untouched. */
  const char *bad = "STUB=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nDATA=1 2 3;";
  out = NULL;
  CHECK_STATUS(ns_read_table_bytes((const uint8_t *)bad, strlen(bad), "bad.px", NULL, NULL, NULL,
                                   NS_TABLE_JSON, &out),
               NS_STATUS_PARSE_ERROR);
  CHECK(out == NULL);
  CHECK(strstr(last_error(), "bad.px") != NULL && strstr(last_error(), "DATA has 3 values") != NULL);
  /* A length no buffer can have is refused before any byte is read (was read past the buffer). */
  CHECK_STATUS(ns_read_table_bytes((const uint8_t *)px, SIZE_MAX, NULL, "px", NULL, NULL,
                                   NS_TABLE_JSON, &out),
               NS_STATUS_INVALID_PARAMETER);
  CHECK(out == NULL);
  CHECK_STATUS(ns_read_table_bytes((const uint8_t *)px, strlen(px), NULL, "docx", NULL, NULL,
                                   NS_TABLE_JSON, &out),
               NS_STATUS_INVALID_PARAMETER);
  CHECK_STATUS(ns_read_table_bytes((const uint8_t *)px, strlen(px), NULL, NULL, NULL, NULL, 7, &out),
               NS_STATUS_INVALID_ENUM);
  CHECK_STATUS(ns_read_table_bytes(NULL, 3, NULL, NULL, NULL, NULL, NS_TABLE_JSON, &out),
               NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_read_table(NULL, NULL, NULL, NULL, NS_TABLE_JSON, &out), NS_STATUS_NULL_ARGUMENT);
  CHECK(out == NULL);

  /* A real file: the NSO PX-Web XLSX export next to the PWT fixture. */
  char path[4096];
  const char *slash = strrchr(pwt_path, '/');
  size_t dir = slash ? (size_t)(slash - pwt_path + 1) : 0;
  const char *rel = "published/nso_xlsx/24_labour_productivity_by_province_2018_2024.xlsx";
  if (dir + strlen(rel) < sizeof path) {
    memcpy(path, pwt_path, dir);
    strcpy(path + dir, rel);
    CHECK_STATUS(ns_read_table(path, NULL, NULL, NULL, NS_TABLE_CSV, &out), NS_STATUS_OK);
    CHECK(out != NULL && strstr(out, "Ha Noi,Ha Noi,Prel. 2024,Prel. 2024,2024,345.63,preliminary,,,,,E02.58!H6") != NULL);
    ns_string_free(out);
    out = NULL;
    CHECK_STATUS(ns_read_table(path, NULL, "no such sheet", NULL, NS_TABLE_CSV, &out),
                 NS_STATUS_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "E02.58") != NULL);
  }
}

int main(int argc, char **argv) {
  CHECK(strcmp(ns_version(), NANGSUAT_VERSION) == 0);
  test_worked_example();
  test_panel();
  test_statuses();
  test_plans();
  test_dea();
  test_frontier();
  test_malmquist();
  test_impossible_sizes();
  test_provincial_tfp();
  if (argc > 1) test_pwt(argv[1]);
  if (argc > 1) test_read_table(argv[1]);
  else CHECK(!"usage: test_api PATH/TO/pwt1001.csv");
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
