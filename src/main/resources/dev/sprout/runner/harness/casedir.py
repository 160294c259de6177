"""Case folders: the snapshot of SOURCE_DIR taken at load, each case's fresh folder (its
starting files and the case's own), reading report_files after a case, and emptying SCRATCH_DIR
whatever the learner left there.
"""

import os

from .shared import REPORT_FILE_CAP, SNAPSHOT_FILE_CAP
from .wire import _dumps


def _is_relative_inside(name):
    if not name or os.path.isabs(name) or "\0" in name:
        return False
    norm = os.path.normpath(name)
    return norm != "." and not norm.startswith("..")


def _write_file(path, data):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _copy_file(src, dst):
    """Copies the bytes only (no modes: the source is read-only, the copy must not be)."""
    with open(src, "rb") as f, open(dst, "wb") as g:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            g.write(chunk)


def _remove_tree(path):
    """Removes a file or folder tree, opening up folders the learner made unreadable or read-only."""
    try:
        if not os.path.isdir(path) or os.path.islink(path):
            os.unlink(path)
            return
    except FileNotFoundError:
        return
    except OSError:
        try:
            os.chmod(os.path.dirname(path), 0o700)
            os.unlink(path)
        except OSError:
            pass
        return
    for attempt in (1, 2):
        try:
            with os.scandir(path) as entries:
                names = [(e.name, e.is_dir(follow_symlinks=False)) for e in entries]
            break
        except PermissionError:
            if attempt == 2:
                return
            try:
                os.chmod(path, 0o700)
            except OSError:
                return
        except OSError:
            return
    for name, is_dir in names:
        sub = os.path.join(path, name)
        if is_dir:
            _remove_tree(sub)
        else:
            try:
                os.unlink(sub)
            except FileNotFoundError:
                pass
            except OSError:
                try:
                    os.chmod(path, 0o700)
                    os.unlink(sub)
                except OSError:
                    pass
    try:
        os.rmdir(path)
    except OSError:
        try:
            os.chmod(path, 0o700)
            os.chmod(os.path.dirname(path), 0o700)
            os.rmdir(path)
        except OSError:
            pass


def read_report_files(case_dir, names):
    files = {}
    for name in names:
        name = str(name)
        path = os.path.join(case_dir, name)
        if not _is_relative_inside(name) or not os.path.lexists(path):
            files[name] = {"exists": False}
        elif os.path.isdir(path):
            files[name] = {"exists": True, "directory": True}
        else:
            try:
                with open(path, "rb") as f:
                    data = f.read(REPORT_FILE_CAP + 1)
                files[name] = {"exists": True, "text": data[:REPORT_FILE_CAP].decode("utf-8", "replace"),
                               "truncated": len(data) > REPORT_FILE_CAP}
            except OSError as e:
                files[name] = {"exists": True, "error": "%s: %s" % (type(e).__name__, e.strerror or e)}
    return files


class CaseFolders(object):
    """Case folders for session.Harness: the source snapshot and each case's folder."""

    def snapshot_source(self):
        """Reads SOURCE_DIR once: case folders are written from this, not copied from disk."""
        files, dirs = [], []

        def walk(rel):
            path = os.path.join(self.source_dir, rel) if rel else self.source_dir
            try:
                entries = sorted(os.scandir(path), key=lambda e: e.name)
            except OSError:
                return
            for entry in entries:
                if entry.name == "__pycache__":
                    continue
                sub = os.path.join(rel, entry.name) if rel else entry.name
                try:
                    if entry.is_dir():
                        dirs.append(sub)
                        walk(sub)
                    elif entry.is_file():
                        data = None
                        if entry.stat().st_size <= SNAPSHOT_FILE_CAP:
                            with open(entry.path, "rb") as f:
                                data = f.read(SNAPSHOT_FILE_CAP + 1)
                            if len(data) > SNAPSHOT_FILE_CAP:
                                data = None
                        files.append((sub, data))
                except OSError:
                    pass

        walk("")
        self.files, self.dirs = files, dirs

    def make_case_dir(self, case_id, files):
        self.seq += 1
        safe = "".join(c if c.isascii() and (c.isalnum() or c in "_.-") else "_" for c in str(case_id))[:40]
        case_dir = os.path.join(self.scratch_dir, "case-" + (safe or "case"))
        if os.path.lexists(case_dir):
            case_dir = "%s-%d" % (case_dir, self.seq)
            _remove_tree(case_dir)
        os.mkdir(case_dir)
        self.fill_case_dir(case_dir, files)
        return case_dir

    def fill_case_dir(self, case_dir, files):
        """Writes the source as loaded, then the case's own files, into the empty case_dir."""
        if self.files is None:
            self.snapshot_source()
        for rel in self.dirs:
            os.mkdir(os.path.join(case_dir, rel))
        for rel, data in self.files:
            path = os.path.join(case_dir, rel)
            if data is None:
                _copy_file(os.path.join(self.source_dir, rel), path)
            else:
                _write_file(path, data)
        for name, text in files.items():
            if not _is_relative_inside(name):
                raise ValueError("case file %r must be a relative path inside the case dir" % name)
            path = os.path.join(case_dir, name)
            parent = os.path.dirname(path)
            if not os.path.isdir(parent):
                os.makedirs(parent)
            if os.path.lexists(path) and not os.path.isfile(path):
                _remove_tree(path)
            _write_file(path, (text if isinstance(text, str) else _dumps(text)).encode("utf-8", "surrogatepass"))

    def clean_scratch(self):
        """Removes the case folder and anything else a case left in SCRATCH_DIR (its TMPDIR), and
        empties the sandbox's private dirs (SPROUT_PRIVATE_DIRS), so the next case starts afresh."""
        for top in [self.scratch_dir] + self.private_dirs:
            try:
                names = os.listdir(top)
            except OSError:
                continue
            for name in names:
                if top == self.scratch_dir and name == ".sprout-postgresql":
                    continue  # the submission's PostgreSQL server (pgservice.py) lives on
                _remove_tree(os.path.join(top, name))
