"""The variant generator: filled 申报书 the way applicants really lay them out, with exact truth.

For plugin authors and the team's bench (``bench/variants.py``). A notice plugin takes part
by shipping a ``variants`` module (``<plugin package>.variants``) that defines
``FILLER = NoticeFiller(fill=..., rewordings=...)``; everything notice-specific (which cell a
value goes in, the applicants' wordings of its labels, plausible values) lives there. This
package holds the generic machinery the fillers import:

- :mod:`.values`, :mod:`.pools` seeded plausible values, printed per variation class;
- :mod:`.classes` the variation classes of issue 10 and the per-document knobs;
- :mod:`.docxedit` editing the blank .docx; :mod:`.layout` the layout classes;
- :mod:`.truth` the truth file, findings from the project's rule engine;
- :mod:`.generate` one document; :mod:`.render` LibreOffice PDF and image-only scans;
- :mod:`.report` extraction, scoring per notice / class, calibration, the miss list.

Only :mod:`.render` needs LibreOffice (``soffice``); generating .docx + truth does not.
"""
