/* C tests of the production-function and decomposition API: OLS recovers an exact
 * Cobb–Douglas, ACF's outputs are consistent with each other (TFP = y − Σβx, returns to scale
 * = Σβ, the search report), the bootstrap is reproducible from its seed, undefined rows are
 * flagged, the decompositions match a hand computation, and hostile sizes, NULLs and bad
 * enums return a status (run under valgrind: zero leaks, zero errors). Equality with the
 * Rust core on the same data is checked by the unit tests of bindings/c/src/estimation.rs.
 *
 * Usage: test_production */
#include "nangsuat.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define FIRMS 80
#define YEARS 6
#define ROWS (FIRMS * YEARS)

static int64_t firm[ROWS];
static int32_t year[ROWS];
static double y[ROWS], freev[ROWS], state[ROWS], proxy[ROWS];

static uint64_t lcg = 20240601u;
static double uniform(void) {
  lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
  return ((double)(lcg >> 11) + 0.5) / 9007199254740992.0;
}
static double normal(void) {
  double a = uniform(), b = uniform();
  return sqrt(-2.0 * log(a)) * cos(6.283185307179586 * b);
}

/* An Olley–Pakes-style panel in logs: ω AR(1), capital accumulated, labour and materials
 * responding to ω, y = 0.6 l + 0.4 k + ω + ε. */
static void make_panel(void) {
  int f, t;
  for (f = 0; f < FIRMS; f++) {
    double omega = 0.3 * normal(), k = 1.0 + 0.5 * normal();
    for (t = 0; t < YEARS; t++) {
      int r = f * YEARS + t;
      double l;
      omega = 0.7 * omega + 0.2 * normal();
      l = 0.5 + 0.8 * omega + 0.2 * k + 0.2 * normal();
      firm[r] = 100 + f;
      year[r] = 2015 + t;
      freev[r] = l;
      state[r] = k;
      proxy[r] = 0.2 + 1.2 * omega + 0.3 * k + 0.1 * l;
      y[r] = 0.6 * l + 0.4 * k + omega + 0.05 * normal();
      k = 0.9 * k + 0.2 + 0.3 * omega;
    }
  }
}

static NsFirmPanel panel_of(void) {
  NsFirmPanel p;
  memset(&p, 0, sizeof p);
  p.rows = ROWS;
  p.firm = firm;
  p.year = year;
  p.output = y;
  p.n_free = 1;
  p.free = freev;
  p.n_state = 1;
  p.state = state;
  p.proxy = proxy;
  p.in_logs = true;
  return p;
}

static void test_ols_is_exact(void) {
  static double exact[ROWS];
  NsFirmPanel p = panel_of();
  NsProductionOptions o;
  NsProductionOutput out;
  double b[2] = {0, 0}, objective = 0;
  size_t count = 0, starts = 9;
  bool converged = false;
  int r;
  for (r = 0; r < ROWS; r++) exact[r] = 1.5 + 0.6 * freev[r] + 0.3 * state[r];
  p.output = exact;
  CHECK_STATUS(ns_production_options_default(NS_PF_OLS, &o), NS_STATUS_OK);
  CHECK_STATUS(ns_production_term_count(&p, &o, &count), NS_STATUS_OK);
  CHECK(count == 2);
  memset(&out, 0, sizeof out);
  out.coefficients = b;
  out.objective = &objective;
  out.converged = &converged;
  out.start_count = &starts;
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_OK);
  CHECK(fabs(b[0] - 0.6) < 1e-10 && fabs(b[1] - 0.3) < 1e-10);
  CHECK(isnan(objective) && converged && starts == 0);
}

static void test_acf(void) {
  NsFirmPanel p = panel_of();
  NsProductionOptions o;
  NsProductionOutput out;
  double b[2], se[2], cov[4], objective = -1, tfp[ROWS], rts[ROWS];
  bool se_defined = true, converged = false, tfp_defined[ROWS];
  size_t iterations = 0, starts = 0, winner = 99, failed = 9, obs = 0, dyn = 0, firms = 0;
  char *json = NULL;
  int r;
  CHECK_STATUS(ns_production_options_default(NS_PF_ACF, &o), NS_STATUS_OK);
  CHECK(o.first_stage_degree == 3 && o.law_of_motion_degree == 3 && o.bootstrap == 0);
  o.law_of_motion_degree = 1;
  memset(&out, 0, sizeof out);
  out.coefficients = b;
  out.std_errors = se;
  out.std_errors_defined = &se_defined;
  out.covariance = cov;
  out.objective = &objective;
  out.converged = &converged;
  out.iterations = &iterations;
  out.start_count = &starts;
  out.winner = &winner;
  out.bootstrap_failed = &failed;
  out.tfp = tfp;
  out.tfp_defined = tfp_defined;
  out.returns_to_scale = rts;
  out.observations = &obs;
  out.dynamic_observations = &dyn;
  out.firms = &firms;
  out.optimisation_json = &json;
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_OK);
  CHECK(!se_defined && isnan(se[0]) && isnan(cov[0]) && failed == 0);
  CHECK(objective >= 0.0 && objective < 1e-6 && converged && iterations > 0);
  CHECK(starts == 2 && winner < 2);
  CHECK(obs == ROWS && dyn == FIRMS * (YEARS - 1) && firms == FIRMS);
  for (r = 0; r < ROWS; r++) {
    CHECK(tfp_defined[r]);
    CHECK(fabs(tfp[r] - (y[r] - b[0] * freev[r] - b[1] * state[r])) < 1e-12);
    CHECK(fabs(rts[r] - (b[0] + b[1])) < 1e-12);
  }
  CHECK(json != NULL && strstr(json, "\"roots\"") != NULL &&
        strstr(json, "\"name\":\"ols\"") != NULL && strstr(json, "\"name\":\"fe\"") != NULL);
  ns_string_free(json);
  out.optimisation_json = NULL;
  /* This panel's moments have more than one exact root (labour responds to ω at t, not
   * ACF's timing); the root rule prefers non-negative elasticities. */
  CHECK(b[0] > 0.0 && b[1] > 0.0);

  /* A NaN row is left out and flagged, not an error. */
  {
    double saved = y[7];
    y[7] = NAN;
    CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_OK);
    CHECK(!tfp_defined[7] && isnan(tfp[7]) && tfp_defined[8] && obs == ROWS - 1);
    y[7] = saved;
  }

  /* The bootstrap: standard errors, reproducible from the seed. */
  {
    double se2[2];
    o.bootstrap = 20;
    o.seed = 11;
    CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_OK);
    CHECK(se_defined && se[0] > 0.0 && se[1] > 0.0 && fabs(cov[0] - se[0] * se[0]) < 1e-15);
    se2[0] = se[0];
    se2[1] = se[1];
    CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_OK);
    CHECK(se[0] == se2[0] && se[1] == se2[1]);
  }
}

static void test_errors(void) {
  NsFirmPanel p = panel_of();
  NsProductionOptions o;
  NsProductionOutput out;
  double b[2] = {0, 0};
  size_t count = 0;
  memset(&out, 0, sizeof out);
  out.coefficients = b;
  CHECK_STATUS(ns_production_options_default(17, &o), NS_STATUS_INVALID_ENUM);
  CHECK_STATUS(ns_production_options_default(NS_PF_LP, NULL), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_production_options_default(NS_PF_LP, &o), NS_STATUS_OK);
  CHECK_STATUS(ns_production_function(NULL, &o, &out), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_production_function(&p, NULL, &out), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_production_function(&p, &o, NULL), NS_STATUS_NULL_ARGUMENT);
  o.method = -1;
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_INVALID_ENUM);
  o.method = NS_PF_LP;
  o.first_stage_degree = 9;
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_OUT_OF_RANGE);
  CHECK(strstr(last_error(), "first_stage_degree") != NULL);
  o.first_stage_degree = 3;
  o.tolerance = 0.0;
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_OUT_OF_RANGE);
  o.tolerance = 1e-9;
  /* No proxy for a proxy method; a duplicate firm-year names firm and year. */
  p.proxy = NULL;
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_INVALID_PARAMETER);
  p.proxy = proxy;
  year[1] = year[0];
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_DUPLICATE_YEAR);
  CHECK(strstr(last_error(), "100") != NULL && strstr(last_error(), "2015") != NULL);
  year[1] = year[0] + 1;
  CHECK(b[0] == 0.0 && b[1] == 0.0); /* untouched on failure */
  /* Hostile sizes: a count that cannot exist, matrices whose size overflows. */
  p.rows = SIZE_MAX;
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_INVALID_PARAMETER);
  p.rows = SIZE_MAX / 16;
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_INVALID_PARAMETER);
  p.rows = ROWS;
  p.n_free = SIZE_MAX / 2;
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_INVALID_PARAMETER);
  p.n_free = SIZE_MAX;
  CHECK_STATUS(ns_production_term_count(&p, &o, &count), NS_STATUS_INVALID_PARAMETER);
  o.translog = true;
  p.n_free = (size_t)1 << (sizeof(size_t) * 4);
  CHECK_STATUS(ns_production_term_count(&p, &o, &count), NS_STATUS_INVALID_PARAMETER);
  p.n_free = 1;
  CHECK_STATUS(ns_production_term_count(&p, &o, &count), NS_STATUS_OK);
  CHECK(count == 5); /* l, k, l^2, l*k, k^2 */
  p.n_controls = 2;
  p.controls = NULL;
  CHECK_STATUS(ns_production_function(&p, &o, &out), NS_STATUS_NULL_ARGUMENT);
}

static void test_decompositions(void) {
  /* Melitz & Polanec by hand: firm 1 survives (1 → 1.2), firm 2 exits (0.5), firm 3 enters
   * (2.0), equal weights. */
  const int64_t f[4] = {1, 2, 1, 3};
  const int32_t t[4] = {1, 1, 2, 2};
  const double w[4] = {1.0, 0.5, 1.2, 2.0}, s[4] = {1.0, 1.0, 1.0, 1.0};
  const double bad[4] = {1.0, 1.0, -1.0, 1.0};
  NsOlleyPakesYear op[4];
  NsMelitzPolanec mp, by[4];
  size_t n = 0;
  CHECK_STATUS(ns_olley_pakes_decomposition(4, f, t, w, s, op, &n), NS_STATUS_OK);
  CHECK(n == 2 && op[0].year == 1 && op[1].year == 2 && op[0].firms == 2);
  CHECK(fabs(op[0].aggregate - 0.75) < 1e-15 && fabs(op[1].aggregate - 1.6) < 1e-15);
  CHECK(fabs(op[1].mean + op[1].covariance - op[1].aggregate) < 1e-15);
  CHECK_STATUS(ns_melitz_polanec_decomposition(4, f, t, w, s, 1, 2, &mp), NS_STATUS_OK);
  CHECK(mp.from == 1 && mp.to == 2 && fabs(mp.total - 0.85) < 1e-15);
  CHECK(fabs(mp.survivors_within - 0.2) < 1e-15 && mp.survivors_reallocation == 0.0);
  CHECK(fabs(mp.entrants - 0.4) < 1e-15 && fabs(mp.exiters - 0.25) < 1e-15);
  CHECK(mp.survivors == 1 && mp.entrant_count == 1 && mp.exiter_count == 1);
  CHECK_STATUS(ns_melitz_polanec_by_year(4, f, t, w, s, by, &n), NS_STATUS_OK);
  CHECK(n == 1 && by[0].total == mp.total);
  /* Errors: a year not in the data, a negative weight (naming the firm), NULLs, sizes. */
  CHECK_STATUS(ns_melitz_polanec_decomposition(4, f, t, w, s, 1, 3, &mp), NS_STATUS_YEAR_NOT_FOUND);
  CHECK_STATUS(ns_olley_pakes_decomposition(4, f, t, w, bad, op, &n), NS_STATUS_OUT_OF_RANGE);
  CHECK(strstr(last_error(), "firm 1") != NULL);
  CHECK_STATUS(ns_olley_pakes_decomposition(4, f, t, w, s, NULL, &n), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_olley_pakes_decomposition(4, f, t, w, s, op, NULL), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_melitz_polanec_by_year(4, NULL, t, w, s, by, &n), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_olley_pakes_decomposition(SIZE_MAX, f, t, w, s, op, &n),
               NS_STATUS_INVALID_PARAMETER);
  CHECK_STATUS(ns_melitz_polanec_decomposition(SIZE_MAX / 8, f, t, w, s, 1, 2, &mp),
               NS_STATUS_INVALID_PARAMETER);
}

int main(void) {
  make_panel();
  test_ols_is_exact();
  test_acf();
  test_errors();
  test_decompositions();
  if (failures) {
    fprintf(stderr, "%d of %d checks failed\n", failures, checks);
    return 1;
  }
  printf("test_production: %d checks passed\n", checks);
  return 0;
}
