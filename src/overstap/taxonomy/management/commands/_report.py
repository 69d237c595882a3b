"""Shared text output of the import commands."""

from __future__ import annotations

from django.core.management.base import OutputWrapper
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from overstap.taxonomy.services import ImportReport

NAMES = {
    "isco_groups": gettext_lazy("ISCO groups"),
    "skill_groups": gettext_lazy("skill groups"),
    "skill_group_hierarchy": gettext_lazy("skill group hierarchy"),
    "occupations": gettext_lazy("occupations"),
    "skills": gettext_lazy("skills"),
    "skill_hierarchy": gettext_lazy("skill hierarchy (skill → skill)"),
    "skill_group_links": gettext_lazy("skill → group links"),
    "occupation_skills": gettext_lazy("occupation–skill relations"),
    "skill_relations": gettext_lazy("skill–skill relations"),
    "labels": gettext_lazy("search labels"),
}


def write_report(out: OutputWrapper, report: ImportReport, style_success, style_warning) -> None:
    out.write(
        _("Layout %(layout)s, languages %(languages)s, %(seconds).1f seconds.")
        % {
            "layout": report.layout,
            "languages": ", ".join(report.languages),
            "seconds": report.seconds,
        }
    )
    out.write(
        "  {:<34} {:>9} {:>9} {:>9} {:>10}".format(
            "", _("created"), _("updated"), _("deleted"), _("unchanged")
        )
    )
    for key, counts in report.counts.items():
        out.write(
            f"  {NAMES.get(key, key)!s:<34} {counts.created:>9,} {counts.updated:>9,} "
            f"{counts.deleted:>9,} {counts.unchanged:>10,}"
        )
    if report.skipped:
        out.write(style_warning(_("Skipped %(count)d rows:") % {"count": report.skipped_rows()}))
        for skip in report.skipped:
            out.write(
                _("  %(file)s: %(reason)s: %(count)d rows")
                % {"file": skip.file, "reason": skip.reason, "count": skip.count}
            )
            for example in skip.examples:
                out.write(f"      {example}")
    for warning in report.warnings:
        out.write(style_warning(_("Note: %(warning)s") % {"warning": warning}))
    if report.relink and (report.relink.changed or report.relink.conflicts):
        out.write(
            _(
                "Demo concepts replaced by their ESCO twin: %(occupations)d occupations, "
                "%(skills)d skills."
            )
            % {
                "occupations": report.relink.replaced["occupation"],
                "skills": report.relink.replaced["skill"],
            }
        )
        for key, moved in report.relink.moved.items():
            out.write(_("  %(field)s: %(count)d references moved") % {"field": key, "count": moved})
        for key, conflicts in report.relink.conflicts.items():
            out.write(
                style_warning(
                    _(
                        "  %(field)s: %(count)d references kept on the demo concept "
                        "(already linked to the twin)"
                    )
                    % {"field": key, "count": conflicts}
                )
            )
    out.write(
        style_success(
            _("Done: %(created)d created, %(updated)d updated (taxonomy version %(version)d).")
            % {"created": report.created, "updated": report.updated, "version": report.version}
        )
    )
