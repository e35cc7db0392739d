/* ns_plan_document_*: a plan file a person wrote, edited from C through the plan's JSON,
 * keeps its comments, layout and escapes; only the edited line changes. Hostile calls get
 * statuses; handles freed. Run as: test_plan_document <repository root> */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  if (text != NULL && fread(text, 1, (size_t)size, f) == (size_t)size) {
    text[size] = '\0';
  } else {
    free(text);
    text = NULL;
  }
  fclose(f);
  return text;
}

static size_t count_lines(const char *text) {
  size_t n = 0;
  for (; *text; text++) n += (*text == '\n');
  return n;
}

/* `text` with the first occurrence of `from` replaced by `to` (malloc'd), or NULL. */
static char *replace_first(const char *text, const char *from, const char *to) {
  const char *at = strstr(text, from);
  if (at == NULL) return NULL;
  size_t head = (size_t)(at - text), n = strlen(text) - strlen(from) + strlen(to);
  char *out = malloc(n + 1);
  if (out == NULL) return NULL;
  memcpy(out, text, head);
  strcpy(out + head, to);
  strcat(out, at + strlen(from));
  return out;
}

static void test_edit_keeps_the_file(const char *root) {
  char path[4096];
  snprintf(path, sizeof path, "%s/crates/nangsuat/plans/th-d36-commitment-2021.toml", root);
  char *text = read_file(path);
  CHECK(text != NULL);
  if (text == NULL) return;
  NsPlanDocument *doc = NULL;
  CHECK_STATUS(ns_plan_document_from_toml(text, &doc), NS_STATUS_OK);
  /* Unedited, the text is the file byte for byte. */
  char *same = NULL;
  CHECK_STATUS(ns_plan_document_to_toml(doc, &same), NS_STATUS_OK);
  CHECK(same != NULL && strcmp(same, text) == 0);
  ns_string_free(same);
  /* Edit through the plan's JSON: the parent plan. */
  NsPlan *plan = NULL;
  CHECK_STATUS(ns_plan_document_plan(doc, &plan), NS_STATUS_OK);
  char *json = NULL;
  CHECK_STATUS(ns_plan_to_json(plan, &json), NS_STATUS_OK);
  char *edited_json = json ? replace_first(json, "\"vn-d36-2021\"", "\"vn-d36-2021-revised\"") : NULL;
  CHECK(edited_json != NULL);
  NsPlan *edited = NULL;
  if (edited_json != NULL) {
    CHECK_STATUS(ns_plan_from_json(edited_json, &edited), NS_STATUS_OK);
  }
  CHECK_STATUS(ns_plan_document_set_plan(doc, edited), NS_STATUS_OK);
  char *saved = NULL;
  CHECK_STATUS(ns_plan_document_to_toml(doc, &saved), NS_STATUS_OK);
  if (saved != NULL) {
    /* The comments at the top, the escape of the no-break space, the line count: kept. */
    CHECK(strncmp(saved, "# Thanh Hóa's commitment", strlen("# Thanh Hóa's commitment")) == 0);
    CHECK(strstr(saved, "nâng cao năng suất\\u00A0theo tinh thần") != NULL);
    CHECK(count_lines(saved) == count_lines(text));
    /* Only the edited line differs. */
    char *expected = replace_first(text, "parent = \"vn-d36-2021\"\n",
                                   "parent = \"vn-d36-2021-revised\"\n");
    CHECK(expected != NULL && strcmp(saved, expected) == 0);
    free(expected);
  }
  /* The document's plan is now the edited one. */
  NsPlan *again = NULL;
  char *again_json = NULL;
  CHECK_STATUS(ns_plan_document_plan(doc, &again), NS_STATUS_OK);
  CHECK_STATUS(ns_plan_to_json(again, &again_json), NS_STATUS_OK);
  CHECK(again_json != NULL && strstr(again_json, "\"vn-d36-2021-revised\"") != NULL);
  ns_string_free(again_json);
  ns_plan_free(again);
  ns_string_free(saved);
  ns_plan_free(edited);
  free(edited_json);
  ns_string_free(json);
  ns_plan_free(plan);
  ns_plan_document_free(doc);
  free(text);
}

static void test_hostile(void) {
  NsPlanDocument *doc = NULL;
  NsPlan *plan = NULL;
  char *s = NULL;
  CHECK_STATUS(ns_plan_document_from_toml(NULL, &doc), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_plan_document_from_toml("id = 1", NULL), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_plan_document_from_toml("id = [", &doc), NS_STATUS_PARSE_ERROR);
  CHECK(doc == NULL);
  CHECK(strstr(last_error(), "line") != NULL);
  CHECK_STATUS(ns_plan_document_from_toml("\xff\xfe", &doc), NS_STATUS_INVALID_UTF8);
  CHECK_STATUS(ns_plan_document_plan(NULL, &plan), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_plan_document_to_toml(NULL, &s), NS_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(ns_plan_document_set_plan(NULL, NULL), NS_STATUS_NULL_ARGUMENT);
  ns_plan_document_free(NULL);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: test_plan_document <repository root>\n");
    return 2;
  }
  test_edit_keeps_the_file(argv[1]);
  test_hostile();
  printf("test_plan_document: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
