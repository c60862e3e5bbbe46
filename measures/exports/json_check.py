"""Check an arena file against the documented format (docs/json-format.md) before anything is
written: every type, length, code and reference, each problem as one line a person can act on
("measures[3].status: «done» er ikke en gyldig verdi."), never a traceback.

Each value is checked by the model field it is stored in (its type, `max_length`, `choices`,
validators such as the slug's and the join code's), so the check and the database cannot
disagree about what fits; references ("O1", "D3") must name an object of the file.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from arena.models import Arena, Group, Plan, PlanGoal, ProblemArea, ProgramSession, TargetGroup
from measures.exports import json_links
from measures.models import (
    Comment,
    Commitment,
    FollowUpUpdate,
    Funding,
    Indicator,
    Measure,
    MeasureActor,
    Vote,
)
from participants.models import Organisation, Participant

MAX_PROBLEMS = 50  # after this many lines the rest is noise: fix these first

# Keys that refer to another list of the file, and that list's reference prefix.
REFS = {
    "organisation": "O",
    "group": "G",
    "participant": "D",
    "last_edited_by": "D",
    "problem_areas": "P",
    "target_groups": "T",
    "authors": "D",
}

# Every object of the file: its model, its plain keys (checked by the model's field of that
# name), and its lists of sub-objects.
SECTIONS = {
    "arena": (Arena, ("title", "slug", "purpose", "venue", "start_date", "end_date", "status",
                      "join_code", "editing_open", "groups_assigned", "dots_per_participant",
                      "ranking_revealed", "privacy_text", "retention_months",
                      "followup_months", "default_language", "auto_seating")),
    "plans": (Plan, ("title", "short_name", "description", "opportunity_area", "url")),
    "goals": (PlanGoal, ("text", "order")),
    "sessions": (ProgramSession, ("day", "starts_at", "ends_at", "title", "kind",
                                  "instructions", "allows_editing", "is_current")),
    "problem_areas": (ProblemArea, ("title", "description", "order")),
    "target_groups": (TargetGroup, ("name", "order")),
    "groups": (Group, ("name", "order")),
    "organisations": (Organisation, ("name", "kind", "municipality")),
    "participants": (Participant, ("display_name", "email", "consents_to_followup",
                                   "joined_at")),
    "measures": (Measure, ("title", "direction", "status", "version", "description",
                           "way_of_working", "arenas_to_develop", "arenas_to_discontinue",
                           "goal", "horizon", "start_year", "start_term", "end_year",
                           "end_term", "contact_name", "contact_email", "created_at",
                           "submitted_at")),
    "actors": (MeasureActor, ("role_kind", "role_text", "order")),
    "indicators": (Indicator, ("indicator", "target", "due", "order")),
    "fundings": (Funding, ("source", "kind", "status", "amount", "order")),
    "comments": (Comment, ("author_name", "text", "hidden", "created_at")),
    "votes": (Vote, ("dots",)),
    "commitments": (Commitment, ("role_kind", "text", "created_at")),
    "followups": (FollowUpUpdate, ("status", "text", "reported_by", "reported_on",
                                   "created_at")),
}  # fmt: skip
# Each list's references, as (key, many, nullable).
LIST_REFS = {
    "groups": (("problem_areas", True, False),),
    "participants": (("organisation", False, False), ("group", False, True)),
    "measures": (("group", False, True), ("problem_areas", True, False),
                 ("target_groups", True, False), ("authors", True, False),
                 ("last_edited_by", False, True)),
    "actors": (("organisation", False, False),),
    "fundings": (("organisation", False, True),),
    "comments": (("participant", False, True),),
    "votes": (("participant", False, False),),
    "commitments": (("organisation", False, False), ("participant", False, True)),
}  # fmt: skip
# Sub-lists inside an object of a list.
CHILDREN = {
    "plans": ("goals",),
    "measures": ("actors", "indicators", "fundings", "comments", "votes", "commitments",
                 "followups"),
}  # fmt: skip
TOP_LISTS = ("plans", "sessions", "problem_areas", "target_groups", "groups", "organisations",
             "participants", "measures")  # fmt: skip
# Names a model keeps unique per arena (organisations: per installation, in any case).
UNIQUE_NAMES = (
    ("problem_areas", "title"),
    ("target_groups", "name"),
    ("groups", "name"),
    ("organisations", "name"),
    ("plans", "title"),
)
REF_PREFIX = {
    "problem_areas": "P",
    "target_groups": "T",
    "groups": "G",
    "organisations": "O",
    "participants": "D",
}


class Problems(list):
    def add(self, path, message):
        if len(self) < MAX_PROBLEMS:
            self.append(f"{path}: {message}")


def _json_type_ok(field, value):
    if isinstance(field, models.BooleanField):
        return isinstance(value, bool)
    if isinstance(field, models.IntegerField):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(field, models.DecimalField):
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)  # text, codes, dates, times and stamps are strings


def _type_name(field):
    if isinstance(field, models.BooleanField):
        return _("true eller false")
    if isinstance(field, models.IntegerField | models.DecimalField):
        return _("et tall")
    return _("tekst")


# Keys added to format 1 after it was first written: an older file may lack them (the model's
# default is used then), as docs/json-format.md allows. So may it lack the measures' `ref` and
# `merged_into` and the `links`, which `json_links` checks.
OPTIONAL = {"followup_months", "auto_seating"}


def _value(problems, path, model, name, obj):
    """One plain key of `obj`, checked by the model field of that name."""
    if name not in obj:
        if name not in OPTIONAL:
            problems.add(path, _("mangler."))
        return
    value = obj[name]
    field = model._meta.get_field(name)
    if value is None:
        if not field.null:
            problems.add(path, _("kan ikke være null."))
        return
    if not _json_type_ok(field, value):
        problems.add(path, _("skal være %(type)s.") % {"type": _type_name(field)})
        return
    if isinstance(field, models.IntegerField) and not -(2**31) <= value < 2**31:
        problems.add(path, _("tallet er for stort."))
        return
    # A TextField's max_length is not among its validators (only its form field's).
    if isinstance(field, models.TextField) and field.max_length and len(value) > field.max_length:
        problems.add(path, _("er for lang: høyst %(max)s tegn.") % {"max": field.max_length})
        return
    try:
        # to_python and the field's own validators: dates, times, lengths, codes, slug, e-mail.
        field.clean(value, None)
    except ValidationError as error:
        problems.add(path, " ".join(error.messages))


def _object(problems, path, section, obj):
    model, names = SECTIONS[section]
    if not isinstance(obj, dict):
        problems.add(path, _("skal være et objekt."))
        return False
    for name in names:
        _value(problems, f"{path}.{name}", model, name, obj)
    return True


def _list(problems, path, data, key):
    value = data.get(key)
    if key not in data:
        problems.add(path, _("mangler."))
        return []
    if not isinstance(value, list):
        problems.add(path, _("skal være en liste."))
        return []
    return value


def _items(data, section):
    value = data.get(section)
    return value if isinstance(value, list) else []


def _refs_defined(problems, data):
    """{prefix: set of refs} of the file's lists; a ref that is malformed or used twice is a
    problem."""
    known = {}
    for section, prefix in REF_PREFIX.items():
        seen = known.setdefault(prefix, set())
        for index, obj in enumerate(_items(data, section)):
            if not isinstance(obj, dict):
                continue
            ref = obj.get("ref")
            path = f"{section}[{index}].ref"
            if not isinstance(ref, str) or not ref.startswith(prefix) or not ref[1:].isdigit():
                problems.add(path, _("skal være en referanse som «%(p)s1».") % {"p": prefix})
            elif ref in seen:
                problems.add(path, _("«%(ref)s» står to ganger.") % {"ref": ref})
            else:
                seen.add(ref)
    return known


def _refs_used(problems, path, section, obj, known):
    for key, many, nullable in LIST_REFS.get(section, ()):
        here = f"{path}.{key}"
        if key not in obj:
            problems.add(here, _("mangler."))
            continue
        value = obj[key]
        prefix = REFS[key]
        if many:
            if not isinstance(value, list):
                problems.add(here, _("skal være en liste."))
                continue
            values = value
        elif value is None:
            if not nullable:
                problems.add(here, _("kan ikke være null."))
            continue
        else:
            values = [value]
        for ref in values:
            if not isinstance(ref, str) or ref not in known[prefix]:
                problems.add(here, _("«%(ref)s» finnes ikke i filen.") % {"ref": str(ref)[:40]})


def _plan_goals(problems, path, measure, data):
    goals = {
        (p.get("title"), g.get("text"))
        for p in _items(data, "plans")
        if isinstance(p, dict) and isinstance(p.get("goals"), list)
        for g in p["goals"]
        if isinstance(g, dict)
        and isinstance(p.get("title"), str)
        and isinstance(g.get("text"), str)
    }
    value = measure.get("plan_goals")
    if not isinstance(value, list):
        problems.add(f"{path}.plan_goals", _("skal være en liste."))
        return
    for pair in value:
        ok = isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
        if not (ok and tuple(pair) in goals):
            problems.add(
                f"{path}.plan_goals",
                _("%(pair)s er ikke et mål i en av filens planer.") % {"pair": str(pair)[:80]},
            )


def _unique(problems, section, objects, key):
    """Names a model keeps unique in one arena (or one plan) must not repeat in the file."""
    seen = set()
    for index, obj in enumerate(objects):
        value = obj.get(key) if isinstance(obj, dict) else None
        if not isinstance(value, str):
            continue
        folded = value.casefold() if section == "organisations" else value
        if folded in seen:
            problems.add(f"{section}[{index}].{key}", _("«%(v)s» står to ganger.") % {"v": value})
        seen.add(folded)


def _rules(problems, data):
    """Rules across keys that the database would refuse at the end of the import."""
    arena = data.get("arena")
    if isinstance(arena, dict):
        start, end = arena.get("start_date"), arena.get("end_date")
        if isinstance(start, str) and isinstance(end, str) and end < start:
            problems.add("arena.end_date", _("Siste dag er før første dag."))
        if isinstance(arena.get("slug"), str) and Arena.objects.filter(slug=arena["slug"]).exists():
            problems.add(
                "arena.slug",
                _("Det finnes allerede en arena med kortadressen «%(slug)s».")
                % {"slug": arena["slug"]},
            )
        code = arena.get("join_code")
        if isinstance(code, str) and Arena.objects.filter(join_code=code).exists():
            problems.add("arena.join_code", _("Koden brukes allerede av en annen arena."))
    sessions = [s for s in _items(data, "sessions") if isinstance(s, dict)]
    if sum(1 for s in sessions if s.get("is_current") is True) > 1:
        problems.add("sessions", _("Bare én programpost kan pågå nå."))
    for index, s in enumerate(sessions):
        starts, ends = s.get("starts_at"), s.get("ends_at")
        if isinstance(starts, str) and isinstance(ends, str) and ends <= starts:
            problems.add(f"sessions[{index}].ends_at", _("Slutter før den starter."))
    for index, m in enumerate(_items(data, "measures")):
        if not isinstance(m, dict):
            continue
        start, end = m.get("start_year"), m.get("end_year")
        for key, year in (("start_year", start), ("end_year", end)):
            if isinstance(year, int) and not 2000 <= year <= 2100:
                problems.add(f"measures[{index}].{key}", _("Året må være mellom 2000 og 2100."))
        if isinstance(start, int) and isinstance(end, int) and end < start:
            problems.add(f"measures[{index}].end_year", _("Sluttåret er før startåret."))
        if isinstance(m.get("version"), int) and m["version"] < 1:
            problems.add(f"measures[{index}].version", _("Versjonen må være minst 1."))


def check(data):
    """Every problem of `data` (a parsed file) as one line; an empty list means it may be
    imported."""
    problems = Problems()
    if not isinstance(data, dict):
        problems.add("(filen)", _("skal være et JSON-objekt."))
        return problems
    if "arena" not in data:
        problems.add("arena", _("mangler."))
        return problems
    if not _object(problems, "arena", "arena", data["arena"]):
        return problems
    known = _refs_defined(problems, data)
    for key in TOP_LISTS:
        objects = _list(problems, key, data, key)
        for index, obj in enumerate(objects):
            path = f"{key}[{index}]"
            if not _object(problems, path, key, obj):
                continue
            _refs_used(problems, path, key, obj, known)
            for child in CHILDREN.get(key, ()):
                for sub_index, sub in enumerate(_list(problems, f"{path}.{child}", obj, child)):
                    sub_path = f"{path}.{child}[{sub_index}]"
                    if _object(problems, sub_path, child, sub):
                        _refs_used(problems, sub_path, child, sub, known)
            if key == "measures":
                _plan_goals(problems, path, obj, data)
    for section, key in UNIQUE_NAMES:
        _unique(problems, section, _items(data, section), key)
    if not problems:  # the rules read values of the right type only
        _rules(problems, data)
        json_links.check(problems, data)
    return problems
