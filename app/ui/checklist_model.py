"""The checklist: a QAbstractItemModel over the worksheet's claims.

Top-level rows are claims (in reading order); their children are the claim's
checkables, each with its own tick. Nothing is copied into Qt items: every
``data()`` call reads the live document. The :class:`Session` says precisely
what changed and the model passes it on row by row (``beginInsertRows`` /
``beginRemoveRows`` for claims and checkables, ``dataChanged`` with the
columns and roles of the fields that changed), as napari's item models do, so
a view keeps its selection and expanded rows through every edit. Only a new
worksheet resets the model.

Sorting happens here, not in the proxy: the model keeps a display order (row
-> position in the worksheet's reading-ordered list) and re-sorts with one
Python ``sorted`` call, then moves persistent indexes. A QSortFilterProxyModel
sort would call back into Python two or three times per comparison, which is
far too slow for a 2,000-claim worksheet. The proxy only filters. Edited rows
stay where they are until the next sort, so a row does not jump away from the
keyboard while the checker is working on it.

Index ids: a claim row has internalId 0; a checkable row has as internalId
its claim's key, a small integer the model gives each claim id once. Keys do
not change when claims are inserted, removed or sorted, so a persistent index
on a checkable row stays on that checkable; ``parent()`` is two dict lookups.
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
from PySide6.QtGui import QColor

from app.document.labels import SOURCING_SHORT, VERDICT_STYLES
from app.document.model import CheckableType, Claim, Sourcing, Status, Verdict
from app.ui.item_keys import IdKeys
from app.ui.palette import TYPE_STYLES
from app.ui.session import Links, Session
from app.ui.value_text import shown_value

COLUMNS = ("#", "Claim", "Checkables", "Sourcing", "Verdict", "Status")
COL_NUMBER, COL_QUOTE, COL_CHECKABLES, COL_SOURCING, COL_VERDICT, COL_STATUS = range(6)

ClaimIdRole = Qt.ItemDataRole.UserRole + 1
CheckableIdRole = Qt.ItemDataRole.UserRole + 2

_STATUS_ORDER = {s: i for i, s in enumerate(Status)}
_VERDICT_ORDER = {v: i for i, v in enumerate(Verdict)}

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument
_NCOLS = len(COLUMNS)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_CLAIM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CHILD_FLAGS = _CLAIM_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_TICK_FLAGS = _CHILD_FLAGS | Qt.ItemFlag.ItemIsUserCheckable


_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole, ClaimIdRole, CheckableIdRole))
_TEXT_ROLES = [int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole),
               int(Qt.ItemDataRole.ToolTipRole)]
_VERDICT_ROLES = [*_TEXT_ROLES, int(Qt.ItemDataRole.BackgroundRole),
                  int(Qt.ItemDataRole.ForegroundRole)]
# Which column shows which claim field (fields without a column change no cell).
_FIELD_COLUMNS = {"verdict": COL_VERDICT, "status": COL_STATUS, "sourcing": COL_SOURCING,
                  "source_name": COL_SOURCING, "hedged": COL_SOURCING,
                  "checkables": COL_CHECKABLES, "anchor": COL_QUOTE}
_VERDICT_BRUSHES: dict[Verdict, tuple[QColor, QColor]] = {
    v: (QColor(style.fill), QColor(style.ink)) for v, style in VERDICT_STYLES.items()
    if v is not None}


def _inverse(order: list[int]) -> list[int]:
    inverse = [0] * len(order)
    for row, position in enumerate(order):
        inverse[position] = row
    return inverse


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

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._links = Links()
        self._claims: list[Claim] = []
        self._order: list[int] = []  # display row -> position in reading order
        self._pos: list[int] = []  # position in reading order -> display row
        self._item_keys = IdKeys()  # claim id <-> checkable rows' internalId
        self._sort_column = COL_NUMBER
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._insert_at = 0  # display row of claims being inserted
        self.set_session(session)

    # ------------------------------------------------------------ plumbing

    def set_session(self, session: Session) -> None:
        """Show another worksheet (the only reset this model does)."""
        self.beginResetModel()
        self._session = session
        self._links.follow(session, self)
        # A direct reference to the live list: index() runs thousands of times per
        # view update, so it must not walk session -> worksheet -> claims each time.
        self._claims = session.worksheet.claims
        self._item_keys = IdKeys()
        self._order = self._sorted_order(self._sort_column, self._sort_order)
        self._pos = _inverse(self._order)
        self.endResetModel()

    @property
    def claims(self) -> list[Claim]:
        return self._claims

    def _row_of_position(self, position: int) -> int:
        return self._pos[position]

    def _claim_index(self, claim_id: str, column: int = 0) -> QModelIndex:
        position = self._session.row_of(claim_id)
        if position < 0:
            return QModelIndex()
        return self.createIndex(self._pos[position], column, 0)

    # ------------------------------------------------------------ claims inserted, removed

    def _identity(self) -> bool:
        return self._sort_column <= COL_NUMBER and self._sort_order == Qt.SortOrder.AscendingOrder

    def on_claims_about_to_be_inserted(self, first: int, last: int) -> None:
        # In reading order the rows go where the claims go; in another order, after
        # the claim that precedes them in reading order (the checker's context).
        row = first if self._identity() or first == 0 else self._pos[first - 1] + 1
        self._insert_at = row
        self.beginInsertRows(QModelIndex(), row, row + last - first)

    def on_claims_inserted(self, first: int, last: int) -> None:
        count = last - first + 1
        order = [p + count if p >= first else p for p in self._order]
        row = self._insert_at
        order[row:row] = range(first, last + 1)
        self._order, self._pos = order, _inverse(order)
        self.endInsertRows()

    def on_claims_about_to_be_removed(self, first: int, last: int) -> None:
        rows = sorted(self._pos[p] for p in range(first, last + 1))
        if rows[-1] - rows[0] != len(rows) - 1:  # the Session removes one claim at a time
            raise ValueError("claims removed at once must be adjacent rows")
        self.beginRemoveRows(QModelIndex(), rows[0], rows[-1])

    def on_claims_removed(self, first: int, last: int) -> None:
        count = last - first + 1
        self._order = [p - count if p > last else p for p in self._order
                       if not first <= p <= last]
        self._pos = _inverse(self._order)
        self.endRemoveRows()

    # ------------------------------------------------------------ checkables

    def on_checkables_about_to_be_inserted(self, claim_id: str, first: int, last: int) -> None:
        self.beginInsertRows(self._claim_index(claim_id), first, last)

    def on_checkables_about_to_be_removed(self, claim_id: str, first: int, last: int) -> None:
        self.beginRemoveRows(self._claim_index(claim_id), first, last)

    def on_checkables_inserted(self, *_: object) -> None:
        self.endInsertRows()

    def on_checkables_removed(self, *_: object) -> None:
        self.endRemoveRows()

    def on_checkable_changed(self, claim_id: str, checkable_id: str, _fields: object) -> None:
        row = self._session.checkable_row(claim_id, checkable_id)
        parent = self._claim_index(claim_id)
        if row >= 0 and parent.isValid():
            key = self._item_keys.key(claim_id)
            self.dataChanged.emit(self.createIndex(row, 0, key),
                                  self.createIndex(row, _NCOLS - 1, key))

    # ------------------------------------------------------------ fields

    def on_claim_changed(self, claim_id: str, fields: frozenset[str]) -> None:
        position = self._session.row_of(claim_id)
        if position < 0:
            return
        row = self._pos[position]
        columns = sorted({_FIELD_COLUMNS[f] for f in fields if f in _FIELD_COLUMNS})
        if not columns:
            return
        roles = _VERDICT_ROLES if COL_VERDICT in columns else _TEXT_ROLES
        self.dataChanged.emit(self.createIndex(row, columns[0], 0),
                              self.createIndex(row, columns[-1], 0), roles)

    def claim_at(self, index: AnyIndex) -> Claim | None:
        """The claim of a row, or of a checkable row's parent."""
        if not index.isValid():
            return None
        internal = index.internalId()
        if internal == 0:
            row = index.row()
            return self._claims[self._order[row]] if 0 <= row < len(self._order) else None
        claim_id = self._item_keys.id(internal)
        return self._session.claim(claim_id) if claim_id is not None else None

    def checkable_id_at(self, index: AnyIndex) -> str | None:
        """The checkable of a checkable row (None on a claim row)."""
        claim = self.claim_at(index)
        if claim is None or index.internalId() == 0 or index.row() >= len(claim.checkables):
            return None
        return claim.checkables[index.row()].id

    def index_of_claim(self, claim_id: str, column: int = 0) -> QModelIndex:
        return self._claim_index(claim_id, column)

    def index_of_checkable(self, claim_id: str, checkable_id: str) -> QModelIndex:
        row = self._session.checkable_row(claim_id, checkable_id)
        if row < 0 or not self._claim_index(claim_id).isValid():
            return QModelIndex()
        return self.createIndex(row, 0, self._item_keys.key(claim_id))

    # ------------------------------------------------------------ sorting

    @staticmethod
    def sort_key(claim: Claim, position: int, column: int) -> Any:
        """A plain comparable value per column (the # column sorts by reading order)."""
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
        return position

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        claims = self._claims
        if column <= COL_NUMBER and order == Qt.SortOrder.AscendingOrder:
            return list(range(len(claims)))
        keys = [self.sort_key(c, i, column) for i, c in enumerate(claims)]
        # Stable: ties stay in reading order whichever the direction.
        return sorted(range(len(claims)), key=keys.__getitem__,
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = max(column, COL_NUMBER), order
        new_order = self._sorted_order(self._sort_column, order)
        if new_order == self._order:
            return
        self.layoutAboutToBeChanged.emit()
        new_pos = _inverse(new_order)
        old_list = self.persistentIndexList()
        new_list = []
        for old in old_list:
            if old.internalId() == 0 and 0 <= old.row() < len(self._order):
                position = self._order[old.row()]
                new_list.append(self.createIndex(new_pos[position], old.column(), 0))
            else:  # checkable rows keep row and key: their parent moves with the claim
                new_list.append(QModelIndex(old))
        self._order, self._pos = new_order, new_pos
        self.changePersistentIndexList(old_list, new_list)
        self.layoutChanged.emit()

    # ------------------------------------------------------------ structure

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if not parent.isValid():
            if 0 <= row < len(self._order) and 0 <= column < _NCOLS:
                return self.createIndex(row, column, 0)
            return QModelIndex()
        prow = parent.row()
        if (parent.internalId() != 0 or parent.column() != 0 or not 0 <= prow < len(self._order)
                or not 0 <= column < _NCOLS):
            return QModelIndex()
        claim = self._claims[self._order[prow]]
        if not 0 <= row < len(claim.checkables):
            return QModelIndex()
        return self.createIndex(row, column, self._item_keys.key(claim.id))

    def parent(self, index: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        internal = index.internalId()
        claim_id = self._item_keys.id(internal)
        if claim_id is None:
            return QModelIndex()
        position = self._session.row_of(claim_id)
        if position < 0:
            return QModelIndex()
        return self.createIndex(self._pos[position], 0, 0)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._order)
        if parent.internalId() or parent.column():
            return 0
        row = parent.row()
        return len(self._claims[self._order[row]].checkables) if row < len(self._order) else 0

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return _NCOLS

    def hasChildren(self, parent: AnyIndex = _ROOT) -> bool:  # noqa: N802
        # Called for every row whenever the tree lays itself out: keep it lean.
        if not parent.isValid():
            return bool(self._order)
        if parent.internalId() or parent.column():
            return False
        row = parent.row()
        return row < len(self._order) and bool(self._claims[self._order[row]].checkables)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < _NCOLS:
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        if index.internalId() == 0:
            return _CLAIM_FLAGS
        return _TICK_FLAGS if index.column() == 0 else _CHILD_FLAGS

    # ------------------------------------------------------------ data

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks ~7 roles per cell on every paint; most are answered "nothing" here
        # before any other work, which keeps repaints of a long checklist cheap.
        if role not in _ROLES or not index.isValid():
            return None
        internal = index.internalId()
        if internal == 0:
            row = index.row()
            if row >= len(self._order):
                return None
            return self._claim_data(self._claims[self._order[row]], index.column(), role)
        claim = self.claim_at(index)
        if claim is None or index.row() >= len(claim.checkables):
            return None
        return self._checkable_data(claim, index.row(), index.column(), role)

    def _claim_data(self, claim: Claim, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COL_NUMBER:
                return str(claim.number)
            if column == COL_QUOTE:
                return quote_line(claim)
            if column == COL_CHECKABLES:
                return checkables_summary(claim)
            if column == COL_SOURCING:
                label = SOURCING_SHORT[claim.sourcing]
                return f"{label}, hedged" if claim.hedged else label
            if column == COL_VERDICT:
                return claim.verdict.label if claim.verdict else ""
            if column == COL_STATUS:
                return claim.status.label
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_QUOTE:
                return claim.quote
            if column in (COL_CHECKABLES, COL_SOURCING):  # narrow columns elide: show it all
                text = self._claim_data(claim, column, Qt.ItemDataRole.DisplayRole)
                if column == COL_SOURCING and claim.source_name:
                    text = f"{text} ({claim.source_name})"
                return text
        elif role == Qt.ItemDataRole.BackgroundRole:
            if column == COL_VERDICT and claim.verdict is not None:
                return _VERDICT_BRUSHES[claim.verdict][0]  # the verdict's colour, as in print
        elif role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_VERDICT and claim.verdict is not None:
                return _VERDICT_BRUSHES[claim.verdict][1]
        elif role == ClaimIdRole:
            return claim.id
        return None

    def _checkable_data(self, claim: Claim, row: int, column: int, role: int) -> Any:
        k = claim.checkables[row]
        style = TYPE_STYLES[k.type]
        if role == Qt.ItemDataRole.DisplayRole:
            # The tick column is narrow: the type goes with the text, where it is seen.
            if column == COL_QUOTE:
                return f"{style.label} · {k.text}"
            if column == COL_CHECKABLES:
                return shown_value(k)
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_NUMBER:
            return f"{style.label} {k.text}, {'checked' if k.checked else 'not checked'}"
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_NUMBER:
            return Qt.CheckState.Checked if k.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_QUOTE:
            return style.qcolor()
        if role == Qt.ItemDataRole.ToolTipRole:
            value = f" → {shown_value(k)}" if k.value else ""
            return f"{style.label} ({style.cue} underline): {k.text}{value}"
        if role == ClaimIdRole:
            return claim.id
        if role == CheckableIdRole:
            return k.id
        return None

    def setData(self, index: AnyIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ticks are edits: announce them so the window runs the operation."""
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
    """The filter bar: status, verdict, checkable type, text, hedged, anonymous.

    Filtering reads the claims directly (not through ``data()``); sorting is
    handed to :class:`ChecklistModel` (see the module docstring for why).
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
        self._active = False
        self.setDynamicSortFilter(False)

    def set_filters(self, *, status: Status | None = None, verdict: Verdict | str | None = None,
                    kind: CheckableType | None = None, text: str = "",
                    hedged_only: bool = False, anonymous_only: bool = False) -> None:
        self.beginFilterChange()
        self.status, self.verdict, self.kind = status, verdict, kind
        self.text = text.casefold().strip()
        self.hedged_only, self.anonymous_only = hedged_only, anonymous_only
        self._active = self.active
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
        if not self._active or source_parent.isValid():
            return True
        model = self._source()
        order = model._order
        return source_row < len(order) and self.accepts(model.claims[order[source_row]])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source().sort(column, order)
