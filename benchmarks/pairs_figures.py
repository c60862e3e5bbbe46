"""The facilitation board's alike pairs (decision 53), timed in-process: `score_pairs` over
300 measures sent in at 12 tables, each with a title and a 600-character description made of
the demo arena's sentences and invented words (so that some pairs are alike and most are
not). No database: the one query for the descriptions is counted in the tests, not here.

    DJANGO_ENV=development .venv/bin/python benchmarks/pairs_figures.py [--measures 300]

Prints the first scoring in the process (pieces and bit masks cut) and the best of five
after it (what a change of one measure sent in costs), in CPU milliseconds.
"""

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")
os.environ.setdefault("DJANGO_ENV", "development")

import django  # noqa: E402

django.setup()

from measures.demo_measures import MEASURES  # noqa: E402
from measures.similar_pairs import score_pairs  # noqa: E402


def corpus(n, rng):
    sentences = [
        s.strip()
        for m in MEASURES
        for value in m.values()
        if isinstance(value, str) and len(value) > 30
        for s in re.split(r"(?<=\.)\s", value)
        if len(s) > 20
    ]
    titles = [m["title"] for m in MEASURES]
    letters = "abcdefghijklmnoprstuvyæøå"
    invented = ["".join(rng.choices(letters, k=rng.randint(4, 10))) for _ in range(3000)]

    def description():
        text = ""
        while len(text) < 600:
            if rng.random() < 0.5:
                text += rng.choice(sentences) + " "
            else:
                text += " ".join(rng.choices(invented, k=8)) + ". "
        return text[:600]

    measures = [
        SimpleNamespace(pk=i, group_id=i % 12, title=f"{rng.choice(titles)} {rng.choice(invented)}")
        for i in range(n)
    ]
    return measures, {m.pk: description() for m in measures}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=300)
    args = parser.parse_args()
    measures, heads = corpus(args.measures, random.Random(53))
    start = time.process_time()
    pairs = score_pairs(measures, heads)
    first = time.process_time() - start
    again = []
    for _ in range(5):
        start = time.process_time()
        score_pairs(measures, heads)
        again.append(time.process_time() - start)
    print(
        f"{args.measures} measures, {len(pairs)} pairs kept: first {first * 1000:.1f} ms, "
        f"then {min(again) * 1000:.1f} ms (best of 5)"
    )


if __name__ == "__main__":
    main()
