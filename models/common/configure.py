"""Training-script settings, nanoGPT style: a script's module-level defaults, overridden by config files, then by
--key=value flags. Shared by imitator/train.py and translator/train.py."""
from __future__ import annotations

import json
from pathlib import Path


def configure(scope: dict, argv: list[str]) -> dict:
    """Applies `argv` (config files, then --key=value flags; unknown keys are errors) to the defaults in `scope`
    (a script's globals(); updated in place) and returns the settings as a dict."""
    keys = [k for k, v in scope.items() if not k.startswith('_') and isinstance(v, (int, float, str, list))]
    for arg in argv:
        if not arg.startswith('--'):
            file_scope: dict = {}
            exec(Path(arg).read_text(), {}, file_scope)
            unknown = sorted(set(file_scope) - set(keys))
            assert not unknown, f'{arg}: unknown keys {unknown}'
            scope.update(file_scope)
        else:
            key, _, value = arg[2:].partition('=')
            assert key in keys, f'unknown option --{key}; known: {", ".join(keys)}'
            current = scope[key]
            scope[key] = json.loads(value) if not isinstance(current, str) else value
    return {k: scope[k] for k in keys}
