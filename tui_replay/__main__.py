from tui_replay.cli import main

raise SystemExit(main())
