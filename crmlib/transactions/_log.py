"""The result of :func:`crmlib.transactions.read_transactions`."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from crmlib._messages import Reason
from crmlib.i18n import check_lang, parameter_name

__all__ = ["REJECTED_COLUMNS", "TransactionLog", "reason_in"]

#: Columns of :attr:`TransactionLog.rejected`.
REJECTED_COLUMNS: tuple[str, ...] = ("row", "customer_id", "date", "amount", "reason")


@dataclass(frozen=True)
class TransactionLog:
    """A cleaned transaction log (交易记录) and the rows that could not be used.

    Attributes
    ----------
    data : pandas.DataFrame
        One row per usable transaction: ``customer_id`` (str), ``date``
        (datetime64[ns]), ``amount`` (float) first, then every other column
        of the source unchanged. Row order is the order of the source.
    rejected : pandas.DataFrame
        One row per source row left out of ``data``, with columns ``row``
        (the row number a spreadsheet program shows: the header is row 1,
        the first data row is row 2; for a DataFrame source, its index label),
        ``customer_id``, ``date`` and ``amount`` (the raw values as read) and
        ``reason`` (why the row was left out, in English words; each reason
        keeps its message template, so :func:`reason_in` shows it in Chinese).
    columns : dict
        Which source column became ``customer_id``, ``date`` and ``amount``.
    encoding : str or None
        The text encoding used to decode a CSV source (None for Excel files,
        text buffers and DataFrames).
    source : str
        The path read, or ``"<buffer>"`` / ``"<DataFrame>"``.

    Examples
    --------
    >>> import pandas as pd
    >>> log = TransactionLog(
    ...     data=pd.DataFrame({"customer_id": ["a"], "date": pd.to_datetime(["2024-01-05"]),
    ...                        "amount": [10.0]}),
    ...     rejected=pd.DataFrame(columns=list(REJECTED_COLUMNS)),
    ...     columns={"customer_id": "客户ID", "date": "日期", "amount": "金额"},
    ... )
    >>> log
    TransactionLog(source='<DataFrame>', 1 rows kept, 0 rejected, columns: customer_id <- '客户ID', date <- '日期', amount <- '金额')
    """  # noqa: E501

    data: pd.DataFrame
    rejected: pd.DataFrame
    columns: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    source: str = "<DataFrame>"

    def __repr__(self) -> str:
        mapping = ", ".join(f"{k} <- {v!r}" for k, v in self.columns.items())
        return (
            f"TransactionLog(source={self.source!r}, {len(self.data)} rows kept, "
            f"{len(self.rejected)} rejected, columns: {mapping})"
        )

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the usable transactions (:attr:`data`).

        Examples
        --------
        >>> import pandas as pd
        >>> log = TransactionLog(pd.DataFrame({"amount": [1.0]}), pd.DataFrame())
        >>> log.to_frame()["amount"].tolist()
        [1.0]
        """
        return self.data.copy()


def reason_in(reason: object, lang: str = "en") -> str:
    """Why a row was rejected (a ``reason`` of :attr:`TransactionLog.rejected`), in ``lang``.

    The ``reason`` column holds English text; each of its values is a
    :class:`crmlib._messages.Reason`, a ``str`` that keeps its message template, and
    is rendered from the template in ``lang`` ("en" or "zh"). Any other text
    (e.g. a reason read back from a saved CSV) is returned as it is.

    Parameters
    ----------
    reason : str
        A value of the ``reason`` column of :attr:`TransactionLog.rejected`.
    lang : {"en", "zh"}
        Language to show it in.

    Returns
    -------
    str
        The reason in ``lang`` (in English, the text of the column itself).

    Examples
    --------
    >>> import io
    >>> from crmlib.transactions import read_transactions
    >>> log = read_transactions(io.StringIO("customer,date,amount\\nA,2024-01-05,n/a\\n"))
    >>> why = log.rejected["reason"].iloc[0]
    >>> why
    "amount 'n/a' is not a number"
    >>> reason_in(why, "zh")
    "金额 'n/a' 不是数值"
    """
    check_lang(lang)
    if isinstance(reason, Reason):
        return reason.message.render(lang, parameter_name)
    return str(reason)
