#!/usr/bin/env python3
"""Accessibility check through a real AT-SPI client (pyatspi), as a screen reader sees the app.

Starts the fake TVmaze and the real program, types a title through the accessible
EditableText interface of the search entry, and checks that every result card exposes its
show's name, year and rating. Prints TAP. Every wait is bounded, and the program and the
fake server die with this script whatever way it ends."""
import ctypes
import faulthandler
import os
import signal
import subprocess
import sys
import time

# G_DEBUG=fatal-warnings is meant for the program under test, not for this client: libatspi
# warns (GetItems on an app that is still exporting its cache) in ordinary races, and a
# fatal warning here would kill the script before it can stop its children. GLib reads
# G_DEBUG when it is loaded, so drop it before pyatspi loads GLib; the program gets it back.
APP_G_DEBUG = os.environ.pop("G_DEBUG", None)

import pyatspi  # noqa: E402

PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)


def die_with_parent():
    """Runs in each child before exec: the kernel kills it when this script goes."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def on_sigterm(signum, frame):
    raise SystemExit("terminated")  # runs the finally below: children stopped, TAP printed


tests = []


def ok(cond, what):
    tests.append((bool(cond), what))


def wait_for(predicate, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            value = predicate()
        except Exception:  # the tree changes under us while the app works
            value = None
        if value:
            return value
        time.sleep(0.1)
    return None


def walk(acc, depth=0):
    if acc is None or depth > 60:
        return
    yield acc
    for i in range(acc.childCount):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


# What a result card may be to a screen reader: a container or a cell of the grid. GTK 4.8
# exposes the card (accessible-role group) as a panel; GTK 4.18 exposes group as "grouping"
# and names the grid's cells, so there the cell carries the card's name (sf-compat.h). The
# exact role is the toolkit's business; these all say "one item of several".
CARD_ROLES = {getattr(pyatspi, name) for name in
              ("ROLE_PANEL", "ROLE_GROUPING", "ROLE_TABLE_CELL", "ROLE_LIST_ITEM")
              if hasattr(pyatspi, name)}


def ancestors(acc):
    parent = acc.parent
    depth = 0
    while parent is not None and depth < 60:
        yield parent
        parent = parent.parent
        depth += 1


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def main():
    signal.signal(signal.SIGTERM, on_sigterm)
    # Well inside meson's timeout: print where it hangs and exit, the children with it.
    faulthandler.dump_traceback_later(90, exit=True)
    server = subprocess.Popen([os.environ["FAKE_TVMAZE"], "--shows=3000"],
                              stdout=subprocess.PIPE, text=True, preexec_fn=die_with_parent)
    url = server.stdout.readline().strip()
    env = dict(os.environ, SERIES_FINDER_API_URL=url, GDK_BACKEND="x11", GSK_RENDERER="cairo")
    if APP_G_DEBUG is not None:
        env["G_DEBUG"] = APP_G_DEBUG
    # Start the accessibility bus and its registry before the program, or the program's
    # announcement can be lost.
    reply = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus",
                            "--object-path", "/org/a11y/bus", "--method",
                            "org.a11y.Bus.GetAddress"],
                           capture_output=True, text=True, timeout=10).stdout
    env["AT_SPI_BUS_ADDRESS"] = reply.strip().strip("(),").strip("'")
    app_proc = subprocess.Popen([os.environ["SERIES_FINDER_BINARY"]], env=env,
                                preexec_fn=die_with_parent)
    try:
        app = wait_for(lambda: find_app(app_proc.pid), 20)
        ok(app is not None, "the application appears on the accessibility bus")
        if app is None:
            return

        entry = wait_for(lambda: next(a for a in walk(app)
                                      if a.name == "Search TV series by title"
                                      and a.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)), 10)
        ok(entry is not None, "the search entry has an accessible name")
        if entry is None:
            return
        entry.queryEditableText().setTextContents("river")

        def card_objects():
            found = [a for a in walk(app)
                     if a.getRole() in CARD_ROLES and a.name
                     and a.name.lower().startswith("river") and ", " in a.name]
            return found or None

        objects = wait_for(card_objects, 15) or []
        labels = [a.name for a in objects]
        ok(labels, "result cards appear for a title typed through AT-SPI")
        # Said once: nothing inside a card, and nothing around it, has the card's name again.
        repeated = []
        for acc in objects:
            try:
                around = list(ancestors(acc)) + list(walk(acc))[1:]
                if any(other.name == acc.name for other in around):
                    repeated.append(acc.name)
            except Exception:
                repeated.append("(tree changed while checked) " + acc.name)
        ok(objects and not repeated,
           "every card is one accessible object with one name: %r" % repeated[:3])
        # What a screen reader needs to reach it: the card, or the grid cell that holds it,
        # takes the keyboard focus.
        def reachable(acc):
            return any(x is not None and x.getState().contains(pyatspi.STATE_FOCUSABLE)
                       for x in (acc, acc.parent))
        ok(objects and all(reachable(a) for a in objects),
           "every card can be reached with the keyboard")
        ok(all(("rated " in l or "no rating" in l) for l in labels),
           "every card says its rating or that it has none: %r" % labels[:3])
        ok(all(any(ch.isdigit() for ch in l) or "Year unknown" in l for l in labels),
           "every card says its years")

        buttons = [a.name for a in walk(app) if a.getRole() == pyatspi.ROLE_PUSH_BUTTON]
        # A type name ("GtkMenuButton") or a raw mnemonic ("_Retry") is what a screen reader
        # says when nobody named the button.
        ok(buttons and all(b and not b.startswith("Gtk") and "_" not in b for b in buttons),
           "every button has a real name: %r" % buttons)
    finally:
        app_proc.terminate()
        server.terminate()
        try:
            app_proc.wait(5)
            server.wait(5)
        except subprocess.TimeoutExpired:
            app_proc.kill()
            server.kill()
        print("1..%d" % len(tests))
        for i, (passed, what) in enumerate(tests, 1):
            print("%s %d %s" % ("ok" if passed else "not ok", i, what))
        sys.exit(0 if tests and all(p for p, _ in tests) else 1)


main()
