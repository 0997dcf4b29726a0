#!/usr/bin/python3
# check-a11y.py: every control of the main window has an accessible name.
#
# Run by hand (needs python3-pyatspi and a session bus), on a store, e.g.:
#   dbus-run-session -- xvfb-run -a sh -c \
#     'build/src/redress --store STORE & sleep 6; /usr/bin/python3 tests/check-a11y.py; kill $!'
# It walks the accessibility tree of the running Redress, lists every
# button, entry, drop-down, check box, list and list item without a name,
# then chooses the first case and does the same for the case page.
# It also lists every node (of any role, windows included) whose name is
# wrong: a mnemonic's underscore left in ("_Show Overdue"), a placeholder
# named after the widget's type ("GtkExpander"), or the same words twice
# ("Write Letter… Write Letter…", a label set on a button that has one).
# Exit status 1 when anything is unnamed or wrongly named.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import sys
import time

import pyatspi

ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_LIST,
}


def find_app():
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and 'redress' in (app.name or '').lower():
            return app
    return None


MNEMONIC = re.compile(r'_[^\W\d_]')


# GTK 4.8 names its internal parts (scroll bars, stack pages, icons) after
# their type; only what a user reaches is checked for placeholders.
NAMED_ROLES = ROLES | {pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_WINDOW}


def bad_name(name, role=None):
    """Why @name is wrong, or None."""
    name = (name or '').strip()
    if not name:
        return None
    if MNEMONIC.search(name):
        return 'has a mnemonic underscore'
    if name.startswith('Gtk') and (role is None or role in NAMED_ROLES):
        return 'is a placeholder'
    words = name.split()
    half = len(words) // 2
    if half > 0 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return 'says the same thing twice'
    return None


def walk(node, found, depth=0):
    if node is None or depth > 60:
        return
    try:
        why = bad_name(node.name, node.getRole())
        if why is not None:
            found['wrong'].append((node.getRoleName(), node.name, why))
        if node.getRole() in ROLES:
            found['n'] += 1
            if not (node.name or '').strip():
                parent = node.parent
                found['bad'].append((node.getRoleName(), parent.name if parent else ''))
        for child in node:
            walk(child, found, depth + 1)
    except Exception:  # a node went away while walking
        pass


def find(node, role, name, depth=0):
    if node is None or depth > 60:
        return None
    try:
        if node.getRole() == role and node.name == name:
            return node
        for child in node:
            hit = find(child, role, name, depth + 1)
            if hit is not None:
                return hit
    except Exception:
        pass
    return None


def check(app, when):
    found = {'n': 0, 'bad': [], 'wrong': []}
    for window in app:
        walk(window, found)
    print(f"{when}: {found['n']} controls, {len(found['bad'])} without a name, "
          f"{len(found['wrong'])} wrongly named")
    for role, parent in found['bad']:
        print(f"  a {role} in “{parent}”")
    for role, name, why in found['wrong']:
        print(f"  a {role} named “{name}” {why}")
    return not found['bad'] and not found['wrong']


def main():
    app = find_app()
    if app is None:
        print("Redress is not running (or not on this accessibility bus)")
        return 1
    ok = check(app, "the window")
    for window in app:
        cases = find(window, pyatspi.ROLE_LIST, 'Cases')
        if cases is not None and cases.childCount > 0:
            cases.querySelection().selectChild(0)
            time.sleep(2)
            ok = check(app, "with a case chosen") and ok
    return 0 if ok else 1


sys.exit(main())
