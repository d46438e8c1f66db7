"""The Sources panel's model: every source of the worksheet and the claims citing it.

Top-level rows are the worksheet's sources (S1, S2, … as in the reports);
each has one child row per claim that cites it, in reading order, with the
stance. The model follows the :class:`Session` row by row: a source added or
removed is one inserted or removed row, a citation added or removed changes
only the children of the sources concerned, so the panel keeps its selection
and expanded rows while the checker works.

Index ids: a source row has internalId 0; a citing-claim row has its
source's key (a small integer given to each source id once).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.document.labels import SOURCE_KIND_LABELS, STANCE_LABELS
from app.document.model import Claim, Source
from app.ui.item_keys import IdKeys
from app.ui.session import ALL_FIELDS, Links, Session

COLUMNS = ("Source", "Publisher", "Kind", "Cited by")
SourceIdRole = Qt.ItemDataRole.UserRole + 11
ClaimIdRole = Qt.ItemDataRole.UserRole + 12

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_NCOLS = len(COLUMNS)


def source_title(source: Source) -> str:
    return source.title or source.url or "Untitled source"


class SourcesModel(QAbstractItemModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._links = Links()
        self._citing: dict[str, list[str]] = {}  # source id -> citing claim ids, reading order
        self._cites: dict[str, set[str]] = {}  # claim id -> source ids it cites
        self._item_keys = IdKeys()  # source id <-> citing-claim rows' internalId
        self._leaving: set[str] = set()  # ids of claims being removed
        self.set_session(session)

    # ------------------------------------------------------------ plumbing

    def set_session(self, session: Session) -> None:
        self.beginResetModel()
        self._session = session
        self._links.follow(session, self)
        self._cites = {c.id: {x.source_id for x in c.citations}
                       for c in session.worksheet.claims}
        self._citing = {s.id: [] for s in session.worksheet.sources}
        for claim in session.worksheet.claims:
            for sid in self._cites[claim.id]:
                self._citing.setdefault(sid, []).append(claim.id)
        self._leaving = set()
        self.endResetModel()

    @property
    def _sources(self) -> list[Source]:
        return self._session.worksheet.sources

    def source_at(self, index: AnyIndex) -> Source | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            row = index.row()
            return self._sources[row] if row < len(self._sources) else None
        row = self._session.source_row(self._item_keys.id(index.internalId()) or "")
        return self._sources[row] if row >= 0 else None

    def claim_at(self, index: AnyIndex) -> Claim | None:
        """The citing claim of a child row (None on a source row)."""
        if not index.isValid() or index.internalId() == 0:
            return None
        citing = self._citing.get(self._item_keys.id(index.internalId()) or "", [])
        return self._session.claim(citing[index.row()]) if index.row() < len(citing) else None

    def index_of_source(self, source_id: str) -> QModelIndex:
        row = self._session.source_row(source_id)
        return self.index(row, 0) if row >= 0 else QModelIndex()

    # ------------------------------------------------------------ sources

    def on_source_about_to_be_inserted(self, row: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row)

    def on_source_inserted(self, row: int) -> None:
        source = self._sources[row]
        self._citing[source.id] = [cid for cid in self._ordered(
            cid for cid, sids in self._cites.items() if source.id in sids)]
        self.endInsertRows()

    def on_source_about_to_be_removed(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)

    def on_source_removed(self, _row: int) -> None:
        known = {s.id for s in self._sources}
        for sid in [sid for sid in self._citing if sid not in known]:
            del self._citing[sid]
        self.endRemoveRows()

    def on_source_changed(self, source_id: str) -> None:
        row = self._session.source_row(source_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, _NCOLS - 1))

    # ------------------------------------------------------------ citations

    def _ordered(self, claim_ids: Any) -> list[str]:
        row_of = self._session.row_of
        return sorted((cid for cid in claim_ids if row_of(cid) >= 0), key=row_of)

    def _recite(self, claim_id: str, now: set[str]) -> None:
        """The claim now cites ``now``: update the children of every source concerned."""
        before = self._cites.get(claim_id, set())
        if now:
            self._cites[claim_id] = now
        else:
            self._cites.pop(claim_id, None)
        for sid in before ^ now:
            self._refresh_children(sid)

    def _refresh_children(self, source_id: str) -> None:
        row = self._session.source_row(source_id)
        old = self._citing.get(source_id, [])
        new = self._ordered(cid for cid, sids in self._cites.items()
                            if source_id in sids and cid not in self._leaving)
        if row < 0:
            self._citing[source_id] = new
            return
        if new != old:
            parent = self.index(row, 0)
            if old:
                self.beginRemoveRows(parent, 0, len(old) - 1)
                self._citing[source_id] = []
                self.endRemoveRows()
            if new:
                self.beginInsertRows(parent, 0, len(new) - 1)
                self._citing[source_id] = new
                self.endInsertRows()
        self.dataChanged.emit(self.index(row, _NCOLS - 1), self.index(row, _NCOLS - 1))

    def on_claim_changed(self, claim_id: str, fields: frozenset[str]) -> None:
        claim = self._session.claim(claim_id)
        if claim is None:
            return
        if "citations" in fields or fields == ALL_FIELDS:
            self._recite(claim_id, {x.source_id for x in claim.citations})
        elif "verdict" in fields or "anchor" in fields:
            for sid in self._cites.get(claim_id, ()):
                self._refresh_children(sid)

    def on_claims_inserted(self, first: int, last: int) -> None:
        for claim in self._session.worksheet.claims[first:last + 1]:
            self._recite(claim.id, {x.source_id for x in claim.citations})

    def on_claims_about_to_be_removed(self, first: int, last: int) -> None:
        self._leaving = {c.id for c in self._session.worksheet.claims[first:last + 1]}

    def on_claims_removed(self, _first: int, _last: int) -> None:
        leaving, self._leaving = self._leaving, set()
        for claim_id in leaving:
            before = self._cites.pop(claim_id, set())
            for sid in before:
                self._refresh_children(sid)

    # ------------------------------------------------------------ structure

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if not 0 <= column < _NCOLS:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if 0 <= row < len(self._sources) \
                else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0 \
                or not 0 <= parent.row() < len(self._sources):
            return QModelIndex()
        sid = self._sources[parent.row()].id
        if not 0 <= row < len(self._citing.get(sid, ())):
            return QModelIndex()
        return self.createIndex(row, column, self._item_keys.key(sid))

    def parent(self, index: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        row = self._session.source_row(self._item_keys.id(index.internalId()) or "")
        return self.createIndex(row, 0, 0) if row >= 0 else QModelIndex()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._sources)
        if parent.internalId() != 0 or parent.column() != 0 \
                or not 0 <= parent.row() < len(self._sources):
            return 0
        return len(self._citing.get(self._sources[parent.row()].id, ()))

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return _NCOLS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < _NCOLS:
            return COLUMNS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if index.internalId() == 0 else flags | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        source = self.source_at(index)
        if source is None:
            return None
        if role == SourceIdRole:
            return source.id
        if index.internalId() == 0:
            return self._source_data(source, index.row(), index.column(), role)
        claim = self.claim_at(index)
        if claim is None:
            return None
        if role == ClaimIdRole:
            return claim.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            stance = next((c.stance for c in claim.citations if c.source_id == source.id), None)
            if index.column() == 0:
                label = STANCE_LABELS[stance].lower() if stance else ""
                return f"Claim {claim.number} ({label})"
            if index.column() == 1:
                return claim.quote if role == Qt.ItemDataRole.ToolTipRole else \
                    " ".join(claim.quote.split())[:120]
        return None

    def _source_data(self, source: Source, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"S{row + 1}  {source_title(source)}"
            if column == 1:
                return source.publisher
            if column == 2:
                return SOURCE_KIND_LABELS[source.kind]
            if column == 3:
                n = len(self._citing.get(source.id, ()))
                return f"{n} claim" + ("" if n == 1 else "s")
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return "\n".join(x for x in (source_title(source), source.url) if x)
        return None
