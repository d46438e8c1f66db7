"""Small integer keys for string ids, for the internalId of child rows in item models.

A child row's index must name its parent in a way that survives rows being
inserted, removed or sorted around it; a claim's or source's id does, but
an index only holds an integer. Each id gets the next integer the first time
it is asked for and keeps it for the life of the model's session (key 0 is
never given: it marks top-level rows).
"""

from __future__ import annotations


class IdKeys:
    def __init__(self) -> None:
        self._keys: dict[str, int] = {}
        self._ids: list[str] = [""]

    def key(self, item_id: str) -> int:
        key = self._keys.get(item_id)
        if key is None:
            key = self._keys[item_id] = len(self._ids)
            self._ids.append(item_id)
        return key

    def id(self, key: int) -> str | None:
        return self._ids[key] if 0 < key < len(self._ids) else None
