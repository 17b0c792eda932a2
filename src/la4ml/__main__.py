import sys

from la4ml.course.cli import main

sys.exit(main())
