"""One layout per change, not two.

When a layout gives a widget a new size, Textual sets the widget's `virtual_size`
reactive, which is declared with `layout=True`: every resized widget asks for another
layout of the whole screen on the next tick. For the widgets of the detail pane that
second pass finds nothing to change (their height comes from `get_content_height` in
the first one), yet it cost 10-15 ms: with a stream growing a line a frame, every
frame was laid out twice, and a key pressed meanwhile waited for both.

`SingleLayout` first in a widget's bases makes its size updates take Textual's own
no-layout path (`_size_updated(..., layout=False)`, the one scrolling uses): the new
size is stored, the widget repainted and its scrollbars updated, and no layout is
asked for. It is only for widgets whose content does not depend on a `Resize` handler.
`_size_updated` is private to Textual (pinned exactly); `tests/ui/test_ui_single_layout.py`
checks it against the installed version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Size

if TYPE_CHECKING:  # a mixin put before a Widget in the bases: typed as one, without being one
    from textual.widget import Widget

    _Mixin = Widget
else:
    _Mixin = object


class SingleLayout(_Mixin):
    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
