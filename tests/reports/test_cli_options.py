"""Report options on the command line: bad values get one clear line and exit 2 before any work."""

import pytest

from analysis import cli


@pytest.mark.parametrize(
    "argv, message",
    [
        (["batch", "--formats", "png,gif"], "reform batch: unknown format 'gif' in --formats"),
        (["batch", "--formats", ","], "reform batch: no format given in --formats"),
        (["figures", "--formats", "tiff"], "reform figures: unknown format 'tiff' in --formats"),
    ],
)
def test_bad_formats_give_one_line_and_exit_2(argv, message, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(message)


@pytest.mark.parametrize("command", ["batch", "figures"])
def test_unknown_language_is_refused(command, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main([command, "--language", "fr"])
    assert exc.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err
