"""No widget, screen or app of ours replaces a private name of Textual by accident.

Four Line-API widgets once defined a `_render(width, style)` of their own: Textual's
`Widget.get_selection` calls `self._render()`, and copying a mouse selection (ctrl+c)
crashed the app. A private name of Textual's that we override on purpose is listed here,
with where it is explained.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.message_pump import MessagePump

import tui_replay.ui

ON_PURPOSE: dict[str, str] = {
    "_size_updated": "SingleLayout: one layout per change (tui_replay/ui/textual_internals.py)",
    "_on_timer_update": "CassetteScreen: an update waits while input is queued (ui/input_waiting.py)",
    "_invalidate": "CassetteTree: one invalidation for a batch of entries (widgets/cassette_tree.py)",
}


def our_classes() -> list[type]:
    found: dict[str, type] = {}
    for module_info in pkgutil.walk_packages(tui_replay.ui.__path__, "tui_replay.ui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__.startswith("tui_replay.") and issubclass(cls, MessagePump):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def shadowed(cls: type) -> set[str]:
    """Private names `cls` (or a mixin of ours in its bases) defines that a Textual base defines too."""
    ours = [base for base in cls.__mro__ if base.__module__.startswith("tui_replay.")]
    textual = [base for base in cls.__mro__ if base.__module__.startswith("textual.")]
    # Textual sets some private names on every subclass itself (bindings, CSS type names...)
    machinery = set(vars(type("Probe", (cls,), {})))
    names = {
        name
        for base in ours
        for name in vars(base)
        if name.startswith("_") and not name.startswith("__") and name not in ON_PURPOSE.keys() | machinery
    }
    return {name for name in names if any(name in vars(base) for base in textual)}


def test_the_widgets_are_found() -> None:
    names = {cls.__name__ for cls in our_classes()}
    assert {"RichLines", "MessageAtRest", "DiffPane", "GrowingText", "ReplayApp", "CassetteScreen"} <= names


def test_no_private_textual_name_is_replaced_by_accident() -> None:
    found = {cls.__name__: sorted(names) for cls in our_classes() if (names := shadowed(cls))}
    assert found == {}
