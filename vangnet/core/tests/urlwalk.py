"""Every URL pattern of the project, as addresses a test can request.

Shared by the walks that try each page as every kind of visitor (privacy, odd input).
"""

import re
from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


def walk(
    resolvers: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, URLPattern, str]]:
    """(route, pattern, "namespace:name") for every pattern under ``resolvers``."""
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            full_ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), full_ns or "")
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield prefix + str(entry.pattern), entry, name


def fill(route: str, values: dict[str, str]) -> str | None:
    """Turn a route like 'clients/<id:client_id>/' into a path, or None for regex routes."""
    if route.startswith("^") or "(?P" in route:
        return None

    def replace(match: re.Match[str]) -> str:
        converter, name = (match.group(1) or "str"), match.group(2)
        return values.get(name, "1" if converter in ("int", "id") else "x")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", replace, route)


def routes() -> Iterator[tuple[str, str]]:
    """(route, name) for every page of Vangnet itself: not the admin, not static files."""
    for route, _pattern, name in walk(get_resolver().url_patterns):
        if not route.startswith(("admin/", "static/")):
            yield route, name


def patterns(values: dict[str, str]) -> list[tuple[str, str]]:
    """(name, path) for every page, its parameters filled from ``values``."""
    result = []
    for route, name in routes():
        path = fill(route, values)
        if path is not None:
            result.append((name, path))
    return result


def route_of(name: str) -> str:
    return next((route for route, pattern_name in routes() if pattern_name == name), "")
