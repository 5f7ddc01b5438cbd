"""`takan-reviewer`: the desktop program approval officers and auditors review cases with.

    takan-reviewer [--server http://127.0.0.1:8000] [--language zh_CN|en] [--check]

`--check` starts the program as an officer would, shows the login window, asks the server's
health, prints what it found as one JSON line and exits (0 when the window showed and the server
answered): for checking an installed or packaged program on an officer's PC.
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
    parser.add_argument("--check", action="store_true",
                        help="show the login window, ask the server's health, print the result as JSON and exit")
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
    dialog = reviewer.login()
    if args.check:
        return check_start(app, reviewer, dialog, args.server)
    return app.exec()


def check_start(app, reviewer, dialog, server_url: str | None) -> int:
    """What --check prints: the login window as shown, the translations and Qt plugins the
    program found, and whether the server answered."""
    import json

    from PySide6.QtCore import QTimer

    from reviewer_app.core.api import ApiClient
    from reviewer_app.core.session import DEFAULT_SERVER_URL, Session, normalise_server_url

    report: dict = {}

    def look() -> None:
        api = ApiClient(Session(normalise_server_url(server_url or DEFAULT_SERVER_URL)))
        try:
            server_ok = api.health()
        except Exception as exc:  # any failure to reach it is the answer here
            server_ok, report["server_error"] = False, str(exc)
        finally:
            api.close()
        report.update(window=type(dialog).__name__, visible=dialog.isVisible(), title=dialog.windowTitle(),
                      platform=app.platformName(), language=reviewer.translations.language.value,
                      languages=[lang.value for lang in reviewer.translations.available()], server=server_ok)
        print(json.dumps(report, ensure_ascii=False), flush=True)
        app.exit(0 if dialog.isVisible() and server_ok else 1)

    QTimer.singleShot(0, look)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
