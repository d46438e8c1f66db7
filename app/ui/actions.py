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
    handler: str  # MainWindow method, or "files.save" for a method of a controller
    tip: str = ""
    toolbar: bool = False


VERDICT_KEYS = ("1", "2", "3", "4", "5", "6", "7")

SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("&File", "new", "&New from article…", (SK.New,), "files.choose_article",
               "Import an article and extract its claims", True),
    ActionSpec("&File", "paste", "New from &clipboard", ("Ctrl+Shift+V",),
               "files.new_from_clipboard", "Start a worksheet from the text on the clipboard"),
    ActionSpec("&File", "open", "&Open worksheet…", (SK.Open,), "files.choose_worksheet",
               "Open a .claimsheet file", True),
    ActionSpec("&File", "save", "&Save", (SK.Save,), "files.save", "Save the worksheet", True),
    ActionSpec("&File", "save_as", "Save &as…", (SK.SaveAs, "Ctrl+Shift+S"), "files.save_as"),
    ActionSpec("&File", "article_details", "Article &details…", ("Ctrl+I",),
               "files.edit_article_details",
               "Title, outlet, author, URL and date of the article"),
    ActionSpec("&File", "worksheet_details", "&Worksheet details…", ("Ctrl+Shift+I",),
               "files.edit_worksheet_details", "Checker, reviewer and notes"),
    ActionSpec("&File", "library_settings", "Claim &library…", (SK.Preferences, "Ctrl+,"),
               "show_library_settings",
               "Where the claim library is: a file, or a shared PostgreSQL library"),
    ActionSpec("&File", "export", "&Export…", ("Ctrl+E",), "reports.export",
               "PDF worksheet, ClaimReview JSON-LD, CSV or Markdown"),
    ActionSpec("&File", "print", "&Print…", (SK.Print,), "reports.print_worksheet"),
    ActionSpec("&File", "print_preview", "Print pre&view…", ("Ctrl+Shift+P",),
               "reports.print_preview", "The pages of the PDF worksheet, as they will print"),
    ActionSpec("&File", "print_blank", "Print &blank worksheet…", ("Ctrl+Alt+P",),
               "reports.print_blank", "Empty verdict boxes, to fill in by hand"),
    ActionSpec("&File", "quit", "&Quit", (SK.Quit, "Ctrl+Q"), "close"),
    ActionSpec("&Edit", "add_claim", "Add &claim from selection", ("Ctrl+Shift+A",),
               "add_claim_from_selection", "Mark the selected article text as a claim", True),
    ActionSpec("&Edit", "add_date", "Add checkable: &date", ("Ctrl+Alt+1",), "add_date"),
    ActionSpec("&Edit", "add_system", "Add checkable: &system", ("Ctrl+Alt+2",), "add_system"),
    ActionSpec("&Edit", "add_location", "Add checkable: &location", ("Ctrl+Alt+3",),
               "add_location"),
    ActionSpec("&Edit", "add_count", "Add checkable: c&ount", ("Ctrl+Alt+4",), "add_count"),
    ActionSpec("&Edit", "add_actor", "Add checkable: ac&tor", ("Ctrl+Alt+5",), "add_actor"),
    ActionSpec("&Edit", "retype", "C&hange checkable type", ("T",), "retype_checkable",
               "Date → system → location → count → actor"),
    ActionSpec("&Edit", "respan", "Move checkable to s&election", ("Ctrl+Shift+E",),
               "respan_checkable", "The selected checkable takes the words selected in the "
               "article"),
    ActionSpec("&Edit", "delete", "&Delete claim or checkable", (SK.Delete,), "delete_selected",
               "Deletes the selected checkable row, else the selected claim"),
    ActionSpec("&Edit", "merge", "&Merge with next claim", ("Ctrl+M",), "merge_with_next"),
    ActionSpec("&Edit", "split", "S&plit claim at cursor", ("Ctrl+Shift+T",), "split_at_cursor"),
    ActionSpec("&Edit", "rerun", "&Re-run extraction", ("F5",), "extraction.rerun",
               "Extract again, keeping your verdicts, notes and sources", True),
    ActionSpec("&Edit", "cancel", "Cancel e&xtraction", ("Ctrl+.",), "extraction.cancel"),
    ActionSpec("&Claim", "next", "&Next claim", ("J",), "next_claim"),
    ActionSpec("&Claim", "previous", "&Previous claim", ("K",), "previous_claim"),
    ActionSpec("&Claim", "status", "Cycle &status", ("S",), "cycle_status",
               "To do → in progress → checked → reviewed"),
    ActionSpec("&Claim", "clear_verdict", "&Clear verdict", ("0",), "clear_verdict"),
    ActionSpec("&Claim", "add_source", "&Add new source…", ("Ctrl+L",), "add_source",
               "Type in a new source and cite it", True),
    ActionSpec("&Claim", "cite_source", "C&ite existing source…", ("Ctrl+Shift+L",),
               "cite_source", "Search the worksheet's sources and cite one", True),
    ActionSpec("&Claim", "attach_evidence", "Attach &evidence file…", ("Ctrl+Shift+O",),
               "evidence.choose_files", "Keep a copy of a PDF, image, saved page … as evidence "
               "(of the source selected in the Sources tab, else a new source of the claim)"),
    ActionSpec("&Claim", "paste_evidence", "Attach image from clip&board", ("Ctrl+Alt+V",),
               "evidence.paste_image", "The image (or files) on the clipboard become evidence"),
    ActionSpec("&Claim", "screenshot", "Attach screensh&ot", ("Ctrl+Alt+S",),
               "evidence.take_screenshot", "Hide the window, take the screen, keep it as "
               "evidence"),
    ActionSpec("&Claim", "rationale", "Edit &rationale", ("F2",), "focus_rationale"),
    ActionSpec("&Claim", "tags", "Edit &tags", ("Ctrl+G",), "focus_tags"),
    ActionSpec("&View", "filter", "&Filter checklist", (SK.Find,), "focus_filter"),
    ActionSpec("&View", "clear_filter", "C&lear filters", ("Ctrl+Shift+F",), "clear_filters"),
    ActionSpec("&View", "focus_checklist", "Go to &checklist", ("Ctrl+1", "Esc"),
               "focus_checklist", "Esc leaves any field for the checklist"),
    ActionSpec("&View", "focus_article", "Go to &article", ("Ctrl+2",), "focus_article"),
    ActionSpec("&View", "focus_detail", "Go to &details", ("Ctrl+3",), "focus_detail"),
    ActionSpec("&View", "focus_sources", "Go to &sources", ("Ctrl+4",), "focus_sources",
               "Every source of the worksheet and the claims citing it"),
    ActionSpec("&View", "focus_checked_before", "Go to chec&ked before", ("Ctrl+5",),
               "focus_checked_before", "Where the selected claim was checked before"),
    ActionSpec("&View", "focus_conflicts", "Go to c&onflicts", ("Ctrl+6",), "focus_conflicts",
               "Where this worksheet's claims disagree with other worksheets"),
    ActionSpec("&View", "focus_evidence", "Go to &evidence", ("Ctrl+7",), "focus_evidence",
               "The files the worksheet keeps, with their hashes and capture times"),
    ActionSpec("&View", "dark", "&Dark palette", ("Ctrl+Shift+D",), "toggle_dark"),
    ActionSpec("&Help", "shortcuts", "&Keyboard shortcuts", (SK.HelpContents, "F1"),
               "show_shortcuts"),
    ActionSpec("&Help", "about", "&About Claimsheet", ("Ctrl+F1",), "show_about"),
)

#: Undo and redo: the platform's keys plus Ctrl+Z / Ctrl+Y and Ctrl+Shift+Z everywhere
#: (Qt's Linux binding for Redo lacks Ctrl+Y, which checkers from other tools expect).
UNDO_KEYS: tuple[QKeySequence.StandardKey | str, ...] = (SK.Undo, "Ctrl+Z")
REDO_KEYS: tuple[QKeySequence.StandardKey | str, ...] = (SK.Redo, "Ctrl+Y", "Ctrl+Shift+Z")


def key_sequences(keys: ActionSpec | tuple[QKeySequence.StandardKey | str, ...]
                  ) -> list[QKeySequence]:
    """The keys as sequences, without duplicates (a standard key may equal a literal)."""
    out: list[QKeySequence] = []
    for key in keys.keys if isinstance(keys, ActionSpec) else keys:
        sequences = QKeySequence.keyBindings(key) if isinstance(key, SK) else [QKeySequence(key)]
        for seq in sequences:
            if not seq.isEmpty() and seq not in out:
                out.append(seq)
    return out
