"""Every window action in one table: menu, name, label, keys, handler name.

Menus, the toolbar and the shortcut sheet are all generated from this table,
so the sheet under Help can never disagree with the real shortcuts.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

SK = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    menu: str
    name: str  # object name and key in MainWindow.actions
    label: str
    keys: tuple[QKeySequence.StandardKey | str, ...]
    handler: str  # MainWindow method name
    tip: str = ""
    toolbar: bool = False


VERDICT_KEYS = ("1", "2", "3", "4", "5", "6", "7")

SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("&File", "new", "&New from article…", (SK.New,), "choose_article",
               "Import an article and extract its claims", True),
    ActionSpec("&File", "paste", "New from &clipboard", ("Ctrl+Shift+V",), "new_from_clipboard",
               "Start a worksheet from the text on the clipboard"),
    ActionSpec("&File", "open", "&Open worksheet…", (SK.Open,), "choose_worksheet",
               "Open a .claimsheet file", True),
    ActionSpec("&File", "save", "&Save", (SK.Save,), "save", "Save the worksheet", True),
    ActionSpec("&File", "save_as", "Save &as…", (SK.SaveAs, "Ctrl+Shift+S"), "save_as"),
    ActionSpec("&File", "article_details", "Article &details…", ("Ctrl+I",),
               "edit_article_details", "Title, outlet, author, URL and date of the article"),
    ActionSpec("&File", "print", "&Print…", (SK.Print,), "print_worksheet"),
    ActionSpec("&File", "print_preview", "Print pre&view…", ("Ctrl+Shift+P",), "print_preview"),
    ActionSpec("&File", "print_blank", "Print &blank worksheet…", ("Ctrl+Alt+P",),
               "print_blank", "Empty verdict boxes, to fill in by hand"),
    ActionSpec("&File", "quit", "&Quit", (SK.Quit, "Ctrl+Q"), "close"),
    ActionSpec("&Edit", "add_claim", "Add &claim from selection", ("Ctrl+Shift+A",),
               "add_claim_from_selection", "Mark the selected article text as a claim", True),
    ActionSpec("&Edit", "add_date", "Add checkable: &date", ("Ctrl+Alt+1",), "add_date"),
    ActionSpec("&Edit", "add_system", "Add checkable: &system", ("Ctrl+Alt+2",), "add_system"),
    ActionSpec("&Edit", "add_location", "Add checkable: &location", ("Ctrl+Alt+3",),
               "add_location"),
    ActionSpec("&Edit", "add_count", "Add checkable: c&ount", ("Ctrl+Alt+4",), "add_count"),
    ActionSpec("&Edit", "add_actor", "Add checkable: ac&tor", ("Ctrl+Alt+5",), "add_actor"),
    ActionSpec("&Edit", "delete", "&Delete claim", (SK.Delete,), "delete_claim"),
    ActionSpec("&Edit", "merge", "&Merge with next claim", ("Ctrl+M",), "merge_with_next"),
    ActionSpec("&Edit", "split", "S&plit claim at cursor", ("Ctrl+Shift+T",), "split_at_cursor"),
    ActionSpec("&Edit", "rerun", "&Re-run extraction", ("F5",), "rerun_extraction",
               "Extract again, keeping your verdicts, notes and sources", True),
    ActionSpec("&Edit", "cancel", "Cancel e&xtraction", ("Ctrl+.",), "cancel_extraction"),
    ActionSpec("&Claim", "next", "&Next claim", ("J",), "next_claim"),
    ActionSpec("&Claim", "previous", "&Previous claim", ("K",), "previous_claim"),
    ActionSpec("&Claim", "status", "Cycle &status", ("S",), "cycle_status",
               "To do → in progress → checked → reviewed"),
    ActionSpec("&Claim", "clear_verdict", "&Clear verdict", ("0",), "clear_verdict"),
    ActionSpec("&Claim", "add_source", "&Add source…", ("Ctrl+L",), "add_source",
               "Attach a source with its stance", True),
    ActionSpec("&Claim", "rationale", "Edit &rationale", ("F2",), "focus_rationale"),
    ActionSpec("&View", "filter", "&Filter checklist", (SK.Find,), "focus_filter"),
    ActionSpec("&View", "clear_filter", "C&lear filters", ("Ctrl+Shift+F",), "clear_filters"),
    ActionSpec("&View", "focus_checklist", "Go to &checklist", ("Ctrl+1",), "focus_checklist"),
    ActionSpec("&View", "focus_article", "Go to &article", ("Ctrl+2",), "focus_article"),
    ActionSpec("&View", "focus_detail", "Go to &details", ("Ctrl+3",), "focus_detail"),
    ActionSpec("&View", "dark", "&Dark palette", ("Ctrl+Shift+D",), "toggle_dark"),
    ActionSpec("&Help", "shortcuts", "&Keyboard shortcuts", (SK.HelpContents, "F1"),
               "show_shortcuts"),
    ActionSpec("&Help", "about", "&About Claimsheet", ("Ctrl+F1",), "show_about"),
)


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The spec's keys as sequences, without duplicates (a standard key may equal a literal)."""
    out: list[QKeySequence] = []
    for key in spec.keys:
        sequences = QKeySequence.keyBindings(key) if isinstance(key, SK) else [QKeySequence(key)]
        for seq in sequences:
            if not seq.isEmpty() and seq not in out:
                out.append(seq)
    return out
