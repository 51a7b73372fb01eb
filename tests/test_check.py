"""The early check of a user's corpus: clear messages before any notebook runs."""

from iecorpus import paths
from iecorpus.check import check_corpus, main


def test_the_embedded_corpus_passes(capsys):
    assert main([str(paths.RAW_DIR), "--manifest", str(paths.MANIFEST)]) == 0
    assert "5 of 5 files readable" in capsys.readouterr().out


def test_an_empty_folder_is_refused_with_what_to_do(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert (
        "holds no .txt, .text or .md files" in err and "Put one article per UTF-8 .txt file" in err
    )


def test_a_folder_of_unusable_files_is_refused(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    assert main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "a.txt: the file is empty" in err and ".pdf files are not read" in err
    assert "holds no file that can be read" in err


def test_a_manifest_that_disagrees_with_the_files_is_reported_but_does_not_stop(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("标题\n正文第一段。\n", encoding="utf-8")
    (tmp_path / "corpus.csv").write_text("file\na.txt\nb.txt\n", encoding="utf-8")
    result = check_corpus(tmp_path)
    assert (result.n_files, result.n_readable) == (1, 1)
    assert main([str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "b.txt: named in the manifest (" in err and "corpus.csv, row 3) but missing" in err


def test_a_missing_folder_and_a_bad_manifest_say_so(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "the corpus folder does not exist" in capsys.readouterr().err
    (tmp_path / "list.csv").write_text("name\nx\n", encoding="utf-8")
    assert main([str(tmp_path), "--manifest", str(tmp_path / "list.csv")]) == 2
    assert "no `file` column" in capsys.readouterr().err


def test_a_manifest_row_outside_the_folder_is_refused_and_not_read(tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("标题\n正文第一段。\n", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("outside\n", encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    (folder / "corpus.csv").write_text(
        "file\na.txt\n../outside.txt\n/etc/passwd\n", encoding="utf-8"
    )
    result = check_corpus(folder)
    assert (result.n_files, result.n_readable) == (1, 1)
    assert main([str(folder)]) == 0
    err = capsys.readouterr().err
    assert "../outside.txt: named in the manifest (" in err and "row 3) but outside" in err
    assert "/etc/passwd: named in the manifest (" in err and "row 4) but outside" in err
    assert "link.txt: a symbolic link to" in err
    assert check_corpus(folder, follow_outside_links=True).n_readable == 2
    assert main([str(folder), "--follow-outside-links"]) == 0


def test_the_check_does_not_reach_into_the_corpus_module_privately():
    import ast
    import inspect

    from iecorpus import check

    tree = ast.parse(inspect.getsource(check))
    imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names]
    assert not [name for name in imported if name.startswith("_")]


def test_undated_documents_are_listed_with_what_it_costs_and_what_to_do(tmp_path, capsys):
    (tmp_path / "dated.txt").write_text("标题\n发布时间：2021年5月12日\n正文第一段。\n", "utf-8")
    (tmp_path / "undated.txt").write_text("无日期的标题\n正文第一段，没有日期。\n", "utf-8")
    (tmp_path / "by_url.txt").write_text("另一个标题\n正文第一段。\n", "utf-8")
    (tmp_path / "by_manifest.txt").write_text("第四个标题\n正文第一段。\n", "utf-8")
    (tmp_path / "corpus.csv").write_text(
        "file,url,date\ndated.txt,,\nundated.txt,,\n"
        "by_url.txt,http://www.example.gov.cn/202105/t20210512_1.html,\n"
        "by_manifest.txt,,2020-03\n",
        encoding="utf-8",
    )
    result = check_corpus(tmp_path)
    assert list(result.undated["file"]) == ["undated.txt"]
    assert main([str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "4 of 4 files readable, 1 undated" in captured.out
    assert "1 document will have no date" in captured.err and "  undated.txt" in captured.err
    assert "no events to the timeline" in captured.err and "trend" in captured.err
    assert "Add a `date` column to the manifest" in captured.err
    assert check_corpus(tmp_path, find_dates=False).undated.empty
