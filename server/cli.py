"""`takan`: the server's command line (serve, migrate, users, demo data, audit, calendar)."""

import argparse
import asyncio
import getpass
import json
import os
import sys
from pathlib import Path

import msgspec

from server.db.migrations import migrate
from server.settings import Settings
from shared.enums import Role
from shared.models import UserCreate, UserUpdate
from shared.workdays import CalendarFile


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = str(args.data_dir)  # converted like TAKAN_DATA_DIR (a Path here broke from_env)
    if getattr(args, "host", None):
        overrides["host"] = args.host
    if getattr(args, "port", None):
        overrides["port"] = args.port
    return Settings.from_env(**overrides)


def cmd_serve(args: argparse.Namespace) -> int:
    from server.http_front import serve

    return serve(_settings(args))


def cmd_migrate(args: argparse.Namespace) -> int:
    settings = _settings(args)
    applied = migrate(settings.db_path)
    print(f"database {settings.db_path}: " + (f"applied {applied}" if applied else "up to date"))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from server.demo import seed_demo

    settings = _settings(args)
    logins = asyncio.run(seed_demo(settings, force=args.force))
    if logins is None:
        print("the database already has users; demo data not added (use --force to add it anyway)")
    else:
        print_logins(logins, settings)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """What `make run` does: migrate, seed the demo on an empty database, print logins, serve."""
    from server.demo import DEMO_LOGINS, seed_demo

    settings = _settings(args)
    migrate(settings.db_path)
    print("preparing the demo data on first start (photos and videos are generated; about a minute) ...")
    created = asyncio.run(seed_demo(settings, force=False))
    print("demo data created" if created else "using the existing database")
    print_logins(DEMO_LOGINS, settings)
    return cmd_serve(args)


def print_logins(logins: list[tuple[str, str, str]], settings: Settings) -> None:
    base = f"http://{settings.host}:{settings.port}"
    print(f"\nTakan is at {base}  (API docs: {base}/schema/swagger, mobile page: {base}/m/)")
    print(f"data directory: {settings.data_dir.resolve()}\n")
    print(f"{'role':<10} {'username':<12} password")
    for role, username, password in logins:
        print(f"{role:<10} {username:<12} {password}")
    print()


def _password(args: argparse.Namespace) -> str:
    if args.password_env:
        value = os.environ.get(args.password_env)
        if not value:
            raise SystemExit(f"environment variable {args.password_env} is empty")
        return value
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise SystemExit("the passwords differ")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    from server.services import open_services

    try:
        data = UserCreate(username=args.username, password=_password(args), display_name=args.name or args.username,
                          role=Role(args.role), organisation=args.organisation or "")
        data = msgspec.convert(msgspec.to_builtins(data), UserCreate)  # apply the length/pattern rules
    except msgspec.ValidationError as exc:
        print(f"not added: {exc}", file=sys.stderr)
        return 2

    async def run() -> None:
        async with open_services(_settings(args)) as services:
            user = await services.accounts.create_user(None, data)
            print(f"added {user.role} {user.username} (id {user.id})")

    return _run_service_call(run)


def cmd_user_list(args: argparse.Namespace) -> int:
    from server.services import open_services

    async def run() -> None:
        async with open_services(_settings(args)) as services:
            cursor = None
            while True:
                page = await services.accounts.list_users(cursor=cursor, limit=200, role=None, active=None)
                for u in page.items:
                    state = "active" if u.active else "disabled"
                    print(f"{u.id:>5}  {u.username:<16} {u.role:<10} {state:<8} {u.display_name}")
                if not page.next_cursor:
                    break
                cursor = page.next_cursor

    return _run_service_call(run)


def cmd_user_set_active(args: argparse.Namespace) -> int:
    from server.services import open_services

    async def run() -> None:
        async with open_services(_settings(args)) as services:
            user = await services.accounts.find_user(args.username)
            await services.accounts.update_user(None, user.id, UserUpdate(active=args.active))
            print(f"{args.username}: {'enabled' if args.active else 'disabled'}")

    return _run_service_call(run)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from server.services import open_services

    async def run():
        async with open_services(_settings(args)) as services:
            return await services.audit.verify()

    result = asyncio.run(run())
    if result.ok:
        print(f"audit chain intact: {result.checked} events verified")
        return 0
    print(f"audit chain BROKEN at event {result.first_broken_seq}: {result.reason} "
          f"({result.checked} events before it verified)")
    return 1


def cmd_calendar_load(args: argparse.Namespace) -> int:
    from server.services import open_services

    try:
        data = msgspec.json.decode(Path(args.file).read_bytes(), type=CalendarFile)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError) as exc:
        print(f"cannot read {args.file}: {exc}", file=sys.stderr)
        return 2

    async def run() -> None:
        async with open_services(_settings(args)) as services:
            await services.catalogue.replace_calendar(None, data)
            print(f"calendar loaded: {len(data.holidays)} holidays, {len(data.makeup_workdays)} make-up days")

    return _run_service_call(run)


def cmd_calendar_show(args: argparse.Namespace) -> int:
    from server.services import open_services

    async def run() -> None:
        async with open_services(_settings(args)) as services:
            calendar = await services.catalogue.calendar_file()
            print(json.dumps(msgspec.to_builtins(calendar), ensure_ascii=False, indent=1))

    return _run_service_call(run)


def cmd_export(args: argparse.Namespace) -> int:
    """One case's signed archive (what GET /api/v1/cases/{id}/archive streams) to a file."""
    from server.services import open_services

    async def run() -> None:
        async with open_services(_settings(args)) as services:
            case_id = await services.archive.resolve_case(args.case)
            output = Path(args.output) if args.output else None
            if output is None or output.is_dir():
                reference = (await services.archive.load_record(case_id)).reference
                output = (output or Path.cwd()) / f"{reference}.zip"
            prepared, summary = await services.archive.write_archive(case_id, output)
            print(f"{prepared.reference}: {output} ({summary.archive_bytes} bytes, {summary.payload_files} files, "
                  f"Payload-Oxum {summary.payload_oxum})")
            print(f"tag manifest sha256 {summary.tagmanifest_sha256}, signed by {summary.key_fingerprint}")

    return _run_service_call(run)


def cmd_verify(args: argparse.Namespace) -> int:
    from server.bagit import PUBLIC_KEY_FILE, run_verify

    settings = _settings(args)
    configured = list(settings.trusted_archive_keys)
    # The server's own public key, when the command is run on a data dir named on purpose (not
    # the default ./media, which may be anything where the command happens to run).
    own = settings.data_dir / "keys" / PUBLIC_KEY_FILE
    if (args.data_dir or os.environ.get("TAKAN_DATA_DIR")) and own.is_file():
        configured.append(own)
    return run_verify(args, configured)


def cmd_fsck(args: argparse.Namespace) -> int:
    from server.maintenance.fsck import run_fsck

    return run_fsck(_settings(args).data_dir, args)


def cmd_backup(args: argparse.Namespace) -> int:
    from server.maintenance.backup import run_backup

    return run_backup(_settings(args).data_dir, args)


def cmd_restore(args: argparse.Namespace) -> int:
    from server.maintenance.backup import run_restore

    return run_restore(args)


def _run_service_call(run) -> int:
    from server.errors import AppError

    try:
        asyncio.run(run())
    except AppError as exc:
        print(f"refused: {exc.message}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="takan", description="Takan (踏勘) remote site survey server")
    parser.add_argument("--data-dir", help="data directory (default: $TAKAN_DATA_DIR or ./media)")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.set_defaults(func=cmd_serve)

    run = commands.add_parser("run", help="migrate, add demo data to an empty database, print logins, serve")
    run.add_argument("--host")
    run.add_argument("--port", type=int)
    run.set_defaults(func=cmd_run)

    commands.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)

    demo = commands.add_parser("demo", help="add demo users, sites and cases to an empty database")
    demo.add_argument("--force", action="store_true", help="add them even if users exist")
    demo.set_defaults(func=cmd_demo)

    user = commands.add_parser("user", help="manage users").add_subparsers(dest="user_command", required=True)
    add = user.add_parser("add", help="add a user (password from stdin, a prompt, or --password-env)")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--name", help="display name")
    add.add_argument("--organisation")
    add.add_argument("--password-env", help="read the password from this environment variable")
    add.set_defaults(func=cmd_user_add)
    user.add_parser("list", help="list users").set_defaults(func=cmd_user_list)
    disable = user.add_parser("disable", help="disable a user (signs them out)")
    disable.add_argument("username")
    disable.set_defaults(func=cmd_user_set_active, active=False)
    enable = user.add_parser("enable", help="re-enable a user")
    enable.add_argument("username")
    enable.set_defaults(func=cmd_user_set_active, active=True)

    audit = commands.add_parser("audit", help="audit log").add_subparsers(dest="audit_command", required=True)
    audit.add_parser("verify", help="recompute the hash chain").set_defaults(func=cmd_audit_verify)

    calendar = commands.add_parser("calendar", help="working-day calendar").add_subparsers(
        dest="calendar_command", required=True)
    load = calendar.add_parser("load", help="replace the holiday/make-up-day calendar from a JSON file")
    load.add_argument("file")
    load.set_defaults(func=cmd_calendar_load)
    calendar.add_parser("show", help="print the calendar in force").set_defaults(func=cmd_calendar_show)

    export = commands.add_parser("export", help="write one case's signed BagIt archive (zip) to a file")
    export.add_argument("case", help="the case reference (TK-2026-000123) or number")
    export.add_argument("-o", "--output", help="the .zip to write, or a folder (default: ./<reference>.zip)")
    export.set_defaults(func=cmd_export)
    from server.bagit import add_verify_arguments

    verify = commands.add_parser("verify", help="check a case archive: structure, every file's sha256, "
                                 "Payload-Oxum, the signature and the audit events (exit 0 only when all hold "
                                 "and a trusted key signed it; 3 when intact but the signer is not established)",
                                 description="Check a case archive offline: structure, every file's sha256,\n"
                                 "Payload-Oxum, the audit events, and the Ed25519 signature by a trusted key.")
    add_verify_arguments(verify).set_defaults(func=cmd_verify)

    from server.maintenance.backup import add_backup_arguments, add_restore_arguments
    from server.maintenance.fsck import add_fsck_arguments

    fsck = commands.add_parser("fsck", help="check the data directory: database, blobs (all hashed), derivatives, "
                               "upload files, audit chain (exit 0 only when clean)")
    add_fsck_arguments(fsck)
    fsck.set_defaults(func=cmd_fsck)
    backup = commands.add_parser("backup", help="consistent online backup of the data directory into DEST")
    add_backup_arguments(backup)
    backup.set_defaults(func=cmd_backup)
    restore = commands.add_parser("restore", help="restore a backup into an empty data directory")
    add_restore_arguments(restore)
    restore.set_defaults(func=cmd_restore)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:  # a bad TAKAN_* setting
        print(f"takan: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
