"""Reading transaction exports (CSV, Excel, DataFrames) into a clean log."""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io
import os
import re
import warnings
import zipfile
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from crmlib._messages import Joined, Message, Phrase, Reason, fail
from crmlib._validation import check_choice
from crmlib.transactions._columns import COLUMN_ALIASES, resolve_columns
from crmlib.transactions._log import REJECTED_COLUMNS, TransactionLog
from crmlib.transactions._parse import (
    check_date_options,
    check_decimal,
    parse_amounts,
    parse_dates,
    parse_ids,
)

__all__ = ["COLUMN_ALIASES", "read_transactions"]

_EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls
_AUTO_ENCODINGS = ("utf-8-sig", "gb18030")
_SHOWN = 5
_OPENPYXL_BAD_DATE = re.compile(
    r"Cell (?P<cell>[A-Z]+(?P<row>\d+)) is marked as a date but the serial value "
    r"(?P<value>\S+) is outside the limits for dates"
)
_EXCEL_FIRST_DAY = np.datetime64("1900-01-01", "ns")


def _check_encoding(encoding: object) -> str:
    if not isinstance(encoding, str):
        raise fail(TypeError, "encoding_type", name="encoding", got=repr(encoding))
    if encoding == "auto":
        return encoding
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise fail(ValueError, "encoding_unknown", name="encoding", got=repr(encoding)) from None
    return encoding


def _read_buffer(buffer: IO) -> bytes | str:
    """Whole content of a file-like object, leaving its position where it was."""
    position = buffer.tell() if buffer.seekable() else None
    content = buffer.read()
    if position is not None:
        buffer.seek(position)
    return content


def _decode(data: bytes, encoding: str) -> tuple[str, str]:
    if encoding != "auto":
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as err:
            raise fail(ValueError, "not_encoding_text", encoding=repr(encoding),
                       reason=Phrase(err.reason), start=err.start) from None
    for candidate in _AUTO_ENCODINGS:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if candidate == "utf-8-sig" and not data.startswith(codecs.BOM_UTF8):
            candidate = "utf-8"
        return text, candidate
    raise fail(ValueError, "encoding_not_found")


def _read_excel(source: object, sheet_name: str | int) -> pd.DataFrame:
    try:
        book = pd.ExcelFile(source, engine="openpyxl")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        if isinstance(err, FileNotFoundError):
            raise
        raise fail(ValueError, "zip_not_workbook") from None
    with book:
        names = book.sheet_names
        if isinstance(sheet_name, int) and not 0 <= sheet_name < len(names):
            raise fail(ValueError, "sheet_position", name="sheet_name", last=len(names) - 1,
                       names=", ".join(map(repr, names)), got=repr(sheet_name))
        if isinstance(sheet_name, str) and sheet_name not in names:
            raise fail(ValueError, "sheet_unknown", name="sheet_name",
                       names=", ".join(map(repr, names)), got=repr(sheet_name))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = pd.read_excel(book, sheet_name=sheet_name, dtype=object)
    # openpyxl turns a date cell whose serial is beyond Excel's dates into an error cell
    # (read as empty) and warns: keep what it says, to give those rows their reason.
    out_of_range: dict[int, Reason] = {}
    for warning in caught:
        found = _OPENPYXL_BAD_DATE.search(str(warning.message))
        if found is None:
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno)
            continue
        out_of_range[int(found["row"])] = Reason(Message(
            "reason_excel_cell", cell=found["cell"], value=found["value"]))
    frame.attrs["bad_fields"] = {}
    frame.attrs["bad_date_cells"] = out_of_range
    frame.attrs["excel"] = True
    return frame


def _check_sep(sep: object) -> str:
    if not isinstance(sep, str) or len(sep) != 1 or sep in "\r\n\"":
        raise fail(ValueError, "sep_char", name="sep", got=repr(sep))
    return sep


def _header_names(header: list[str]) -> list[str]:
    """Column names as pandas gives them: blanks named 'Unnamed: i', repeats 'name.1'."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        name = name if name.strip() else f"Unnamed: {i}"
        base = name
        while name in seen:
            seen[base] += 1
            name = f"{base}.{seen[base]}"
        seen[name] = 0
        names.append(name)
    return names


def _read_csv(text: str, sep: str) -> pd.DataFrame:
    """All cells as text. A row whose field count differs from the header's is kept
    and its field count noted in ``attrs["bad_fields"]`` (position -> count).

    Empty fields after the last header field (a trailing delimiter) are not counted;
    a row that is too short is padded and one that is too long cut, for display only.
    """
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as err:
        raise fail(ValueError, "csv_unreadable", sep=repr(sep), error=Phrase(str(err))) from None
    while records and not any(cell.strip() for cell in records[0]):
        records.pop(0)
    if not records:
        raise fail(ValueError, "file_empty")
    header = records[0]
    while len(header) > 1 and not header[-1].strip():
        header = header[:-1]
    width = len(header)
    body = records[1:]
    lengths = np.fromiter(map(len, body), dtype=np.int64, count=len(body))
    blank = np.fromiter((not "".join(r).strip() for r in body), dtype=bool, count=len(body))
    bad: dict[int, int] = {}
    for i in np.flatnonzero(lengths != width):
        record = body[i]
        count = len(record)
        while count > width and not record[count - 1].strip():
            count -= 1
        if count != width and not blank[i]:
            bad[int(i)] = count
        body[i] = (record + [""] * width)[:width]
    names = _header_names(header)
    columns = zip(*body, strict=True) if body else ([] for _ in names)
    frame = pd.DataFrame(
        {name: pd.Series(list(cells), dtype="str") for name, cells in zip(names, columns,
                                                                            strict=True)},
        columns=names,
    )
    frame.attrs["bad_fields"] = bad
    frame.attrs["blank"] = blank
    return frame


def _load(
    source: object, encoding: str, sheet_name: str | int, sep: str
) -> tuple[pd.DataFrame, str | None, str]:
    """The raw table (all cells as read), the encoding used and a name for the source."""
    if isinstance(source, pd.DataFrame):
        return source, None, "<DataFrame>"
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            where = "" if path.is_absolute() else f" in the folder {str(Path.cwd())!r}"
            found = (f"{str(path)!r} is a folder, not a file" if path.is_dir()
                     else f"no file named {str(path)!r}{where}")
            raise FileNotFoundError(
                "path_or_buffer must be the path of an existing CSV/text file or Excel workbook "
                f"(or an open file, or a DataFrame); got {found}")
        if path.suffix.lower() in _EXCEL_SUFFIXES:
            return _read_excel(path, sheet_name), None, str(path)
        content: bytes | str = path.read_bytes()
        name = str(path)
    elif hasattr(source, "read"):
        content = _read_buffer(source)  # type: ignore[arg-type]
        name = "<buffer>"
    else:
        raise fail(TypeError, "source_type", name="path_or_buffer", type=type(source).__name__)
    if isinstance(content, str):
        return _read_csv(content, sep), None, name
    if content.startswith(_OLE_MAGIC) or Path(name).suffix.lower() == ".xls":
        raise fail(ValueError, "legacy_xls")
    if content.startswith(_ZIP_MAGIC):
        return _read_excel(io.BytesIO(content), sheet_name), None, name
    text, used = _decode(content, encoding)
    return _read_csv(text, sep), used, name


def _blank_rows(raw: pd.DataFrame) -> np.ndarray:
    blank = np.ones(len(raw), dtype=bool)
    for _, col in raw.items():
        empty = col.isna().to_numpy() | (col.astype(str).str.strip() == "").to_numpy()
        blank &= empty
    return blank


def _join_reasons(*columns: np.ndarray) -> np.ndarray:
    """Row-wise '; '-joined non-None reasons (None where a row has none)."""
    out = np.full(columns[0].size, None, dtype=object)
    for why in columns:
        has = np.not_equal(why, None)
        for i in np.flatnonzero(has):
            out[i] = why[i] if out[i] is None else _joined(out[i], why[i])
    return out


def _joined(first: Reason, second: Reason) -> Reason:
    """Two reasons of one row, as one ("first; second")."""
    items = first.message.items if isinstance(first.message, Joined) else [first.message]
    return Reason(Joined([*items, second.message], "; "))


def _reason(key: str, **fields: object) -> Reason:
    return Reason(Message(key, **fields))


def _spread(values: np.ndarray, ok: np.ndarray, fill: object = None) -> np.ndarray:
    """Values of the rows where ``ok``, ``fill`` elsewhere."""
    out = np.full(ok.size, fill, dtype=values.dtype)
    out[ok] = values
    return out


def _listing(rows: np.ndarray, reasons: np.ndarray) -> Joined:
    pairs = zip(rows[:_SHOWN], reasons[:_SHOWN], strict=True)
    lines = [Message("strict_row", row=row, why=why) for row, why in pairs]
    if rows.size > _SHOWN:
        lines.append(Message("strict_more", more=rows.size - _SHOWN))
    return Joined(lines, "\n")


def read_transactions(
    path_or_buffer: str | os.PathLike | IO | pd.DataFrame,
    customer: str | None = None,
    date: str | None = None,
    amount: str | None = None,
    *,
    encoding: str = "auto",
    sheet_name: str | int = 0,
    sep: str = ",",
    date_format: str | None = None,
    dayfirst: bool | None = None,
    decimal: str | None = None,
    negatives: str = "drop",
    strict: bool = False,
    keep_extra: bool = True,
) -> TransactionLog:
    r"""Read a transaction export (交易记录导出文件) into a clean log, reporting unusable rows.

    Parameters
    ----------
    path_or_buffer : path, file-like or pandas.DataFrame
        A CSV/text file or an Excel workbook (``.xlsx``/``.xlsm``; also
        recognised inside a binary buffer), an open text or binary buffer, or
        a DataFrame. Never modified: a buffer's read position is restored.
    customer, date, amount : str, optional
        Header of the customer-id, date and amount columns. When not given,
        the column is recognised from :data:`COLUMN_ALIASES` (ignoring case,
        spaces, ``_``/``-`` and a bracketed unit such as ``(元)``): for
        example 客户ID / 客户编号 / 会员ID / customer_id, 日期 / 交易日期 /
        订单日期 / date, 金额 / 消费金额 / 实付金额 / amount.
    encoding : str, default "auto"
        Text encoding of a CSV file: ``"auto"`` tries UTF-8 (with or without
        a byte-order mark) and then GB18030 (a superset of GBK, the usual
        encoding of CSV files saved by Chinese Excel), or any codec name
        Python knows (``"gbk"``, ``"big5"``, ...).
    sheet_name : str or int, default 0
        Worksheet of an Excel workbook (name or 0-based position).
    sep : str, default ","
        Field separator of a CSV file: one character (``";"``, ``"|"``,
        ``"\t"`` for tab-separated text).
    date_format : str, optional
        A ``strftime`` format (e.g. ``"%d/%m/%Y %H:%M"``) that text dates
        must match, for formats not listed in the Notes.
    dayfirst : bool, optional
        How to read year-last text dates such as ``05/01/2024``: True
        day/month/year (5 January), False month/day/year (May 1). Default:
        the column tells (a first number above 12 means day-first, a second
        one above 12 month-first); if no date tells, ``ValueError`` asks for
        it. Not together with ``date_format``.
    decimal : {".", ","}, optional
        Decimal mark of text amounts: ``"."`` (1,234.50) or ``","``
        (1.234,50 or 1 234,50). Default: the column tells (an amount such
        as 12.50, 12,5 or 1.234,50 fits only one); if no amount tells
        (only 1,234-like ones), ``ValueError`` asks for it.
    negatives : {"drop", "keep", "error"}, default "drop"
        What to do with rows whose amount is below 0 (returns, refunds):
        leave them out of ``data`` and list them in ``rejected`` (default),
        keep them, or raise ``ValueError``. Dropped by default because
        :func:`rfm_summary` would count a return on a day of its own as a
        purchase. Zero amounts are kept.
    strict : bool, default False
        Raise ``ValueError`` if any row cannot be used (the message gives the
        number of rows and the first few with their reasons) instead of
        reporting them in ``rejected``. Rows left out by ``negatives="drop"``
        are a choice, not an error, and do not raise.
    keep_extra : bool, default True
        Keep the other columns of the source in ``data`` (unchanged, after
        the three clean ones). Set False to drop them, e.g. when another
        column is already called ``customer_id``, ``date`` or ``amount``.

    Returns
    -------
    TransactionLog
        ``.data``: the usable rows with ``customer_id`` (str), ``date``
        (datetime64[ns]) and ``amount`` (float); ``.rejected``: every source
        row left out, with its row number, raw values and reason;
        ``.columns``, ``.encoding``, ``.source``: what was read and how.

    Raises
    ------
    FileNotFoundError
        ``path_or_buffer`` is a path with no file there (the message says
        where it looked).
    ValueError
        Unknown column name (the message lists the file's columns), no or
        several candidate columns, unknown encoding or sheet, undecodable
        text, a ZIP file that is not a workbook, a ``sep`` that is not one
        character, an unknown ``date_format`` directive, a date column that
        does not tell day-first from month-first or an amount column that
        does not tell its decimal mark (pass ``dayfirst`` / ``decimal``),
        unusable rows with ``strict=True``, negative amounts with
        ``negatives="error"``. No other exception is raised for the
        content of a file.

    Notes
    -----
    Cleaning rules, per column:

    * row: a CSV row with more or fewer fields than the header (a stray
      separator, a missing field) -> rejected with that reason, since its
      values cannot be assigned to columns; the other rows keep theirs.
      Empty fields after the last column (a trailing separator) are ignored.
    * customer id: text, leading/trailing spaces removed (leading zeros are
      kept: CSV cells are read as text); a whole number written as
      ``1001.0`` (by Excel, as a number or as text) becomes ``"1001"``, so
      ids ``1``, ``1.0`` and ``"1"`` are one customer. Empty, True/False or
      a whole number beyond 2**53 (not stored exactly) -> rejected.
    * date: datetime cells; text ``2024-01-05``, ``2024/1/5``, ``2024.1.5``,
      ``2024年1月5日``, ISO ``2024-01-05T13:05:30+08:00`` or ``20240105``,
      or year-last ``05/01/2024`` (see ``dayfirst``), optionally with a time
      ``13:05[:30]``; numbers ``20240105`` (yyyymmdd) or Excel serial dates
      (days since 1899-12-30, e.g. 45296 = 2024-01-05; 61 to 2,958,465).
      Rejected with the reason: impossible dates (2024-02-30) and clock times
      (25:00, 23:61), a year alone (``2024``: not read as an Excel serial),
      dates outside 1677-09-22 to 2262-04-11 (what datetime64[ns] holds;
      such dates are never wrapped around into another date), other formats
      (or use ``date_format``). UTC offsets are dropped and the local time
      kept, so mixed offsets are each read as their local time.
      In a workbook, a date cell before 1900-01-01 (a negative serial) or
      beyond Excel's last date is rejected with that reason.
    * amount: numbers; text with thousands separators and currency marks
      ¥ ￥ $ € RMB CNY USD EUR 元 removed (``"¥1,234.50"`` -> 1234.5),
      decimal commas (``"1.234,50"``, see ``decimal``); accounting negatives
      ``(12.50)`` -> -12.5. Anything else -> rejected.

    An Excel serial number :math:`s` is the day count of Excel's 1900 date
    system,

    .. math::

       \text{date} = \text{1899-12-30} + s \text{ days},

    so :math:`s = 45296` is 2024-01-05 and a fraction of a day is a time.

    Fully empty lines of a file are skipped (they are not transactions);
    every other row is either in ``data`` or in ``rejected``, so
    ``len(data) + len(rejected)`` is the number of non-empty source rows.

    References
    ----------
    .. [1] GB 18030-2005, *Information technology -- Chinese coded character
       set* (the superset of GBK used to decode Chinese exports).
    .. [2] Microsoft, "Date systems in Excel" (the 1900 date system and its
       serial numbers).

    Examples
    --------
    >>> import io
    >>> csv = "会员ID,订单日期,实付金额\n007,2024年1月5日,\"￥1,200.00\"\n,2024/1/6,30\n"
    >>> log = read_transactions(io.BytesIO(csv.encode("gbk")))
    >>> log.encoding, log.columns["customer_id"]
    ('gb18030', '会员ID')
    >>> log.data
      customer_id       date  amount
    0         007 2024-01-05  1200.0
    >>> log.rejected[["row", "reason"]]
       row               reason
    0    3  missing customer id

    A European export: day-first dates (25/01 tells) and decimal commas
    (12,5 tells); the row with a stray field is rejected, not shifted:

    >>> csv = "Customer;Date;Amount\nA;05/01/2024;1.234,50\nB;25/01/2024;12,5\nC;26/01/2024;3;4\n"
    >>> log = read_transactions(io.StringIO(csv), sep=";")
    >>> log.data
      customer_id       date   amount
    0           A 2024-01-05  1234.50
    1           B 2024-01-25    12.50
    >>> print(log.rejected["reason"].iloc[0])
    the row has 4 fields but the header has 3, so its values cannot be assigned to columns (a stray or missing separator)
    """  # noqa: E501
    encoding = _check_encoding(encoding)
    sep = _check_sep(sep)
    check_date_options(date_format, dayfirst)
    decimal = check_decimal(decimal)
    negatives = check_choice("negatives", negatives, ("drop", "keep", "error"))
    if not isinstance(sheet_name, (str, int)) or isinstance(sheet_name, bool):
        raise fail(TypeError, "sheet_type", name="sheet_name", got=repr(sheet_name))
    raw, used, source = _load(path_or_buffer, encoding, sheet_name, sep)
    from_file = not isinstance(path_or_buffer, pd.DataFrame)
    field_counts = np.full(len(raw), -1)
    width = len(raw.columns)
    if from_file:
        for position, count in raw.attrs.get("bad_fields", {}).items():
            field_counts[position] = count
        raw = raw.rename(columns=lambda c: str(c).replace("\ufeff", "").strip())
        blank = raw.attrs.get("blank")
        blank = _blank_rows(raw) if blank is None else blank
        filled = ~blank | (field_counts >= 0)
        field_counts = field_counts[filled]
        rows = np.flatnonzero(filled) + 2  # spreadsheet row numbers: the header is row 1
        raw = raw.loc[filled]
    else:
        rows = raw.index.to_numpy()
    mapping = resolve_columns(
        list(raw.columns), {"customer_id": customer, "date": date, "amount": amount}
    )
    extras = [c for c in raw.columns if c not in mapping.values()] if keep_extra else []
    clash = [c for c in extras if c in mapping]
    if clash:
        raise fail(ValueError, "extra_column_clash", column=repr(clash[0]), role=clash[0])

    shifted = field_counts >= 0
    ok = ~shifted
    ids, id_why = parse_ids(raw[mapping["customer_id"]])
    dates, date_why = parse_dates(raw[mapping["date"]][ok], date_format, dayfirst)
    values, amount_why = parse_amounts(raw[mapping["amount"]][ok], decimal)
    dates, date_why = _spread(dates, ok, np.datetime64("NaT", "ns")), _spread(date_why, ok)
    values, amount_why = _spread(values, ok, np.nan), _spread(amount_why, ok)
    if from_file and raw.attrs.get("excel"):
        bad_cells = raw.attrs.get("bad_date_cells", {})
        for i in np.flatnonzero([getattr(w, "message", None) is not None
                                 and getattr(w.message, "key", None) == "reason_no_date"
                                 for w in date_why]):
            if rows[i] in bad_cells:
                date_why[i] = bad_cells[rows[i]]
        cells = raw[mapping["date"]].to_numpy(dtype=object)
        for i in np.flatnonzero(dates < _EXCEL_FIRST_DAY):
            if not isinstance(cells[i], _dt.datetime):
                continue  # text or a number: its own rules apply
            date_why[i] = _reason("reason_before_excel", got=repr(str(dates[i])[:10]))
            dates[i] = np.datetime64("NaT", "ns")
    reasons = _join_reasons(id_why, date_why, amount_why)
    if shifted.any():
        reasons[shifted] = [_reason("reason_fields", n=n, width=width)
                            for n in field_counts[shifted]]
    unusable = np.not_equal(reasons, None)
    if strict and unusable.any():
        raise fail(ValueError, "strict_rows", count=int(unusable.sum()), total=len(raw),
                   listing=_listing(rows[unusable], reasons[unusable]))
    negative = ~unusable & (values < 0)
    if negative.any() and negatives == "error":
        pairs = zip(rows[negative][:_SHOWN], values[negative][:_SHOWN], strict=True)
        shown = Joined([Message("row_value", row=r, value=f"{v:g}") for r, v in pairs], ", ")
        raise fail(ValueError, "negatives_error", count=int(negative.sum()), shown=shown)
    if negatives == "drop":
        reasons[negative] = [_reason("reason_negative", value=f"{v:g}")
                             for v in values[negative]]
        unusable |= negative

    keep = ~unusable
    data = pd.DataFrame(
        {
            "customer_id": pd.Series(ids[keep], dtype=str),
            "date": pd.Series(dates[keep], dtype="datetime64[ns]"),
            "amount": pd.Series(values[keep], dtype=float),
        }
    )
    if extras:
        kept_rows = raw[extras].iloc[np.flatnonzero(keep)].reset_index(drop=True)
        data = pd.concat([data, kept_rows], axis=1)
    raw_cols = [raw[mapping[k]].to_numpy()[unusable] for k in ("customer_id", "date", "amount")]
    # the reasons keep their templates (Reason objects, shown in Chinese by reason_in)
    why = pd.Series(reasons[unusable], dtype=object)
    rejected = pd.DataFrame(
        dict(zip(REJECTED_COLUMNS, [rows[unusable], *raw_cols, why], strict=True)),
        columns=list(REJECTED_COLUMNS),
    )
    return TransactionLog(
        data=data, rejected=rejected, columns=mapping, encoding=used, source=source
    )
