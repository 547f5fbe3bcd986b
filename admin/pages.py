"""Flask-Admin pages that are not model lists: upload, review desk, exports, notice field maps."""

from __future__ import annotations

import io
from typing import Any

from flask import Response, abort, current_app, flash, jsonify, redirect, request, send_file, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from shenbao.admin import review as svc
from shenbao.admin.companions import attach_companion
from shenbao.admin.completeness import requirements
from shenbao.admin.crops import field_crop, page_frame, whole_page
from shenbao.admin.exceptions import ExportError, InvalidEntry, http_status
from shenbao.admin.export import export_check, full_csv, full_workbook, summary_filename, summary_workbook
from shenbao.admin.failures import QueueUnavailable
from shenbao.admin.ingest import ingest_upload, original_path
from shenbao.admin.labels import notice_title
from shenbao.admin.snippets import WORD_MEDIA, field_snippets
from shenbao.admin.views import Protected
from shenbao.admin.where import boxes_on, crop_box, next_submission, where
from shenbao.core.errors import ShenbaoError
from shenbao.models import SourceFile, Submission, db
from shenbao.models.states import RECOMMENDED
from shenbao.plugins.manager import get_manager


class UploadView(Protected, BaseView):
    right = "upload"

    @expose("/", methods=["GET", "POST"])
    def index(self) -> Any:

        if request.method == "POST":
            files = [f for f in request.files.getlist("files") if f.filename]
            if not files:
                flash(_("Choose one or more files."), "error")
                return redirect(url_for(".index"))
            try:
                upload_id, _subs = ingest_upload([(f.stream, f.filename) for f in files], current_user)
            except QueueUnavailable as exc:  # stored and queued in the database: a sweep queues them
                if exc.upload_id is None:
                    raise
                flash(str(exc), "warning")
                upload_id = exc.upload_id
            return redirect(url_for(".progress", upload_id=upload_id))
        return self.render("shenbao/upload.html", max_mb=current_app.config["MAX_FILE_BYTES"] // (1 << 20))

    @expose("/<upload_id>")
    def progress(self, upload_id: str) -> Any:
        return self.render("shenbao/progress.html", upload_id=upload_id, files=upload_files(upload_id))

    @expose("/<upload_id>/status")
    def status(self, upload_id: str) -> Any:
        rows = upload_files(upload_id)
        return jsonify(files=rows, done=all(r["status"] in ("done", "failed") for r in rows))


def upload_files(upload_id: str) -> list[dict[str, Any]]:
    query = select(SourceFile).where(SourceFile.upload_id == upload_id).order_by(SourceFile.id)
    out = []
    for source in db.session.scalars(query):
        shown = db.session.get_one(SourceFile, source.packet_id) if source.packet_id else source
        sub = shown.submission
        out.append(
            {
                "id": source.id,
                "filename": source.filename,
                "status": shown.status,
                "error": shown.error,
                "size": source.size,
                "packet": shown.filename if shown is not source else None,
                "submission": sub.id if sub else None,
                "notice": sub.notice_id if sub else None,
                "notice_name": notice_title(sub.notice_id) if sub else None,
                "submission_status": sub.status if sub else None,
                "url": url_for("review.show", submission_id=sub.id) if sub and sub.notice_id else None,
            }
        )
    return out


def load_submission(submission_id: int) -> Submission:
    submission = db.session.get(Submission, submission_id)
    if submission is None:
        abort(404)
    return submission


def review_rows(submission: Submission) -> list[dict[str, Any]]:
    """Every field of the notice, the ones needing review first (lowest confidence first)."""
    notice = svc.notice_of(submission)
    values, attachments = svc.current_values(submission)
    needed = svc.required_keys(notice, values, attachments)
    limit = svc.threshold()
    specs = {f.key: f for f in notice.fields}
    rows: list[dict[str, Any]] = []
    for fv in submission.fields:
        spec = specs.get(fv.key)
        if spec is None:
            continue
        status = svc.field_status(fv, fv.key in needed, limit)
        rows.append(
            {
                "fv": fv,
                "spec": spec,
                "status": status,
                "text": svc.shown_text(fv, spec.type),
                "where": where(submission, fv, spec),
                "needs": status in svc.REVIEW_STATES,
                "required": fv.key in needed,
            }
        )
    rows.sort(key=lambda r: (not r["needs"], r["fv"].confidence or 0.0 if r["needs"] else 0, r["fv"].position))
    return rows


class ReviewView(Protected, BaseView):
    right = "correct"

    def is_visible(self) -> bool:
        return False

    @expose("/")
    def index(self) -> Any:
        return redirect(url_for("submission.index_view"))

    @expose("/<int:submission_id>")
    def show(self, submission_id: int) -> Any:
        submission = load_submission(submission_id)
        if submission.status in ("ingesting", "failed"):
            flash(submission.error or _("This file is still being read."), "error" if submission.error else "info")
            return redirect(url_for("submission.index_view"))
        notice = svc.notice_of(submission)
        values, attachments = svc.current_values(submission)
        reqs = requirements(notice, values, attachments)
        labels = {a.key: a.label for a in notice.attachments}
        source = submission.source
        word = source is not None and source.media_type in WORD_MEDIA
        key_labels = labels | {f.key: f.label for f in notice.fields}
        following = next_submission(submission)
        return self.render(
            "shenbao/review.html",
            submission=submission,
            notice=notice,
            rows=review_rows(submission),
            requirements=reqs,
            attachment_labels=labels,
            key_labels=key_labels,
            threshold=svc.threshold(),
            can_confirm=current_user.can("confirm"),
            next_url=url_for(".show", submission_id=following.id) if following else "",
            next_submission=following,
            findings=sorted(submission.findings, key=lambda f: (f.scope, f.code, f.key)),
            snippets=field_snippets(original_path(source), submission.fields) if word and source else {},
            word=word,
        )

    @expose("/<int:submission_id>/field", methods=["POST"])
    def save_field(self, submission_id: int) -> Any:
        submission = load_submission(submission_id)
        data = request.get_json(silent=True) or request.form
        key = str(data.get("key", ""))
        try:
            outcome = svc.save_field(
                submission, key, str(data.get("value", "")), _int(data.get("version")), current_user
            )
        except ShenbaoError as exc:
            db.session.rollback()
            return jsonify(ok=False, error=str(exc)), http_status(exc)
        return jsonify(ok=True, outcome=outcome, **field_state(submission, key))

    @expose("/<int:submission_id>/attachment", methods=["POST"])
    def flag(self, submission_id: int) -> Any:
        submission = load_submission(submission_id)
        data = request.get_json(silent=True) or request.form
        try:
            svc.flag_attachment(
                submission,
                str(data.get("key", "")),
                str(data.get("flag", "")),
                current_user,
                page=_int(data.get("page")),
                note=str(data.get("note", "")),
                version=_int(data.get("version")),
            )
        except ShenbaoError as exc:
            db.session.rollback()
            if request.is_json:
                return jsonify(ok=False, error=str(exc)), http_status(exc)
            flash(str(exc), "error")
            return redirect(url_for(".show", submission_id=submission_id))
        if request.is_json:
            return jsonify(ok=True, completeness=submission.completeness, open_findings=submission.open_findings)
        flash(_("Attachment updated."), "success")
        return redirect(url_for(".show", submission_id=submission_id) + "#completeness")

    @expose("/<int:submission_id>/companion", methods=["POST"])
    def companion(self, submission_id: int) -> Any:
        """Attach the submission's other copy (the paper copy's scan, or the Word file)."""
        submission = load_submission(submission_id)
        if not current_user.can("upload"):
            abort(403)
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            flash(_("Choose the file of the other copy."), "error")
            return redirect(url_for(".show", submission_id=submission_id))
        try:
            attach_companion(submission, upload.stream, upload.filename, current_user)
        except ShenbaoError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(_("The other copy is being read; differences will be listed as findings."), "info")
        return redirect(url_for(".show", submission_id=submission_id))

    @expose("/<int:submission_id>/crop/<key>.png")
    def crop(self, submission_id: int, key: str) -> Any:

        submission = load_submission(submission_id)
        fv = next((f for f in submission.fields if f.key == key), None)
        spot = crop_box(submission, fv) if fv is not None else None
        if spot is None or submission.source is None or submission.source.media_type in WORD_MEDIA:
            abort(404)  # a Word file has no page images: the review page shows the paragraph or cell
        page, bbox = spot
        return _png(field_crop(submission.source, page, bbox, page_frame(submission.extraction, page)))

    @expose("/<int:submission_id>/page/<int:page>.png")
    def page(self, submission_id: int, page: int) -> Any:
        """A whole page, the boxes of field ``?key=`` on it outlined; ``?w=`` a thumbnail's width."""
        submission = load_submission(submission_id)
        source = submission.source
        if source is None or source.media_type in WORD_MEDIA or not 1 <= page <= (submission.pages or 0):
            abort(404)
        key = request.args.get("key", "")
        fv = next((f for f in submission.fields if f.key == key), None)
        width = min(_int(request.args.get("w")) or 0, 2000)
        frame = page_frame(submission.extraction, page)
        return _png(whole_page(source, page, boxes_on(submission, fv, page), frame, width))


def _png(data: bytes) -> Response:
    response = send_file(io.BytesIO(data), mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def field_state(submission: Submission, key: str) -> dict[str, Any]:
    rows = {r["fv"].key: r for r in review_rows(submission)}
    row = rows[key]
    return {
        "key": key,
        "value": row["text"],
        "status": row["status"],
        "version": row["fv"].version,
        "to_review": submission.to_review,
        "completeness": submission.completeness,
        "open_findings": submission.open_findings,
        "submission_status": submission.status,
        "needs": [k for k, r in rows.items() if r["needs"]],
    }


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        raise InvalidEntry(f"not a number: {value!r}") from None


class ExportView(Protected, BaseView):
    right = "export"

    @expose("/")
    def index(self) -> Any:
        notices = get_manager().notices
        chosen = dict(
            db.session.execute(
                select(Submission.notice_id, func.count())
                .where(Submission.status == RECOMMENDED, Submission.demo.is_(False))
                .group_by(Submission.notice_id)
            ).all()
        )
        checks = {notice_id: export_check(notice_id) for notice_id in notices}
        return self.render("shenbao/export.html", notices=notices, chosen=chosen, checks=checks)

    @expose("/summary/<notice_id>.xlsx")
    def summary(self, notice_id: str) -> Any:
        """The 推荐汇总表; checked first: a broken limit or a recommended duplicate sends the
        reviewer to the 推荐排序 page, unless asked again with ``anyway=1``. ``draft=1``: 草稿."""
        draft = request.args.get("draft") == "1"
        try:
            problems = [] if draft or request.args.get("anyway") == "1" else export_check(notice_id)
            if problems:
                for finding in problems:
                    flash(finding.message, "error" if finding.severity == "error" else "warning")
                return redirect(url_for("decisions.ranking", notice_id=notice_id, check=1))
            data = summary_workbook(notice_id, draft)
        except ExportError as exc:
            flash(str(exc), "error")
            return redirect(url_for(".index"))
        return _download(
            data,
            summary_filename(notice_id, draft),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

    @expose("/all.<fmt>")
    def everything(self, fmt: str) -> Any:

        notice_id = request.args.get("notice") or None
        if fmt == "csv":
            return _download(full_csv(notice_id), "shenbao-all.csv", "text/csv; charset=utf-8")
        if fmt != "xlsx":
            abort(404)
        return _download(
            full_workbook(notice_id),
            "shenbao-all.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


def _download(data: bytes, filename: str, mimetype: str) -> Response:
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename)


class NoticeView(Protected, BaseView):
    """Each installed notice's field map, read-only."""

    right = "correct"

    @expose("/")
    def index(self) -> Any:
        manager = get_manager()
        return self.render("shenbao/notices.html", notices=manager.notices, problems=manager.problems)

    @expose("/<notice_id>")
    def detail(self, notice_id: str) -> Any:
        notice = get_manager().notices.get(notice_id)
        if notice is None:
            abort(404)
        return self.render("shenbao/notice.html", notice=notice)
