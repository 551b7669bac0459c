#include "config.h"

#include <math.h>

#include "sf-json.h"

static char *
round_trip (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return sf_json_to_string (json_parser_get_root (parser));
}

static void
test_values (void)
{
  g_autofree char *out = round_trip ("{ \"id\": 139, \"rating\": 6.7, \"big\": 9007199254740993,"
                                     " \"t\": true, \"f\": false, \"n\": null,"
                                     " \"list\": [ 1, 2.5, \"x\" ], \"empty\": {} }");

  /* Member order kept, 6.7 written as a person would read it. */
  g_assert_cmpstr (out, ==, "{\"id\":139,\"rating\":6.7,\"big\":9007199254740993,\"t\":true,"
                            "\"f\":false,\"n\":null,\"list\":[1,2.5,\"x\"],\"empty\":{}}");
}

static void
test_strings (void)
{
  g_autofree char *out = round_trip ("[\"a\\\"b\\\\c\\n\\t\\u0001</script>é😀\"]");

  g_assert_cmpstr (out, ==, "[\"a\\\"b\\\\c\\n\\t\\u0001</script>é😀\"]");
}

static void
test_doubles (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *nan_text = NULL;
  g_autofree char *tenth = NULL;

  json_node_set_double (node, NAN);
  nan_text = sf_json_to_string (node);
  g_assert_cmpstr (nan_text, ==, "null");

  json_node_set_double (node, 0.1 + 0.2);
  tenth = sf_json_to_string (node);
  g_assert_cmpstr (tenth, ==, "0.3");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/json/values", test_values);
  g_test_add_func ("/series-finder/json/strings", test_strings);
  g_test_add_func ("/series-finder/json/doubles", test_doubles);

  return g_test_run ();
}
