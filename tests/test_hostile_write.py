"""Never lose or expose the clerk's files: no output over what is read, modes as any program
gives them, symlinks written through, devices and pipes never replaced, a full disk named."""

import errno
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import read_sample, write_csv_folder, write_workbook
from pk_report.cli import app
from pk_report.writing import write_atomic

runner = CliRunner()
POSIX = os.name == "posix"


def run(*argv, env=None):
    result = runner.invoke(app, [str(a) for a in argv], env=env)
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


@pytest.fixture
def register(tmp_path):
    return write_workbook(tmp_path / "register.xlsx", read_sample())


@pytest.fixture
def folder(tmp_path):
    return write_csv_folder(tmp_path / "data", read_sample())


def snapshot(*paths):
    return {p: p.read_bytes() for path in paths
            for p in ([path] if path.is_file() else sorted(path.rglob("*")))}


def test_the_register_is_never_the_output(register, tmp_path):
    before = snapshot(register)
    code, out = run("build", "2009", "--data", register, "--format", "docx", "-o", register)
    assert code == 2 and "är registret" in out
    os.symlink(register, tmp_path / "länk.xlsx")
    for target in (tmp_path / "länk.xlsx", tmp_path / "x" / ".." / "register.xlsx"):
        code, out = run("build", "2009", "--data", register, "-f", "docx", "-o", target)
        assert code == 2 and "är registret" in out, target
    assert snapshot(register) == before


@pytest.mark.parametrize("name", ["kurser.csv", "rapport.md", "ny/rapport.md"])
def test_nothing_is_written_inside_the_data_folder(folder, name):
    before = snapshot(folder)
    code, out = run("build", "2009", "--data", folder, "-f", "md", "-o", folder / name)
    assert code == 2 and "ligger i datamappen" in out
    assert snapshot(folder) == before


def test_nothing_is_written_inside_the_templates_folder(tmp_path):
    mallar = tmp_path / "mallar"
    assert run("mall", "--mallar", mallar)[0] == 0
    before = snapshot(mallar)
    code, out = run("build", "2009", "--mallar", mallar, "-o", mallar / "rapport.md")
    assert code == 2 and "mallmappen" in out
    assert snapshot(mallar) == before


def test_mall_never_writes_over_the_register_or_into_its_folder(register, folder, tmp_path):
    before = snapshot(register, folder)
    code, out = run("mall", "--force", register, env={"PK_REPORT_DATA": str(register)})
    assert code == 2 and "är registret" in out
    code, out = run("mall", "--mallar", folder / "mallar", env={"PK_REPORT_DATA": str(folder)})
    assert code == 2 and "datamappen" in out and not (folder / "mallar").exists()
    assert snapshot(register, folder) == before


def test_the_bundled_files_are_never_written():
    from pk_report.bundled import templates_dir

    code, out = run("mall", "--force", "--mallar", templates_dir())
    assert code == 2 and "följer med pk-report" in out


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.skipif(not POSIX, reason="modes are POSIX")
def test_new_files_get_the_umask_mode_and_replaced_files_keep_theirs(tmp_path, umask_022):
    new, shared = tmp_path / "ny.md", tmp_path / "delad.md"
    shared.write_text("gammal")
    shared.chmod(0o664)
    for argv in (["build", "2009", "-o", new], ["build", "2009", "-o", shared]):
        assert run(*argv)[0] == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    assert run("mall", tmp_path / "mall.xlsx")[0] == 0
    assert run("mall", "--mallar", tmp_path / "mallar")[0] == 0
    assert stat.S_IMODE((tmp_path / "mall.xlsx").stat().st_mode) == 0o644
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "mallar").iterdir()} == {0o644}


@pytest.mark.skipif(not POSIX, reason="symlinks need privileges on Windows")
def test_a_symlink_is_written_through_atomically(tmp_path):
    target = tmp_path / "rapporter" / "2009.md"
    target.parent.mkdir()
    target.write_text("gammal")
    target.chmod(0o600)
    link = tmp_path / "senaste.md"
    link.symlink_to(target)
    assert run("build", "2009", "-o", link)[0] == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("# Rapport")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["2009.md"]  # no temporary file left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_written_to_not_replaced(tmp_path):
    fifo = tmp_path / "rör"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert run("build", "2009", "-f", "md", "-o", fifo)[0] == 0
    reader.join(10)
    assert received and received[0].startswith("# Rapport".encode())
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no unix sockets here")
def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        code, out = run("build", "2009", "-f", "md", "-o", path)
    assert code == 2 and "ingen vanlig fil" in out


# The devices are reached through a symlink in tmp_path: code that replaces what is at the
# path (the bug these tests pin) then replaces the link, never /dev/stdout or /dev/full.

@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
@pytest.mark.parametrize("into", ["pipe", "file"])
def test_dev_stdout_gets_the_report(tmp_path, into):
    link = tmp_path / "stdout"
    link.symlink_to("/dev/stdout")
    argv = [sys.executable, "-m", "pk_report", "build", "2009", "-f", "md", "-o", str(link)]
    if into == "pipe":
        out = subprocess.run(argv, capture_output=True, check=True).stdout
    else:
        with open(tmp_path / "ut.md", "wb") as fh:
            subprocess.run(argv, stdout=fh, stderr=subprocess.DEVNULL, check=True)
        out = (tmp_path / "ut.md").read_bytes()
    assert out.startswith("# Rapport".encode()) and len(out) > 5000
    assert link.is_symlink()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_device_says_the_disk_is_full(tmp_path):
    link = tmp_path / "full"
    link.symlink_to("/dev/full")
    code, out = run("build", "2009", "-f", "md", "-o", link)
    assert code == 1 and "Disken är full" in out
    assert link.is_symlink()


def test_a_full_disk_says_so_and_leaves_the_old_file(tmp_path, monkeypatch):
    old = tmp_path / "r.md"
    old.write_text("gammal")

    def full(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    code, out = run("build", "2009", "-o", old)
    assert code == 1 and "Disken är full" in out and "Word" not in out
    assert old.read_text() == "gammal" and not [p for p in tmp_path.rglob("*") if p.is_file()
                                                 and p != old]  # no temporary file left


def test_write_atomic_refuses_the_data_in_the_environment(tmp_path, monkeypatch, folder):
    from pk_report.errors import UsageError

    monkeypatch.setenv("PK_REPORT_DATA", str(folder))
    with pytest.raises(UsageError):
        write_atomic(folder / "x.md", b"x")


def test_a_closed_pipe_is_not_an_error():
    """``pk-report build 2009 | head -1`` and the stats table likewise: exit 0, no message. The
    pipe is closed before the tool writes, so every write meets it closed."""
    for argv in (["build", "2009"], ["stats"], ["stats", "-f", "json"]):
        read_end, write_end = os.pipe()
        os.close(read_end)
        proc = subprocess.run([sys.executable, "-m", "pk_report", *argv], stdout=write_end,
                              stderr=subprocess.PIPE, timeout=60)
        os.close(write_end)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 0, err
        assert "Internt fel" not in err and "Traceback" not in err and "BrokenPipe" not in err
