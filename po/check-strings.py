#!/usr/bin/env python3
# check-strings.py SRCDIR: the strings people read, as xgettext extracts them.
#
# Fails (exit 1, one line per problem) when:
#  - a source file with translatable strings is missing from po/POTFILES.in (its strings
#    would never reach a translator);
#  - a translatable string uses a straight apostrophe or straight single quotes where the
#    HIG wants typographic ones ("Can't" for "Can’t", "series' page" for "series’ page");
#    "%'d" (digit grouping) is not an apostrophe;
#  - po/uk.po misses a translation, has a fuzzy one, or uses a straight apostrophe in a
#    translation (Ukrainian writes "прем’єра").
# Needs xgettext, msgmerge and msgfmt (gettext).

import os
import re
import subprocess
import sys
import tempfile

KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dngettext:2,3', 'ngettext:1,2']
# A translatable string in C, or one in a GtkBuilder file.
MARKED = re.compile(r'(?<![A-Za-z0-9_])(_|C_|N_|NC_|ngettext)\s*\(\s*"|translatable="yes"')
# A straight apostrophe that is not printf's digit-grouping flag.
STRAIGHT = re.compile(r"(?<!%)'")


def unquote(lines):
    text = ''.join(re.match(r'\s*"(.*)"\s*$', line).group(1) for line in lines)
    escapes = {'n': '\n', 't': '\t', '"': '"', '\\': '\\'}
    return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), m.group(1)), text)


def entries(path):
    """(msgctxt, msgid, [msgstr...], flags, obsolete, line) of each entry of a .po/.pot."""
    with open(path, encoding='utf-8') as f:
        blocks = f.read().split('\n\n')
    line_no = 1
    for block in blocks:
        lines = block.split('\n')
        start = line_no
        line_no += len(lines) + 1
        obsolete = all(l.startswith('#~') for l in lines if l.strip())
        if obsolete:
            continue
        flags = ' '.join(l[2:] for l in lines if l.startswith('#,'))
        fields = {}
        current = None
        for line in lines:
            if line.startswith('#') or not line.strip():
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                current = m.group(1)
                fields[current] = [m.group(2)]
            elif current is not None:
                fields[current].append(line)
        if 'msgid' not in fields:
            continue
        msgid = unquote(fields['msgid'])
        plural = unquote(fields['msgid_plural']) if 'msgid_plural' in fields else None
        msgstrs = [unquote(v) for k, v in sorted(fields.items()) if k.startswith('msgstr')]
        yield fields.get('msgctxt'), msgid, plural, msgstrs, flags, start


def main():
    srcdir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '.')
    problems = []

    with open(os.path.join(srcdir, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = {l.strip() for l in f if l.strip() and not l.startswith('#')}
    for top in ('src', 'data'):
        for root, _dirs, files in os.walk(os.path.join(srcdir, top)):
            for name in files:
                if not name.endswith(('.c', '.ui')):
                    continue
                path = os.path.join(root, name)
                rel = os.path.relpath(path, srcdir)
                with open(path, encoding='utf-8') as f:
                    if MARKED.search(f.read()) and rel not in listed:
                        problems.append(f'{rel}: has translatable strings but is not in '
                                        'po/POTFILES.in')

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'series-finder.pot')
        args = ['xgettext', '--from-code=UTF-8', '--add-comments', '-f', 'po/POTFILES.in',
                '-D', srcdir, '-o', pot]
        args += ['--keyword=' + k for k in KEYWORDS]
        subprocess.run(args, check=True, cwd=srcdir)

        for _ctxt, msgid, plural, _msgstrs, _flags, line in entries(pot):
            for text in (msgid, plural):
                if text and STRAIGHT.search(text):
                    problems.append(f'series-finder.pot:{line}: "{text}" has a straight '
                                    'apostrophe or quote: use ’ (U+2019) or “” / ‘’')

        uk = os.path.join(srcdir, 'po', 'uk.po')
        merged = os.path.join(tmp, 'uk.po')
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, uk, pot],
                       check=True)
        for ctxt, msgid, _plural, msgstrs, flags, line in entries(merged):
            if msgid == '':
                continue
            name = f'uk.po: "{msgid}"' + (f' (context {unquote(ctxt)})' if ctxt else '')
            if 'fuzzy' in flags:
                problems.append(f'{name} is fuzzy')
            elif any(s == '' for s in msgstrs):
                problems.append(f'{name} has no translation')
            for s in msgstrs:
                if STRAIGHT.search(s):
                    problems.append(f'{name}: the translation "{s}" has a straight apostrophe '
                                    '(use ’)')

    for problem in problems:
        print(problem)
    print(f'{len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
