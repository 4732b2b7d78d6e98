"""Reading and writing a target: a local folder, or a folder on a host over SSH.

Both kinds offer the same operations, so publishing.py decides once
for both. Paths are relative to the target's root unless they say otherwise.
Over SSH each operation is one `ssh` command (POSIX sh, GNU coreutils and
findutils, util-linux's flock on the host) or one rsync.

Releases share no file: each holds its own copies (reflinks where the host's
`cp` and filesystem offer them, which copy on write), so a file changed in
place in one release changes no other. A temporary file is removed by the
operation that made it, also when that operation fails.
"""

import ctypes
import fcntl
import os
import posixpath
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .manifest import folder_table
from .releases import MANIFEST_SUFFIX, DeployError, TargetState, classify, is_remote

LOCK_FILE = "publish.lock"
HISTORY_FILE = "history"
TIMEOUT = 30  # seconds: SSH connect, and the longest a connection may stay silent


def die_with_parent():
    """preexec_fn for child processes: SIGTERM them when this process dies, even by
    SIGKILL, so no rsync or nginx outlives the command that started it (Linux)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def os_error_text(error):
    """An OSError in plain words: 'No space left on device (/srv/x/index.html)'."""
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}"


def _holder_text(text):
    return f" ({text.strip()})" if text.strip() else ""


def not_a_link(shown, kind, move):
    """`current` is a real folder or file: switching would have to replace it unseen."""
    return DeployError(f"{shown} is a {kind}, not a link to a release, so it cannot be switched; move it "
                       f"aside ({move}) and run this again")


def move_aside(path):
    return shlex.join(["mv", path, f"{path}.old"])


class LocalTarget:
    def __init__(self, path):
        self.root = Path(path).absolute()
        self.releases = self.root / "releases"

    def __str__(self):
        return str(self.root)

    @contextmanager
    def lock(self, wait, on_wait):
        """Hold T/publish.lock (flock) for the duration; the kernel frees it when the
        process dies, however it dies. Waits up to `wait` seconds for another holder."""
        if not self.root.is_dir():
            self.root.mkdir(parents=True)
            self.root.chmod(0o755)
        descriptor = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    holder = _holder_text(os.pread(descriptor, 200, 0).decode(errors="replace"))
                    if time.monotonic() >= deadline:
                        raise DeployError(f"another publish or rollback of {self} is running{holder} "
                                          f"and did not finish within {wait:g} s; try again when it has") from None
                    on_wait(f"Waiting for another publish or rollback of {self} to finish{holder}...")
                    on_wait = lambda message: None  # noqa: E731 (say it once)
                    time.sleep(0.2)
            stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
            os.ftruncate(descriptor, 0)
            owner = f"process {os.getpid()} on {socket.gethostname()} since {stamp}\n"
            os.pwrite(descriptor, owner.encode(), 0)
            yield
        finally:
            os.close(descriptor)  # releases the lock

    def still_locked(self):
        return True  # a local lock lasts as long as this process

    def state(self):
        if not self.releases.is_dir():
            _make_folder(self.releases)
        entries = [entry.name + "/" if entry.is_dir(follow_symlinks=False) else entry.name
                   for entry in os.scandir(self.releases)]
        folders, manifests, strays = classify(entries)
        link = self.root / "current"
        if link.exists() and not link.is_symlink():
            raise not_a_link(link, "folder" if link.is_dir() else "file", move_aside(str(link)))
        current = posixpath.basename(os.readlink(link)) if link.is_symlink() else None
        history = self.root / HISTORY_FILE
        return TargetState(current, folders, manifests, strays,
                           history.read_text(encoding="utf-8") if history.exists() else "")

    def free_space(self):
        """(bytes, inodes or None when the filesystem has no inode limit, block size)."""
        stats = os.statvfs(self.releases)
        return stats.f_bavail * stats.f_frsize, stats.f_favail if stats.f_files else None, stats.f_frsize

    def read_manifest(self, name):
        return (self.releases / f"{name}{MANIFEST_SUFFIX}").read_text(encoding="utf-8")

    def remove_release(self, name):
        """The manifest first: from then on the folder is incomplete, never switched to."""
        (self.releases / f"{name}{MANIFEST_SUFFIX}").unlink(missing_ok=True)
        self._remove(self.releases / name)

    def remove_stray(self, entry):
        self._remove(self.releases / entry)

    def remove_files(self, name, paths):
        for path in paths:
            (self.releases / name / path).unlink(missing_ok=True)

    def removal_command(self, name):
        """The shell command that removes release `name` (its manifest first: from then on
        it is incomplete, never switched to)."""
        folder = self.releases / name
        return shlex.join(["rm", "-rf", f"{folder}{MANIFEST_SUFFIX}", str(folder)])

    @staticmethod
    def _remove(path):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)

    def receive(self, site, name, like=None):
        """Copy the build into releases/<name>/, every file from the build: nothing of an
        older release is read, so a damaged one cannot spoil the new one. (`like`, the
        release to take unchanged files from over SSH, saves nothing on a local disk.)"""
        destination = self.releases / name
        _make_folder(destination)
        for directory, folders, files in os.walk(site):
            relative = Path(directory).relative_to(site)
            for folder in folders:
                _make_folder(destination / relative / folder)
            for file in files:
                _copy_durably(Path(directory) / file, destination / relative / file)

    def copy_in(self, name, carried):
        """Copy {path: source release} into release `name`; a file missing from its source
        is left out (the check that follows says so)."""
        for path, source in sorted(carried.items()):
            origin, target = self.releases / source / path, self.releases / name / path
            if not origin.is_file():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            # A new file, never written through: releases made before copies were hard links.
            target.unlink(missing_ok=True)
            _copy_durably(origin, target)

    def file_table(self, name):
        return folder_table(self.releases / name)

    def write_manifest(self, name, text):
        self._write_atomically(self.releases / f"{name}{MANIFEST_SUFFIX}", text)

    def write_history(self, text):
        self._write_atomically(self.root / HISTORY_FILE, text)

    @staticmethod
    def _write_atomically(path, text):
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(temporary, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException as error:
            temporary.unlink(missing_ok=True)
            if isinstance(error, OSError):  # named by the file meant, not the temporary one
                raise OSError(error.errno, error.strerror, str(path)) from None
            raise
        _sync_folder(path.parent)

    def switch(self, name):
        """Point T/current at releases/<name> in one atomic rename."""
        temporary = self.root / f".current-{os.getpid()}"
        current = self.root / "current"
        temporary.unlink(missing_ok=True)
        try:
            os.symlink(posixpath.join("releases", name), temporary)
            os.replace(temporary, current)
        except BaseException as error:
            temporary.unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise DeployError(f"switching {current} to release {name} failed: "
                                  f"{error.strerror or error}") from None
            raise
        _sync_folder(self.root)

    def stray_files_at_root(self):
        """Temporary files an interrupted run left beside `current` and the history."""
        return [path for path in self.root.glob(".current-*")] + list(self.root.glob(".history.*.tmp"))

    def clean_root(self):
        for path in self.stray_files_at_root():
            path.unlink(missing_ok=True)


def _make_folder(path):
    path.mkdir()
    path.chmod(0o755)  # whatever the umask: the web server's workers must read it


def _copy_durably(source, destination):
    """Copy one file and flush it to disk: the manifest, written after, must never
    describe data the disk does not hold yet."""
    with open(source, "rb") as reader, open(destination, "wb") as writer:
        shutil.copyfileobj(reader, writer, 1 << 20)
        writer.flush()
        os.fsync(writer.fileno())
    os.chmod(destination, 0o644)


def _sync_folder(folder):
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- Over SSH ------------------------------------------------------------------------

# What a failed transfer means, from rsync's exit status or ssh's words.
RSYNC_EXIT = {11: "the host's disk may be full", 30: "the connection stalled", 35: "the connection stalled"}
CONNECTION_WORDS = {
    "Timeout, server not responding": "the connection stalled",
    "timeout in data send/receive": "the connection stalled",
    "Broken pipe": "the connection dropped",
    "Connection closed": "the connection dropped",
    "Connection reset": "the connection dropped",
    "unexpectedly closed": "the connection dropped",
    "No space left on device": "the host's disk is full",
}


def transfer_failure(status, stderr):
    """Plain words for why a transfer failed, or None."""
    for words, meaning in CONNECTION_WORDS.items():
        if words in stderr:
            return meaning
    return RSYNC_EXIT.get(status)


def plain_error(stderr):
    """The line of ssh's or rsync's error output that says what went wrong."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("rsync:", "ssh:", "client_loop:", "Connection", "Permission denied",
                            "Host key", "flock:", "mkdir:", "ln:", "mv:", "cat:", "sh:", "bash:",
                            "Timeout", "Read from remote")):
            return line.replace("rsync: ", "", 1)
    return lines[-1] if lines else "no error message"


class RemoteTarget:
    """host:path over SSH. `ssh` is the client command, e.g. "ssh -p 2222 -i key"."""

    def __init__(self, target, ssh="ssh", timeout=TIMEOUT):
        self.host, _, self.path = str(target).partition(":")
        self.timeout = timeout
        self.client = shlex.split(ssh)  # as the user gave it: for commands shown to them
        # The first value of an option wins in ssh: the user's own -o stays in force. ssh
        # gives up on a silent server after 2 x timeout; rsync's own --timeout comes first
        # during a transfer and says "stalled" in its own words.
        self.ssh = [*shlex.split(ssh), "-o", f"ConnectTimeout={timeout}",
                    "-o", f"ServerAliveInterval={timeout}", "-o", "ServerAliveCountMax=2"]
        self._lock_holder = None

    def __str__(self):
        return f"{self.host}:{self.path}"

    @property
    def root(self):
        return self.path.rstrip("/") or "/"

    @property
    def releases(self):
        return posixpath.join(self.root, "releases")

    def _run(self, script, what, stdin=None, binary=False):
        command = [*self.ssh, self.host, script]
        try:
            result = subprocess.run(command, input=stdin, capture_output=True, text=not binary,
                                    preexec_fn=die_with_parent)
        except OSError as error:
            raise DeployError(f"cannot run {command[0]}: {os_error_text(error)}") from None
        if result.returncode != 0:
            stderr = result.stderr.decode(errors="replace") if binary else result.stderr
            raise DeployError(f"{what} on {self.host} failed: {plain_error(stderr)}")
        return result.stdout

    def resolve_home(self):
        """`host:~/site`: the remote shell expands ~ (a quoted path would not)."""
        head, slash, rest = self.path.partition("/")
        if head.startswith("~"):
            if not re.fullmatch(r"~[A-Za-z0-9._-]*", head):
                raise DeployError(f"{self.path} is not a path this tool understands")
            home = self._run(f"printf '%s' {head}", "finding the home folder").strip()
            self.path = home + slash + rest if rest else home
        if not self.path:
            raise DeployError(f"{self} names no folder on {self.host}")

    @contextmanager
    def lock(self, wait, on_wait):
        """flock on the host, held by one SSH session for the whole run: when this
        process dies or the connection drops, the session ends and frees the lock."""
        self.resolve_home()
        root, lock = shlex.quote(self.root), shlex.quote(posixpath.join(self.root, LOCK_FILE))
        script = (f"mkdir -p {root} && exec 9>>{lock} && "
                  f"if ! flock -n 9; then echo waiting; flock -w {int(wait)} 9 || exit 75; fi && "
                  "echo locked && exec cat >/dev/null")
        holder = subprocess.Popen([*self.ssh, self.host, script], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  preexec_fn=die_with_parent)
        try:
            line = holder.stdout.readline().strip()
            if line == "waiting":
                on_wait(f"Waiting for another publish or rollback of {self} to finish...")
                line = holder.stdout.readline().strip()
            if line != "locked":
                holder.stdin.close()
                status = holder.wait()
                if status == 75:
                    raise DeployError(f"another publish or rollback of {self} is running and did not "
                                      f"finish within {wait:g} s; try again when it has")
                raise DeployError(f"taking the publish lock on {self.host} failed: "
                                  f"{plain_error(holder.stderr.read())}")
            self._lock_holder = holder
            yield
        finally:
            self._lock_holder = None
            if holder.poll() is None:
                holder.stdin.close()
                try:
                    holder.wait(timeout=self.timeout)
                except subprocess.TimeoutExpired:
                    holder.kill()
                    holder.wait()

    def still_locked(self):
        return self._lock_holder is not None and self._lock_holder.poll() is None

    def state(self):
        root = shlex.quote(self.root)
        output = self._run(
            f"cd {root} && mkdir -p releases && "
            "{ if [ -L current ] || [ ! -e current ]; then printf 'current %s\\n' \"$(readlink current)\"; "
            "elif [ -d current ]; then echo 'folder current'; else echo 'file current'; fi; } && "
            "stat -f -c 'space %a %S %d %c' releases && echo entries && "
            "find releases -mindepth 1 -maxdepth 1 \\( -type d -printf '%f/\\n' -o -printf '%f\\n' \\) && "
            "echo history && { cat history 2>/dev/null || true; }", "reading the releases")
        head, _, history = output.partition("\nhistory\n")
        lines = head.splitlines()
        if not lines[0].startswith("current"):
            current = posixpath.join(self.root, "current")
            raise not_a_link(f"{self.host}:{current}", lines[0].split()[0], self.command_on_host(move_aside(current)))
        current = posixpath.basename(lines[0].removeprefix("current ").strip()) or None
        available, block, inodes, total_inodes = map(int, lines[1].split()[1:])
        self._space = (available * block, inodes if total_inodes else None, block)
        folders, manifests, strays = classify(lines[3:])
        return TargetState(current, folders, manifests, strays, history)

    def free_space(self):
        return self._space

    def read_manifest(self, name):
        return self._run(f"cat {shlex.quote(posixpath.join(self.releases, name + MANIFEST_SUFFIX))}",
                         "reading a manifest")

    def remove_release(self, name):
        folder = shlex.quote(posixpath.join(self.releases, name))
        self._run(f"rm -f {folder}{MANIFEST_SUFFIX} && rm -rf {folder}", "removing a release")

    def remove_stray(self, entry):
        self._run(f"rm -rf {shlex.quote(posixpath.join(self.releases, entry))}", "removing a leftover")

    def remove_files(self, name, paths):
        if paths:
            quoted = " ".join(shlex.quote(path) for path in paths)
            self._run(f"cd {shlex.quote(posixpath.join(self.releases, name))} && rm -f -- {quoted}",
                      "removing files of a release")

    def command_on_host(self, command):
        """A shell command to run on the host, as the person publishing would type it here."""
        return shlex.join([*self.client, self.host, command])

    def removal_command(self, name):
        folder = posixpath.join(self.releases, name)
        return self.command_on_host(shlex.join(["rm", "-rf", folder + MANIFEST_SUFFIX, folder]))

    def receive(self, site, name, like=None):
        """rsync the build. With --checksum, --copy-dest copies on the host each file whose
        content is the same in release `like` (file times differ between builds: they are not
        kept) rather than sending it; a file of `like` changed since is sent from the build."""
        command = ["rsync", "--recursive", "--links", "--perms", "--checksum", "--chmod=D755,F644",
                   f"--timeout={self.timeout}", "-e", shlex.join(self.ssh)]
        if like:
            command.append(f"--copy-dest=../{like}")
        command += [f"{site}/", f"{self.host}:{posixpath.join(self.releases, name)}/"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, preexec_fn=die_with_parent)
        except OSError as error:
            raise DeployError(f"cannot run rsync: {os_error_text(error)}") from None
        if result.returncode:
            why = transfer_failure(result.returncode, result.stderr)
            raise DeployError(f"copying the release to {self.host} failed"
                              f"{f' ({why})' if why else ''}: {plain_error(result.stderr)}")

    def copy_in(self, name, carried):
        # --remove-destination: a new file, never written through a hard link of an older release.
        lines = [f"cd {shlex.quote(self.releases)} || exit 1"]
        for path, source in sorted(carried.items()):
            target = shlex.quote(posixpath.join(name, path))
            folder = shlex.quote(posixpath.dirname(posixpath.join(name, path)))
            origin = shlex.quote(posixpath.join(source, path))
            lines.append(f"if [ -f {origin} ]; then mkdir -p {folder} && "
                         f"cp --reflink=auto --remove-destination {origin} {target} || exit 1; fi")
        self._run("sh -s", "copying earlier assets", stdin="\n".join(lines) + "\n")

    def file_table(self, name):
        """Sizes and SHA-256 of every file of a release, read from the host's disk."""
        folder = shlex.quote(posixpath.join(self.releases, name))
        output = self._run(f"cd {folder} && find . -type f -printf 's %s %P\\0' && "
                           "find . -type f -print0 | xargs -0r sha256sum -z --",
                           "checking the copy", binary=True)
        sizes, hashes = {}, {}
        for record in output.decode("utf-8", errors="surrogateescape").split("\0"):
            if record.startswith("s "):
                size, _, path = record[2:].partition(" ")
                sizes[path] = int(size)
            elif record:
                sha, _, path = record.partition("  ")
                hashes[path.removeprefix("./")] = sha
        return {path: (size, hashes.get(path, "")) for path, size in sizes.items()}

    def _write_atomically(self, path, text, what):
        quoted, temporary = shlex.quote(path), shlex.quote(f"{path}.tmp")
        # sync -f: the release's files reach the disk before the manifest says they are there.
        try:
            self._run(f"{{ cat > {temporary} && sync -f {temporary} && mv -f {temporary} {quoted}; }} "
                      f"|| {{ status=$?; rm -f {temporary}; exit $status; }}", what, stdin=text)
        except DeployError as error:  # named by the file meant, not the temporary one
            raise DeployError(str(error).replace(f"{path}.tmp", path)) from None

    def write_manifest(self, name, text):
        self._write_atomically(posixpath.join(self.releases, name + MANIFEST_SUFFIX), text,
                               "writing the manifest")

    def write_history(self, text):
        self._write_atomically(posixpath.join(self.root, HISTORY_FILE), text, "writing the history")

    def switch(self, name):
        root = shlex.quote(self.root)
        self._run(f"cd {root} && {{ ln -sfn {shlex.quote(posixpath.join('releases', name))} .current-new "
                  "&& mv -T .current-new current || { status=$?; rm -f .current-new; exit $status; }; }",
                  "switching the live release")

    def clean_root(self):
        self._run(f"cd {shlex.quote(self.root)} && rm -f .current-new history.tmp", "removing leftovers")


def target_for(target, ssh="ssh", timeout=TIMEOUT):
    return RemoteTarget(target, ssh, timeout) if is_remote(target) else LocalTarget(target)
