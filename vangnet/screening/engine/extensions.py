"""Where each part of an instrument lives in a FHIR R4 Questionnaire.

Standard HL7 extensions are used where one exists; the scoring itself uses
Vangnet's own extensions under ``CANONICAL_BASE``. docs/screening.md describes
each one with an example.
"""

from typing import Final

CANONICAL_BASE: Final = "https://vangnet.nl/fhir"

# Standard extensions (FHIR R4 core extension registry).
TRANSLATION: Final = "http://hl7.org/fhir/StructureDefinition/translation"
ORDINAL_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
MIN_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/maxValue"
CITATION: Final = "http://hl7.org/fhir/StructureDefinition/cqf-citation"

# Vangnet's own scoring extensions.
SCORING: Final = f"{CANONICAL_BASE}/StructureDefinition/scoring"
SUBSCALE: Final = f"{CANONICAL_BASE}/StructureDefinition/subscale"
SCORE_BAND: Final = f"{CANONICAL_BASE}/StructureDefinition/score-band"
SCORING_NOTE: Final = f"{CANONICAL_BASE}/StructureDefinition/scoring-note"
RESULT: Final = f"{CANONICAL_BASE}/StructureDefinition/screening-result"

ANSWER_SYSTEM: Final = f"{CANONICAL_BASE}/CodeSystem/screening-answer"
QUESTIONNAIRE_BASE: Final = f"{CANONICAL_BASE}/Questionnaire/"
