"""Keys the settings file's keymap gives a binding that another binding already has where
both work: on the same screen, in a widget of it, or in the app.

Textual applies such a keymap without a word, and the key then does one of the two things
only: `"replay.next" = "q"` made q go to the next interaction on an opened cassette, and
"q Quit" left the footer. The keymap is still applied (a user may mean it); the settings
notification says which binding the key runs now, as Textual picks it:

- priority bindings first, from the app down (space plays a stream whatever is focused);
- then from the focused widget up to the screen and the app (a screen's q before the app's);
- two bindings of one screen or widget: the keymap's key wins, Textual takes it from the other.

Textual's own widgets' keys (the tree's arrows and space, an input's editing keys) are left
out: they have no id to name, and letters typed in an input never reach a binding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen


@dataclass(frozen=True)
class Layer:
    """The bindings of the app, a screen, or a widget of it (`name`: as a user calls the
    widget, "" for the app and screens)."""

    bindings: Sequence[Binding]
    name: str = ""


Chain = Sequence[Layer]
"""What a key press reaches: the focused widget first, the app last."""


@dataclass(frozen=True)
class Clash:
    binding_id: str
    """The binding the keymap gave `key` to."""
    key: str
    """As the keymap writes it."""
    other: str
    """The binding that has the key too: its id, or what Textual calls it."""
    where: str
    """Where both work ("on an opened cassette, the timeline focused")."""
    runs: str
    """Which binding the key runs there."""

    @property
    def message(self) -> str:
        done = "now does" if self.runs == self.binding_id else "still does"
        return (
            f"keymap: {self.key} is given to {self.binding_id} but {self.other} has it too "
            f"({self.where}): there {self.key} {done} {self.runs}"
        )


SAME_EFFECT = frozenset({("replay.next", "list.down"), ("replay.previous", "list.up")})
"""Bindings that do the same where both work: the timeline's cursor shows the interaction it
moves to, so `"replay.next" = "n,j"` (as the README and `?` suggest) clashes with nothing."""


def keymap_clashes(keymap: Mapping[str, str], contexts: Mapping[str, Sequence[Chain]]) -> list[Clash]:
    """Every key the keymap gives a binding that another binding in the same chain has too
    (`contexts`: where -> the chains of its focusable parts). A key the binding had anyway
    is no clash the keymap made."""
    found: dict[tuple[str, str, str], Clash] = {}
    for where, chains in contexts.items():
        for chain in chains:
            for clash in _chain_clashes(keymap, chain, where):
                seen = (clash.binding_id, clash.key, clash.other)
                prior = found.get(seen)
                if prior is None:
                    found[seen] = clash
                elif clash.where not in prior.where:
                    found[seen] = replace(prior, where=f"{prior.where}; {clash.where}")
    return list(found.values())


def _chain_clashes(keymap: Mapping[str, str], chain: Chain, where: str) -> Iterator[Clash]:
    keys_now = {
        id(binding): set(_keys(keymap.get(binding.id or "", binding.key)))
        for layer in chain
        for binding in layer.bindings
    }
    for layer in chain:
        for binding in layer.bindings:
            if binding.id is None or binding.id not in keymap:
                continue
            for key, written in _new_keys(binding.key, keymap[binding.id]):
                holding = [
                    (other_layer, [b for b in other_layer.bindings if key in keys_now[id(b)]])
                    for other_layer in chain
                ]
                runs = _runner([_kept(held, keymap) for _, held in holding])
                for other_layer, held in holding:
                    for other in held:
                        if other.id == binding.id or _same_effect(binding.id, other.id):
                            continue
                        widget = layer.name or other_layer.name
                        yield Clash(
                            binding.id,
                            written,
                            _name(other),
                            f"{where}, {widget} focused" if widget else where,
                            _name(runs),
                        )


def _same_effect(one: str, other: str | None) -> bool:
    return (one, other) in SAME_EFFECT or (other, one) in SAME_EFFECT


def _keys(keys: str) -> list[str]:
    """`keys` as Textual matches them ("?" is "question_mark"), through its public API."""
    return [b.key for b in Binding.make_bindings([Binding(keys, "")])]


def _new_keys(had: str, given: str) -> list[tuple[str, str]]:
    """The keys of `given` not in `had`: (as Textual matches it, as written)."""
    before = set(_keys(had))
    written = [key.strip() for key in given.split(",") if key.strip()]
    return [(_keys(key)[0], key) for key in written if _keys(key)[0] not in before]


def _kept(held: list[Binding], keymap: Mapping[str, str]) -> list[Binding]:
    """The bindings of one layer a key still runs: where the keymap gave the key to one of
    them, Textual takes it from the others (`BindingsMap.apply_keymap`)."""
    given = [b for b in held if b.id is not None and b.id in keymap]
    return given or held


def _runner(layers: list[list[Binding]]) -> Binding:
    """The binding Textual runs for a key held by these (focused widget first): a priority
    one from the app down, else the first from the focused widget up."""
    for held in reversed(layers):
        for binding in held:
            if binding.priority:
                return binding
    return next(binding for held in layers for binding in held)


def _name(binding: Binding) -> str:
    if binding.id:
        return binding.id
    return f"Textual's {binding.description or binding.action!r}"


def declared(*classes: type) -> list[Binding]:
    """The bindings these classes declare, with those of their bases in this app and of
    Textual's `App` and `Screen` (ctrl+q quits, ctrl+c copies: every app and screen has
    them); a key a class binds again is its own, as Textual merges them."""
    found: list[Binding] = []
    for cls in classes:
        by_key: dict[str, list[Binding]] = {}
        for base in reversed(cls.__mro__):
            if base.__module__.startswith("tui_replay.") or base in (App, Screen):
                here: dict[str, list[Binding]] = {}
                for binding in listed(base.__dict__.get("BINDINGS", ())):
                    for key in _keys(binding.key):
                        here.setdefault(key, []).append(binding)
                by_key.update(here)
        for held in by_key.values():
            found += [binding for binding in held if binding not in found]
    return found


def listed(bindings: Sequence[BindingType]) -> list[Binding]:
    return [binding for binding in bindings if isinstance(binding, Binding)]


def app_contexts(
    everywhere: Sequence[BindingType], tree: Sequence[BindingType], pairs: Sequence[BindingType]
) -> dict[str, list[Chain]]:
    """Where keys work together in this app: each screen with each of its focusable parts,
    and the app's keys (`everywhere`) under all of them. `tree` and `pairs`: the keys `?`
    lists for the cassette tree and the comparison's list, which Textual's widgets bind."""
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.screens.browser_screen import BrowserScreen
    from tui_replay.ui.screens.cassette_screen import CassetteScreen
    from tui_replay.ui.screens.comparison_screen import ComparisonScreen
    from tui_replay.ui.screens.goto_screen import GotoScreen
    from tui_replay.ui.screens.help_screen import HelpScreen
    from tui_replay.ui.screens.save_image_screen import SaveImageScreen
    from tui_replay.ui.widgets.cassette_tree import CassetteTree
    from tui_replay.ui.widgets.content_search import ContentSearch
    from tui_replay.ui.widgets.interaction_list import InteractionList
    from tui_replay.ui.widgets.search_panel import SearchPanel
    from tui_replay.ui.widgets.stream_view import StreamView

    app = Layer([*declared(ReplayApp), *listed(everywhere)])

    def on(screen: type, *widgets: Layer) -> list[Chain]:
        layer = Layer(declared(screen))
        return [[widget, layer, app] for widget in widgets] or [[layer, app]]

    return {
        "in the cassette list": on(
            BrowserScreen,
            Layer([*declared(CassetteTree), *listed(tree)], "the list"),
            Layer(declared(ContentSearch), "the content search"),
        ),
        "on an opened cassette": on(
            CassetteScreen,
            Layer(declared(InteractionList), "the timeline"),
            Layer(declared(StreamView), "a streamed answer"),
            Layer(declared(SearchPanel), "the search"),
        ),
        "in the comparison": on(ComparisonScreen, Layer(listed(pairs), "the pair list")),
        "in the help": on(HelpScreen),
        "in the go-to prompt": on(GotoScreen),
        "in the save-image prompt": on(SaveImageScreen),
    }
