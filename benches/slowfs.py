#!/usr/bin/env python3
"""slowfs.py ROOT MOUNTPOINT FSYNC_MS [WRITE_MS]: a slow disk for benches/slow-disk.sh.

A FUSE passthrough of ROOT at MOUNTPOINT (fusepy, libfuse 2) in which every fsync and
fdatasync (of a file or a folder) sleeps FSYNC_MS milliseconds before it syncs, and every
write WRITE_MS (default 0): a USB stick or a network folder, as slow as asked.
Runs in the foreground until unmounted (fusermount -u MOUNTPOINT / umount MOUNTPOINT).
"""
import errno
import os
import sys
import time

from fuse import FUSE, FuseOSError, Operations


class Slow(Operations):
    def __init__(self, root, fsync_s, write_s):
        self.root = os.path.realpath(root)
        self.fsync_s = fsync_s
        self.write_s = write_s

    def _full(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    def __call__(self, op, *args):
        try:
            return super().__call__(op, *args)
        except OSError as e:
            raise FuseOSError(e.errno or errno.EIO)

    def access(self, path, mode):
        if not os.access(self._full(path), mode):
            raise FuseOSError(errno.EACCES)

    def chmod(self, path, mode):
        return os.chmod(self._full(path), mode)

    def chown(self, path, uid, gid):
        return os.chown(self._full(path), uid, gid)

    def getattr(self, path, fh=None):
        st = os.lstat(self._full(path))
        keys = ("st_atime", "st_ctime", "st_gid", "st_mode", "st_mtime", "st_nlink",
                "st_size", "st_uid", "st_blocks")
        return {k: getattr(st, k) for k in keys}

    def readdir(self, path, fh):
        return [".", ".."] + os.listdir(self._full(path))

    def readlink(self, path):
        return os.readlink(self._full(path))

    def mknod(self, path, mode, dev):
        return os.mknod(self._full(path), mode, dev)

    def rmdir(self, path):
        return os.rmdir(self._full(path))

    def mkdir(self, path, mode):
        return os.mkdir(self._full(path), mode)

    def statfs(self, path):
        s = os.statvfs(self._full(path))
        keys = ("f_bavail", "f_bfree", "f_blocks", "f_bsize", "f_favail", "f_ffree",
                "f_files", "f_flag", "f_frsize", "f_namemax")
        return {k: getattr(s, k) for k in keys}

    def unlink(self, path):
        return os.unlink(self._full(path))

    def symlink(self, name, target):
        return os.symlink(target, self._full(name))

    def rename(self, old, new):
        return os.rename(self._full(old), self._full(new))

    def link(self, target, name):
        return os.link(self._full(name), self._full(target))

    def utimens(self, path, times=None):
        return os.utime(self._full(path), times)

    def open(self, path, flags):
        return os.open(self._full(path), flags)

    def create(self, path, mode, fi=None):
        return os.open(self._full(path), os.O_RDWR | os.O_CREAT, mode)

    def read(self, path, length, offset, fh):
        return os.pread(fh, length, offset)

    def write(self, path, buf, offset, fh):
        if self.write_s:
            time.sleep(self.write_s)
        return os.pwrite(fh, buf, offset)

    def truncate(self, path, length, fh=None):
        if fh is not None:
            return os.ftruncate(fh, length)
        with open(self._full(path), "r+") as f:
            f.truncate(length)

    def flush(self, path, fh):
        return 0

    def release(self, path, fh):
        return os.close(fh)

    def fsync(self, path, datasync, fh):
        time.sleep(self.fsync_s)
        return os.fdatasync(fh) if datasync else os.fsync(fh)

    def fsyncdir(self, path, datasync, fh):
        time.sleep(self.fsync_s)
        fd = os.open(self._full(path), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        return 0

    # No lock operation: the kernel keeps POSIX locks (SQLite's) itself, as on a local disk.
    lock = None


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    root, mountpoint, fsync_ms = sys.argv[1], sys.argv[2], float(sys.argv[3])
    write_ms = float(sys.argv[4]) if len(sys.argv) == 5 else 0.0
    FUSE(Slow(root, fsync_ms / 1000, write_ms / 1000), mountpoint, foreground=True,
         nothreads=False, default_permissions=True)


if __name__ == "__main__":
    main()
