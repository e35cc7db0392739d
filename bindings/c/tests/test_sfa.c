/* C tests of the stochastic frontier API: FRONTIER 4.1's first example (Coelli 1996, eg1:
 * 60 firms) through ns_sfa, the parameter count, the printout's ownership (run under
 * valgrind: zero leaks, zero errors) and the error statuses.
 *
 * Usage: test_sfa PATH/TO/eg1-dta.txt */
#include "nangsuat.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define ROWS 60

static double y[ROWS], x[ROWS * 2];
static int64_t firm[ROWS], period[ROWS];

static int read_eg1(const char *path) {
  FILE *f = fopen(path, "r");
  int i;
  if (!f) return 0;
  for (i = 0; i < ROWS; i++) {
    double fi, t;
    if (fscanf(f, "%lf %lf %lf %lf %lf", &fi, &t, &y[i], &x[2 * i], &x[2 * i + 1]) != 5) {
      fclose(f);
      return 0;
    }
    firm[i] = (int64_t)fi;
    period[i] = (int64_t)t;
  }
  fclose(f);
  return 1;
}

/* FRONTIER 4.1's printed estimates (eg1-out.txt) and a few printed efficiencies. */
static void test_eg1(void) {
  NsSfaData data = {ROWS, 2, y, x, NULL, NULL, 0, NULL};
  NsSfaOptions options = {NS_SFA_ERROR_COMPONENTS, false, false, false, false, 0.0, 0};
  const double printed[5] = {0.56161963, 0.28110205, 0.53647981, 0.21700046, 0.79720730};
  const double printed_se[5] = {0.20261668, 0.047643365, 0.045251553, 0.063909106, 0.13642399};
  double params[5], se[5], cov[25], llf = 0, lr = 0, crit = 0, eff[ROWS], u[ROWS], mean = 0;
  bool se_defined[5], eff_defined[ROWS], converged = false, wrong = true;
  size_t count = 0, restrictions = 0, iterations = 0;
  int32_t boundary = -1;
  char *report = NULL;
  NsSfaOutput out;
  int j;
  memset(&out, 0, sizeof out);
  out.params = params;
  out.std_errors = se;
  out.std_errors_defined = se_defined;
  out.covariance = cov;
  out.log_likelihood = &llf;
  out.lr_statistic = &lr;
  out.lr_restrictions = &restrictions;
  out.lr_critical_5pct = &crit;
  out.efficiency = eff;
  out.efficiency_defined = eff_defined;
  out.inefficiency = u;
  out.mean_efficiency = &mean;
  out.converged = &converged;
  out.iterations = &iterations;
  out.wrong_skewness = &wrong;
  out.boundary = &boundary;
  out.report = &report;

  CHECK_STATUS(ns_sfa_param_count(&data, &options, &count), NS_STATUS_OK);
  CHECK(count == 5);
  CHECK_STATUS(ns_sfa(&data, &options, &out), NS_STATUS_OK);
  for (j = 0; j < 5; j++) {
    /* FRONTIER stops at 1e-5 relative changes; its standard errors are DFP's approximation. */
    CHECK(fabs(params[j] - printed[j]) < 1e-5 * fabs(printed[j]));
    CHECK(se_defined[j] && fabs(se[j] - printed_se[j]) < 0.02 * printed_se[j]);
  }
  /* FRONTIER prints -17.027229 with its single-precision pi; ours uses pi. */
  CHECK(fabs(llf - -17.027231) < 1e-6);
  CHECK(fabs(lr - 2.8392402) < 1e-6 && restrictions == 1 && fabs(crit - 2.706) < 5e-4);
  CHECK(fabs(eff[0] - 0.65068880) < 2e-6 && eff_defined[0]);
  CHECK(fabs(eff[34] - 0.35126244) < 2e-6);
  CHECK(fabs(mean - 0.74056772) < 1e-6);
  CHECK(u[0] > 0.0);
  CHECK(fabs(cov[4 * 5 + 4] - se[4] * se[4]) < 1e-12);
  CHECK(converged && !wrong && boundary == NS_SFA_BOUNDARY_NONE && iterations > 0);
  CHECK(report != NULL && strstr(report, "the final mle estimates are :") != NULL);
  CHECK(report != NULL &&
        strstr(report, "  beta 1         0.28049246E+00  0.48066617E-01  0.58354940E+01"));
  ns_string_free(report);
}

static void test_errors(void) {
  NsSfaData data = {ROWS, 2, y, x, firm, period, 0, NULL};
  NsSfaOptions options = {NS_SFA_ERROR_COMPONENTS, false, true, false, false, 0.0, 0};
  double params[6] = {0};
  NsSfaOutput out;
  size_t count = 0;
  double bad[ROWS * 2];
  memset(&out, 0, sizeof out);
  out.params = params;
  /* eta with a single period (eg1 is a cross-section). */
  CHECK_STATUS(ns_sfa(&data, &options, &out), NS_STATUS_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "single period") != NULL);
  CHECK(params[0] == 0.0); /* untouched on failure */
  /* An unknown model, NULL arguments. */
  options.model = 7;
  CHECK_STATUS(ns_sfa(&data, &options, &out), NS_STATUS_INVALID_ENUM);
  CHECK_STATUS(ns_sfa_param_count(&data, &options, &count), NS_STATUS_INVALID_ENUM);
  CHECK_STATUS(ns_sfa(NULL, &options, &out), NS_STATUS_NULL_ARGUMENT);
  options.model = NS_SFA_ERROR_COMPONENTS;
  options.eta = false;
  CHECK_STATUS(ns_sfa(&data, NULL, &out), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_sfa(&data, &options, NULL), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_sfa_param_count(&data, &options, NULL), NS_STATUS_NULL_ARGUMENT);
  /* Collinear regressors: the message names the column. */
  memcpy(bad, x, sizeof bad);
  {
    int i;
    for (i = 0; i < ROWS; i++) bad[2 * i + 1] = 3.0 * bad[2 * i];
  }
  data.x = bad;
  CHECK_STATUS(ns_sfa(&data, &options, &out), NS_STATUS_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "beta_2") != NULL);
  /* A NaN, named by row and column. */
  memcpy(bad, x, sizeof bad);
  bad[2 * 5 + 1] = NAN;
  CHECK_STATUS(ns_sfa(&data, &options, &out), NS_STATUS_OUT_OF_RANGE);
  CHECK(strstr(last_error(), "x[row 5, column 1]") != NULL);
  /* z with the error-components model. */
  data.x = x;
  data.n_z = 1;
  data.z = y;
  CHECK_STATUS(ns_sfa(&data, &options, &out), NS_STATUS_INVALID_PARAMETER);
  /* NULL y. */
  data.n_z = 0;
  data.z = NULL;
  data.y = NULL;
  CHECK_STATUS(ns_sfa(&data, &options, &out), NS_STATUS_NULL_ARGUMENT);
}

int main(int argc, char **argv) {
  if (argc < 2 || !read_eg1(argv[1])) {
    fprintf(stderr, "usage: test_sfa PATH/TO/eg1-dta.txt (60 rows)\n");
    return 2;
  }
  test_eg1();
  test_errors();
  if (failures) {
    fprintf(stderr, "%d of %d checks failed\n", failures, checks);
    return 1;
  }
  printf("test_sfa: %d checks passed\n", checks);
  return 0;
}
