"""The three-way merge of one text field: both people's words kept, shared text once."""

import random
from collections import Counter

import pytest

from measures.merge import merge

PARAGRAPH = "Mange lærlingplasser står tomme. Elever på yrkesfag får ikke læreplass."


def test_a_viewer_who_typed_nothing_changes_nothing():
    result = merge(PARAGRAPH, PARAGRAPH, PARAGRAPH + " Ny setning.")
    assert result.clean
    assert result.text == PARAGRAPH + " Ny setning."


def test_two_people_adding_a_sentence_at_the_end_keep_both_and_the_shared_text_once():
    result = merge(PARAGRAPH, PARAGRAPH + " Min setning.", PARAGRAPH + " Din setning.")
    assert result.clean
    assert result.text.count("Mange lærlingplasser") == 1
    assert "Min setning." in result.text
    assert "Din setning." in result.text


def test_edits_of_different_words_of_one_sentence_both_survive():
    base = "Vi vil lage en felles ordning mellom skolene og bedriftene."
    mine = "Vi vil lage en regional ordning mellom skolene og bedriftene."
    theirs = "Vi vil lage en felles ordning mellom skolene og industribedriftene."
    result = merge(base, mine, theirs)
    assert result.clean
    assert result.text == "Vi vil lage en regional ordning mellom skolene og industribedriftene."


def test_a_save_that_is_sent_twice_applies_once():
    mine = PARAGRAPH + " Min setning."
    assert merge(PARAGRAPH, mine, mine).text == mine


def test_both_making_the_same_change_gives_it_once():
    fixed = PARAGRAPH.replace("tomme", "ledige")
    result = merge(PARAGRAPH, fixed, fixed + " Mer.")
    assert result.clean
    assert result.text == fixed + " Mer."


def test_one_deletes_a_sentence_the_other_edits_is_an_overlap_that_keeps_both():
    base = "Første setning. Andre setning her. Tredje."
    mine = "Første setning. Tredje."
    theirs = "Første setning. Andre viktige setning her. Tredje."
    result = merge(base, mine, theirs)
    assert not result.clean
    assert result.text == theirs  # what is saved stays; mine comes back to choose
    [hunk] = result.overlaps
    assert "viktige" in hunk.theirs
    assert "Andre" not in hunk.mine


def test_unicode_and_line_breaks_survive():
    base = "Linje én\nLinje to – «sitat»"
    result = merge(base, base + "\nLinje tre 🙂", "Linje én\nLinje 2 – «sitat»")
    assert result.clean
    assert result.text == "Linje én\nLinje 2 – «sitat»\nLinje tre 🙂"


def _edit(rng, words, prefix, count):
    """Random insertions, deletions and replacements of whole words, each inserted word unique."""
    words, inserted, deleted = list(words), [], set()
    for n in range(count):
        kind = rng.choice(("insert", "delete", "replace"))
        at = rng.randrange(len(words) + 1)
        if kind != "insert" and at < len(words) and words[at].startswith("b"):
            run = [w for w in words[at : at + rng.randint(1, 4)] if w.startswith("b")]
            deleted.update(run)
            words = [w for w in words if w not in run]
        if kind != "delete":
            new = [f"{prefix}{n}x{k}" for k in range(rng.randint(1, 3))]
            inserted += new
            words[at:at] = new
    return words, inserted, deleted


@pytest.mark.parametrize("seed", range(6))
def test_random_concurrent_edits_lose_no_inserted_word_and_duplicate_nothing(seed):
    rng, overlaps = random.Random(seed), 0
    for _pair in range(100):  # 600 pairs over the six seeds
        base_words = [f"b{i}" + rng.choice(("", "", ".", ",")) for i in range(rng.randint(5, 80))]
        mine_words, mine_new, mine_gone = _edit(rng, base_words, "m", rng.randint(0, 6))
        their_words, their_new, their_gone = _edit(rng, base_words, "t", rng.randint(0, 6))
        base, mine, theirs = (" ".join(w) for w in (base_words, mine_words, their_words))
        result = merge(base, mine, theirs)
        seen = Counter(result.text.split())
        context = f"seed={seed}\nbase={base!r}\nmine={mine!r}\ntheirs={theirs!r}\n{result}"
        assert all(n == 1 for n in seen.values()), context  # nothing duplicated
        for word in their_new:  # what is saved is never taken away by someone else's save
            assert seen[word] == 1, context
        if not result.clean:  # nothing of mine applied; every contested stretch shown
            assert result.text == theirs, context
            assert all(h.mine != h.theirs for h in result.overlaps), context
            overlaps += 1
            continue
        for word in mine_new:
            assert seen[word] == 1, context
        for word in base_words:
            assert seen[word] == (0 if word in mine_gone | their_gone else 1), context
    assert overlaps < 60, overlaps  # most random pairs merge cleanly


def test_two_people_starting_an_empty_field_keep_their_words_apart():
    """Both typed at one point (an empty field, or the end of the text): both are kept, the
    saved one first, with a space between the words instead of gluing them together."""
    assert merge("", "Ola skrev", "Kari skrev").text == "Kari skrev Ola skrev"
    assert merge("Start.", "Start. Ola", "Start. Kari").text == "Start. Kari Ola"
    assert merge("", "Ola.\n", "Kari.\n").text == "Kari.\nOla.\n"


def test_words_typed_on_top_of_the_others_at_one_point_are_there_once():
    """One side's insertion begins with the other's (a save from a screen that had not yet
    taken the other's words, found as "Rekrutterer Rekrutterer bedrifter."): the longer."""
    assert merge("", "Rekrutterer bedrifter.", "Rekrutterer").text == "Rekrutterer bedrifter."
    assert merge("", "Rekrutterer", "Rekrutterer bedrifter.").text == "Rekrutterer bedrifter."
    assert merge("Start.", "Start. Ola skrev mer", "Start. Ola skrev").text == (
        "Start. Ola skrev mer"
    )
    # A word that only begins like the other's is another word: both are kept.
    assert merge("", "Rekrutterer", "Rekrutt").text == "Rekrutt Rekrutterer"
