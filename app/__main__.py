from planexec.app.cli import main

raise SystemExit(main())
