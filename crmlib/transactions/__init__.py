"""Transaction logs: reading real exports and summarising them per customer (交易记录与 RFM 汇总).

:func:`read_transactions` reads CSV and Excel exports as analysts get them
(UTF-8 or GBK, Chinese or English headers, messy dates and amounts) and
reports every row it cannot use; :func:`rfm_summary` turns a log into the
frequency / recency / T / monetary-value summary that the probabilistic CLV
models take.
"""

from crmlib.transactions._log import TransactionLog, reason_in
from crmlib.transactions._read import COLUMN_ALIASES, read_transactions
from crmlib.transactions._rfm import rfm_summary

__all__ = ["COLUMN_ALIASES", "TransactionLog", "read_transactions", "reason_in", "rfm_summary"]
