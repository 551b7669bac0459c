/* test-markup.c: TVmaze HTML to Pango markup and plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-markup.h"

/* Pango markup is a GMarkup subset, so GMarkup can check it without linking Pango. Besides
 * well-formedness, only <b> and <i> without attributes may appear, and the text GMarkup sees
 * (entities decoded) is collected to compare with the plain-text conversion. */

typedef struct
{
  GString *text;
  guint    depth;
} CheckData;

static void
check_start_element (GMarkupParseContext  *context,
                     const char           *element_name,
                     const char          **attribute_names,
                     const char          **attribute_values,
                     gpointer              user_data,
                     GError              **error)
{
  CheckData *data = user_data;
  gboolean allowed = data->depth == 0 ? g_str_equal (element_name, "markup")
                                      : (g_str_equal (element_name, "b") ||
                                         g_str_equal (element_name, "i"));

  data->depth++;

  if (!allowed || attribute_names[0] != NULL)
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                 "unexpected element <%s>", element_name);
}

static void
check_end_element (GMarkupParseContext  *context,
                   const char           *element_name,
                   gpointer              user_data,
                   GError              **error)
{
  CheckData *data = user_data;

  data->depth--;
}

static void
check_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 text_len,
            gpointer              user_data,
            GError              **error)
{
  CheckData *data = user_data;

  g_string_append_len (data->text, text, text_len);
}

static void
check_passthrough (GMarkupParseContext  *context,
                   const char           *passthrough_text,
                   gsize                 text_len,
                   gpointer              user_data,
                   GError              **error)
{
  /* comments, CDATA and processing instructions have no place in our output */
  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
               "unexpected passthrough %.*s", (int) text_len, passthrough_text);
}

static const GMarkupParser check_parser = {
  check_start_element,
  check_end_element,
  check_text,
  check_passthrough,
  NULL,
};

/* Returns the text of @markup, or NULL (and sets @error) if Pango would not take it. */
static char *
markup_text (const char  *markup,
             GError     **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *wrapped = NULL;
  CheckData data = { NULL, 0 };

  data.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&check_parser, 0, &data, NULL);
  wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);

  if (!g_markup_parse_context_parse (context, wrapped, -1, error) ||
      !g_markup_parse_context_end_parse (context, error))
    {
      g_string_free (data.text, TRUE);
      return NULL;
    }

  return g_string_free (data.text, FALSE);
}

/* What every output must be, whatever the input. */
static void
assert_sane (const char *html)
{
  g_autofree char *markup = sf_markup_from_html (html);
  g_autofree char *text = sf_markup_html_to_text (html);
  g_autofree char *seen = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (markup);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (markup, -1, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));

  seen = markup_text (markup, &error);
  if (error != NULL)
    {
      g_autofree char *escaped = g_strescape (html ? html : "(null)", NULL);

      g_test_message ("html: %s, markup: %s", escaped, markup);
    }
  g_assert_no_error (error);

  /* the same words either way */
  g_assert_cmpstr (seen, ==, text);

  /* no control characters but line breaks, no leading or trailing blank */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_true (c == '\n' || !g_unichar_iscntrl (c));
    }
  if (*text != '\0')
    {
      g_assert_false (g_ascii_isspace (text[0]));
      g_assert_false (g_ascii_isspace (text[strlen (text) - 1]));
    }
}

static void
assert_markup (const char *html,
               const char *expected)
{
  g_autofree char *markup = sf_markup_from_html (html);
  g_autofree char *escaped = g_strescape (html ? html : "(null)", NULL);

  g_test_message ("%s", escaped);
  g_assert_cmpstr (markup, ==, expected);
  assert_sane (html);
}

static void
assert_text (const char *html,
             const char *expected)
{
  g_autofree char *text = sf_markup_html_to_text (html);
  g_autofree char *escaped = g_strescape (html ? html : "(null)", NULL);

  g_test_message ("%s", escaped);
  g_assert_cmpstr (text, ==, expected);
  assert_sane (html);
}

static void
test_empty (void)
{
  g_autofree char *markup = sf_markup_from_html (NULL);
  g_autofree char *text = sf_markup_html_to_text (NULL);

  g_assert_cmpstr (markup, ==, "");
  g_assert_cmpstr (text, ==, "");

  assert_markup ("", "");
  assert_markup ("   ", "");
  assert_markup ("<p></p>", "");
  assert_markup ("<p> <br> </p>", "");
  assert_markup ("<b></b><i> </i>", "");
}

static void
test_plain (void)
{
  assert_markup ("Just text.", "Just text.");
  assert_markup ("Tom & Jerry", "Tom &amp; Jerry");
  assert_markup ("1 < 2 > 0", "1 &lt; 2 &gt; 0");
  assert_markup ("<3 you", "&lt;3 you");
  assert_markup ("\"quoted\" 'single'", "\"quoted\" 'single'");
  assert_markup ("Pokémon – 東京", "Pokémon – 東京");
}

static void
test_paragraphs (void)
{
  assert_markup ("<p>One.</p><p>Two.</p>", "One.\n\nTwo.");
  assert_markup ("<p>One.</p>\n\n  <p>Two.</p>\n", "One.\n\nTwo.");
  assert_markup ("<p>One.<p>Two.", "One.\n\nTwo.");
  assert_markup ("<P CLASS=\"intro\">One.</P>Two.", "One.\n\nTwo.");
  assert_markup ("<p>One.</p><p></p><p></p><p>Two.</p>", "One.\n\nTwo.");
  assert_markup ("Before<p>inside</p>after", "Before\n\ninside\n\nafter");
  /* no blank at either end */
  assert_markup ("<p><br>Text<br></p>", "Text");
}

static void
test_line_breaks (void)
{
  assert_markup ("a<br>b", "a\nb");
  assert_markup ("a<br/>b", "a\nb");
  assert_markup ("a<br />b", "a\nb");
  assert_markup ("a<BR>b", "a\nb");
  assert_markup ("a</br>b", "a\nb");
  assert_markup ("a<br clear=\"all\">b", "a\nb");
  assert_markup ("a <br> b", "a\nb");
  assert_markup ("a<br><br>b", "a\n\nb");
  /* a run of breaks is at most one blank line */
  assert_markup ("a<br><br><br><br>b", "a\n\nb");
  assert_markup ("<p>a<br></p><p>b</p>", "a\n\nb");
}

static void
test_bold_italic (void)
{
  assert_markup ("<b>bold</b>", "<b>bold</b>");
  assert_markup ("<strong>bold</strong>", "<b>bold</b>");
  assert_markup ("<i>it</i>", "<i>it</i>");
  assert_markup ("<em>it</em>", "<i>it</i>");
  assert_markup ("<B>x</B> <EM>y</Em>", "<b>x</b> <i>y</i>");
  assert_markup ("<b class=\"x\" id='y'>x</b>", "<b>x</b>");
  assert_markup ("<b>x <i>y</i> z</b>", "<b>x <i>y</i> z</b>");
  assert_markup ("<i>x <b>y</b></i>", "<i>x <b>y</b></i>");
  assert_markup ("<b>a</b><b>b</b>", "<b>ab</b>");
  assert_markup ("<b><b>x</b>y</b>z", "<b>xy</b>z");
  assert_markup ("<strong><b>x</b></strong>", "<b>x</b>");
  assert_markup ("a<b> b </b>c", "a <b>b</b> c");
  assert_markup ("<b>a</b> <i>b</i>", "<b>a</b> <i>b</i>");
  assert_markup ("<p><b>Title</b></p><p>Body</p>", "<b>Title</b>\n\nBody");
}

static void
test_unbalanced (void)
{
  assert_markup ("<b><i>x</b>y</i>z", "<b><i>x</i></b><i>y</i>z");
  assert_markup ("<i><b>x</i>y</b>", "<b><i>x</i>y</b>");
  assert_markup ("<b>never closed", "<b>never closed</b>");
  assert_markup ("<b><i>both open", "<b><i>both open</i></b>");
  assert_markup ("</b>closed first", "closed first");
  assert_markup ("</i></em></strong>x<b>y", "x<b>y</b>");
  assert_markup ("<b><b><b>x</b>", "<b>x</b>");
  assert_markup ("<p><b>a</p><p>b</b></p>c", "<b>a\n\nb</b>\n\nc");
}

static void
test_other_tags (void)
{
  assert_markup ("<a href=\"https://www.tvmaze.com/\">link</a> text", "link text");
  assert_markup ("<span foreground=\"red\" size=\"99999\">x</span>", "x");
  assert_markup ("<u>under</u><s>strike</s><tt>mono</tt><big>big</big>",
                 "understrikemonobig");
  assert_markup ("<markup>x</markup>", "x");
  assert_markup ("<img src=x onerror=alert(1)>", "");
  assert_markup ("<script>alert(\"x\")</script>", "alert(\"x\")");
  assert_markup ("<style>p { color: red }</style>Text", "p { color: red }Text");
  assert_markup ("<div>one</div><div>two</div>", "one\ntwo");
  assert_markup ("<ul><li>one</li><li>two</li></ul>after", "one\ntwo\nafter");
  assert_markup ("<h2>Title</h2>Body", "Title\nBody");
  assert_markup ("in<span>line</span>", "inline");
  assert_markup ("<blink>x</blink><unknowntagwithaverylongname>y</unknowntagwithaverylongname>",
                 "xy");
}

static void
test_entities (void)
{
  assert_markup ("&amp; &lt; &gt; &quot; &apos; &#39;", "&amp; &lt; &gt; \" ' '");
  assert_markup ("&lt;b&gt;not bold&lt;/b&gt;", "&lt;b&gt;not bold&lt;/b&gt;");
  assert_text ("&lt;b&gt;not bold&lt;/b&gt;", "<b>not bold</b>");
  assert_markup ("&amp;lt;", "&amp;lt;");
  assert_markup ("a&nbsp;&nbsp;b", "a\u00a0\u00a0b");
  assert_markup ("&eacute;&Eacute;&hellip;&mdash;&ndash;&rsquo;&ldquo;&rdquo;&copy;&euro;",
                 "éÉ…—–’“”©€");
  assert_markup ("&#65;&#x42;&#X43;&#0068;", "ABCD");
  assert_markup ("&#x1F600;", "\U0001F600");
  assert_markup ("&#65 no semicolon", "A no semicolon");
  /* numeric references to windows-1252's C1 range, as browsers read them */
  assert_markup ("&#150;&#146;&#133;", "–’…");
  /* impossible code points */
  assert_markup ("&#0;&#xD800;&#1114112;&#99999999999999999999999;&#x81;",
                 "\ufffd\ufffd\ufffd\ufffd\ufffd");
  /* character references to whitespace are whitespace */
  assert_markup ("a&#10;&#9;&#32;b", "a b");
  /* unknown or malformed stays text */
  assert_markup ("&foo; &AMP; &amp &#; &#x; & ;", "&amp;foo; &amp;AMP; &amp;amp &amp;#; "
                                                 "&amp;#x; &amp; ;");
  assert_markup ("AT&T R&D", "AT&amp;T R&amp;D");
  assert_markup ("&averyveryveryveryveryveryveryverylongname;",
                 "&amp;averyveryveryveryveryveryveryverylongname;");
  /* an entity cannot make a tag */
  assert_markup ("&lt;span foreground='red'&gt;", "&lt;span foreground='red'&gt;");
}

static void
test_whitespace (void)
{
  assert_markup ("  lots \t of\n\nspace  ", "lots of space");
  assert_markup ("\r\na\r\nb\r\n", "a b");
  assert_markup ("<b> x </b> y", "<b>x</b> y");
  assert_markup ("x <!-- c --> y", "x y");
  assert_markup ("x<!-- c -->y", "xy");
  /* other Unicode spaces are text, as in a browser */
  assert_markup ("a\u2003b", "a\u2003b");
}

static void
test_hostile (void)
{
  assert_markup ("a <b", "a");
  assert_markup ("a <b class=\"unterminated", "a");
  assert_markup ("a <b class='x>y'>bold</b>", "a <b>bold</b>");
  assert_markup ("<b title=\"a > b\">x</b>", "<b>x</b>");
  assert_markup ("<b title=it's>x</b>", "<b>x</b>");
  assert_markup ("<b =\"x\" a=b c>x</b>", "<b>x</b>");
  assert_markup ("<<b>>x", "&lt;<b>&gt;x</b>");
  assert_markup ("< b>", "&lt; b&gt;");
  assert_markup ("a</>b", "ab");
  assert_markup ("a</ b>c", "ac");
  assert_markup ("a</", "a&lt;/");
  assert_markup ("a<", "a&lt;");
  assert_markup ("a<!-- unterminated <b>", "a");
  assert_markup ("<!-->x", "x");
  assert_markup ("<!DOCTYPE html><?xml version=\"1.0\"?>x", "x");
  assert_markup ("<![CDATA[<b>]]>x", "]]&gt;x");
  assert_markup ("</b></b></b><i>x", "<i>x</i>");
  assert_markup ("<b/>x", "<b>x</b>");
  assert_markup ("<b\n\tclass=x\n>x</b\n>", "<b>x</b>");
  assert_markup ("<p>]]></p>", "]]&gt;");
  assert_markup ("&</b>;", "&amp;;");
}

static void
test_invalid_utf8 (void)
{
  assert_markup ("caf\xe9 <b>ol\xc3\xa9</b>", "caf\ufffd <b>olé</b>");
  assert_markup ("<b\xff>x</b>", "x");
  /* GLib replaces each byte of an encoded surrogate */
  assert_markup ("\xed\xa0\x80", "\ufffd\ufffd\ufffd");
  assert_markup ("&#x41\xff;", "A\ufffd;");
  assert_text ("\xc3", "\ufffd");
}

static void
test_controls (void)
{
  assert_markup ("a\x01" "b\x1b[31mc\x7f" "d", "ab[31mcd");
  assert_markup ("a\xc2\x85" "b", "ab");
  assert_markup ("a&#1;&#x7f;b", "ab");
  assert_markup ("a\fb\vc", "a bc");
}

static void
test_text (void)
{
  assert_text ("<p>A <b>bold</b> &amp; <i>brave</i> show.</p><p>Next<br>line</p>",
               "A bold & brave show.\n\nNext\nline");
  assert_text ("Tom & Jerry &lt;3", "Tom & Jerry <3");
  assert_text ("<b><i>x</b>y</i>", "xy");
  assert_text ("<script>a<b</script>", "a");
  assert_text (NULL, "");
}

static void
test_real_summary (void)
{
  const char *html =
    "<p><b>Harbour Lights</b> follows DI Maggie Shaw (<i>Jane Doe</i>) as she returns to her "
    "home town&nbsp;&ndash; and its secrets.</p>\n"
    "<p>Based on the novel by A. N. Author. <a href=\"https://example.org/book\">More</a></p>";

  assert_markup (html,
                 "<b>Harbour Lights</b> follows DI Maggie Shaw (<i>Jane Doe</i>) as she returns "
                 "to her home town\u00a0– and its secrets.\n\nBased on the novel by A. N. "
                 "Author. More");
}

static void
test_fuzz (void)
{
  static const char * const pieces[] = {
    "<", ">", "</", "/>", "<b>", "</b>", "<i>", "</i>", "<p>", "</p>", "<br>", "<strong>",
    "</em>", "b", "i", "p", "br", "em", "strong", "span", "script", "&", ";", "#", "x", "1",
    "9", "F", "amp", "lt", "gt", "nbsp", "&#", "&#x", "\"", "'", "=", " ", "\n", "\t", "!--",
    "-->", "<!", "<?", "]]>", "é", "–", "\xff", "\xc3", "\xe2\x80", "\x01", "\x7f", "a",
    "Text", "href=", "<a ", "<markup>", "<span foreground='red'>",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  g_autoptr(GString) html = g_string_new (NULL);

  /* raw random bytes */
  for (guint n = 0; n < 3000; n++)
    {
      guint len = g_rand_int_range (rand, 0, 200);

      g_string_truncate (html, 0);
      for (guint i = 0; i < len; i++)
        g_string_append_c (html, (char) g_rand_int_range (rand, 1, 256));
      assert_sane (html->str);
    }

  /* random strings made of the pieces the tokenizer cares about */
  for (guint n = 0; n < 5000; n++)
    {
      guint len = g_rand_int_range (rand, 0, 60);

      g_string_truncate (html, 0);
      for (guint i = 0; i < len; i++)
        g_string_append (html, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      assert_sane (html->str);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/markup/empty", test_empty);
  g_test_add_func ("/series-finder/markup/plain", test_plain);
  g_test_add_func ("/series-finder/markup/paragraphs", test_paragraphs);
  g_test_add_func ("/series-finder/markup/line-breaks", test_line_breaks);
  g_test_add_func ("/series-finder/markup/bold-italic", test_bold_italic);
  g_test_add_func ("/series-finder/markup/unbalanced", test_unbalanced);
  g_test_add_func ("/series-finder/markup/other-tags", test_other_tags);
  g_test_add_func ("/series-finder/markup/entities", test_entities);
  g_test_add_func ("/series-finder/markup/whitespace", test_whitespace);
  g_test_add_func ("/series-finder/markup/hostile", test_hostile);
  g_test_add_func ("/series-finder/markup/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/series-finder/markup/controls", test_controls);
  g_test_add_func ("/series-finder/markup/text", test_text);
  g_test_add_func ("/series-finder/markup/real-summary", test_real_summary);
  g_test_add_func ("/series-finder/markup/fuzz", test_fuzz);

  return g_test_run ();
}
