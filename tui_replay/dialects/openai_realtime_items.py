"""OpenAI Realtime conversation items: as messages, and the ones the server added on its own.

The server announces every item of its conversation (`conversation.item.added`,
`.created`, `.done`, `.retrieved`). Most repeat what the turn shows already: the
client's own `conversation.item.create`, the user's audio (an item made from the
input buffer) and the answer's output items. The rest were put there by the
server: when xAI resumes a dropped session, it restores the conversation so far
into the new one before the client sends anything, and the model answers from
it. Those become messages of the turn's request, marked with where they came
from (`Message.origin`), so a reader sees why the model remembers.
"""

from __future__ import annotations

from typing import Any

from tui_replay.dialects.audio import AudioTotal
from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, opt_str
from tui_replay.dialects.parts import image_from_url, role_name, tool_call
from tui_replay.model import Message, Part, TextPart, ToolResultPart, UnrecognisedPart

ITEM_EVENTS = frozenset(
    {
        "conversation.item.added",
        "conversation.item.created",
        "conversation.item.done",
        "conversation.item.retrieved",
    }
)
"""Server events that carry a whole conversation item."""

CLIENT_CONTENT = frozenset({"conversation.item.create", "input_audio_buffer.append", "response.create"})
"""Client events that put something of the client's into the conversation or start an answer:
items the server adds before the first of them in a resumed session were restored."""


def content_part(block: Any, audio: tuple[str, int | None]) -> Part:
    block = as_dict(block)
    kind = as_str(block.get("type"))
    if kind in ("input_text", "output_text", "text"):
        return TextPart(as_str(block.get("text")))
    if kind in ("input_audio", "output_audio", "audio"):
        if block.get("audio") is None and block.get("transcript"):
            return TextPart(as_str(block.get("transcript")))
        total = AudioTotal(*audio)
        total.add(block.get("audio"))
        return total.part()
    if kind == "input_image":
        return image_from_url(block.get("image_url"))
    return UnrecognisedPart(kind or "content", block)


def item_message(item: Any, audio: tuple[str, int | None]) -> Message:
    item = as_dict(item)
    kind = as_str(item.get("type")) or "message"
    if kind == "message":
        role = role_name(item.get("role"))
        return Message(role, tuple(content_part(b, audio) for b in as_list(item.get("content"))))
    if kind == "function_call_output":
        return Message("tool", (ToolResultPart(opt_str(item.get("call_id")), item.get("output")),))
    if kind == "function_call":
        call = tool_call(opt_str(item.get("call_id")), as_str(item.get("name")), item.get("arguments") or "")
        return Message("assistant", (call,))
    return Message("user", (UnrecognisedPart(kind, item),))


def _content_key(item: dict[str, Any]) -> tuple[object, ...]:
    """What an item says, without its id: the server echoes a client's item under a new id."""
    texts = tuple(
        as_str(block.get("text")) or as_str(block.get("transcript"))
        for block in map(as_dict, as_list(item.get("content")))
    )
    return (
        as_str(item.get("type")) or "message",
        opt_str(item.get("role")),
        texts,
        opt_str(item.get("call_id")),
        item.get("output"),
    )


def _answer_ids(received: list[Any]) -> set[Any]:
    """Ids of the items the turn's answers produced, and of the user's audio items."""
    ids: set[Any] = set()
    for event in map(as_dict, received):
        kind = as_str(event.get("type"))
        if kind in ("response.output_item.added", "response.output_item.done"):
            ids.add(as_dict(event.get("item")).get("id"))
        elif kind == "response.done":
            ids.update(as_dict(o).get("id") for o in as_list(as_dict(event.get("response")).get("output")))
        elif kind.startswith("response.") or kind == "input_audio_buffer.committed":
            ids.add(event.get("item_id"))
    ids.discard(None)
    return ids


def _from_audio_buffer(item: dict[str, Any]) -> bool:
    """A user item holding only the user's audio: the input buffer committed (its transcript
    joins the user message)."""
    blocks = [as_dict(b) for b in as_list(item.get("content"))]
    return (
        item.get("role") == "user"
        and bool(blocks)
        and all(b.get("type") == "input_audio" and b.get("audio") is None for b in blocks)
    )


def server_items(sent: list[Any], received: list[Any]) -> dict[int, dict[str, Any]]:
    """The items the server added that neither the client sent in this turn nor an answer of
    the turn produced, by the index (among `received`) of the event that first carried each;
    the item as its latest event in the turn has it (an item is announced empty, then done)."""
    answer_ids = _answer_ids(received)
    client_ids = set()
    client_keys: list[tuple[object, ...]] = []
    for event in map(as_dict, sent):
        if event.get("type") == "conversation.item.create":
            item = as_dict(event.get("item"))
            if item.get("id") is not None:
                client_ids.add(item.get("id"))
            client_keys.append(_content_key(item))
    first_at: dict[Any, int] = {}
    latest: dict[int, dict[str, Any]] = {}
    echoed: set[Any] = set()
    for at, event in enumerate(map(as_dict, received)):
        if event.get("type") not in ITEM_EVENTS or not isinstance(event.get("item"), dict):
            continue
        item = as_dict(event.get("item"))
        item_id = item.get("id")
        if item_id is not None and item_id in echoed:
            continue
        if item_id is not None and item_id in first_at:
            latest[first_at[item_id]] = item
            continue
        key = _content_key(item)
        if item_id in answer_ids or item_id in client_ids or _from_audio_buffer(item):
            echoed.add(item_id)
        elif key in client_keys:
            client_keys.remove(key)  # each client item is echoed once
            echoed.add(item_id)
        else:
            if item_id is not None:
                first_at[item_id] = at
            latest[at] = item
    echoed.discard(None)
    return latest
