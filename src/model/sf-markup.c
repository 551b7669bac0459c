/* sf-markup.c: TVmaze's HTML summaries as Pango markup or plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-markup.h"

/* TVmaze summaries are small HTML fragments written by people and are untrusted. This is a
 * small HTML tokenizer (in the spirit of the WHATWG one, much simplified) whose only output
 * is text plus <b>/<i>, opened and closed by the writer itself, so nothing in the input can
 * reach the markup unescaped or leave a tag unbalanced. */

#define MAX_TAG_NAME 16
#define MAX_ENTITY_NAME 32
/* A run of <br> and <p> shows as at most one blank line. */
#define MAX_BREAKS 2

typedef enum
{
  STYLE_BOLD = 1 << 0,
  STYLE_ITALIC = 1 << 1,
} Style;

typedef struct
{
  GString  *out;
  gboolean  markup;
  gboolean  has_text;

  /* how many bold and italic elements are open in the input */
  guint     bold;
  guint     italic;

  /* the styles open in @out, outermost first */
  Style     open[2];
  guint     n_open;

  /* whitespace is held back until the next visible character decides what it becomes */
  guint     pending_breaks;
  gboolean  pending_space;
} Writer;

typedef struct
{
  const char *name;
  gunichar    c;
} Entity;

/* The entities a summary realistically uses; anything else stays literal text. */
static const Entity entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00a0 }, { "shy", 0x00ad }, { "hellip", 0x2026 }, { "mdash", 0x2014 },
  { "ndash", 0x2013 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201a },
  { "ldquo", 0x201c }, { "rdquo", 0x201d }, { "bdquo", 0x201e }, { "laquo", 0x00ab },
  { "raquo", 0x00bb }, { "lsaquo", 0x2039 }, { "rsaquo", 0x203a }, { "bull", 0x2022 },
  { "middot", 0x00b7 }, { "copy", 0x00a9 }, { "reg", 0x00ae }, { "trade", 0x2122 },
  { "deg", 0x00b0 }, { "euro", 0x20ac }, { "pound", 0x00a3 }, { "yen", 0x00a5 },
  { "cent", 0x00a2 }, { "sect", 0x00a7 }, { "para", 0x00b6 }, { "times", 0x00d7 },
  { "divide", 0x00f7 }, { "frac12", 0x00bd }, { "frac14", 0x00bc }, { "frac34", 0x00be },
  { "sup2", 0x00b2 }, { "sup3", 0x00b3 }, { "iexcl", 0x00a1 }, { "iquest", 0x00bf },
  { "dagger", 0x2020 }, { "prime", 0x2032 }, { "Prime", 0x2033 },
  { "Agrave", 0x00c0 }, { "Aacute", 0x00c1 }, { "Acirc", 0x00c2 }, { "Atilde", 0x00c3 },
  { "Auml", 0x00c4 }, { "Aring", 0x00c5 }, { "AElig", 0x00c6 }, { "Ccedil", 0x00c7 },
  { "Egrave", 0x00c8 }, { "Eacute", 0x00c9 }, { "Ecirc", 0x00ca }, { "Euml", 0x00cb },
  { "Igrave", 0x00cc }, { "Iacute", 0x00cd }, { "Icirc", 0x00ce }, { "Iuml", 0x00cf },
  { "Ntilde", 0x00d1 }, { "Ograve", 0x00d2 }, { "Oacute", 0x00d3 }, { "Ocirc", 0x00d4 },
  { "Otilde", 0x00d5 }, { "Ouml", 0x00d6 }, { "Oslash", 0x00d8 }, { "Ugrave", 0x00d9 },
  { "Uacute", 0x00da }, { "Ucirc", 0x00db }, { "Uuml", 0x00dc }, { "Yacute", 0x00dd },
  { "szlig", 0x00df }, { "agrave", 0x00e0 }, { "aacute", 0x00e1 }, { "acirc", 0x00e2 },
  { "atilde", 0x00e3 }, { "auml", 0x00e4 }, { "aring", 0x00e5 }, { "aelig", 0x00e6 },
  { "ccedil", 0x00e7 }, { "egrave", 0x00e8 }, { "eacute", 0x00e9 }, { "ecirc", 0x00ea },
  { "euml", 0x00eb }, { "igrave", 0x00ec }, { "iacute", 0x00ed }, { "icirc", 0x00ee },
  { "iuml", 0x00ef }, { "ntilde", 0x00f1 }, { "ograve", 0x00f2 }, { "oacute", 0x00f3 },
  { "ocirc", 0x00f4 }, { "otilde", 0x00f5 }, { "ouml", 0x00f6 }, { "oslash", 0x00f8 },
  { "ugrave", 0x00f9 }, { "uacute", 0x00fa }, { "ucirc", 0x00fb }, { "uuml", 0x00fc },
  { "yacute", 0x00fd }, { "yuml", 0x00ff }, { "OElig", 0x0152 }, { "oelig", 0x0153 },
  { "Scaron", 0x0160 }, { "scaron", 0x0161 }, { "Yuml", 0x0178 },
};

/* Numeric references to 0x80..0x9f mean windows-1252, as in browsers; 0 marks a hole. */
static const gunichar windows_1252[32] = {
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* Elements that start a new line in a browser; only their line break is kept. */
static const char * const block_elements[] = {
  "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figure",
  "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "pre",
  "section", "table", "tr", "ul",
};

static gboolean
is_html_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
writer_append_open (Writer *w,
                    Style   style)
{
  g_string_append (w->out, style == STYLE_BOLD ? "<b>" : "<i>");
  w->open[w->n_open++] = style;
}

/* Closes the styles in @out that the input no longer wants, innermost first. */
static void
writer_close_styles (Writer *w,
                     Style   wanted)
{
  guint keep = 0;

  while (keep < w->n_open && (wanted & w->open[keep]) != 0)
    keep++;

  while (w->n_open > keep)
    {
      w->n_open--;
      g_string_append (w->out, w->open[w->n_open] == STYLE_BOLD ? "</b>" : "</i>");
    }
}

static void
writer_open_styles (Writer *w,
                    Style   wanted)
{
  Style have = 0;

  for (guint i = 0; i < w->n_open; i++)
    have |= w->open[i];

  if ((wanted & STYLE_BOLD) && !(have & STYLE_BOLD))
    writer_append_open (w, STYLE_BOLD);
  if ((wanted & STYLE_ITALIC) && !(have & STYLE_ITALIC))
    writer_append_open (w, STYLE_ITALIC);
}

static void
writer_char (Writer   *w,
             gunichar  c)
{
  Style wanted = 0;

  if (is_html_space (c))
    {
      w->pending_space = TRUE;
      return;
    }

  /* Control characters have no business in a label (and U+0000 would cut the string). */
  if (c < 0x20 || (c >= 0x7f && c < 0xa0))
    return;

  if (w->markup)
    {
      if (w->bold > 0)
        wanted |= STYLE_BOLD;
      if (w->italic > 0)
        wanted |= STYLE_ITALIC;
      writer_close_styles (w, wanted);
    }

  if (w->has_text)
    {
      if (w->pending_breaks > 0)
        {
          for (guint i = 0; i < w->pending_breaks; i++)
            g_string_append_c (w->out, '\n');
        }
      else if (w->pending_space)
        g_string_append_c (w->out, ' ');
    }
  w->pending_breaks = 0;
  w->pending_space = FALSE;

  if (w->markup)
    writer_open_styles (w, wanted);

  if (w->markup && c == '&')
    g_string_append (w->out, "&amp;");
  else if (w->markup && c == '<')
    g_string_append (w->out, "&lt;");
  else if (w->markup && c == '>')
    g_string_append (w->out, "&gt;");
  else
    g_string_append_unichar (w->out, c);

  w->has_text = TRUE;
}

static void
writer_chars (Writer     *w,
              const char *text,
              gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    writer_char (w, g_utf8_get_char (p));
}

static void
writer_break (Writer   *w,
              guint     n_lines,
              gboolean  add)
{
  if (add)
    w->pending_breaks = MIN (w->pending_breaks + n_lines, MAX_BREAKS);
  else
    w->pending_breaks = MAX (w->pending_breaks, n_lines);
}

static void
apply_tag (Writer     *w,
           const char *name,
           gboolean    closing)
{
  guint *count = NULL;

  if (strcmp (name, "p") == 0)
    {
      writer_break (w, 2, FALSE);
      return;
    }

  /* Browsers read a stray </br> as <br> too. */
  if (strcmp (name, "br") == 0)
    {
      writer_break (w, 1, TRUE);
      return;
    }

  if (strcmp (name, "b") == 0 || strcmp (name, "strong") == 0)
    count = &w->bold;
  else if (strcmp (name, "i") == 0 || strcmp (name, "em") == 0)
    count = &w->italic;

  if (count != NULL)
    {
      if (!closing)
        *count = MIN (*count + 1, G_MAXUINT - 1);
      else if (*count > 0)
        *count -= 1;
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (block_elements); i++)
    {
      if (strcmp (name, block_elements[i]) == 0)
        {
          writer_break (w, 1, FALSE);
          return;
        }
    }
}

static const char *
skip_html_space (const char *p)
{
  while (*p != '\0' && is_html_space ((guchar) *p))
    p++;
  return p;
}

/* Skips to just after the next '>', or to the end: a bogus comment such as <!DOCTYPE> or <?x>. */
static const char *
skip_bogus_comment (const char *p)
{
  const char *gt = strchr (p, '>');

  return gt != NULL ? gt + 1 : p + strlen (p);
}

/* @p is at '<'. Returns where to go on; a complete tag is applied, an incomplete one (the
 * input ends inside it) is dropped with the rest, as browsers do. */
static const char *
parse_tag (Writer     *w,
           const char *p)
{
  const char *q = p + 1;
  char name[MAX_TAG_NAME + 1];
  gsize name_len = 0;
  gboolean closing = FALSE;

  if (q[0] == '!')
    {
      if (q[1] == '-' && q[2] == '-')
        {
          /* <!--> and <!---> are complete, empty comments. */
          const char *end = strstr (q + 1, "-->");

          return end != NULL ? end + 3 : q + strlen (q);
        }
      return skip_bogus_comment (q);
    }

  if (q[0] == '?')
    return skip_bogus_comment (q);

  if (q[0] == '/')
    {
      closing = TRUE;
      q++;
    }

  if (!g_ascii_isalpha (q[0]))
    {
      if (!closing)
        {
          /* "a < b" or "<3": just text. */
          writer_char (w, '<');
          return p + 1;
        }
      if (q[0] == '>')
        return q + 1;
      if (q[0] == '\0')
        {
          writer_chars (w, "</", 2);
          return q;
        }
      return skip_bogus_comment (q);
    }

  for (; *q != '\0' && !is_html_space ((guchar) *q) && *q != '/' && *q != '>'; q++)
    {
      /* Longer names are never ones we know, so cutting them short is harmless. */
      if (name_len < MAX_TAG_NAME)
        name[name_len++] = g_ascii_tolower (*q);
    }
  name[name_len] = '\0';

  /* Attributes are read only to find where the tag ends: a '>' inside a quoted value does
   * not end it. */
  for (;;)
    {
      while (*q != '\0' && (is_html_space ((guchar) *q) || *q == '/'))
        q++;

      if (*q == '\0')
        return q;

      if (*q == '>')
        {
          apply_tag (w, name, closing);
          return q + 1;
        }

      /* the attribute name; its first character may be anything, even '=' */
      q++;
      while (*q != '\0' && !is_html_space ((guchar) *q) && *q != '/' && *q != '>' && *q != '=')
        q++;

      q = skip_html_space (q);
      if (*q != '=')
        continue;

      q = skip_html_space (q + 1);
      if (*q == '"' || *q == '\'')
        {
          const char *close = strchr (q + 1, *q);

          if (close == NULL)
            return q + strlen (q);
          q = close + 1;
        }
      else
        {
          while (*q != '\0' && !is_html_space ((guchar) *q) && *q != '>')
            q++;
        }
    }
}

static gunichar
sanitize_char_ref (guint64 value)
{
  if (value >= 0x80 && value <= 0x9f)
    return windows_1252[value - 0x80] != 0 ? windows_1252[value - 0x80] : 0xfffd;
  if (value == 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
    return 0xfffd;
  return (gunichar) value;
}

/* @p is at '&'. Unknown or malformed references stay literal text. */
static const char *
parse_entity (Writer     *w,
              const char *p)
{
  const char *q = p + 1;

  if (*q == '#')
    {
      gboolean hex = FALSE;
      guint64 value = 0;
      const char *digits;

      q++;
      if (*q == 'x' || *q == 'X')
        {
          hex = TRUE;
          q++;
        }

      digits = q;
      while (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q))
        {
          /* Saturate: anything past U+10FFFF is replaced anyway. */
          if (value <= 0x10ffff)
            value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*q)
                                                   : g_ascii_digit_value (*q));
          q++;
        }

      if (q == digits)
        {
          writer_char (w, '&');
          return p + 1;
        }

      /* Browsers accept a missing ';' after a number. */
      if (*q == ';')
        q++;

      writer_char (w, sanitize_char_ref (value));
      return q;
    }

  while (g_ascii_isalnum (*q) && q - p <= MAX_ENTITY_NAME)
    q++;

  if (*q == ';' && q > p + 1)
    {
      gsize len = q - (p + 1);

      for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
        {
          if (strlen (entities[i].name) == len && strncmp (entities[i].name, p + 1, len) == 0)
            {
              writer_char (w, entities[i].c);
              return q + 1;
            }
        }
    }

  writer_char (w, '&');
  return p + 1;
}

static char *
convert (const char *html,
         gboolean    markup)
{
  g_autofree char *valid = NULL;
  Writer w = { 0, };
  const char *p;

  w.out = g_string_new (NULL);
  w.markup = markup;

  if (html == NULL)
    return g_string_free (w.out, FALSE);

  valid = g_utf8_make_valid (html, -1);

  for (p = valid; *p != '\0';)
    {
      if (*p == '<')
        p = parse_tag (&w, p);
      else if (*p == '&')
        p = parse_entity (&w, p);
      else
        {
          writer_char (&w, g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }
    }

  writer_close_styles (&w, 0);

  return g_string_free (w.out, FALSE);
}

char *
sf_markup_from_html (const char *html)
{
  return convert (html, TRUE);
}

char *
sf_markup_html_to_text (const char *html)
{
  return convert (html, FALSE);
}
