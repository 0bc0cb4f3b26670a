"""Screenshots of Vangnet's main pages at desktop and phone size, from a fresh demo.

    .venv/bin/python tools/screenshots.py --out docs/screenshots

Builds the demo in a temporary folder, runs the development server on a free
port, logs in as the demo accounts through the real login pages and saves one
PNG per page and size. The poster is rendered by the ``vangnet poster`` command
and shown in the same browser. Needs Chromium (``VANGNET_CHROMIUM`` or
/usr/bin/chromium). `make screenshots` runs this.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django
from playwright.sync_api import Browser, Page, sync_playwright

BIN = Path(sys.executable).parent
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
# The tallest a screenshot gets: enough to show what a page is about at a glance.
MAX_HEIGHT = 2400
EXAMPLE_SITE = "https://vangnet.vlietdal.nl"
# Demo accounts, in the order tried for a client dossier: the first that sees an older person.
DOSSIER_LOGINS = ("poh", "district-nurse", "gp", "social-worker", "coordinator")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def vangnet(env: dict[str, str], *args: str) -> None:
    # The arguments are this script's own, never a user's input.
    subprocess.run(  # noqa: S603
        [str(BIN / "vangnet"), *args], env=env, check=True, stdout=subprocess.DEVNULL
    )


@contextmanager
def demo_server(data_dir: Path) -> Iterator[tuple[str, dict[str, str]]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "VANGNET_DATA_DIR": str(data_dir),
        "VANGNET_DEBUG": "1",
        "VANGNET_SITE_URL": base,
        "LANG": "nl_NL.UTF-8",
    }
    env.pop("DATABASE_URL", None)
    vangnet(env, "migrate", "--noinput")
    vangnet(env, "demo")
    server = subprocess.Popen(  # noqa: S603
        [str(BIN / "vangnet"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/map/public/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("The demo server did not start.")
        yield base, env
    finally:
        server.terminate()
        server.wait(timeout=10)


def log_in(page: Page, base: str, account: str) -> None:
    from vangnet.accounts.demo import DEMO_EMAIL_DOMAIN, demo_code_now
    from vangnet.core.demo import DEMO_PASSWORD

    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mailadres").fill(f"{account}@{DEMO_EMAIL_DOMAIN}")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code").fill(demo_code_now())
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def shoot(page: Page, path: Path) -> None:
    height = min(MAX_HEIGHT, int(page.evaluate("document.documentElement.scrollHeight")))
    width = int(page.viewport_size["width"]) if page.viewport_size else 1366
    page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}
    )
    print(f"  {path}")


def dossier_address(page: Page, base: str) -> str:
    for account in DOSSIER_LOGINS:
        log_in(page, base, account)
        page.goto(f"{base}/clients/")
        links = page.locator("table a[href^='/clients/']")
        if links.count():
            return str(links.first.get_attribute("href"))
    raise SystemExit("No demo account sees an older person.")


def take(browser: Browser, base: str, env: dict[str, str], out: Path, work: Path) -> None:
    poster = work / "poster.svg"
    # The poster shows an example address, not the temporary server's.
    poster_env = {**env, "VANGNET_SITE_URL": EXAMPLE_SITE}
    vangnet(poster_env, "poster", "demo", "--format", "svg", "--out", str(poster))
    for size, (width, height) in SIZES.items():
        page = browser.new_page(viewport={"width": width, "height": height}, locale="nl-NL")
        page.goto(f"{base}/map/public/")
        shoot(page, out / f"public-map-{size}.png")
        log_in(page, base, "coordinator")
        page.goto(f"{base}/")
        shoot(page, out / f"start-page-{size}.png")
        address = dossier_address(page, base)
        page.goto(f"{base}{address}")
        shoot(page, out / f"dossier-{size}.png")
        # A blank page first: the site's Content Security Policy would refuse the inline style.
        page.goto("about:blank")
        page.set_content(
            "<body style='margin:0;background:#ddd'>"
            "<img alt='' style='display:block;width:100%;max-width:900px;margin:0 auto' "
            f"src='data:image/svg+xml;base64,{_base64(poster)}'>"
        )
        shoot(page, out / f"poster-{size}.png")
        page.close()


def _base64(path: Path) -> str:
    import base64

    return base64.b64encode(path.read_bytes()).decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.config.settings.base")
    chromium = os.environ.get("VANGNET_CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory(prefix="vangnet-shots-") as folder:
        work = Path(folder)
        # The demo's login names and code come from Vangnet itself.
        os.environ["VANGNET_DATA_DIR"] = str(work / "data")
        django.setup()
        with demo_server(work / "data") as (base, env), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            try:
                take(browser, base, env, args.out, work)
            finally:
                browser.close()


if __name__ == "__main__":
    main()
