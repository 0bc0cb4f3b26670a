"""From screening results to a SamenOud risk profile: robust, frail or complex care needs.

SamenOud (Embrace) sorts older people into the three profiles with the
INTERMED for the Elderly Self-Assessment (INTERMED-E-SA) and the Groningen
Frailty Indicator (Spoorenberg et al. 2013, BMC Geriatrics 13:62; Uittenbroek
et al. 2017, J Gen Intern Med 32(5):516-523): complex care needs at an
INTERMED-E-SA of 16 or more whatever the GFI; below 16, frail at a GFI of 5 or
more and robust below 5. That published rule decides wherever an INTERMED-E-SA
result counts. Without one, Vangnet's own stand-in rule decides with the
instruments at hand; it is not a published rule. docs/screening.md sets out
both with their sources, and every decision names the rule that made it.

``decide_profile`` is a pure function of the latest results and the network's
parameters, so its boundaries are easy to test and every decision can be
explained with the reasons it returns.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from vangnet.accounts.models import Role, User
from vangnet.directory.models import Network
from vangnet.screening.models import ProfileRuleName, RiskProfile, Screening

FRAILTY_INSTRUMENTS = ("gfi", "tfi")

# SamenOud's published rule (Spoorenberg et al. 2013); fixed, not a network setting.
SAMENOUD_THRESHOLDS: dict[str, int] = {
    "imesa_complex_from": 16,
    "samenoud_gfi_frail_from": 5,
}

# The defaults of ProfileRule, for code that has no network at hand.
DEFAULT_PARAMETERS: dict[str, int] = {
    "gfi_frail_from": 4,
    "tfi_frail_from": 5,
    "prisma7_frail_from": 3,
    "complex_zrm_domains": 2,
    "complex_gfi_from": 8,
    "lookback_days": 365,
}


@dataclass(frozen=True, slots=True)
class ResultFacts:
    """What the rule needs from one result; a ``zrm5`` score is its number of flagged domains."""

    instrument: str
    score: int
    completed_at: datetime
    screening_id: int | None = None

    @classmethod
    def of(cls, screening: Screening) -> "ResultFacts":
        return cls(
            instrument=screening.instrument,
            score=screening.score,
            completed_at=screening.completed_at,
            screening_id=screening.pk,
        )


@dataclass(frozen=True, slots=True)
class Reason:
    """One step of the rule that led to the profile, as data (stored) and as words (shown)."""

    code: str
    instrument: str
    score: int
    threshold: int
    screening_id: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "instrument": self.instrument,
            "score": self.score,
            "threshold": self.threshold,
            "screening_id": self.screening_id,
        }


@dataclass(frozen=True, slots=True)
class ProfileDecision:
    profile: RiskProfile | None
    reasons: tuple[Reason, ...]
    rule: ProfileRuleName = ProfileRuleName.VANGNET


def latest_results(results: Iterable[ResultFacts]) -> dict[str, ResultFacts]:
    """The most recent result per instrument (the later one wins a tie by its id)."""
    latest: dict[str, ResultFacts] = {}
    for facts in results:
        current = latest.get(facts.instrument)
        if current is None or (facts.completed_at, facts.screening_id or 0) > (
            current.completed_at,
            current.screening_id or 0,
        ):
            latest[facts.instrument] = facts
    return latest


def decide_profile(
    latest: Mapping[str, ResultFacts], parameters: Mapping[str, int]
) -> ProfileDecision:
    """The profile that the latest result per instrument points to, with the reasons and the rule.

    With an INTERMED-E-SA result, SamenOud's rule decides (``samenoud_profile``).
    Otherwise, or when the INTERMED-E-SA is below 16 and there is no GFI to
    tell robust from frail, Vangnet's stand-in rule decides:

    1. Frailty comes from the most recent GFI or TFI; only without either does
       a PRISMA-7 decide. Below the threshold: robust. No such result: no
       profile (a self-reliance scan alone does not decide).
    2. A frail person has complex care needs when the latest self-reliance
       scan has at least ``complex_zrm_domains`` domains at level 1 or 2, or
       when the latest PRISMA-7 is positive and the latest GFI reaches
       ``complex_gfi_from``.
    """
    samenoud = samenoud_profile(latest)
    if samenoud is not None:
        return samenoud
    frailty = max(
        (latest[code] for code in FRAILTY_INSTRUMENTS if code in latest),
        key=lambda facts: (facts.completed_at, facts.screening_id or 0),
        default=None,
    ) or latest.get("prisma7")
    if frailty is None:
        return ProfileDecision(None, ())
    threshold = parameters[f"{frailty.instrument}_frail_from"]
    if frailty.score < threshold:
        return ProfileDecision(RiskProfile.ROBUST, (_reason("below", frailty, threshold),))
    reasons = [_reason("at_or_above", frailty, threshold)]
    zrm = latest.get("zrm5")
    if zrm is not None and zrm.score >= parameters["complex_zrm_domains"]:
        reasons.append(_reason("zrm_domains", zrm, parameters["complex_zrm_domains"]))
        return ProfileDecision(RiskProfile.COMPLEX, tuple(reasons))
    gfi, prisma = latest.get("gfi"), latest.get("prisma7")
    if (
        gfi is not None
        and prisma is not None
        and prisma.score >= parameters["prisma7_frail_from"]
        and gfi.score >= parameters["complex_gfi_from"]
    ):
        reasons.append(_reason("prisma_positive", prisma, parameters["prisma7_frail_from"]))
        reasons.append(_reason("gfi_complex", gfi, parameters["complex_gfi_from"]))
        return ProfileDecision(RiskProfile.COMPLEX, tuple(reasons))
    return ProfileDecision(RiskProfile.FRAIL, tuple(reasons))


def samenoud_profile(latest: Mapping[str, ResultFacts]) -> ProfileDecision | None:
    """SamenOud's published rule, or None when the results do not let it decide.

    Complex care needs when the INTERMED-E-SA is 16 or more, whatever the GFI;
    below 16, frail when the GFI is 5 or more and robust when it is below 5.
    """
    imesa = latest.get("imesa")
    if imesa is None:
        return None
    complex_from = SAMENOUD_THRESHOLDS["imesa_complex_from"]
    if imesa.score >= complex_from:
        return ProfileDecision(
            RiskProfile.COMPLEX,
            (_reason("at_or_above", imesa, complex_from),),
            ProfileRuleName.SAMENOUD,
        )
    gfi = latest.get("gfi")
    if gfi is None:
        return None
    frail_from = SAMENOUD_THRESHOLDS["samenoud_gfi_frail_from"]
    reasons = (
        _reason("below", imesa, complex_from),
        _reason("at_or_above" if gfi.score >= frail_from else "below", gfi, frail_from),
    )
    profile = RiskProfile.FRAIL if gfi.score >= frail_from else RiskProfile.ROBUST
    return ProfileDecision(profile, reasons, ProfileRuleName.SAMENOUD)


def _reason(code: str, facts: ResultFacts, threshold: int) -> Reason:
    return Reason(code, facts.instrument, facts.score, threshold, facts.screening_id)


INSTRUMENT_NAMES = {
    "gfi": "GFI",
    "tfi": "TFI",
    "prisma7": "PRISMA-7",
    "zrm5": "ZRM",
    "imesa": "INTERMED-E-SA",
}


def describe_reason(reason: Mapping[str, Any]) -> str:
    """A stored reason in plain words, in the current language."""
    values = {
        "instrument": INSTRUMENT_NAMES.get(str(reason.get("instrument")), reason.get("instrument")),
        "score": reason.get("score"),
        "threshold": reason.get("threshold"),
    }
    match reason.get("code"):
        case "below":
            return _("%(instrument)s score %(score)s is below %(threshold)s.") % values
        case "at_or_above":
            return _("%(instrument)s score %(score)s is %(threshold)s or more.") % values
        case "zrm_domains":
            return (
                _("Self-reliance: %(score)s domains at level 1 or 2 (complex from %(threshold)s).")
                % values
            )
        case "prisma_positive":
            return _("PRISMA-7 score %(score)s is positive (%(threshold)s or more).") % values
        case "gfi_complex":
            return _("GFI score %(score)s is %(threshold)s or more.") % values
    return str(reason.get("code", ""))


def coordinators_of(network: Network) -> list[User]:
    """The accounts that coordinate ``network``: its coordinator on the social map, if active."""
    person = network.coordinator
    user = person.user if person is not None else None
    if user is None or not user.is_active or not user.has_role(Role.COORDINATOR):
        return []
    return [user]


def networks_coordinated_by(user: User) -> list[Network]:
    """The networks whose coordinator on the social map is this account."""
    if not user.is_active or not user.is_coordinator:
        return []
    return list(Network.objects.filter(coordinator__user=user).order_by("name"))
