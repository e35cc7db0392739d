/* C tests of capital stocks, shift-share, GEAD, regions -> nation, Domar aggregation, index
 * numbers, the scenario and what it takes: METHODS §4-8's worked examples, the PPI Manual's
 * chapter 19 published indices, every status these functions return, and (under valgrind)
 * ownership of the JSON strings. */
#include "nangsuat.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

static void test_capital(void) {
  int32_t year[10];
  double inv[10], k[10];
  int t;
  for (t = 0; t < 10; t++) {
    year[t] = 2000 + t;
    inv[t] = 100.0 * pow(1.05, t);
  }
  double delta = 0.05;
  NsCapitalInfo info;
  CHECK_STATUS(ns_capital_stock(10, year, inv, &delta, 1, NULL, k, &info), NS_STATUS_OK);
  CHECK(fabs(info.initial_stock - 1000.0) < 1e-9); /* Harberger: 100 / (0.05 + 0.05) */
  CHECK(info.has_initial_growth && fabs(info.initial_growth - 0.05) < 1e-12);
  for (t = 1; t < 10; t++) CHECK(fabs(k[t] - (0.95 * k[t - 1] + inv[t])) < 1e-9);

  int32_t y3[] = {1, 2, 3};
  double i3[] = {10, 12, 8}, d3[] = {0.1, 0.1, 0.2}, k3[3];
  NsCapitalOptions given = {NS_TIMING_END_OF_YEAR, true, 100.0, 5, NS_BASIS_INVESTMENT, NULL};
  CHECK_STATUS(ns_capital_stock(3, y3, i3, d3, 3, &given, k3, &info), NS_STATUS_OK);
  CHECK(k3[0] == 100.0 && fabs(k3[1] - 102.0) < 1e-12 && fabs(k3[2] - (0.8 * 102 + 8)) < 1e-12);
  CHECK(!info.has_initial_growth);
  NsCapitalOptions mid = given;
  mid.timing = NS_TIMING_MID_YEAR;
  CHECK_STATUS(ns_capital_stock(3, y3, i3, d3, 3, &mid, k3, NULL), NS_STATUS_OK);
  CHECK(fabs(k3[1] - (90 + 0.95 * 12)) < 1e-12);

  double bad[] = {0.1, 0.1, 1.5};
  CHECK_STATUS(ns_capital_stock(3, y3, i3, bad, 3, &given, k3, NULL), NS_STATUS_OUT_OF_RANGE);
  CHECK(strstr(last_error(), "depreciation[2]") != NULL);
  CHECK_STATUS(ns_capital_stock(3, y3, i3, d3, 2, &given, k3, NULL), NS_STATUS_LENGTH_MISMATCH);
  int32_t gap[] = {1, 3, 4};
  CHECK_STATUS(ns_capital_stock(3, gap, i3, d3, 3, &given, k3, NULL), NS_STATUS_MISSING_YEAR);
  NsCapitalOptions bad_timing = given;
  bad_timing.timing = 7;
  CHECK_STATUS(ns_capital_stock(3, y3, i3, d3, 3, &bad_timing, k3, NULL), NS_STATUS_INVALID_ENUM);
  NsCapitalOptions out_basis = {NS_TIMING_END_OF_YEAR, false, 0, 2, NS_BASIS_OUTPUT, NULL};
  CHECK_STATUS(ns_capital_stock(3, y3, i3, d3, 3, &out_basis, k3, NULL), NS_STATUS_NULL_ARGUMENT);
  CHECK(strstr(last_error(), "options.output") != NULL);
  CHECK_STATUS(ns_capital_stock(3, y3, i3, d3, 3, NULL, NULL, NULL), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_capital_stock(3, y3, i3, d3, 3, NULL, k3, NULL), NS_STATUS_INSUFFICIENT_DATA);
}

/* METHODS §5: P0 = (1, 4, 3), PT = (1.2, 4.4, 3.3), L0 = (60, 20, 20), LT = (50, 25, 25). */
static const double Y0[] = {60, 80, 60}, L0[] = {60, 20, 20};
static const double YT[] = {60, 110, 82.5}, LT[] = {50, 25, 25};

static void test_shift_share(void) {
  NsShiftShare s;
  double w[3], st[3], dy[3];
  CHECK_STATUS(ns_shift_share(3, Y0, L0, YT, LT, NULL, &s, w, st, dy), NS_STATUS_OK);
  CHECK(fabs(s.within - 0.26) < 1e-12 && fabs(s.static_shift - 0.25) < 1e-12);
  CHECK(fabs(s.dynamic_shift - 0.015) < 1e-12 && s.tax == 0.0);
  CHECK(fabs(s.end_level - s.base_level - 0.525) < 1e-12);
  CHECK(fabs(w[0] + w[1] + w[2] + st[0] + st[1] + st[2] + dy[0] + dy[1] + dy[2] - 0.525) < 1e-12);
  double taxes[] = {20, 30};
  CHECK_STATUS(ns_shift_share(3, Y0, L0, YT, LT, taxes, &s, NULL, NULL, NULL), NS_STATUS_OK);
  CHECK(fabs(s.base_level - 2.2) < 1e-12 && fabs(s.end_level - 2.825) < 1e-12);
  CHECK(fabs(s.within + s.static_shift + s.dynamic_shift + s.tax - 0.625) < 1e-12);
  double zero[] = {60, 0, 60};
  CHECK_STATUS(ns_shift_share(3, zero, L0, YT, LT, NULL, &s, NULL, NULL, NULL), NS_STATUS_OUT_OF_RANGE);
  CHECK(strstr(last_error(), "y0[1]") != NULL);
  CHECK_STATUS(ns_shift_share(3, Y0, L0, YT, LT, NULL, NULL, NULL, NULL, NULL), NS_STATUS_NULL_ARGUMENT);

  /* GEAD: with fixed-base volumes it is shift-share; chained, still exact. */
  NsGeadPeriod b = {Y0, Y0, L0, 200}, e = {YT, YT, LT, 252.5};
  NsGead g;
  CHECK_STATUS(ns_gead(3, &b, &e, &g, NULL, NULL), NS_STATUS_OK);
  CHECK(fabs(g.within - 0.26) < 1e-12 && fabs(g.reallocation - 0.265) < 1e-12);
  const double nom_t[] = {66, 110, 90}, real_t[] = {55, 120, 80};
  NsGeadPeriod chained = {nom_t, real_t, LT, 250};
  double uw[3], ur[3];
  CHECK_STATUS(ns_gead(3, &b, &chained, &g, uw, ur), NS_STATUS_OK);
  CHECK(fabs(g.within + g.reallocation - (g.end_level - g.base_level)) < 1e-12);
  CHECK(fabs(uw[0] + uw[1] + uw[2] - g.within) < 1e-12);
  CHECK_STATUS(ns_gead(3, NULL, &e, &g, NULL, NULL), NS_STATUS_NULL_ARGUMENT);

  /* Regions -> nation: JSON owned by the caller. */
  const char *region[] = {"b", "a", "a", "b"};
  int32_t ry[] = {2020, 2020, 2021, 2021};
  double ro[] = {30, 10, 12, 30}, rl[] = {10, 10, 10, 10};
  char *json = NULL;
  CHECK_STATUS(ns_regions_to_nation_json(4, region, ry, ro, rl, &json), NS_STATUS_OK);
  CHECK(json != NULL && strstr(json, "\"contributions\"") && strstr(json, "\"regions\":[\"a\",\"b\"]"));
  ns_string_free(json);
  int32_t missing_year[] = {2020, 2020, 2021, 2020};
  json = NULL;
  CHECK_STATUS(ns_regions_to_nation_json(4, region, missing_year, ro, rl, &json), NS_STATUS_MISSING_YEAR);
  CHECK(json == NULL);

  double tfp[] = {0.01, 0.02}, go[] = {150, 100}, agg = 0;
  CHECK_STATUS(ns_domar_aggregate(2, tfp, go, go, 100, 100, &agg), NS_STATUS_OK);
  CHECK(fabs(agg - 0.035) < 1e-15);
  CHECK_STATUS(ns_domar_aggregate(2, tfp, go, go, 0, 100, &agg), NS_STATUS_OUT_OF_RANGE);
}

/* ILO/IMF PPI Manual (2004), ch. 19, tables 19.1-19.3: 6 items, 5 periods. */
static const double PPI_P[5][6] = {
    {1.0, 1.0, 1.0, 1.0, 1.0, 1.0}, {1.2, 3.0, 1.3, 0.7, 1.4, 0.8}, {1.0, 1.0, 1.5, 0.5, 1.7, 0.6},
    {0.8, 0.5, 1.6, 0.3, 1.9, 0.4}, {1.0, 1.0, 1.6, 0.1, 2.0, 0.2}};
static const double PPI_Q[5][6] = {
    {1.0, 1.0, 2.0, 1.0, 4.5, 0.5}, {0.8, 0.9, 1.9, 1.3, 4.7, 0.6}, {1.0, 1.1, 1.8, 3.0, 5.0, 0.8},
    {1.2, 1.2, 1.9, 6.0, 5.6, 1.3}, {0.9, 1.2, 2.0, 12.0, 6.5, 2.5}};

static void test_index(void) {
  static const double published[4][5] = {{1.0, 1.4200, 1.3450, 1.3550, 1.4400},
                                         {1.0, 1.3824, 1.2031, 1.0209, 0.7968},
                                         {1.0, 1.4011, 1.2721, 1.1762, 1.0712},
                                         {1.0, 1.4052, 1.2890, 1.2268, 1.2477}};
  const int32_t formulas[] = {NS_FORMULA_LASPEYRES, NS_FORMULA_PAASCHE, NS_FORMULA_FISHER,
                              NS_FORMULA_TORNQVIST};
  double p[5], q[5];
  size_t matched[5], unmatched[5];
  int f, t;
  for (f = 0; f < 4; f++) {
    CHECK_STATUS(ns_index_series(5, 6, &PPI_P[0][0], &PPI_Q[0][0], formulas[f],
                                 NS_LINKING_FIXED_BASE, p, q, matched, unmatched),
                 NS_STATUS_OK);
    for (t = 0; t < 5; t++) CHECK(fabs(p[t] - published[f][t]) <= 5e-5);
    CHECK(matched[4] == 6 && unmatched[4] == 0);
  }
  /* Fisher, fixed base: factor reversal P * Q = V^t / V^0. */
  CHECK_STATUS(ns_index_series(5, 6, &PPI_P[0][0], &PPI_Q[0][0], NS_FORMULA_FISHER,
                               NS_LINKING_MULTILATERAL, p, q, NULL, NULL),
               NS_STATUS_OK);
  for (t = 0; t < 5; t++) {
    double v0 = 0, vt = 0;
    int i;
    for (i = 0; i < 6; i++) {
      v0 += PPI_P[0][i] * PPI_Q[0][i];
      vt += PPI_P[t][i] * PPI_Q[t][i];
    }
    CHECK(fabs(p[t] * q[t] - vt / v0) < 1e-12);
  }
  double holes[5][6];
  memcpy(holes, PPI_P, sizeof holes);
  holes[2][3] = NAN;
  CHECK_STATUS(ns_index_series(5, 6, &holes[0][0], &PPI_Q[0][0], NS_FORMULA_LASPEYRES,
                               NS_LINKING_CHAINED, p, NULL, matched, unmatched),
               NS_STATUS_OK);
  CHECK(matched[2] == 5 && unmatched[2] == 1 && matched[3] == 5 && matched[4] == 6);
  CHECK_STATUS(ns_index_series(5, 6, &PPI_P[0][0], &PPI_Q[0][0], NS_FORMULA_PAASCHE,
                               NS_LINKING_MULTILATERAL, p, q, NULL, NULL),
               NS_STATUS_INVALID_PARAMETER);
  CHECK_STATUS(ns_index_series(5, 6, &PPI_P[0][0], &PPI_Q[0][0], 9, NS_LINKING_CHAINED, p, q,
                               NULL, NULL),
               NS_STATUS_INVALID_ENUM);
  CHECK_STATUS(ns_index_series((size_t)-1, 2, &PPI_P[0][0], &PPI_Q[0][0], NS_FORMULA_FISHER,
                               NS_LINKING_CHAINED, p, q, NULL, NULL),
               NS_STATUS_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "overflow") != NULL);
  double negative[2][1] = {{1.0}, {-1.0}}, ones[2][1] = {{1.0}, {1.0}};
  CHECK_STATUS(ns_index_series(2, 1, &negative[0][0], &ones[0][0], NS_FORMULA_FISHER,
                               NS_LINKING_CHAINED, p, q, NULL, NULL),
               NS_STATUS_OUT_OF_RANGE);
}

static void test_scenario(void) {
  NsScenario s;
  CHECK_STATUS(ns_scenario_vietnam_2021_2025(&s), NS_STATUS_OK);
  CHECK(fabs(s.investment_rate - 0.33625) < 1e-12 && s.base_year == 2020);
  s.base_year = 2025;
  s.end_year = 2030;
  NsProjection p;
  double gdp[6], emp[6];
  CHECK_STATUS(ns_scenario_project(&s, &p, gdp, NULL, emp), NS_STATUS_OK);
  CHECK(gdp[0] == 1.0 && fabs(pow(gdp[5] / emp[5], 0.2) - 1 - p.lp_growth) < 1e-12);
  CHECK(p.tfp_share_defined);

  /* Decision 36: LP growth above 7.5 %/yr in 2026-2030; which investment rate? */
  NsScenarioGoal goals[3] = {{NS_OUTCOME_LP_GROWTH, true, 0.075, false, 0},
                             {NS_OUTCOME_LP_GROWTH, true, 0.60, false, 0},
                             {NS_OUTCOME_GDP_GROWTH, true, -0.60, false, 0}};
  NsWhatItTakes w[3];
  CHECK_STATUS(ns_what_it_takes(&s, 3, goals, NS_ASSUMPTION_INVESTMENT_RATE, NULL, w), NS_STATUS_OK);
  CHECK(w[0].kind == NS_REQUIREMENT_VALUE && !w[0].met_as_held);
  NsScenario needed = s;
  needed.investment_rate = w[0].value;
  CHECK_STATUS(ns_scenario_project(&needed, &p, NULL, NULL, NULL), NS_STATUS_OK);
  CHECK(p.lp_growth >= 0.075 && p.lp_growth - 0.075 < 1e-9);
  CHECK(w[1].kind == NS_REQUIREMENT_NEVER && w[1].closest_at == 1.0 && w[1].outcome < 0.60);
  CHECK(w[2].kind == NS_REQUIREMENT_ALWAYS && isnan(w[2].value));
  double range[] = {0.5, 0.1};
  CHECK_STATUS(ns_what_it_takes(&s, 1, goals, NS_ASSUMPTION_TFP_GROWTH, range, w), NS_STATUS_INVALID_PARAMETER);
  CHECK_STATUS(ns_what_it_takes(&s, 1, goals, 42, NULL, w), NS_STATUS_INVALID_ENUM);
  NsScenarioGoal unbounded = {NS_OUTCOME_LP_GROWTH, false, 0, false, 0};
  CHECK_STATUS(ns_what_it_takes(&s, 1, &unbounded, NS_ASSUMPTION_TFP_GROWTH, NULL, w), NS_STATUS_INVALID_PARAMETER);
  NsScenario bad = s;
  bad.investment_rate = 33.0;
  CHECK_STATUS(ns_scenario_project(&bad, &p, NULL, NULL, NULL), NS_STATUS_OUT_OF_RANGE);
  CHECK(strstr(last_error(), "investment_rate") != NULL);

  char *json = NULL;
  CHECK_STATUS(ns_scenario_sensitivity_json(&s, &json), NS_STATUS_OK);
  CHECK(json && strstr(json, "\"tfp_growth\""));
  ns_string_free(json);
  json = NULL;
  CHECK_STATUS(ns_realism_json(NS_MEASURE_LABOUR_PRODUCTIVITY, 0.07, 5, &json), NS_STATUS_OK);
  CHECK(json && strstr(json, "of 14 peers"));
  ns_string_free(json);
  json = NULL;
  CHECK_STATUS(ns_realism_json(5, 0.07, 5, &json), NS_STATUS_INVALID_ENUM);

  char *plans = NULL;
  CHECK_STATUS(ns_builtin_plans_json(&plans), NS_STATUS_OK);
  ns_string_free(plans);
}

static void test_consistency(void) {
  const char *toml =
      "schema_version = 1\nid = \"p\"\ntitle_vi = \"t\"\ntitle_en = \"t\"\nlevel = \"national\"\nstatus = \"issued\"\nissuing_body = \"x\"\n"
      "territory = \"viet_nam\"\nperiod = { start = 2021, end = 2025 }\n"
      "[[goals]]\nid = \"lp\"\nindicator = \"lp_growth_avg\"\n"
      "target = { comparator = \"above\", value = 7.0 }\nunit = \"percent_per_year\"\n"
      "scope = { level = \"nation\", name = \"viet_nam\" }\n";
  NsPlan *plan = NULL;
  NsStatus st = ns_plan_from_toml(toml, &plan);
  CHECK(st == NS_STATUS_OK);
  if (st != NS_STATUS_OK) {
    fprintf(stderr, "plan not accepted: %s\n", last_error());
    return;
  }
  char *json = NULL;
  CHECK_STATUS(ns_consistency_json(plan, 0.01, &json), NS_STATUS_OK);
  CHECK(json && strstr(json, "8.07 %/yr"));
  ns_string_free(json);
  CHECK_STATUS(ns_consistency_json(plan, NAN, &json), NS_STATUS_OUT_OF_RANGE);
  CHECK_STATUS(ns_consistency_json(NULL, 0.01, &json), NS_STATUS_NULL_ARGUMENT);
  ns_plan_free(plan);
}

int main(void) {
  test_capital();
  test_shift_share();
  test_index();
  test_scenario();
  test_consistency();
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
