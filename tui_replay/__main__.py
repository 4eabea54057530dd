from tui_replay.cli.main import main

raise SystemExit(main())
