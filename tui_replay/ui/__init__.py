"""The Textual app (`tui_replay.ui.app.ReplayApp`) and its screens and widgets.

Where the app starts (`ReplayApp`), two policies are applied, each owned by one module: the
frame rate (`frame_rate`) and the garbage collector's timing (`idle_gc`). Private Textual and
Rich names are used in `textual_internals` only.
"""
