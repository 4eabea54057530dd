"""Every binding id the settings file's keymap can name, to report an id that names none
(Textual's `set_keymap` ignores an unknown id: a typo would remap nothing, silently)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

PACKAGES_WITH_BINDINGS = ("tui_replay.ui.screens", "tui_replay.ui.widgets")
"""Every module of these is imported before the ids are gathered: a keymap is checked at
start, before most screens and widgets have been needed (and imported)."""


def known_binding_ids(extra: Iterable[BindingType] = ()) -> frozenset[str]:
    """The ids of the bindings of every screen and widget of the app, and of `extra` (the
    ones the app adds to what `?` lists)."""
    for package_name in PACKAGES_WITH_BINDINGS:
        package = importlib.import_module(package_name)
        for module in pkgutil.iter_modules(package.__path__, f"{package_name}."):
            importlib.import_module(module.name)
    bindings = [*extra]
    for node_class in _subclasses(DOMNode):
        if node_class.__module__.startswith("tui_replay."):
            bindings.extend(node_class.__dict__.get("BINDINGS", ()))
    return frozenset(b.id for b in bindings if isinstance(b, Binding) and b.id)


def _subclasses(root: type[DOMNode]) -> set[type[DOMNode]]:
    found: set[type[DOMNode]] = set()
    pending = [root]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                pending.append(sub)
    return found
