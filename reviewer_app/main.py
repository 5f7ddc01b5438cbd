"""`takan-reviewer`: the desktop program approval officers and auditors review cases with.

    takan-reviewer [--server http://127.0.0.1:8000] [--language zh_CN|en]
"""

from __future__ import annotations

import argparse
import logging
import sys


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="takan-reviewer", description="Takan review desk (踏勘审查)")
    parser.add_argument("--server", help="the server's address, e.g. http://127.0.0.1:8000 (remembered)")
    parser.add_argument("--language", choices=["zh_CN", "en"], help="the UI language (default: the system's)")
    parser.add_argument("--verbose", action="store_true", help="log what happens to the terminal")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from PySide6.QtWidgets import QApplication

    from reviewer_app.qt.app import ReviewerApp, configure_application

    app = QApplication(sys.argv[:1])
    configure_application(app)
    reviewer = ReviewerApp(app, language=args.language, server_url=args.server)
    reviewer.login()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
