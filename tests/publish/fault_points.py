"""Run an invoke command and inject a real fault at an exact point of it.

    python fault_points.py EVENT TEXT COUNT ACTION -- INVOKE ARGUMENTS...

The command runs in this process under a Python audit hook (PEP 578): at the
COUNT-th audit EVENT ("open", "os.link", "os.rename", "os.symlink",
"shutil.rmtree"...) whose arguments contain TEXT (or every part of
"part&part"; "=part" must be a whole argument: "releases/&=w" is a file
opened for writing there), ACTION happens:

    stop        the process stops itself (SIGSTOP); the test then SIGKILLs it
    fill:PATH   a ballast file fills the filesystem holding PATH, then the run goes on
    enospc      that operation fails with "No space left on device", as on a full
                disk (for runs without root, which cannot mount a small filesystem)

The publishing code is the real one, unchanged: nothing in it knows about this.
"""

import errno
import os
import signal
import sys
from pathlib import Path


def fill(folder):
    """Write zeros into folder/ballast until the filesystem is full. Unbuffered: a buffered
    file would fail once more when closed, and that failure would surface from the
    operation the fault was meant to let run."""
    with open(Path(folder) / "ballast", "wb", buffering=0) as ballast:
        # Whatever the last partial block left: fill to the last byte.
        for size in (1 << 16, 4096, 512, 1):
            block = bytes(size)
            try:
                while True:
                    ballast.write(block)
            except OSError:
                pass


def matches(part, args):
    if part.startswith("="):
        return any(str(arg) == part[1:] for arg in args)
    return any(part in str(arg) for arg in args)


def main():
    separator = sys.argv.index("--")
    event, text, count, action = sys.argv[1:separator]
    arguments = sys.argv[separator + 1:]
    seen = 0
    busy = False

    def hook(name, args):
        nonlocal seen, busy
        if busy or name != event:
            return
        if not all(matches(part, args) for part in text.split("&")):
            return
        seen += 1
        if seen != int(count):
            return
        busy = True
        if action == "stop":
            os.kill(os.getpid(), signal.SIGSTOP)
        elif action.startswith("fill:"):
            fill(action.removeprefix("fill:"))
        elif action == "enospc":
            busy = False
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[0]))
        busy = False

    sys.addaudithook(hook)
    from invoke.main import program

    program.run(["invoke", *arguments])


if __name__ == "__main__":
    main()
