"""Sub-commands about plugins: ``shenbao notices`` and ``shenbao notice new|draft|check``."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from shenbao.core.errors import PluginError, UnknownNotice
from shenbao.core.notice import Notice, load_notice
from shenbao.plugins.authoring.draft import add_notice_attachments, draft_notice
from shenbao.plugins.authoring.recall import field_candidates, recall
from shenbao.plugins.authoring.scaffold import (
    PluginNames,
    find_notice_file,
    is_untouched_scaffold,
    new_plugin,
    validate_id,
)
from shenbao.plugins.authoring.tomlout import render_notice
from shenbao.plugins.binding import bound
from shenbao.plugins.check import Problem, check_file, notice_problems
from shenbao.plugins.manager import get_manager
from shenbao.plugins.markers import ENTRY_POINT_GROUP
from shenbao.plugins.printing import print_table

if TYPE_CHECKING:
    from shenbao.plugins.authoring.draft import NoticeDraft


def register(sub: argparse._SubParsersAction) -> None:
    notices = sub.add_parser("notices", help="list the installed notice plugins")
    notices.set_defaults(func=cmd_notices)

    notice = sub.add_parser("notice", help="write, draft and check notice plugins")
    actions = notice.add_subparsers(dest="action", required=True, metavar="ACTION")

    new = actions.add_parser("new", help="write a ready notice plugin package")
    new.add_argument("id", help="notice id, e.g. hunan-2024-platform")
    new.add_argument("--name", required=True, help="the notice's name (申报通知)")
    new.add_argument("--dir", help="where to write it (default ./shenbao-notice-ID)")
    new.add_argument("--form-title", default="", help="the printed title of the 申报书")
    new.add_argument("--issuer", default="", help="the issuing office")
    new.add_argument("--force", action="store_true", help="overwrite existing files")
    new.set_defaults(func=cmd_new)

    draft = actions.add_parser("draft", help="draft a field map from a blank 申报书 (.docx/.pdf/scan)")
    draft.add_argument("blank", help="the blank form: .docx, born-digital .pdf or scanned .pdf")
    draft.add_argument("--id", default="", help="notice id (default: from the target or the file name)")
    draft.add_argument("--name", default="", help="notice name (default: the form's title)")
    draft.add_argument(
        "-o", "--out", required=True, help="folder for notice.toml (a package made by `notice new` is filled in)"
    )
    draft.add_argument("--force", action="store_true", help="overwrite an edited notice.toml")
    draft.add_argument(
        "--notice-text",
        metavar="FILE",
        help="the notice's own text (通知, .txt/.docx/.pdf): also draft the attachments it asks for",
    )
    draft.add_argument(
        "--compare", metavar="NOTICE_TOML", help="print how much of this known field map the draft recovers"
    )
    draft.set_defaults(func=cmd_draft)

    check = actions.add_parser("check", help="validate a notice plugin; exit 1 on errors")
    check.add_argument("target", help="an installed notice id, a notice.toml or a plugin folder")
    check.set_defaults(func=cmd_check)


def cmd_notices(args: argparse.Namespace) -> int:
    manager = get_manager()
    rows: list[tuple[str, ...]] = [("id", "name", "fields", "attachments", "rules", "package")]
    for notice in sorted(manager.notices.values(), key=lambda n: n.id):
        rows.append(
            (
                notice.id,
                notice.name,
                str(len(notice.fields)),
                str(len(notice.attachments)),
                str(len(notice.rules)),
                notice.package,
            )
        )
    print_table(rows)
    sys.stdout.flush()
    for problem in manager.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


# -- notice new ------------------------------------------------------------------------------
def cmd_new(args: argparse.Namespace) -> int:

    written = new_plugin(args.id, args.name, args.dir, form_title=args.form_title, issuer=args.issuer, force=args.force)
    root = Path(args.dir) if args.dir else Path(PluginNames(args.id).dist)
    for path in written:
        print(path)
    print(
        f"\nnext: shenbao notice draft BLANK_FORM --id {args.id} -o {root}\n"
        f"      shenbao notice check {root}\n      pip install -e {root}"
    )
    return 0


# -- notice draft ----------------------------------------------------------------------------
def cmd_draft(args: argparse.Namespace) -> int:

    target = _draft_target(Path(args.out))
    existing = None
    if target.exists():
        try:
            existing = load_notice(target)
        except PluginError:
            if not args.force:
                raise
    notice_id = args.id or (existing.id if existing else _id_from_file(args.blank))
    validate_id(notice_id)
    if target.exists() and not args.force and not is_untouched_scaffold(target):
        raise PluginError(f"{target} exists and was edited; use --force to replace it")
    draft = draft_notice(args.blank)
    from_notice = add_notice_attachments(draft, args.notice_text) if args.notice_text else 0
    name = args.name or (existing.name if existing else "") or draft.title or notice_id
    text = render_notice(
        draft,
        notice_id,
        name,
        form_title=existing.form_title if existing else "",
        issuer=existing.issuer if existing else "",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(
        f"{target}: {len(draft.fields)} fields in {len({f.section for f in draft.fields})} sections, "
        f"{len(draft.attachments)} attachments drafted from {args.blank}"
        + (f" ({from_notice} of them from {args.notice_text})" if args.notice_text else "")
    )
    if args.compare:
        _print_recall(draft, Path(args.compare))
    return 0


def _draft_target(out: Path) -> Path:

    if out.suffix == ".toml":
        return out
    return find_notice_file(out) or out / "notice.toml"


def _id_from_file(blank: str) -> str:
    stem = Path(blank).name.split(".")[0].lower()
    return "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in stem).strip("-") or "new-notice"


def _print_recall(draft: NoticeDraft, known: Path) -> None:

    notice = load_notice(known)
    fields = recall(
        [f.label for f in notice.fields], [field_candidates(f.label, f.labels, f.column) for f in draft.fields]
    )
    attachments = recall([a.label for a in notice.attachments], [(a.label, *a.labels) for a in draft.attachments])
    extra = len(draft.attachments) - attachments.found
    print(
        f"recall against {known}: fields {fields.found}/{fields.total} ({fields.share:.0%}), "
        f"attachments {attachments.found}/{attachments.total} ({attachments.share:.0%}), "
        f"{extra} drafted attachments not in it"
    )
    for label in fields.missing:
        print(f"  not drafted: field {label}")
    for label in attachments.missing:
        print(f"  not drafted: attachment {label}")


# -- notice check ----------------------------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    target = args.target
    path = _as_notice_file(target)
    if path is not None:
        name, (notice, problems) = str(path), check_file(path)
    else:
        name, notice, problems = _check_installed(target)
    for problem in problems:
        print(problem)
    errors = sum(p.is_error for p in problems)
    summary = (
        f"{len(notice.fields)} fields, {len(notice.attachments)} attachments, {len(notice.rules)} rules; "
        if notice
        else ""
    )
    print(f"{name}: {summary}{errors} errors, {len(problems) - errors} warnings")
    return 1 if errors else 0


def _as_notice_file(target: str) -> Path | None:

    path = Path(target)
    if path.suffix == ".toml":
        return path
    if path.is_dir():
        found = find_notice_file(path) or (path / "notice.toml" if (path / "notice.toml").exists() else None)
        if found is None:
            raise PluginError(f"{path} holds no notice.toml (nor one plugin package with one)")
        return found
    return None


def _check_installed(notice_id: str) -> tuple[str, Notice | None, list[Problem]]:
    """An installed notice, or a plugin the manager skipped: report why, and check its file."""
    manager = get_manager()
    if notice_id in manager.notices:
        installed = manager.notices[notice_id]
        if installed.source and Path(installed.source).exists():
            loaded, problems = check_file(installed.source)
            return notice_id, loaded or installed, problems
        return notice_id, installed, notice_problems(installed)
    skipped = [p for p in manager.problems if p.plugin == notice_id]
    problems = [Problem("error", str(p)) for p in skipped]
    source = _entry_point_notice_file(notice_id)
    notice = None
    if source is not None:
        notice, more = check_file(source)
        problems += more
    elif skipped:
        notice, more = _declared_notice(notice_id)
        problems += more
    if not problems and notice is None:
        known = ", ".join(sorted(manager.notices)) or "none"
        raise UnknownNotice(
            f"unknown notice id {notice_id!r} (installed: {known}); "
            "give a path to a notice.toml to check one that is not installed"
        )
    return notice_id, notice, problems


def _declared_notice(name: str) -> tuple[Notice | None, list[Problem]]:
    """Ask a plugin that imports but was skipped for its notice, to list all its problems."""
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name != name:
            continue
        try:
            declared = [bound(item).notice for item in getattr(ep.load(), "register_notices", list)() or []]
        except Exception:  # already reported as the reason it was skipped
            return None, []
        problems = [p for notice in declared for p in notice_problems(notice)]
        return (declared[0] if declared else None), problems
    return None, []


def _entry_point_notice_file(name: str) -> Path | None:
    """The notice.toml beside a plugin's module, found without importing it."""
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name != name:
            continue
        try:
            spec = importlib.util.find_spec(ep.value.split(":")[0])
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.origin:
            return None
        candidate = Path(spec.origin).with_name("notice.toml")
        return candidate if candidate.exists() else None
    return None
