from pathlib import Path

from vangnet.selfscan.elements import default_statements

DOC = Path(__file__).resolve().parents[3] / "docs" / "self-scan.md"


def test_the_docs_list_every_default_statement() -> None:
    text = DOC.read_text(encoding="utf-8")
    for statements in default_statements().values():
        assert 4 <= len(statements) <= 5
        for statement in statements:
            assert statement in text
