#!/usr/bin/env python3
"""benches/sql.py DB SQL [PARAM ...]: runs SQL on a meeting file as the program writes it,
with the hash chain's function shuze_sha256 registered (the same hash as
src/storage/chain.rs: each argument tagged with its type and length, SHA-256 in hex), so the
chain's triggers take the rows. A PARAM beginning with @ is the text of that file."""
import hashlib
import sqlite3
import struct
import sys


def shuze_sha256(*args):
    h = hashlib.sha256()
    for a in args:
        if a is None:
            h.update(b"\0")
        elif isinstance(a, int):
            h.update(b"\1" + struct.pack(">q", a))
        elif isinstance(a, float):
            h.update(b"\2" + struct.pack(">d", a))
        else:
            tag, data = (b"\3", a.encode()) if isinstance(a, str) else (b"\4", bytes(a))
            h.update(tag + struct.pack(">Q", len(data)) + data)
    return h.hexdigest()


def param(p):
    if p.startswith("@"):
        with open(p[1:], encoding="utf-8") as f:
            return f.read()
    return p


db, sql, *params = sys.argv[1:]
conn = sqlite3.connect(db)
conn.create_function("shuze_sha256", -1, shuze_sha256, deterministic=True)
conn.execute(sql, [param(p) for p in params])
conn.commit()
