"""`claimsheet checkworthiness FILE.tsv`: score sentences with the shipped model.

Reads a CheckThat!-format TSV (columns ``Sentence_id``, ``Text`` and, optionally,
``class_label`` with ``Yes``/``No``). With ``--scores`` it prints
``Sentence_id<TAB>score`` per sentence; otherwise a one-line count. When labels
are present the last line is ``precision P · recall R · F1 F`` for the positive
(check-worthy) class, so the figure in the README can be reproduced with one
command.
"""

from __future__ import annotations

import argparse
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from app.commands import fail
from app.messages import shown

REQUIRED = ("Sentence_id", "Text")
LABEL = "class_label"
LABEL_VALUES = {"yes": 1, "no": 0}


class TsvError(Exception):
    """The input file cannot be used; str(e) is the one-line message for the user."""


@dataclass
class Sentences:
    """The rows of a CheckThat! file; ``labels`` is None when the file has none."""

    ids: list[str]
    texts: list[str]
    labels: list[int] | None


MAX_TSV_BYTES = 64 * 1024 * 1024


def read_checkthat_tsv(path: Path) -> Sentences:
    """Parse the TSV, naming the file and line of anything wrong."""
    from app.reading import FileRefused, read_file

    where = shown(path)
    try:
        text = read_file(path, limit=MAX_TSV_BYTES).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    except FileRefused as error:
        reason = "no such file" if error.kind == "missing" else error.reason
        raise TsvError(f"{where}: {reason}") from None
    except UnicodeDecodeError:
        raise TsvError(f"{where}: not UTF-8 text") from None
    except csv.Error as error:
        raise TsvError(f"{where}: cannot read: {error}") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise TsvError(f"{where}: the file is empty")
    header = [cell.strip() for cell in rows[0]]
    columns = {name.lower(): index for index, name in enumerate(header)}
    missing = [name for name in REQUIRED if name.lower() not in columns]
    if missing:
        raise TsvError(
            f"{where}: missing column(s) {', '.join(missing)}; expected a tab-separated "
            f"header Sentence_id, Text[, class_label], found: {', '.join(header) or 'nothing'}"
        )
    if len(rows) == 1:
        raise TsvError(f"{where}: the file has a header but no sentences")
    id_col, text_col = columns["sentence_id"], columns["text"]
    label_col = columns.get(LABEL)
    ids, texts, labels = [], [], []
    for line, row in enumerate(rows[1:], start=2):
        needed = max(id_col, text_col, label_col if label_col is not None else 0)
        if len(row) <= needed:
            raise TsvError(f"{where}, line {line}: expected {len(header)} tab-separated "
                           f"columns, found {len(row)}")
        ids.append(row[id_col].strip())
        texts.append(row[text_col])
        if label_col is not None:
            value = row[label_col].strip().lower()
            if value not in LABEL_VALUES:
                raise TsvError(f"{where}, line {line}: class_label must be Yes or No, "
                               f"found {row[label_col]!r}")
            labels.append(LABEL_VALUES[value])
    return Sentences(ids, texts, labels if label_col is not None else None)


def precision_recall_f1(labels: list[int], predicted: list[int]) -> tuple[float, float, float]:
    """Scores of the positive class; 0 where a ratio is undefined."""
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    n_predicted = sum(predicted)
    n_actual = sum(labels)
    precision = tp / n_predicted if n_predicted else 0.0
    recall = tp / n_actual if n_actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def run(args: argparse.Namespace) -> int:
    from app.extract.worthiness import WorthinessModelError, load_model

    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        return fail(f"--threshold must be between 0 and 1, got {args.threshold}")
    try:
        sentences = read_checkthat_tsv(Path(args.tsv))
        model = load_model()
    except (TsvError, WorthinessModelError) as error:
        return fail(str(error))
    threshold = model.threshold if args.threshold is None else args.threshold
    scores = model.score(sentences.texts)
    predicted = [int(score >= threshold) for score in scores]

    if args.scores:
        for sentence_id, score in zip(sentences.ids, scores, strict=True):
            print(f"{sentence_id}\t{score:.4f}")
    else:
        print(f"{sum(predicted)} of {len(scores)} sentences check-worthy "
              f"(threshold {threshold:.2f})")
    if sentences.labels is not None:
        precision, recall, f1 = precision_recall_f1(sentences.labels, predicted)
        print(f"precision {precision:.3f} · recall {recall:.3f} · F1 {f1:.3f}")
    return 0
