from textfacts.cli import main

raise SystemExit(main())
