"""Entry point of the Spark job: ``python -m newsdesk.spark ARGS`` or
``spark-submit [spark options] <site-packages>/newsdesk/spark/__main__.py ARGS``.

Needs: newsdesk (with the ``spark`` extra) importable by the driver's Python.
Produces: whatever ``newsdesk spark ARGS`` produces (same arguments and exit codes).
"""

from __future__ import annotations

import sys


def main() -> None:
    from newsdesk.cli import app

    app(["spark", *sys.argv[1:]], prog_name="newsdesk.spark")


if __name__ == "__main__":
    main()
