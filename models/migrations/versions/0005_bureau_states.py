"""bureau states: 推荐排序, decision note, prior state, demo flag; reviewed rows re-stated

Revision ID: 0005_bureau_states
Revises: 0007_companion_files
Create Date: 2026-12-03 10:00:00

``reviewed`` (nothing left to review) becomes ``confirmed`` where a reviewer confirmed the
packet (``reviewed_by`` is set), ``corrected`` where a person corrected or confirmed a field,
else ``needs_review`` (it was reached with no person at all). The first-run samples of
scripts/serve.sh (uploaded by ``cli`` under their sample names) are marked demo.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005_bureau_states"
down_revision = "0007_companion_files"
branch_labels = None
depends_on = None

NOTICES = ("miit-2022-shuangkua", "hunan-2023-platform", "wuhan-fund-2022", "miit-2023-pilot")
SAMPLE_NAMES = tuple(f"{n}-dev-{i:02d}.pdf" for n in NOTICES for i in (1, 2, 3))
TOUCHED = "EXISTS (SELECT 1 FROM field_values f WHERE f.submission_id = submissions.id AND f.state <> 'extracted')"


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recommend_rank", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("decision_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("prior_status", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("demo", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f("ix_submissions_demo"), ["demo"], unique=False)
    op.execute("UPDATE submissions SET status = 'confirmed' WHERE status = 'reviewed' AND reviewed_by IS NOT NULL")
    op.execute(f"UPDATE submissions SET status = 'corrected' WHERE status = 'reviewed' AND {TOUCHED}")
    op.execute("UPDATE submissions SET status = 'needs_review' WHERE status = 'reviewed'")
    names = sa.table("submissions", sa.column("demo", sa.Boolean()), sa.column("source_id", sa.Integer()))
    sources = sa.table("source_files", sa.column("id"), sa.column("filename"), sa.column("uploaded_by"))
    samples = sa.select(sources.c.id).where(sources.c.uploaded_by == "cli", sources.c.filename.in_(SAMPLE_NAMES))
    op.execute(names.update().where(names.c.source_id.in_(samples)).values(demo=True))


def downgrade() -> None:
    op.execute(
        "UPDATE submissions SET status = 'reviewed' "
        "WHERE status IN ('corrected', 'confirmed', 'recommended', 'not_recommended')"
    )
    op.execute("UPDATE submissions SET status = prior_status WHERE status IN ('withdrawn', 'duplicate')")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submissions_demo"))
        batch_op.drop_column("demo")
        batch_op.drop_column("prior_status")
        batch_op.drop_column("decision_note")
        batch_op.drop_column("recommend_rank")
