"""Evidence across a folder: furniture lines many pages repeat, near-duplicate documents."""

import pytest

from iecorpus import load_corpus
from iecorpus.evidence import find_duplicates, find_furniture

PAGES = {
    "a.txt": "Campus Portal\nQuick links\n\nA college opens a hall\n\nThe college opened a training hall.\n",
    "b.txt": "Campus Portal\nQuick links\n\nFirms join a new alliance\n\n二十家企业加入联盟。Firms joined an alliance.\n",
    "c.txt": "Campus Portal\n\nStudents win a contest\n\nStudents won a skills contest in May.\n",
    "d.txt": "快速链接\n\n学院新建实训楼\n\n学院新建了一座实训楼，面积两万平方米。\n",
}


@pytest.mark.parametrize(
    ("share", "minimum", "expected"),
    [
        (0.5, 3, {"Campus Portal"}),  # in 3 of 4 documents
        (0.5, 2, {"Campus Portal", "Quick links"}),  # "Quick links" is in 2 of 4
        (0.9, 2, set()),
    ],
)
def test_furniture_is_what_many_documents_repeat(share, minimum, expected):
    assert find_furniture(PAGES.values(), min_share=share, min_documents=minimum) == expected


def test_a_share_outside_zero_and_one_is_refused():
    with pytest.raises(ValueError, match="min_share"):
        find_furniture([], min_share=1.5)


def test_duplicates_are_flagged_by_their_start_and_length():
    body = "The college and a carmaker opened a training hub in Wuhan that trains technicians. " * 3
    flags = find_duplicates(
        ["a", "b", "c", "d"],
        [
            body,
            "Another story about another college and its new hall, " * 4,
            body + " Updated.",
            "short",
        ],
    )
    assert flags == ["", "", "a", ""]


def test_loading_removes_furniture_on_request_and_flags_copies(tmp_path):
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    story = (
        "The college opened a training hall where 300 students practise repairs every week. " * 2
    )
    (tmp_path / "f.txt").write_text(f"Campus Portal\n\nA hall opens\n\n{story}\n", encoding="utf-8")
    (tmp_path / "g.txt").write_text(f"Mirror Site\n\nA hall opens\n\n{story}\n", encoding="utf-8")
    plain = load_corpus(tmp_path)
    assert "furniture" not in set(plain.removed["reason"])
    corpus = load_corpus(tmp_path, furniture_share=0.5)
    furniture = corpus.removed[corpus.removed["reason"] == "furniture"]
    assert set(furniture["text"].str.strip()) == {"Campus Portal"}
    docs = corpus.documents.set_index("doc_id")
    assert not docs["text"].str.contains("Campus Portal").any()
    assert "The college opened a training hall." in docs.at["a", "text"]
    assert docs.at["g", "duplicate_of"] == "f" and docs.at["f", "duplicate_of"] == ""
    assert corpus.check_audit()["restores_raw"].all()


@pytest.mark.parametrize("seed", [1, 7])
def test_duplicates_given_the_paragraphs_are_those_found_by_splitting_again(tmp_path, seed):
    from iecorpus.testing import write_corpus

    write_corpus(tmp_path, n_documents=60, languages=("en", "zh"), seed=seed)
    corpus = load_corpus(tmp_path, progress=False)
    docs = corpus.documents
    longest = (
        corpus.paragraphs.sort_values("n_chars", ascending=False, kind="stable")
        .drop_duplicates("doc_id")
        .set_index("doc_id")["text"]
        .reindex(docs["doc_id"], fill_value="")
    )
    again = find_duplicates(docs["doc_id"], docs["text"])
    assert find_duplicates(docs["doc_id"], docs["text"], longest=longest) == again
    assert list(docs["duplicate_of"]) == again


@pytest.mark.parametrize(
    "start",
    [
        "x" * 150,  # enough letters in the first few
        "“" + "，".join(["产教融合"] * 40),  # punctuation between them
        "- " * 100 + "Vocational colleges and firms train technicians together. " * 3,
        "A, b. " * 60,  # letters sparse: the key needs the paragraph's first 360 characters
    ],
)
def test_the_key_of_a_long_paragraph_is_read_from_its_first_characters(start):
    copy = start + " The end of the copy."
    assert find_duplicates(["a", "b"], [start, copy]) == ["", "a"]
    assert find_duplicates(["a", "b"], [start, copy], prefix=120, longest=[start, copy]) == [
        "",
        "a",
    ]
