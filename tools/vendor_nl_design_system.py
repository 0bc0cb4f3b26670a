"""Vendors the NL Design System component CSS Vangnet uses, as plain static files.

    .venv/bin/python tools/vendor_nl_design_system.py 9.0.4

Downloads ``@utrecht/component-library-css`` with ``npm pack`` (no install, no build step
at runtime), keeps its licence and, from ``dist/index.css``, only the rules of the
components Vangnet applies (see COMPONENTS). Record the version in docs/look-and-language.md.
"""

import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@utrecht/component-library-css"
TARGET = (
    Path(__file__).resolve().parent.parent
    / "vangnet/core/static/nl-design-system/utrecht-component-library-css"
)
COMPONENTS = (
    ".utrecht-button",
    ".utrecht-document",
    ".utrecht-form-field",
    ".utrecht-form-fieldset",
    ".utrecht-form-label",
    ".utrecht-heading-",
    ".utrecht-page-footer",
    ".utrecht-page-header",
    ".utrecht-select",
    ".utrecht-table",
    ".utrecht-textarea",
    ".utrecht-textbox",
)


def top_level_blocks(css: str) -> list[str]:
    """The rules and at-rules of a stylesheet without comments, each as one string."""
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    blocks, depth, start = [], 0, 0
    for index, char in enumerate(body):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append(body[start : index + 1].strip())
                start = index + 1
    return blocks


def used_rules(css: str) -> str:
    licence = css[: css.index("*/") + 2] if css.startswith("/*") else ""
    kept = []
    for block in top_level_blocks(css):
        scope = block if block.startswith("@") else block[: block.index("{")]
        if any(name in scope for name in COMPONENTS):
            kept.append(block)
    note = "/* Only the rules of the components Vangnet uses; see docs/look-and-language.md. */"
    return "\n".join([licence, note, *kept]) + "\n"


def main(version: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(  # noqa: S603
            ["npm", "pack", f"{PACKAGE}@{version}", "--pack-destination", folder],  # noqa: S607
            check=True,
        )
        archive = next(Path(folder).glob("*.tgz"))
        with tarfile.open(archive) as tar:
            css = tar.extractfile("package/dist/index.css")
            licence = tar.extractfile("package/LICENSE.md")
            assert css is not None and licence is not None
            TARGET.mkdir(parents=True, exist_ok=True)
            (TARGET / "components.css").write_text(used_rules(css.read().decode()))
            (TARGET / "LICENSE.md").write_bytes(licence.read())


if __name__ == "__main__":
    main(sys.argv[1])
