"""A small, reproducible ZIP writer that can reuse the compressed members of an earlier zip.

Offline packs hold thousands of pages, and a rebuild after one edit changes a few of them.
Python's zipfile compresses every member again; this writer takes an unchanged member's
record (header and compressed bytes) as it is from the previous pack, so rebuilding a pack
costs a file copy plus the changed members. Every field is fixed (date 2000-01-01, no extra
fields, UTF-8 names), so a reused record is byte for byte the one a fresh build writes.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Any, BinaryIO

STORED, DEFLATED = 0, 8
_DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1  # 2000-01-01: reproducible, and valid everywhere
_DOS_TIME = 0
_UTF8 = 0x0800
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_MAX = 0xFFFFFFFF


Packed = tuple[int, bytes, int, int]  # crc, compressed bytes, size, method


def pack(data: bytes, method: int = DEFLATED) -> Packed:
    """Compress one member (zlib lets other threads run meanwhile)."""
    if method == DEFLATED:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        return zlib.crc32(data), packer.compress(data) + packer.flush(), len(data), method
    return zlib.crc32(data), data, len(data), method


@dataclass(frozen=True)
class Member:
    """Where one member's record lies in a zip, so a later zip can copy it unchanged."""

    name: str
    offset: int
    length: int  # local header + name + compressed data
    crc: int
    compressed: int
    size: int
    method: int

    def as_list(self) -> list[int | str]:
        return [self.name, self.offset, self.length, self.crc, self.compressed, self.size, self.method]

    @classmethod
    def from_list(cls, row: list[Any]) -> Member:
        return cls(str(row[0]), *(int(x) for x in row[1:]))


class ZipWriter:
    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.offset = 0
        self.members: list[Member] = []

    def add(self, name: str, data: bytes, method: int = DEFLATED) -> Member:
        return self.add_packed(name, pack(data, method))

    def add_packed(self, name: str, packed: Packed) -> Member:
        """A member compressed beforehand (by ``pack``, maybe in another thread)."""
        crc, body, size, method = packed
        data_len = size
        encoded = name.encode("utf-8")
        header = _LOCAL.pack(0x04034B50, 20, _UTF8, method, _DOS_TIME, _DOS_DATE, crc, len(body), data_len,
                             len(encoded), 0)
        return self._record(Member(name, self.offset, len(header) + len(encoded) + len(body), crc, len(body),
                                   data_len, method), header + encoded + body)

    def copy(self, member: Member, source: BinaryIO) -> Member:
        """Take a member's record unchanged from an earlier zip written by this class."""
        source.seek(member.offset)
        record = source.read(member.length)
        if len(record) != member.length or record[:4] != b"PK\x03\x04":
            raise ValueError(f"{member.name}: not where the last pack put it")
        return self._record(Member(member.name, self.offset, member.length, member.crc, member.compressed,
                                   member.size, member.method), record)

    def close(self) -> None:
        start = self.offset
        directory = bytearray()
        for m in self.members:
            encoded = m.name.encode("utf-8")
            directory += _CENTRAL.pack(0x02014B50, (3 << 8) | 20, 20, _UTF8, m.method, _DOS_TIME, _DOS_DATE,
                                       m.crc, m.compressed, m.size, len(encoded), 0, 0, 0, 0,
                                       (0o100644 << 16), m.offset)
            directory += encoded
        if len(self.members) > 0xFFFF or start + len(directory) > _MAX:
            raise ValueError("an offline pack over 65,535 files or 4 GB: split it (ZIP64 is not written)")
        self.fh.write(bytes(directory))
        self.fh.write(_END.pack(0x06054B50, 0, 0, len(self.members), len(self.members), len(directory), start, 0))

    def _record(self, member: Member, record: bytes) -> Member:
        if self.offset + len(record) > _MAX:
            raise ValueError("an offline pack over 4 GB: split it (ZIP64 is not written)")
        self.fh.write(record)
        self.offset += len(record)
        self.members.append(member)
        return member
