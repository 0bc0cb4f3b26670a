"""Reading instruments from FHIR R4 Questionnaire JSON.

Every file is first validated as a FHIR Questionnaire with ``fhir.resources``
(its R4B models: R4B changed nothing in Questionnaire), then read into the
engine's model and checked for the things FHIR cannot check: items numbered
"1", "2", ... in the published order, every answer scored, numeric bands that
cover the whole range, a cut-off inside the possible scores.

A file that gives only wording (an organisation's licensed official text)
takes its scoring from the built-in instrument it names in ``derivedFrom``
(or whose ``url`` it keeps); a file that brings its own scoring for a
built-in instrument must score exactly as the built-in one does.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from fhir.resources.R4B.questionnaire import Questionnaire
from pydantic import ValidationError

from . import extensions as ext
from .errors import InstrumentError
from .jsonfile import JsonFileError, read_json_file
from .model import (
    AnswerOption,
    Instrument,
    Item,
    ItemType,
    PositiveRule,
    ScoreBand,
    Scoring,
    Subscale,
    SubscaleMethod,
    Text,
)

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "instruments"
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_STATUSES = {"draft", "active", "retired"}


@cache
def builtin_codes() -> tuple[str, ...]:
    """Codes of the instruments that ship with Vangnet, e.g. ``("gfi", "prisma7", ...)``."""
    return tuple(sorted(path.stem for path in BUILTIN_DIR.glob("*.json")))


@cache
def load_instrument(code: str) -> Instrument:
    """The built-in instrument ``code``, validated and ready to score."""
    if code not in builtin_codes():
        raise InstrumentError(
            _("There is no built-in instrument %(code)s; choose one of %(codes)s.")
            % {"code": code, "codes": ", ".join(builtin_codes())}
        )
    path = BUILTIN_DIR / f"{code}.json"
    return _parse(_read(path), source=path.name, builtin=True)


def load_instrument_file(path: str | Path) -> Instrument:
    """An instrument from an organisation's own Questionnaire file, validated like a built-in."""
    path = Path(path)
    return parse_instrument(_read(path), source=path.name)


def parse_instrument(data: Mapping[str, Any], *, source: str = "questionnaire") -> Instrument:
    """An instrument from Questionnaire JSON already in memory (an upload, an API body)."""
    return _parse(data, source=source, builtin=False)


def validate_questionnaire(data: Mapping[str, Any], *, source: str = "questionnaire") -> None:
    """Raise ``InstrumentError`` unless ``data`` is a valid FHIR R4 Questionnaire."""
    if data.get("resourceType") != "Questionnaire":
        raise InstrumentError(
            _("%(source)s: this is not a FHIR Questionnaire.") % {"source": source}
        )
    try:
        Questionnaire.model_validate(dict(data))
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
            for error in exc.errors()[:5]
        )
        raise InstrumentError(
            _("%(source)s: not a valid FHIR R4 Questionnaire (%(details)s).")
            % {"source": source, "details": details}
        ) from exc


def _read(path: Path) -> Mapping[str, Any]:
    try:
        data = read_json_file(path)
    except JsonFileError as exc:
        raise InstrumentError(str(exc)) from exc
    if not isinstance(data, dict):
        raise InstrumentError(
            _("%(source)s: this is not a FHIR Questionnaire.") % {"source": path.name}
        )
    return data


# --- Reading the raw JSON ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _DraftOption:
    code: str
    display: Text
    points: int | None


@dataclass(frozen=True, slots=True)
class _DraftItem:
    link_id: str
    text: Text
    type: ItemType
    prefix: str | None
    options: tuple[_DraftOption, ...]
    minimum: int | None
    maximum: int | None
    bands: tuple[ScoreBand, ...]
    subscale: str | None
    note: str | None

    @property
    def has_scoring(self) -> bool:
        return bool(self.bands) or any(option.points is not None for option in self.options)


class _Reader:
    """Reads one Questionnaire, naming the file and item in every complaint."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str) -> InstrumentError:
        return InstrumentError(f"{self.source}: {message}")

    def item_fail(self, link_id: str, message: str) -> InstrumentError:
        return InstrumentError(
            _("%(source)s, item %(item)s: %(message)s")
            % {"source": self.source, "item": link_id, "message": message}
        )

    def integer(self, extension: Mapping[str, Any], where: str) -> int:
        for key in ("valueInteger", "valueDecimal"):
            if key in extension:
                try:
                    number = Decimal(str(extension[key]))
                except InvalidOperation:
                    break
                if number.is_finite() and number == number.to_integral_value():
                    return int(number)
                break
        raise self.fail(_("%(where)s must be a whole number.") % {"where": where})

    def item(self, raw: Mapping[str, Any]) -> _DraftItem:
        link_id = str(raw.get("linkId", ""))
        try:
            item_type = ItemType(raw.get("type", ""))
        except ValueError:
            raise self.item_fail(
                link_id,
                _("type %(type)s is not supported; use choice or integer.")
                % {"type": raw.get("type")},
            ) from None
        if raw.get("item"):
            raise self.item_fail(link_id, _("nested items are not supported."))
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            raise self.item_fail(link_id, _("the item has no text."))
        options = tuple(self.option(link_id, option) for option in raw.get("answerOption", []))
        item_extensions = raw.get("extension", [])
        minimum = maximum = None
        bands: list[ScoreBand] = []
        subscale = note = None
        for extension in item_extensions:
            url = extension.get("url")
            if url == ext.MIN_VALUE:
                minimum = self.integer(extension, f"{link_id} minValue")
            elif url == ext.MAX_VALUE:
                maximum = self.integer(extension, f"{link_id} maxValue")
            elif url == ext.SCORE_BAND:
                parts = _sub_extensions(extension)
                try:
                    bands.append(
                        ScoreBand(
                            low=self.integer(parts["low"], f"{link_id} score-band low"),
                            high=self.integer(parts["high"], f"{link_id} score-band high"),
                            points=self.integer(parts["points"], f"{link_id} score-band points"),
                        )
                    )
                except KeyError:
                    raise self.item_fail(
                        link_id, _("a score band needs low, high and points.")
                    ) from None
            elif url == ext.SUBSCALE:
                subscale = str(extension.get("valueCode", ""))
            elif url == ext.SCORING_NOTE:
                note = str(extension.get("valueString", ""))
        return _DraftItem(
            link_id=link_id,
            text=Text(nl=text.strip(), en=_translation(raw.get("_text")) or text.strip()),
            type=item_type,
            prefix=raw.get("prefix"),
            options=options,
            minimum=minimum,
            maximum=maximum,
            bands=tuple(sorted(bands, key=lambda band: band.low)),
            subscale=subscale,
            note=note,
        )

    def option(self, link_id: str, raw: Mapping[str, Any]) -> _DraftOption:
        coding = raw.get("valueCoding")
        if not isinstance(coding, dict) or not coding.get("code"):
            raise self.item_fail(link_id, _("every answer option needs a valueCoding with a code."))
        code = str(coding["code"])
        display = str(coding.get("display") or code)
        points = None
        for extension in raw.get("extension", []):
            if extension.get("url") == ext.ORDINAL_VALUE:
                points = self.integer(extension, f"{link_id} ordinalValue of {code}")
        return _DraftOption(
            code=code,
            display=Text(nl=display, en=_translation(coding.get("_display")) or display),
            points=points,
        )

    def scoring(self, data: Mapping[str, Any]) -> Scoring | None:
        found = [
            extension
            for extension in data.get("extension", [])
            if extension.get("url") == ext.SCORING
        ]
        if not found:
            return None
        if len(found) > 1:
            raise self.fail(_("more than one scoring extension."))
        cutoff = None
        positive = None
        subscales: list[Subscale] = []
        for part in found[0].get("extension", []):
            name = part.get("url")
            if name == "method" and part.get("valueCode") != "sum":
                raise self.fail(_("only the scoring method sum is supported."))
            if name == "cutoff":
                cutoff = self.integer(part, "cutoff")
            elif name == "positive":
                try:
                    positive = PositiveRule(part.get("valueCode", ""))
                except ValueError:
                    raise self.fail(
                        _("unknown positive rule %(rule)s.") % {"rule": part.get("valueCode")}
                    ) from None
            elif name == "subscale":
                subscales.append(self.subscale(part))
        if positive is None:
            raise self.fail(_("the scoring extension needs a positive rule."))
        return Scoring(positive=positive, cutoff=cutoff, subscales=tuple(subscales))

    def subscale(self, extension: Mapping[str, Any]) -> Subscale:
        parts = _sub_extensions(extension)
        code = str(parts.get("code", {}).get("valueCode", ""))
        if not code:
            raise self.fail(_("a subscale needs a code."))
        try:
            method = SubscaleMethod(parts.get("method", {}).get("valueCode", "sum"))
        except ValueError:
            raise self.fail(
                _("subscale %(code)s has an unknown method.") % {"code": code}
            ) from None
        label = str(parts.get("label", {}).get("valueString", code))
        label_en = str(parts.get("label-en", {}).get("valueString", label))
        return Subscale(code=code, method=method, label=Text(nl=label, en=label_en))


def _sub_extensions(extension: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(part.get("url")): part for part in extension.get("extension", [])}


def _translation(element: Any, language: str = "en") -> str | None:
    """The FHIR translation extension's content for ``language`` on a primitive's ``_x`` element."""
    if not isinstance(element, dict):
        return None
    for extension in element.get("extension", []):
        if extension.get("url") != ext.TRANSLATION:
            continue
        parts = _sub_extensions(extension)
        if str(parts.get("lang", {}).get("valueCode", "")).lower().startswith(language):
            content = parts.get("content", {}).get("valueString")
            if isinstance(content, str) and content.strip():
                return content.strip()
    return None


# --- Building and checking the instrument -----------------------------------------------------


def _parse(data: Mapping[str, Any], *, source: str, builtin: bool) -> Instrument:
    validate_questionnaire(data, source=source)
    reader = _Reader(source)
    definition_id = str(data.get("id", ""))
    if not _CODE.match(definition_id):
        raise reader.fail(
            _("the id must be lower-case letters, digits and dashes (got %(id)s).")
            % {"id": definition_id}
        )
    url, version = data.get("url"), data.get("version")
    if not url or not version:
        raise reader.fail(_("a url and a version are required."))
    if data.get("status") not in _STATUSES:
        raise reader.fail(_("status must be draft, active or retired."))
    raw_items = data.get("item", [])
    if not raw_items:
        raise reader.fail(_("the questionnaire has no items."))
    drafts = tuple(reader.item(raw) for raw in raw_items)
    expected = [str(number) for number in range(1, len(drafts) + 1)]
    if [draft.link_id for draft in drafts] != expected:
        raise reader.fail(
            _("items must have link ids %(expected)s in the published order.")
            % {"expected": ", ".join(expected)}
        )
    title = str(data.get("title") or data.get("name") or definition_id)
    scoring = reader.scoring(data)
    has_scoring = scoring is not None or any(draft.has_scoring for draft in drafts)
    base = None if builtin else _builtin_base(data, definition_id, reader)
    if not has_scoring and base is None:
        raise reader.fail(
            _(
                "the file has no scoring; add the scoring extensions, or name the built-in "
                "instrument it words differently in derivedFrom."
            )
        )
    if has_scoring:
        if scoring is None:
            raise reader.fail(_("answer points are given but the scoring extension is missing."))
        items = tuple(_scored_item(draft, reader) for draft in drafts)
    else:
        assert base is not None
        items = _wording_on(base, drafts, reader)
        scoring = base.scoring
    instrument = Instrument(
        code=base.code if base is not None else definition_id,
        definition_id=definition_id,
        url=str(url),
        version=str(version),
        title=Text(nl=title, en=_translation(data.get("_title")) or title),
        description=str(data.get("description", "")),
        citations=tuple(
            str(extension.get("valueString"))
            for extension in data.get("extension", [])
            if extension.get("url") == ext.CITATION
        )
        or (base.citations if base is not None else ()),
        items=items,
        scoring=scoring,
        based_on=base.code if base is not None else None,
        source_json=json.dumps(data, ensure_ascii=False),
    )
    _check_scoring(instrument, reader)
    if base is not None and has_scoring:
        _check_same_scoring(instrument, base, reader)
    return instrument


def _builtin_base(
    data: Mapping[str, Any], definition_id: str, reader: _Reader
) -> Instrument | None:
    """The built-in instrument a file words differently, if it names one."""
    canonicals = [str(data.get("url", "")), *[str(value) for value in data.get("derivedFrom", [])]]
    for canonical in canonicals:
        url = canonical.split("|", 1)[0]
        if url.startswith(ext.QUESTIONNAIRE_BASE):
            code = url.removeprefix(ext.QUESTIONNAIRE_BASE)
            if code in builtin_codes():
                return load_instrument(code)
    if definition_id in builtin_codes():
        raise reader.fail(
            _(
                "the id %(id)s belongs to a built-in instrument; name it in derivedFrom or "
                "choose another id."
            )
            % {"id": definition_id}
        )
    return None


def _scored_item(draft: _DraftItem, reader: _Reader) -> Item:
    if draft.type is ItemType.CHOICE:
        if not draft.options:
            raise reader.item_fail(draft.link_id, _("a choice item needs answer options."))
        codes = [option.code for option in draft.options]
        if len(set(codes)) != len(codes):
            raise reader.item_fail(draft.link_id, _("answer option codes must be unique."))
        options = []
        for option in draft.options:
            if option.points is None or option.points < 0:
                raise reader.item_fail(
                    draft.link_id,
                    _("answer %(code)s needs an ordinalValue of 0 or more.")
                    % {"code": option.code},
                )
            options.append(
                AnswerOption(code=option.code, display=option.display, points=option.points)
            )
        return _item(draft, options=tuple(options))
    if draft.minimum is None or draft.maximum is None or draft.minimum > draft.maximum:
        raise reader.item_fail(draft.link_id, _("a numeric item needs a minValue and a maxValue."))
    next_low = draft.minimum
    for band in draft.bands:
        if band.low != next_low or band.high < band.low or band.points < 0:
            break
        next_low = band.high + 1
    if not draft.bands or next_low != draft.maximum + 1:
        raise reader.item_fail(
            draft.link_id,
            _("score bands must cover %(low)s to %(high)s once each, without gaps.")
            % {"low": draft.minimum, "high": draft.maximum},
        )
    return _item(draft, bands=draft.bands)


def _item(
    draft: _DraftItem,
    *,
    options: tuple[AnswerOption, ...] = (),
    bands: tuple[ScoreBand, ...] = (),
) -> Item:
    return Item(
        link_id=draft.link_id,
        text=draft.text,
        type=draft.type,
        prefix=draft.prefix,
        options=options,
        minimum=draft.minimum,
        maximum=draft.maximum,
        bands=bands,
        subscale=draft.subscale,
        scoring_note=draft.note,
    )


def _wording_on(
    base: Instrument, drafts: tuple[_DraftItem, ...], reader: _Reader
) -> tuple[Item, ...]:
    """The built-in items with a file's own wording, after checking the items line up."""
    if len(drafts) != len(base.items):
        raise reader.fail(
            _("%(base)s has %(expected)s items; this file has %(count)s.")
            % {"base": base.code, "expected": len(base.items), "count": len(drafts)}
        )
    items = []
    for draft, base_item in zip(drafts, base.items, strict=True):
        if draft.type is not base_item.type:
            raise reader.item_fail(
                draft.link_id,
                _("type %(type)s differs from %(base)s, which has %(expected)s.")
                % {"type": draft.type, "base": base.code, "expected": base_item.type},
            )
        if draft.type is ItemType.CHOICE:
            if sorted(option.code for option in draft.options) != sorted(base_item.option_codes):
                raise reader.item_fail(
                    draft.link_id,
                    _("the answer codes must be %(codes)s, as in %(base)s.")
                    % {"codes": ", ".join(base_item.option_codes), "base": base.code},
                )
            wording = {option.code: option.display for option in draft.options}
            options = tuple(
                replace(option, display=wording[option.code]) for option in base_item.options
            )
            items.append(replace(base_item, text=draft.text, prefix=draft.prefix, options=options))
        else:
            if (draft.minimum, draft.maximum) not in {
                (None, None),
                (base_item.minimum, base_item.maximum),
            }:
                raise reader.item_fail(
                    draft.link_id,
                    _("the range must be %(low)s to %(high)s, as in %(base)s.")
                    % {"low": base_item.minimum, "high": base_item.maximum, "base": base.code},
                )
            items.append(replace(base_item, text=draft.text, prefix=draft.prefix))
    return tuple(items)


def _check_scoring(instrument: Instrument, reader: _Reader) -> None:
    scoring = instrument.scoring
    declared = {subscale.code: subscale for subscale in scoring.subscales}
    if len(declared) != len(scoring.subscales):
        raise reader.fail(_("subscale codes must be unique."))
    for item in instrument.items:
        if item.subscale and item.subscale not in declared:
            raise reader.item_fail(
                item.link_id, _("subscale %(code)s is not declared.") % {"code": item.subscale}
            )
    for subscale in scoring.subscales:
        members = instrument.subscale_items(subscale.code)
        if not members:
            raise reader.fail(_("subscale %(code)s has no items.") % {"code": subscale.code})
        if subscale.method is SubscaleMethod.VALUE and (
            len(members) != 1 or members[0].type is not ItemType.INTEGER
        ):
            raise reader.fail(
                _("subscale %(code)s reports a value, so it needs exactly one numeric item.")
                % {"code": subscale.code}
            )
    if scoring.positive is PositiveRule.AT_OR_ABOVE_CUTOFF and scoring.cutoff is None:
        raise reader.fail(_("the positive rule needs a cutoff."))
    if scoring.cutoff is not None and not 0 <= scoring.cutoff <= instrument.max_score:
        raise reader.fail(
            _("the cutoff %(cutoff)s lies outside the possible scores 0 to %(max)s.")
            % {"cutoff": scoring.cutoff, "max": instrument.max_score}
        )


def _check_same_scoring(instrument: Instrument, base: Instrument, reader: _Reader) -> None:
    """A file that brings its own scoring for a built-in instrument must score the same."""
    if len(instrument.items) != len(base.items):
        raise reader.fail(
            _("%(base)s has %(expected)s items; this file has %(count)s.")
            % {"base": base.code, "expected": len(base.items), "count": len(instrument.items)}
        )
    for item, base_item in zip(instrument.items, base.items, strict=True):
        if _item_rule(item) != _item_rule(base_item):
            raise reader.item_fail(
                item.link_id,
                _("the scoring differs from the built-in %(base)s.") % {"base": base.code},
            )
    ours, theirs = instrument.scoring, base.scoring
    if (ours.cutoff, ours.positive, _subscale_rule(ours)) != (
        theirs.cutoff,
        theirs.positive,
        _subscale_rule(theirs),
    ):
        raise reader.fail(
            _("the cut-off or subscales differ from the built-in %(base)s.") % {"base": base.code}
        )


def _item_rule(item: Item) -> tuple[object, ...]:
    return (
        item.type,
        frozenset((option.code, option.points) for option in item.options),
        item.minimum,
        item.maximum,
        item.bands,
        item.subscale,
    )


def _subscale_rule(scoring: Scoring) -> frozenset[tuple[str, SubscaleMethod]]:
    return frozenset((subscale.code, subscale.method) for subscale in scoring.subscales)
