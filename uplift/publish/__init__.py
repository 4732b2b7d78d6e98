"""Publishing: releases built, verified and switched atomically, on a local or SSH target.

releases.py decides (which release is complete, live, kept, pruned), manifest.py
describes a release's files, targets.py reads and writes a target (a folder, or
a folder on a host over SSH, behind one interface), verification.py checks a
build before it may go live, and publishing.py puts them together for
`invoke publish` and `invoke rollback`.
"""
