"""Settings from environment variables; every variable documents itself.

``describe()`` lists all variables read so far, for the README and ``overstap settings_doc``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

_REGISTRY: dict[str, EnvVar] = {}


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: str | None
    help: str


def _register(name: str, default: object, help: str) -> str | None:
    _REGISTRY[name] = EnvVar(name, None if default is None else str(default), help)
    return os.environ.get(name)


def env_str(name: str, default: str, help: str) -> str:
    value = _register(name, default, help)
    return default if value is None else value


def env_bool(name: str, default: bool, help: str) -> bool:
    value = _register(name, default, help)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, help: str) -> int:
    value = _register(name, default, help)
    return default if value is None or value == "" else int(value)


def env_list(name: str, default: list[str], help: str) -> list[str]:
    value = _register(name, ",".join(default), help)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def describe() -> list[EnvVar]:
    return sorted(_REGISTRY.values(), key=lambda v: v.name)
