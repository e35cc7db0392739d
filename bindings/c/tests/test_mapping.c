/* ns_observations_from_tables: the committed mappings (mappings/) on the published samples;
 * provenance and the cells' status in the CSV; errors naming the file; handles freed.
 * Run as: test_mapping <repository root> */
#include "check.h"

#include <stdio.h>
#include <string.h>

static char buf_a[4096];
static char buf_b[4096];
static char buf_c[4096];

static const char *join(char *buf, const char *root, const char *rel) {
  snprintf(buf, 4096, "%s/%s", root, rel);
  return buf;
}

static void test_labour_productivity(const char *root) {
  const char *paths[1];
  paths[0] = join(buf_a, root,
                  "crates/nangsuat/tests/fixtures/published/nso_xlsx/"
                  "24_labour_productivity_by_province_2018_2024.xlsx");
  const char *mapping = join(buf_b, root, "mappings/nso_e02_58_labour_productivity.toml");
  NsObservations *obs = NULL;
  CHECK_STATUS(ns_observations_from_tables(paths, 1, mapping, &obs), NS_STATUS_OK);
  size_t n = 0;
  CHECK_STATUS(ns_observations_len(obs, &n), NS_STATUS_OK);
  CHECK(n == 490);
  char *csv = NULL;
  CHECK_STATUS(ns_observations_to_csv(obs, &csv), NS_STATUS_OK);
  const char *head = "scope,indicator,year,value,unit,note,source_url,evidence,"
                     "status,source_file,source_table,source_cell\n";
  CHECK(csv != NULL && strncmp(csv, head, strlen(head)) == 0);
  /* Ha Noi, Prel. 2024: preliminary, with its cell. */
  CHECK(csv != NULL && strstr(csv, "ha_noi,lp_level_current,2024,345.63,million_vnd_per_worker,") != NULL);
  CHECK(csv != NULL && strstr(csv, ",confirmed,preliminary,") != NULL);
  CHECK(csv != NULL && strstr(csv, ",E02.58,E02.58!H6\n") != NULL);
  ns_string_free(csv);
  char *skipped = NULL;
  CHECK_STATUS(ns_observations_skipped_json(obs, &skipped), NS_STATUS_OK);
  CHECK(skipped != NULL && strcmp(skipped, "[]") == 0);
  ns_string_free(skipped);
  ns_observations_free(obs);
}

static void test_many_files_and_errors(const char *root) {
  const char *paths[2];
  paths[0] = join(buf_a, root, "crates/nangsuat/tests/fixtures/published/nsdp_sdmx/GDPVNM.xml");
  paths[1] = paths[0];
  const char *mapping = join(buf_b, root, "mappings/nsdp_gdp.toml");
  NsObservations *obs = NULL;
  /* One file: 20 + 38 + 14 annual values. */
  CHECK_STATUS(ns_observations_from_tables(paths, 1, mapping, &obs), NS_STATUS_OK);
  size_t n = 0;
  CHECK_STATUS(ns_observations_len(obs, &n), NS_STATUS_OK);
  CHECK(n == 72);
  ns_observations_free(obs);
  /* The same file twice: a duplicate naming both cells; out untouched. */
  obs = NULL;
  CHECK_STATUS(ns_observations_from_tables(paths, 2, mapping, &obs), NS_STATUS_PARSE_ERROR);
  CHECK(obs == NULL);
  CHECK(strstr(last_error(), "read twice") != NULL && strstr(last_error(), "GDPVNM.xml") != NULL);
  /* A mapping that is not there, a NULL path, a NULL handle. */
  CHECK_STATUS(ns_observations_from_tables(paths, 1, join(buf_c, root, "mappings/none.toml"), &obs),
               NS_STATUS_IO_ERROR);
  CHECK(obs == NULL);
  const char *null_paths[1] = {NULL};
  CHECK_STATUS(ns_observations_from_tables(null_paths, 1, mapping, &obs), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_observations_from_tables(NULL, 1, mapping, &obs), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_observations_len(NULL, &n), NS_STATUS_NULL_ARGUMENT);
  char *csv = NULL;
  CHECK_STATUS(ns_observations_to_csv(NULL, &csv), NS_STATUS_NULL_ARGUMENT);
  CHECK(csv == NULL);
  ns_observations_free(NULL);
}

static void test_estimate_survives(const char *root) {
  const char *paths[1];
  paths[0] = join(buf_a, root,
                  "crates/nangsuat/tests/fixtures/published/gso_monthly_xlsx/"
                  "2024-12-29-02.Bieu-T12.2024.xlsx");
  const char *mapping = join(buf_b, root, "mappings/gso_monthly_employment.toml");
  NsObservations *obs = NULL;
  CHECK_STATUS(ns_observations_from_tables(paths, 1, mapping, &obs), NS_STATUS_OK);
  char *csv = NULL;
  CHECK_STATUS(ns_observations_to_csv(obs, &csv), NS_STATUS_OK);
  CHECK(csv != NULL && strstr(csv, "viet_nam,employed_persons,2024,51.8721107828544") != NULL);
  CHECK(csv != NULL && strstr(csv, ",confirmed,estimate,") != NULL);
  CHECK(csv != NULL && strstr(csv, ",47.Laodong,47.Laodong!F16\n") != NULL);
  ns_string_free(csv);
  ns_observations_free(obs);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: test_mapping <repository root>\n");
    return 2;
  }
  test_labour_productivity(argv[1]);
  test_many_files_and_errors(argv[1]);
  test_estimate_survives(argv[1]);
  printf("test_mapping: %d checks, %d failures\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
