"""Registry entry for Bedrock InvokeModel (the decoder lives in `bedrock`)."""

from __future__ import annotations

from tui_replay.dialects.bedrock import INVOKE_DIALECT as DIALECT

__all__ = ["DIALECT"]
