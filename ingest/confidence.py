"""Every number that goes into a field's confidence, named, in one place.

A field's confidence is a product of what can go wrong (see :func:`shenbao.ingest.matching.score`):

    (label match / 100) ** 2  x  layout trust  x  candidate prior  x  OCR factor
        x  type validity  x  plausibility

The contract asks that "among fields reported at confidence >= c, the share that are correct
is about c or better", and the review desk auto-accepts fields at >= 0.95. The values below
were calibrated on unseen-style documents (the wild samples and the variant generator's
unseen-layout classes), text and scans, not only on the dev samples: see
``bench/bench_extract.py`` for the calibration table they produce.
"""

from __future__ import annotations

# -- label matching (0-100 scores) -------------------------------------------------------
LABEL_CELL_MIN = 86.0  # a table cell reads as a field's label at or above this
PAIR_LABEL_MIN = 86.0  # a printed "label：" reads as a field's label at or above this
LABEL_SYNONYM = 98.5  # the same label in other words of forms ("统一社会信用代码" for 组织机构代码)
LABEL_FOLDED_GROUP = 98.5  # the group label folded in: "联系人姓名" for 姓名 under 联系人
LABEL_GROUP_AS_NAME = 95.0  # "联系人：张三" for the 姓名 of the 联系人 group
LABEL_GROUP_SHORT_AS_NAME = 93.0  # "负责人：张三" for the 姓名 of the 平台负责人 group
LABEL_MODIFIED = 92.0  # a modifier before the label: "项目联系人" for 联系人, "参与人员总数" for 总数
LABEL_SHORTENED = 90.0  # characters left out, order and ending kept: "已投资" for 已完成投资
LABEL_CUT_SHORT = 90.0  # the last character lost: "组织机构代" for 组织机构代码 (wrapped, a scan dropped it)
LABEL_FUZZY_CAP = 92.0  # a merely similar label is never as good as the same label

# -- how far each layout is trusted to hold the field's value -----------------------------
LAYOUT_TRUST = {
    "cell": 0.99,  # the template's own cell right of (or under) the label
    "grid": 0.99,  # row label x column header
    "pattern": 0.98,  # a notice's regex for a compound line
    "inline": 0.985,  # "标签：值" found by searching the field's labels
    "pair": 0.985,  # a printed pair whose label means the field
    "block": 0.97,  # paragraphs after a heading-like label
    "aligned": 0.98,  # row label x column header by position (rulings lost on a scan)
}
LAYOUT_TRUST_OTHER = 0.95

# -- candidate priors (multiplied into the layout trust) ----------------------------------
PRIOR_INLINE_FALLBACK = 0.97  # inline for a field the map says is in a cell
PRIOR_CELL_FALLBACK = 0.97  # a cell for a field the map says is inline
PRIOR_BLOCK_FALLBACK = 0.98  # paragraphs under a heading for a longtext the map says is in a cell
PRIOR_PAIR = 1.0
PRIOR_TYPED_OPTIONS = 0.97  # options written out by name instead of ticked in their boxes
PRIOR_ALIGNED = 0.97  # a grid value found by position under its header, no rulings between
PRIOR_GROUP_UNSEEN = 0.98  # the field's group label (联系人, 平台负责人信息) is not printed nearby,
#                            but no other field of the section shares the label
PRIOR_MID_SENTENCE = 0.9  # a label met mid-sentence ("…，计划投资58万元。")
PRIOR_BLANK = 0.97  # a blank loses ties against a filled occurrence of the label
PRIOR_FOREIGN_CONTEXT = 25.0  # label points taken off a cell in another field's row group

# -- OCR ------------------------------------------------------------------------------------
# The OCR factor falls gently with the recogniser's score down to OCR_KNEE, steeply below it.
# Measured on unseen scans, the score hardly tells misreads apart above the knee (the misread
# "上地干街" scores 0.99; 5 % of correct values score under 0.945), while a line read at 0.7 or
# less is usually cut or garbled: the checks of a value's shape below do the rest.
OCR_KNEE = 0.9
OCR_GENTLE_SLOPE = 0.5  # factor lost per point of score above the knee (0.95 -> 0.975)
OCR_STEEP_SLOPE = 1.5  # ... and below it (0.8 -> 0.80, 0.5 -> 0.35)

# -- type validity ------------------------------------------------------------------------
VALID_ORG_CODE_BAD_CHECK = 0.9  # 18 characters, but the GB 32100 check character disagrees
VALID_OCR_EMAIL_LOOKALIKE = 0.93  # l/1 and o/0 look alike on paper, nothing checks an address
VALID_NEGATIVE_COUNT = 0.5  # counts and shares are not negative: a dash read as a minus
VALID_NUMBER_EXTRA_TEXT = 0.85  # words around a number
VALID_NUMBER_SCAN_SEPARATOR = 0.85  # points where thousands commas belong, in an amount: read from a scan
VALID_COUNT_POINT_AS_COMMA = 0.98  # "18.539" for a count: a comma read as a point (a count has no
#                                    decimals, so 18539 is nearly sure)
VALID_LONG_TEXT = 0.85  # a "text" value over 80 characters
VALID_OCR_REPAIRED = 0.97  # a credit code whose impossible letters were read back as digits
#                           (O -> 0): the repaired code passes its check character
VALID_IMPLICIT_TICK = 0.85  # an option taken as ticked because it stands bare among boxed ones
VALID_BOX_IN_TEXT = 0.5  # a box glyph inside a name: a character misread as a checkbox
VALID_OCR_PARTIAL_DATE = 0.9  # only year and month read from a scan: the day may be lost ink
VALID_OCR_UNFINISHED_TEXT = 0.9  # a scanned paragraph that stops mid-sentence: a line was lost

# -- plausibility: is the value believable for the field ------------------------------------
PLAUSIBLE_PERCENT_OVER_100 = 0.3  # a share above 100 % (ratios of debt, R&D to revenue ...)
PLAUSIBLE_RUN_TOGETHER = 0.4  # a number with too many digits: two cells read as one
PLAUSIBLE_LABEL_AS_VALUE = 0.2  # the value is itself a label ("联合体申报：")
PLAUSIBLE_MAGNITUDE = 0.6  # an amount 1000x off the applicant's other amounts
PLAUSIBLE_UNBALANCED = 0.8  # an opening bracket or quote never closed: "二级节点（" is cut short
MAX_AMOUNT_DIGITS = 10  # integer digits of a money amount in 万元 (10^10 万元 is no applicant)
MAX_COUNT_DIGITS = 11  # integer digits of a count (identifier registrations reach 10^10)
# characters after a label's colon that make a paragraph answer opening with a heading of
# its own ("主要建设内容：（1）…"), not a printed pair
LONG_ANSWER = 40
MAGNITUDE_RATIO = 1000.0  # how far from the median of the other 万元 amounts is implausible

# -- the ceiling ------------------------------------------------------------------------------
MAX_CONFIDENCE = 0.995  # nothing read from paper is certain
