/* test-person-page.c: a person's page against the fake TVmaze, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-application.h"
#include "sf-fake-catalog.h"
#include "sf-fake-server.h"
#include "sf-latency-probe.h"
#include "sf-person-page.h"
#include "sf-person-sections.h"
#include "sf-test-kit.h"

#define WAIT_MS        30000
#define MAX_RETRIES    2
#define MISSING_PERSON ((gint64) 1999 * SHOW_ID_STRIDE + 9999)

static SfFakeServer   *server;
static SfTvmazeClient *client;
static SfImageLoader  *loader;

typedef struct
{
  GtkWindow    *window;
  SfPersonPage *page;
} Fixture;

static gpointer
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static SfPersonHeaderSection *
header_of (SfPersonPage *page)
{
  return child_of (page, SF_TYPE_PERSON_PAGE, "header_section");
}

static SfPersonCreditsSection *
credits_of (SfPersonPage *page)
{
  return child_of (page, SF_TYPE_PERSON_PAGE, "credits_section");
}

static void
open_page (Fixture *fixture)
{
  sf_fake_server_set_latency (server, 0, 0);
  sf_fake_server_clear_failures (server);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (fixture->window);
  fixture->page = g_object_ref (sf_person_page_new (client, loader));
  gtk_window_set_default_size (fixture->window, 1000, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
}

static void
close_page (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  sf_test_run_for (50);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->page);
  sf_fake_server_clear_failures (server);
  sf_fake_server_set_latency (server, 0, 0);
}

static gboolean
page_complete (gpointer data)
{
  gboolean complete = FALSE;

  g_object_get (data, "complete", &complete, NULL);
  return complete;
}

static gboolean
both_failed (gpointer data)
{
  SfPersonPage *page = data;

  return sf_page_section_get_state (SF_PAGE_SECTION (header_of (page))) == SF_PAGE_SECTION_FAILED &&
         sf_page_section_get_state (SF_PAGE_SECTION (credits_of (page))) == SF_PAGE_SECTION_FAILED;
}

static void
test_many_credits (void)
{
  Fixture fixture;
  g_autoptr(SfLatencyProbe) probe = NULL;
  SfPersonCreditsSection *credits;
  SfPerson *person;
  gint64 max_ms;

  open_page (&fixture);
  sf_test_run_for (200);
  probe = sf_latency_probe_new (NULL);

  sf_person_page_load (fixture.page, MANY_CREDITS_PERSON_ID);
  /* The cards arrive in slices: the window shows some of them while others are still to
   * come, which one dispatch building all 500 would never let it do. (The dispatch time is
   * printed for the record; build-aux/bench --person-page is where it is measured.) */
  SF_TEST_WAIT_UNTIL (sf_person_credits_section_get_n_cards (credits_of (fixture.page)) > 0,
                      WAIT_MS, "the first cards");
  g_assert_cmpuint (sf_person_credits_section_get_n_cards (credits_of (fixture.page)), <,
                    MANY_CREDITS);
  SF_TEST_WAIT_UNTIL (page_complete (fixture.page), WAIT_MS, "the page completes");

  person = sf_person_header_section_get_person (header_of (fixture.page));
  g_assert_nonnull (person);
  g_assert_cmpint (sf_person_get_id (person), ==, MANY_CREDITS_PERSON_ID);
  credits = credits_of (fixture.page);
  g_assert_cmpuint (sf_person_credits_section_get_credits (credits)->len, ==, MANY_CREDITS);
  g_assert_cmpuint (sf_person_credits_section_get_n_cards (credits), ==, MANY_CREDITS);

  max_ms = sf_latency_probe_get_max (probe) / 1000;
  g_test_message ("500 credits: max dispatch %" G_GINT64_FORMAT " ms, p99 %" G_GINT64_FORMAT
                  " ms", max_ms, sf_latency_probe_get_percentile (probe, 99) / 1000);
  g_printerr ("# person page, 500 credits: max dispatch %" G_GINT64_FORMAT " ms, p99 %"
              G_GINT64_FORMAT " ms\n", max_ms,
              sf_latency_probe_get_percentile (probe, 99) / 1000);

  close_page (&fixture);
}

static void
test_unknown_person_retry (void)
{
  Fixture fixture;

  open_page (&fixture);
  sf_person_page_load (fixture.page, MISSING_PERSON);
  SF_TEST_WAIT_UNTIL (both_failed (fixture.page), WAIT_MS, "both sections fail");
  g_assert_null (sf_person_header_section_get_person (header_of (fixture.page)));
  close_page (&fixture);

  /* A failure of one section leaves the other alone; Retry loads it again. */
  open_page (&fixture);
  sf_fake_server_fail_next (server, "/people/10002/castcredits", SF_FAKE_FAILURE_SERVER_ERROR,
                            MAX_RETRIES + 1);
  sf_person_page_load (fixture.page, 1 * SHOW_ID_STRIDE + 2);
  SF_TEST_WAIT_UNTIL (sf_page_section_get_state (SF_PAGE_SECTION (credits_of (fixture.page)))
                      == SF_PAGE_SECTION_FAILED, WAIT_MS, "the credits fail");
  SF_TEST_WAIT_UNTIL (sf_page_section_get_state (SF_PAGE_SECTION (header_of (fixture.page)))
                      == SF_PAGE_SECTION_LOADED, WAIT_MS, "the header loads");
  SF_PAGE_SECTION_GET_CLASS (credits_of (fixture.page))->retry (SF_PAGE_SECTION (credits_of (fixture.page)));
  SF_TEST_WAIT_UNTIL (page_complete (fixture.page), WAIT_MS, "the page completes");
  g_assert_cmpuint (sf_person_credits_section_get_n_cards (credits_of (fixture.page)), >, 0);
  close_page (&fixture);
}

static void
test_stop_cancels (void)
{
  Fixture fixture;

  open_page (&fixture);
  sf_fake_server_set_latency (server, 1000, 0);
  sf_person_page_load (fixture.page, MANY_CREDITS_PERSON_ID);
  sf_test_run_for (100);
  sf_person_page_stop (fixture.page);
  sf_test_run_for (1500);

  /* Nothing landed after the page was left. */
  g_assert_null (sf_person_header_section_get_person (header_of (fixture.page)));
  g_assert_null (sf_person_credits_section_get_credits (credits_of (fixture.page)));
  g_assert_cmpuint (sf_person_credits_section_get_n_cards (credits_of (fixture.page)), ==, 0);
  close_page (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  sf_ui_register_resources ();

  server = sf_fake_server_new (2000, 42);
  if (!sf_fake_server_start (server, 0, &error))
    g_error ("Could not start the fake server: %s", error->message);

  session = soup_session_new ();
  client = sf_tvmaze_client_new (session, sf_fake_server_get_url (server));
  sf_tvmaze_client_set_retry_base_delay (client, 50 * 1000);
  sf_tvmaze_client_set_max_retries (client, MAX_RETRIES);
  sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (client), 1000, G_USEC_PER_SEC);
  loader = sf_image_loader_new (client, 32 * 1024 * 1024);

  g_test_add_func ("/series-finder/person-page/many-credits", test_many_credits);
  g_test_add_func ("/series-finder/person-page/unknown-person-retry", test_unknown_person_retry);
  g_test_add_func ("/series-finder/person-page/stop-cancels", test_stop_cancels);

  status = g_test_run ();

  g_clear_object (&loader);
  g_clear_object (&client);
  sf_fake_server_stop (server);
  g_object_unref (server);
  return status;
}
