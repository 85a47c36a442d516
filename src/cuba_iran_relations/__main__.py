"""``python -m cuba_iran_relations``: the command line."""

from ._cli import main

raise SystemExit(main())
