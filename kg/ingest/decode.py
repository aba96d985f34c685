"""Bytes → text: byte-order marks, a UTF-8 fast path, then charset-normalizer.

Chinese text files come as UTF-8 (with or without a BOM), GB18030/GBK/GB2312
from older Windows tools and Big5 from Taiwan and Hong Kong sources. UTF-8 is
tried first because it is by far the most common and its check is exact;
anything else goes to charset-normalizer, which scores every codec by how
plausible the decoded text is. GB2312 and GBK are decoded as GB18030, their
superset, so a rare character outside GBK does not fail the file.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from kg.errors import InputError

__all__ = ["MAGIC", "check_not_binary", "decode_text", "detect_encoding"]

# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
#: leading bytes of common binary formats → what to call them in a skip message
MAGIC = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive (.docx/.xlsx are ZIP)"),
    (b"\xd0\xcf\x11\xe0", "old Office document (.doc/.xls)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
)
_SAMPLE = 8192


def check_not_binary(data: bytes, path: str | Path) -> None:
    """Raise :class:`InputError` when ``data`` (the start of a file) is not text.

    Example:
        >>> check_not_binary(b"\\x89PNG\\r\\n", "a.txt")
        Traceback (most recent call last):
        kg.errors.InputError: a.txt: binary file (PNG image), not text
    """
    for magic, kind in MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary file ({kind}), not text")
    if b"\x00" in data[:_SAMPLE]:
        raise InputError(path, "binary file (contains NUL bytes), not text")


def detect_encoding(sample: bytes, path: str | Path) -> str:
    """The codec to decode a file whose first bytes are ``sample``.

    ``sample`` may end in the middle of a character (it is the head of a
    streamed file): a cut multi-byte sequence at its end is not held against UTF-8.

    Raises:
        InputError: the bytes are binary, or no codec fits them.
    """
    if bom_encoding := _bom_encoding(sample):
        return bom_encoding
    check_not_binary(sample, path)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass  # not UTF-8: let charset-normalizer weigh the other codecs
    return _guess_encoding(sample, path)


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode a whole file's bytes: by its byte-order mark, as UTF-8 if it is, else as charset-normalizer guesses.

    Example:
        >>> decode_text("數位政府".encode("big5"), "a.txt")
        '數位政府'

    Raises:
        InputError: binary data, or bytes no codec decodes.
    """
    encoding = _bom_encoding(data)
    if encoding is None:
        check_not_binary(data, path)
        try:
            return data.decode("utf-8")  # one pass both checks and decodes
        except UnicodeDecodeError as err:
            if err.reason == "unexpected end of data":
                # a cut-off file: keep what is there, minus the half character
                return data[: err.start].decode("utf-8")
        encoding = _guess_encoding(data, path)  # not UTF-8: let charset-normalizer weigh the other codecs
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(path, f"cannot decode as {encoding}: {err.reason} at byte {err.start}") from err


def _bom_encoding(sample: bytes) -> str | None:
    """The codec named by the byte-order mark ``sample`` starts with, if any."""
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    return None


def _guess_encoding(sample: bytes, path: str | Path) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise InputError(path, "cannot decode: not UTF-8, and charset-normalizer finds no encoding that fits")
    encoding = best.encoding.replace("_", "").lower()
    return "gb18030" if encoding in _GB_FAMILY else best.encoding
