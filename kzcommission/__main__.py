import multiprocessing
import sys

from kzcommission.cli import main

if __name__ == "__main__":
    # The print pack renders in worker processes; a frozen build needs this first.
    multiprocessing.freeze_support()
    sys.exit(main())
