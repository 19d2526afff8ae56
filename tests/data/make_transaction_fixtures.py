"""Write the transaction-export fixtures used by tests/test_transactions_read.py.

Run from the repository root: ``python tests/data/make_transaction_fixtures.py``.
The files imitate real exports: a GBK CSV from Chinese Excel with Chinese
headers and messy cells, a UTF-8 CSV with a byte-order mark, and an .xlsx
workbook with datetime cells, Excel serial dates and yyyymmdd numbers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent

# Spreadsheet rows 2.. (the header is row 1). Row 10 is an empty line.
GBK_ROWS = """会员ID,订单日期,实付金额(元),门店
0001,2024-01-05,"1,234.50",旗舰店
0001,2024/1/20,￥88,旗舰店
0002,2024年2月3日,99元,线上
0002,20240301,RMB 120.00,线上
,2024-03-05,50,线上
0003,2024-02-30,10,线上
0003,2024-03-10,abc,线上
0004,2024-03-12,-30,线上

0004,2024-03-15 14:30,"$1,000",旗舰店
0005,下周一,20,
"""

UTF8_ROWS = """客户编号,交易日期,消费金额
C01,2024.1.5,10
C01,2024-01-05,5.5
C02,2024/12/31,"2,000"
"""

XLSX_ROWS = [
    ("customer_id", "date", "amount", "channel"),
    (1001, dt.datetime(2024, 1, 5), 25.5, "app"),
    ("A-7", 45310, "1,000.00", "web"),  # Excel serial 45310 = 2024-01-19
    (1002, 20240201, 10, "app"),
    (1002, "2024/2/15", "￥66", "web"),
    (None, dt.datetime(2024, 2, 1), 5, "app"),
    (1003, "not a date", 5, "app"),
]


def write_fixtures(folder: Path = HERE) -> None:
    """Write transactions_gbk.csv, transactions_utf8_bom.csv and transactions.xlsx."""
    (folder / "transactions_gbk.csv").write_bytes(GBK_ROWS.encode("gbk"))
    (folder / "transactions_utf8_bom.csv").write_bytes(UTF8_ROWS.encode("utf-8-sig"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "订单"
    for row in XLSX_ROWS:
        sheet.append(row)
    book.create_sheet("说明").append(["exported by the shop system"])
    book.properties.created = book.properties.modified = dt.datetime(2024, 4, 1)
    book.save(folder / "transactions.xlsx")


if __name__ == "__main__":
    write_fixtures()
