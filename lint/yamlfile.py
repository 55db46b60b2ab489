"""The project's own YAML files: where the bundled ones are, and reading any of them safely.

PyYAML's *safe* loader only (no tags that construct Python objects), one parse for both the
node tree (line numbers for errors) and the data, and a bound on alias expansion. Imported by
the rule loader and the calendar alike; PyYAML itself is imported only when a file is parsed.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

# Dated facts beside the bundled rules, read by lint.calendar: not a rule file.
CALENDAR_FILE = "calendar.yaml"


@functools.cache
def default_rules_dir() -> Path:
    """The bundled rules: inside the installed package, else the checkout's top-level rules/.

    The wheel maps rules/ to lint/rules/ (a plain folder beside this module), so a path
    relative to __file__ is what importlib.resources would return, without the 14 ms its
    import costs on every cold start. Found once per process: every rule asks (is_builtin).
    """
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


def safe_loader() -> type[yaml.SafeLoader]:
    import yaml

    # The C loader is ~10x faster; both refuse tags that construct Python objects.
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the data built from it: one parse, not two."""
    loader = safe_loader()(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data


# The largest bundled rule file has ~1,300 YAML nodes. Aliases let a few lines stand for
# billions of values ("billion laughs"): harmless while shared, but any code that walks or
# prints them (an error message's repr) would hang, so such files are refused up front.
MAX_YAML_NODES = 100_000


def expanded_size(root: yaml.Node, limit: int) -> int:
    """Nodes reachable from `root` counting every alias use, up to just past `limit`."""
    import yaml

    count = 0
    stack: list[yaml.Node] = [root]
    while stack and count <= limit:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return count
