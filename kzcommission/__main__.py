import sys

from kzcommission.cli import main

sys.exit(main())
