"""Typer's help without the two modules it never uses here (start-up, issue 17).

``typer.rich_utils``, loaded for ``--help`` and for a usage error, imports ``rich.markdown``
(markdown-it-py and, through ``rich.syntax``, Pygments) and ``rich.traceback`` (``rich.pretty``,
Pygments) at its top: ~40 ms of ``patroltl --help`` on a fast machine, ~0.1 s on a slow one, for
``rich_markup_mode="markdown"`` and pretty tracebacks, neither of which patroltl turns on.

``install`` (``main`` calls it) puts a finder first on ``sys.meta_path``. It does nothing until
``typer.rich_utils`` is imported; then it takes itself off and loads that module with stand-ins
for the two in ``sys.modules`` while the module runs, and takes the stand-ins out again. Each name
imported from a stand-in is a stand-in class: called, or asked for an attribute or an
``isinstance``, it loads the real module and answers for the real class, so the help reads as
before and typer would get real Markdown or a real traceback if it ever made one. Importing
``rich.markdown`` afterwards loads the real module.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

TARGET = "typer.rich_utils"
DEFERRED = ("rich.markdown", "rich.traceback")


class _Deferred(type):
    """The metaclass of a stand-in: the class of the same name in ``_module``, loaded on use."""

    _module: str

    def _real(cls) -> Any:
        return getattr(importlib.import_module(cls._module), cls.__name__)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls._real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("__"):  # typing's and copy's probes (``Markdown | Text``) load nothing
            raise AttributeError(name)
        return getattr(cls._real(), name)

    def __instancecheck__(cls, obj: Any) -> bool:
        return isinstance(obj, cls._real())

    def __subclasscheck__(cls, sub: type) -> bool:
        return issubclass(sub, cls._real())


def _stand_in(module: str) -> types.ModuleType:
    stand_in = types.ModuleType(module, f"Stands for {module} while {TARGET} loads (patroltl.typerhelp).")

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Deferred(name, (), {"_module": module, "__module__": module})

    stand_in.__getattr__ = __getattr__  # type: ignore[method-assign]
    return stand_in


class _Loader:
    """The real loader of ``typer.rich_utils``, run with the stand-ins in place."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def create_module(self, spec: ModuleSpec) -> types.ModuleType | None:
        made: types.ModuleType | None = self.real.create_module(spec)
        return made

    def exec_module(self, module: types.ModuleType) -> None:
        stand_ins = {name: _stand_in(name) for name in DEFERRED if name not in sys.modules}
        sys.modules.update(stand_ins)
        try:
            self.real.exec_module(module)
        finally:
            for name, stand_in in stand_ins.items():
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]

    def __getattr__(self, name: str) -> Any:  # get_source, is_package, ...: the real loader's
        return getattr(self.real, name)


class _Finder:
    def find_spec(
        self, name: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> ModuleSpec | None:
        if name != TARGET:
            return None
        uninstall()  # once: any later import of it is the real import system's
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec: ModuleSpec | None = find(name, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = cast("Loader", _Loader(spec.loader))  # duck-typed: importlib.abc costs ~2 ms
                return spec
        return None


_FINDER = _Finder()


def install() -> None:
    """Load ``typer.rich_utils`` without ``rich.markdown`` and ``rich.traceback``, when it is loaded."""
    if TARGET not in sys.modules and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall() -> None:
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
