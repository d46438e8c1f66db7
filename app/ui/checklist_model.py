"""The checklist: a QAbstractItemModel over the worksheet's claims.

Top-level rows are claims (in reading order); their children are the claim's
checkables, each with its own tick. Nothing is copied into Qt items: every
``data()`` call reads the live document, and the :class:`Session` signals are
turned into ``dataChanged`` for one row or a model reset for structural edits.

Index ids: a claim row has internalId 0; a checkable row has internalId
``claim_row + 1`` so ``parent()`` is a lookup, not a search.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from app.document.model import CheckableType, Claim, Sourcing, Status, Verdict
from app.ui.palette import TYPE_STYLES
from app.ui.session import Session

COLUMNS = ("#", "Claim", "Checkables", "Sourcing", "Verdict", "Status")
COL_NUMBER, COL_QUOTE, COL_CHECKABLES, COL_SOURCING, COL_VERDICT, COL_STATUS = range(6)

ClaimIdRole = Qt.ItemDataRole.UserRole + 1
CheckableIdRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3

_SOURCING_LABELS = {Sourcing.NAMED: "named", Sourcing.UNNAMED: "anonymous", Sourcing.NONE: "—"}
_STATUS_ORDER = {s: i for i, s in enumerate(Status)}
_VERDICT_ORDER = {v: i for i, v in enumerate(Verdict)}

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument


def checkables_summary(claim: Claim) -> str:
    """"2 date · 1 count" with ticks done, short enough for a column."""
    if not claim.checkables:
        return ""
    done = sum(1 for k in claim.checkables if k.checked)
    counts: dict[CheckableType, int] = {}
    for k in claim.checkables:
        counts[k.type] = counts.get(k.type, 0) + 1
    kinds = " · ".join(f"{n} {t.value}" for t, n in counts.items())
    return f"{done}/{len(claim.checkables)} ✓  {kinds}"


def quote_line(claim: Claim, limit: int = 160) -> str:
    text = " ".join(claim.quote.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ChecklistModel(QAbstractItemModel):
    """Claims and their checkables as a two-level tree, read live from the session."""

    checkableToggled = Signal(str, str, bool)  # claim id, checkable id, new state
    claimAboutToChange = Signal(int)  # row, before dataChanged (lets the proxy drop its key)

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self._session: Session | None = None
        self.set_session(session)

    # ------------------------------------------------------------ plumbing

    def set_session(self, session: Session) -> None:
        self.beginResetModel()
        if self._session is not None:
            self._session.claimChanged.disconnect(self._on_claim_changed)
            self._session.claimsAboutToReset.disconnect(self.beginResetModel)
            self._session.claimsReset.disconnect(self.endResetModel)
        self._session = session
        session.claimChanged.connect(self._on_claim_changed)
        session.claimsAboutToReset.connect(self.beginResetModel)
        session.claimsReset.connect(self.endResetModel)
        self.endResetModel()

    @property
    def claims(self) -> list[Claim]:
        assert self._session is not None
        return self._session.worksheet.claims

    def _on_claim_changed(self, claim_id: str) -> None:
        assert self._session is not None
        row = self._session.row_of(claim_id)
        if row < 0:
            return
        self.claimAboutToChange.emit(row)
        top_left = self.index(row, 0)
        self.dataChanged.emit(top_left, self.index(row, len(COLUMNS) - 1))
        # A checkable may have been added: children changed as a whole.
        parent = top_left
        have = self.rowCount(parent)
        if have:
            self.dataChanged.emit(self.index(0, 0, parent),
                                  self.index(have - 1, len(COLUMNS) - 1, parent))

    def claim_at(self, index: AnyIndex) -> Claim | None:
        """The claim of a row, or of a checkable row's parent."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        claims = self.claims
        return claims[row] if 0 <= row < len(claims) else None

    def index_of_claim(self, claim_id: str, column: int = 0) -> QModelIndex:
        assert self._session is not None
        row = self._session.row_of(claim_id)
        return self.index(row, column) if row >= 0 else QModelIndex()

    # ------------------------------------------------------------ structure

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self.claims):
                return QModelIndex()
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        claims = self.claims
        if parent.row() >= len(claims) or row >= len(claims[parent.row()].checkables):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self.claims)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        claims = self.claims
        return len(claims[parent.row()].checkables) if parent.row() < len(claims) else 0

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return len(COLUMNS)

    def hasChildren(self, parent: AnyIndex = _ROOT) -> bool:  # noqa: N802
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != 0 and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.internalId() != 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    # ------------------------------------------------------------ data

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        claims = self.claims
        if index.internalId() == 0:
            if index.row() >= len(claims):
                return None
            return self._claim_data(claims[index.row()], index.row(), index.column(), role)
        parent_row = index.internalId() - 1
        if parent_row >= len(claims) or index.row() >= len(claims[parent_row].checkables):
            return None
        claim = claims[parent_row]
        return self._checkable_data(claim, index.row(), index.column(), role)

    def _claim_data(self, claim: Claim, row: int, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COL_NUMBER:
                return str(row + 1)
            if column == COL_QUOTE:
                return quote_line(claim)
            if column == COL_CHECKABLES:
                return checkables_summary(claim)
            if column == COL_SOURCING:
                label = _SOURCING_LABELS[claim.sourcing]
                return f"{label}, hedged" if claim.hedged else label
            if column == COL_VERDICT:
                return claim.verdict.label if claim.verdict else ""
            if column == COL_STATUS:
                return claim.status.label
        elif role == SortRole:
            return self.sort_key(claim, row, column)
        elif role == Qt.ItemDataRole.ToolTipRole and column == COL_QUOTE:
            return claim.quote
        elif role == ClaimIdRole:
            return claim.id
        return None

    @staticmethod
    def sort_key(claim: Claim, row: int, column: int) -> Any:
        """A plain comparable value per column, used by the proxy's sort."""
        if column == COL_QUOTE:
            return claim.quote.casefold()
        if column == COL_CHECKABLES:
            return len(claim.checkables)
        if column == COL_SOURCING:
            return claim.sourcing.value
        if column == COL_VERDICT:
            return -1 if claim.verdict is None else _VERDICT_ORDER[claim.verdict]
        if column == COL_STATUS:
            return _STATUS_ORDER[claim.status]
        return row

    def _checkable_data(self, claim: Claim, row: int, column: int, role: int) -> Any:
        k = claim.checkables[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COL_NUMBER:
                return TYPE_STYLES[k.type].label
            if column == COL_QUOTE:
                return k.text
            if column == COL_CHECKABLES:
                return k.value or ""
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_NUMBER:
            return Qt.CheckState.Checked if k.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_NUMBER:
            return TYPE_STYLES[k.type].qcolor()
        if role == Qt.ItemDataRole.ToolTipRole:
            value = f" → {k.value}" if k.value else ""
            return f"{TYPE_STYLES[k.type].label}: {k.text}{value}"
        if role == ClaimIdRole:
            return claim.id
        if role == CheckableIdRole:
            return k.id
        if role == SortRole:
            return row
        return None

    def setData(self, index: AnyIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ticks are edits: announce them so the window pushes an undo command."""
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid()
                or index.internalId() == 0 or index.column() != 0):
            return False
        claim = self.claim_at(index)
        if claim is None or index.row() >= len(claim.checkables):
            return False
        state = value.value if hasattr(value, "value") else value
        checked = int(state) == Qt.CheckState.Checked.value
        self.checkableToggled.emit(claim.id, claim.checkables[index.row()].id, checked)
        return True


class ChecklistFilter(QSortFilterProxyModel):
    """Sorting and the filter bar: status, verdict, checkable type, text, hedged, anonymous.

    Filtering and sorting read the claims directly (not through ``data()``),
    which keeps a 2,000-claim checklist responsive.
    """

    UNSET_VERDICT = "unset"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.status: Status | None = None
        self.verdict: Verdict | str | None = None
        self.kind: CheckableType | None = None
        self.text = ""
        self.hedged_only = False
        self.anonymous_only = False
        self._keys: dict[int, Any] = {}
        self._key_column = 0
        self.setSortRole(SortRole)

    def set_filters(self, *, status: Status | None = None, verdict: Verdict | str | None = None,
                    kind: CheckableType | None = None, text: str = "",
                    hedged_only: bool = False, anonymous_only: bool = False) -> None:
        self.beginFilterChange()
        self.status, self.verdict, self.kind = status, verdict, kind
        self.text = text.casefold().strip()
        self.hedged_only, self.anonymous_only = hedged_only, anonymous_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def active(self) -> bool:
        return any((self.status, self.verdict, self.kind, self.text, self.hedged_only,
                    self.anonymous_only))

    def _source(self) -> ChecklistModel:
        model = self.sourceModel()
        assert isinstance(model, ChecklistModel)
        return model

    def accepts(self, claim: Claim) -> bool:
        if self.status is not None and claim.status != self.status:
            return False
        if self.verdict == self.UNSET_VERDICT:
            if claim.verdict is not None:
                return False
        elif self.verdict is not None and claim.verdict != self.verdict:
            return False
        if self.kind is not None and not any(k.type == self.kind for k in claim.checkables):
            return False
        if self.hedged_only and not claim.hedged:
            return False
        if self.anonymous_only and claim.sourcing != Sourcing.UNNAMED:
            return False
        if self.text:
            hay = " ".join([claim.quote, claim.rationale, claim.source_name,
                            *(k.text for k in claim.checkables),
                            *(k.value or "" for k in claim.checkables)]).casefold()
            return self.text in hay
        return True

    def filterAcceptsRow(self, source_row: int,  # noqa: N802
                         source_parent: AnyIndex) -> bool:
        if source_parent.isValid():
            return True
        claims = self._source().claims
        return source_row < len(claims) and self.accepts(claims[source_row])

    def setSourceModel(self, model: Any) -> None:  # noqa: N802
        # Connect before the base class does, so cached keys are dropped first.
        model.modelAboutToBeReset.connect(self._keys.clear)
        model.claimAboutToChange.connect(self._drop_key)
        super().setSourceModel(model)

    def _drop_key(self, row: int) -> None:
        self._keys.pop(row, None)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._keys.clear()
        self._key_column = column
        super().sort(column, order)

    def _key(self, row: int) -> Any:
        key = self._keys.get(row)
        if key is None:
            claims = self._source().claims
            key = ChecklistModel.sort_key(claims[row], row, self._key_column)
            self._keys[row] = key
        return key

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:  # noqa: N802
        """Compare cached per-row keys (computed once per sort, not per comparison)."""
        lrow, rrow = left.row(), right.row()
        if left.internalId() != 0:
            return lrow < rrow
        a, b = self._key(lrow), self._key(rrow)
        if a == b:
            return lrow < rrow
        return a < b
