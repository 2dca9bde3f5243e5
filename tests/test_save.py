import errno
import json
import os
import tempfile

import pytest
from tmdkit import _save
from tmdkit._save import SaveError, data_url, save

DATA = {"lesson": "01-tmd", "name": "Асан", "time": "2026-11-25T19:00:00+05:00", "points": 3}


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def _oserror(code):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize("name", ["../../x", "CON", "a/b\\c", "Әлия Нұрланқызы", "<script>"])
def test_a_results_file_stays_inside_the_results_folder_whatever_the_name(tmp_path, name):
    data = {"lesson": "01-tmd", "name": name, "time": "2026-11-25T19:00:00+05:00"}
    path = save(data, tmp_path)
    assert path.parent == tmp_path and path.name.startswith("01-tmd-")
    assert path.stem.split("-")[2].casefold() not in {"con", "..", ""}
    assert json.loads(path.read_text("utf-8"))["name"] == name


@pytest.mark.parametrize("name", ["", "   ", "..", "/", "💥"])
def test_a_name_with_nothing_usable_is_refused_so_the_student_is_asked_again(tmp_path, name):
    with pytest.raises(SaveError) as caught:
        save({**DATA, "name": name}, tmp_path)
    assert caught.value.key == "no_name" and list(tmp_path.iterdir()) == []


def test_saving_twice_in_the_same_second_never_overwrites(tmp_path):
    first, second = save(DATA, tmp_path), save(DATA, tmp_path)
    assert first != second and first.exists() and second.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp")]


def test_a_folder_without_hard_links_falls_back_to_exclusive_create(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "link", _oserror(errno.EPERM))  # what FAT and SMB answer
    first, second = save(DATA, tmp_path), save(DATA, tmp_path)
    assert _files(tmp_path) == sorted([first.name, second.name])
    assert json.loads(first.read_text("utf-8")) == DATA


@pytest.mark.parametrize("code", [errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK])
def test_every_no_hard_links_answer_falls_back_to_exclusive_create(tmp_path, monkeypatch, code):
    monkeypatch.setattr(os, "link", _oserror(code))
    assert save(DATA, tmp_path).exists()


def test_a_python_without_os_link_as_in_pyodide_saves_by_exclusive_create(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "link")
    monkeypatch.setattr(tempfile, "mkstemp", _oserror(errno.EIO))  # never reached without links
    path = save(DATA, tmp_path)
    assert _files(tmp_path) == [path.name]


def test_exclusive_create_never_overwrites_an_earlier_file(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "link", _oserror(errno.EPERM))
    earlier = tmp_path / _save.file_name(DATA)
    earlier.write_text("earlier", "utf-8")
    path = save(DATA, tmp_path)
    assert earlier.read_text("utf-8") == "earlier" and path.name.endswith("-2.json")


def test_a_read_only_folder_is_named_as_such(tmp_path, monkeypatch):
    # Tests run as root, whom chmod does not stop: simulate the refusal instead.
    monkeypatch.setattr(tempfile, "mkstemp", _oserror(errno.EACCES))
    with pytest.raises(SaveError) as caught:
        save(DATA, tmp_path)
    assert caught.value.key == "save_read_only" and _files(tmp_path) == []


def test_a_full_disk_is_named_and_leaves_no_half_written_file(tmp_path, monkeypatch):
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd, mode):
            self.file = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, _body):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fdopen", Full)
    with pytest.raises(SaveError) as caught:
        save(DATA, tmp_path)
    assert caught.value.key == "save_disk_full" and _files(tmp_path) == []


def test_a_full_disk_during_the_fallback_write_removes_only_its_own_file(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "link", _oserror(errno.EPERM))
    earlier = tmp_path / _save.file_name(DATA)
    earlier.write_text("earlier", "utf-8")
    monkeypatch.setattr(os, "fsync", _oserror(errno.ENOSPC))
    with pytest.raises(SaveError) as caught:
        save(DATA, tmp_path)
    assert caught.value.key == "save_disk_full"
    assert _files(tmp_path) == [earlier.name] and earlier.read_text("utf-8") == "earlier"


def test_a_name_clash_beyond_the_retry_range_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(_save, "TRIES", 3)
    for _ in range(3):
        save(DATA, tmp_path)
    with pytest.raises(SaveError) as caught:
        save(DATA, tmp_path)
    assert caught.value.key == "save_clash" and len(_files(tmp_path)) == 3


def test_the_file_and_its_folder_are_fsynced(tmp_path, monkeypatch):
    synced = []
    real = os.fsync

    def spy(fd):
        synced.append(os.path.isdir(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    save(DATA, tmp_path)
    assert False in synced and True in synced


def test_a_folder_that_cannot_be_fsynced_still_saves(tmp_path, monkeypatch):
    real_open = os.open

    def no_dirs(path, flags, *args):
        if os.path.isdir(path):
            raise OSError(errno.EISDIR, "directories cannot be opened here")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", no_dirs)
    assert save(DATA, tmp_path).exists()


def test_the_results_folder_is_read_from_the_environment_at_each_call(tmp_path, monkeypatch):
    monkeypatch.setenv("TMD_RESULTS_DIR", str(tmp_path / "late"))
    assert _save.results_folder() == tmp_path / "late"


def test_the_download_link_carries_the_same_bytes_as_the_saved_file(tmp_path):
    import base64

    path = save(DATA, tmp_path)
    body = base64.b64decode(data_url(DATA).split(",", 1)[1])
    assert body == path.read_bytes()


def test_a_file_system_that_cannot_fsync_still_saves(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "fsync", _oserror(errno.EINVAL))
    assert json.loads(save(DATA, tmp_path).read_text("utf-8")) == DATA


def test_a_disk_error_while_flushing_is_a_failed_save_not_a_silent_one(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "fsync", _oserror(errno.EIO))
    with pytest.raises(SaveError) as caught:
        save(DATA, tmp_path)
    assert caught.value.key == "save_failed" and _files(tmp_path) == []


def test_a_results_folder_that_is_a_file_is_named_as_such_with_its_path(tmp_path):
    folder = tmp_path / "results"
    folder.write_text("not a folder", "utf-8")
    with pytest.raises(SaveError) as caught:
        save(DATA, folder)
    assert caught.value.key == "save_not_folder" and str(folder) in caught.value.detail
    assert folder.read_text("utf-8") == "not a folder"


def test_a_results_folder_inside_a_file_is_named_as_such(tmp_path):
    (tmp_path / "file").write_text("x", "utf-8")
    with pytest.raises(SaveError) as caught:
        save(DATA, tmp_path / "file" / "results")
    assert caught.value.key == "save_not_folder"


@pytest.mark.parametrize("links", [True, False], ids=["hard-link", "exclusive-create"])
def test_a_saved_file_gets_the_same_permissions_with_or_without_hard_links(
    tmp_path, monkeypatch, links
):
    if not links:
        monkeypatch.setattr(os, "link", _oserror(errno.EPERM))
    old = os.umask(0o022)
    try:
        path = save(DATA, tmp_path)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644  # a teacher's account can read it, as any file


def test_a_folder_that_refuses_chmod_as_fat_sticks_do_still_saves(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "chmod", _oserror(errno.EPERM))
    path = save(DATA, tmp_path)
    assert json.loads(path.read_text("utf-8")) == DATA and _files(tmp_path) == [path.name]


def test_in_jupyterlite_without_its_browser_storage_saving_fails_and_says_why(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(_save, "IN_PYODIDE", True)
    monkeypatch.setattr(_save, "LITE_DRIVE", tmp_path / "drive")  # not there: a plain-HTTP host
    with pytest.raises(SaveError) as caught:
        save(DATA, tmp_path / "drive" / "results")
    assert (caught.value.key, caught.value.detail) == ("save_failed", _save.NO_DRIVE)
    assert not (tmp_path / "drive").exists()  # nothing written where it would have vanished


def test_in_jupyterlite_with_its_browser_storage_saving_writes_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(_save, "IN_PYODIDE", True)
    monkeypatch.setattr(_save, "LITE_DRIVE", tmp_path / "drive")
    (tmp_path / "drive").mkdir()
    assert save(DATA, tmp_path / "drive" / "results").parent == tmp_path / "drive" / "results"
