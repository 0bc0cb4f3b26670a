"""Built-in instrument definitions: FHIR R4 Questionnaires with their scoring (JSON)."""
