"""Tests of crmlib.transactions.read_transactions on real-looking exports.

The fixture files in tests/data/ are written by tests/data/make_transaction_fixtures.py;
the expected values below are read off those files by hand.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmlib.transactions import COLUMN_ALIASES, TransactionLog, read_transactions, rfm_summary

DATA = Path(__file__).parent / "data"
GBK = DATA / "transactions_gbk.csv"
UTF8 = DATA / "transactions_utf8_bom.csv"
XLSX = DATA / "transactions.xlsx"


def test_fixture_script_reproduces_the_csv_fixtures(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("fixtures", DATA / "make_transaction_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_fixtures(tmp_path)
    for name in ("transactions_gbk.csv", "transactions_utf8_bom.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes()


# ---------------------------------------------------------------- GBK CSV, Chinese headers


def test_gbk_csv_with_chinese_headers_is_decoded_and_cleaned() -> None:
    log = read_transactions(GBK)
    assert isinstance(log, TransactionLog)
    assert log.encoding == "gb18030"
    assert log.columns == {"customer_id": "会员ID", "date": "订单日期", "amount": "实付金额(元)"}
    data = log.data
    assert list(data.columns) == ["customer_id", "date", "amount", "门店"]
    # Leading zeros kept, ids as text.
    assert data["customer_id"].tolist() == ["0001", "0001", "0002", "0002", "0004"]
    assert pd.api.types.is_string_dtype(data["customer_id"])
    assert data["date"].dtype == "datetime64[ns]"
    expected_dates = ["2024-01-05", "2024-01-20", "2024-02-03", "2024-03-01", "2024-03-15 14:30"]
    assert data["date"].tolist() == [pd.Timestamp(d) for d in expected_dates]
    # "1,234.50" / "￥88" / "99元" / "RMB 120.00" / "$1,000"
    assert data["amount"].tolist() == [1234.5, 88.0, 99.0, 120.0, 1000.0]
    assert data["门店"].tolist() == ["旗舰店", "旗舰店", "线上", "线上", "旗舰店"]


def test_gbk_broken_rows_are_reported_with_row_number_raw_values_and_reason() -> None:
    rejected = read_transactions(GBK).rejected
    assert list(rejected.columns) == ["row", "customer_id", "date", "amount", "reason"]
    # Row numbers as a spreadsheet shows them: header = 1; line 10 is empty and skipped.
    assert rejected["row"].tolist() == [6, 7, 8, 9, 12]
    assert rejected["date"].tolist()[1] == "2024-02-30"
    assert rejected["amount"].tolist()[2] == "abc"
    reasons = rejected["reason"].tolist()
    assert reasons[0] == "missing customer id"
    assert reasons[1] == "date '2024-02-30' is not a valid calendar date"
    assert reasons[2] == "amount 'abc' is not a number"
    assert reasons[3].startswith("negative amount -30 (a return or refund)")
    assert reasons[4].startswith("date '下周一' has an unrecognised format")


def test_every_non_empty_row_is_either_kept_or_rejected() -> None:
    log = read_transactions(GBK)
    # 11 data lines in the file, one of them empty.
    assert len(log.data) + len(log.rejected) == 10


def test_explicit_gbk_encoding_and_explicit_column_names() -> None:
    log = read_transactions(GBK, customer="会员ID", date="订单日期", amount="实付金额(元)",
                            encoding="gbk")
    assert log.encoding == "gbk"
    assert len(log.data) == 5


def test_utf8_with_bom_and_chinese_headers() -> None:
    log = read_transactions(UTF8)
    assert log.encoding == "utf-8-sig"
    assert log.columns == {"customer_id": "客户编号", "date": "交易日期", "amount": "消费金额"}
    assert log.data["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-01-05", "2024-01-05", "2024-12-31"
    ]
    assert log.data["amount"].tolist() == [10.0, 5.5, 2000.0]
    assert log.rejected.empty


def test_utf8_without_bom_is_reported_as_utf8() -> None:
    text = "customer_id,date,amount\nx,2024-01-05,1\n"
    log = read_transactions(io.BytesIO(text.encode("utf-8")))
    assert log.encoding == "utf-8"
    assert log.source == "<buffer>"


def test_text_buffer_needs_no_encoding() -> None:
    log = read_transactions(io.StringIO("客户ID\t日期\t金额\nA\t2024-01-05\t3\n"), sep="\t")
    assert log.encoding is None
    assert log.data["amount"].tolist() == [3.0]


# ------------------------------------------------------------------------------ Excel


def test_xlsx_with_datetime_cells_serial_dates_and_numeric_ids() -> None:
    log = read_transactions(XLSX)
    assert log.encoding is None
    data = log.data
    # 1001 stored as a number becomes "1001"; "A-7" stays text.
    assert data["customer_id"].tolist() == ["1001", "A-7", "1002", "1002"]
    # datetime cell; serial 45310 = 45292 (2024-01-01) + 18 days; 20240201; "2024/2/15"
    assert data["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-01-05", "2024-01-19", "2024-02-01", "2024-02-15"
    ]
    assert data["amount"].tolist() == [25.5, 1000.0, 10.0, 66.0]
    assert data["channel"].tolist() == ["app", "web", "app", "web"]
    assert log.rejected["row"].tolist() == [6, 7]
    assert log.rejected["reason"].tolist()[0] == "missing customer id"


def test_xlsx_from_a_binary_buffer_and_by_sheet_name() -> None:
    buffer = io.BytesIO(XLSX.read_bytes())
    log = read_transactions(buffer, sheet_name="订单")
    assert len(log.data) == 4


def test_unknown_sheet_name_lists_the_sheets() -> None:
    expected = "sheet_name must be one of the workbook's sheets '订单', '说明'"
    with pytest.raises(ValueError, match=expected):
        read_transactions(XLSX, sheet_name="Sheet1")
    with pytest.raises(ValueError, match="sheet_name must be a sheet position from 0 to 1"):
        read_transactions(XLSX, sheet_name=5)


def test_legacy_xls_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(ValueError, match="legacy .xls workbooks are not supported"):
        read_transactions(path)


# ------------------------------------------------------------------- options and modes


def test_strict_mode_message_counts_rows_and_shows_first_reasons() -> None:
    with pytest.raises(ValueError) as info:
        read_transactions(GBK, strict=True)
    message = str(info.value)
    # 10 non-empty rows; rows 6, 7, 8, 12 are unusable (row 9 is a negative, dropped by choice).
    assert message.startswith("strict=True and 4 of 10 rows cannot be used:")
    assert "row 6: missing customer id" in message
    assert "row 7: date '2024-02-30' is not a valid calendar date" in message
    assert "row 9" not in message


def test_strict_mode_passes_on_a_clean_file() -> None:
    assert len(read_transactions(UTF8, strict=True).data) == 3


def test_strict_mode_shows_at_most_five_rows() -> None:
    frame = pd.DataFrame({"customer_id": ["a"] * 8, "date": ["bad"] * 8, "amount": [1] * 8})
    with pytest.raises(ValueError, match=r"(?s)strict=True and 8 of 8 rows.*\.\.\. and 3 more"):
        read_transactions(frame, strict=True)


def test_negatives_keep_drop_and_error() -> None:
    kept = read_transactions(GBK, negatives="keep")
    assert -30.0 in kept.data["amount"].tolist()
    assert 9 not in kept.rejected["row"].tolist()
    dropped = read_transactions(GBK)  # default "drop"
    assert -30.0 not in dropped.data["amount"].tolist()
    assert 9 in dropped.rejected["row"].tolist()
    expected = r"negatives='error' and 1 rows have a negative amount.*row 9 \(-30\)"
    with pytest.raises(ValueError, match=expected):
        read_transactions(GBK, negatives="error")


def test_bad_negatives_option() -> None:
    expected = "negatives must be one of 'drop', 'keep', 'error'; got 'ignore'"
    with pytest.raises(ValueError, match=expected):
        read_transactions(GBK, negatives="ignore")


def test_unknown_encoding_option() -> None:
    with pytest.raises(ValueError, match="encoding must be 'auto' or a text encoding Python knows"):
        read_transactions(GBK, encoding="klingon")
    with pytest.raises(TypeError, match="encoding must be a string"):
        read_transactions(GBK, encoding=936)


def test_wrong_explicit_encoding_says_so() -> None:
    with pytest.raises(ValueError, match="the file is not valid 'utf-8' text"):
        read_transactions(GBK, encoding="utf-8")


def test_unknown_column_name_lists_the_file_columns() -> None:
    with pytest.raises(
        ValueError,
        match=r"customer must name a column of the file; got '客户ID', but the file has "
        r"'会员ID', '订单日期', '实付金额\(元\)', '门店'",
    ):
        read_transactions(GBK, customer="客户ID")


def test_column_not_found_and_ambiguous_columns() -> None:
    frame = pd.DataFrame({"who": ["a"], "when": ["2024-01-05"], "金额": [1]})
    with pytest.raises(ValueError, match="could not find the customer_id column.*pass customer="):
        read_transactions(frame)
    frame = pd.DataFrame(
        {"客户ID": ["a"], "日期": ["2024-01-05"], "订单金额": [1], "实付金额": [1]}
    )
    expected = "several columns could be the amount column: '订单金额', '实付金额'"
    with pytest.raises(ValueError, match=expected):
        read_transactions(frame)
    assert read_transactions(frame, amount="实付金额").columns["amount"] == "实付金额"


def test_same_column_for_two_roles_is_refused() -> None:
    frame = pd.DataFrame({"客户ID": ["a"], "日期": ["2024-01-05"], "金额": [1]})
    with pytest.raises(ValueError, match="column '日期' cannot be both customer_id and date"):
        read_transactions(frame, customer="日期")


def test_extra_column_with_a_clean_name_clashes_unless_dropped() -> None:
    frame = pd.DataFrame(
        {"customer_id": ["old"], "会员ID": ["a"], "日期": ["2024-01-05"], "金额": [1]}
    )
    with pytest.raises(ValueError, match="another column named 'customer_id'.*keep_extra=False"):
        read_transactions(frame, customer="会员ID")
    log = read_transactions(frame, customer="会员ID", keep_extra=False)
    assert list(log.data.columns) == ["customer_id", "date", "amount"]
    assert log.data["customer_id"].tolist() == ["a"]


def test_bad_source_types() -> None:
    with pytest.raises(TypeError, match="path_or_buffer must be a file path"):
        read_transactions(42)
    with pytest.raises(FileNotFoundError, match=r"path_or_buffer must be the path of an existing "
                       r"CSV/text file or Excel workbook .*; got no file named "
                       r"'no/such/file.csv' in the folder"):
        read_transactions("no/such/file.csv")
    with pytest.raises(FileNotFoundError, match="got '.*' is a folder, not a file"):
        read_transactions(Path(__file__).parent)
    with pytest.raises(TypeError, match="sheet_name must be a sheet name or position"):
        read_transactions(XLSX, sheet_name=None)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(ValueError, match="the file is empty"):
        read_transactions(path)


# ------------------------------------------------------------ cleaning rules, one by one


def test_date_formats_each_one() -> None:
    raw = [
        "2024-01-05", "2024/1/5", "2024.1.5", "20240105", "2024年1月5日",
        "2024年01月05日", " 2024-01-05 ", 20240105, 45296, 45296.5, "45296",
    ]
    frame = pd.DataFrame({"customer_id": ["a"] * len(raw), "date": raw, "amount": 1.0})
    data = read_transactions(frame, strict=True).data
    # Excel serial 45296 = 2024-01-05 (45292 is 2024-01-01); .5 is noon.
    days = data["date"].dt.strftime("%Y-%m-%d").unique().tolist()
    assert days == ["2024-01-05"]
    assert data["date"].iloc[9] == pd.Timestamp("2024-01-05 12:00")


def test_date_with_time_and_seconds() -> None:
    frame = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-05 13:05:30",
                          "2024/1/5T08:00"], "amount": [1, 2]})
    data = read_transactions(frame, strict=True).data
    assert data["date"].tolist() == [pd.Timestamp("2024-01-05 13:05:30"),
                                     pd.Timestamp("2024-01-05 08:00")]


def test_date_format_option_for_day_first_dates() -> None:
    frame = pd.DataFrame({"customer_id": ["a", "b"], "date": ["05/01/2024", "2024-01-05"],
                          "amount": [1, 2]})
    log = read_transactions(frame, date_format="%d/%m/%Y")
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-05")]
    assert log.rejected["reason"].tolist() == [
        "date '2024-01-05' does not match date_format '%d/%m/%Y'"
    ]


def test_amount_formats_each_one() -> None:
    raw = ["1,234.50", "¥1,234.50", "￥1,234.50", "$1,234.50", "RMB 1,234.50", "1234.50元",
           "CNY1234.5", " 1234.5 ", 1234.5]
    frame = pd.DataFrame({"customer_id": ["a"] * len(raw), "date": "2024-01-05", "amount": raw})
    data = read_transactions(frame, strict=True).data
    assert data["amount"].tolist() == [1234.5] * len(raw)


def test_accounting_negative_and_non_finite_amounts() -> None:
    frame = pd.DataFrame({"customer_id": ["a", "b", "c"], "date": "2024-01-05",
                          "amount": ["(12.50)", "inf", None]})
    log = read_transactions(frame, negatives="keep")
    assert log.data["amount"].tolist() == [-12.5]
    assert log.rejected["reason"].tolist() == [
        "amount 'inf' is not a finite number", "missing amount"
    ]


def test_several_problems_in_one_row_are_all_named() -> None:
    frame = pd.DataFrame({"customer_id": [None], "date": ["soon"], "amount": ["?"]})
    reason = read_transactions(frame).rejected["reason"].iloc[0]
    assert reason.startswith("missing customer id; date 'soon' has an unrecognised format")
    assert reason.endswith("; amount '?' is not a number")


def test_dataframe_source_reports_index_labels_as_rows() -> None:
    frame = pd.DataFrame({"customer_id": ["a", None], "date": ["2024-01-05"] * 2,
                          "amount": [1, 2]}, index=[100, 200])
    assert read_transactions(frame).rejected["row"].tolist() == [200]


def test_column_aliases_include_the_documented_names() -> None:
    assert {"客户ID", "客户编号", "会员ID", "customer_id"} <= set(COLUMN_ALIASES["customer_id"])
    assert {"日期", "交易日期", "订单日期", "date"} <= set(COLUMN_ALIASES["date"])
    assert {"金额", "消费金额", "实付金额", "amount"} <= set(COLUMN_ALIASES["amount"])


def test_header_matching_ignores_case_spaces_and_units() -> None:
    frame = pd.DataFrame({"Customer ID": ["a"], "Order-Date": ["2024-01-05"],
                          "金额（元）": ["3"]})
    assert read_transactions(frame).columns == {
        "customer_id": "Customer ID", "date": "Order-Date", "amount": "金额（元）"
    }


# ------------------------------------------------------------------ inputs untouched


def test_caller_dataframe_is_not_modified() -> None:
    frame = pd.DataFrame({"会员ID": [" 7 ", None], "日期": ["2024/1/5", "x"], "金额": ["¥5", "-1"]},
                         index=[3, 4])
    before = frame.copy(deep=True)
    read_transactions(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_caller_buffer_keeps_its_content_and_position() -> None:
    content = GBK.read_bytes()
    buffer = io.BytesIO(content)
    buffer.seek(0)
    read_transactions(buffer)
    assert buffer.tell() == 0
    assert buffer.getvalue() == content
    buffer.seek(5)
    with pytest.raises(ValueError):  # reading from position 5 cuts the header
        read_transactions(buffer)
    assert buffer.tell() == 5


def test_files_on_disk_are_not_changed() -> None:
    before = {p: p.read_bytes() for p in (GBK, UTF8, XLSX)}
    for path in before:
        read_transactions(path)
    assert {p: p.read_bytes() for p in before} == before


def test_result_repr_and_to_frame_copy() -> None:
    log = read_transactions(UTF8)
    assert repr(log).startswith("TransactionLog(source=")
    assert "3 rows kept, 0 rejected" in repr(log)
    frame = log.to_frame()
    frame.loc[0, "amount"] = -1.0
    assert log.data.loc[0, "amount"] == 10.0
    assert np.isclose(log.data["amount"].sum(), 2015.5)


# ------------------------------------------------- real files: no silent wrong numbers

def _csv(text: str, **kwargs) -> TransactionLog:
    return read_transactions(io.StringIO(text), **kwargs)


OUT_OF_RANGE = "is outside the dates this library can hold (1677-09-22 to 2262-04-11)"


@pytest.mark.parametrize("raw", ["9999-12-31", "1600-01-01", "23000105", "2958465",
                                 "1677-09-21", "2262-04-12"])
def test_dates_outside_the_datetime_range_are_rejected_never_wrapped(raw: str) -> None:
    # Before: 9999-12-31 became 1816-03-29 and 1600-01-01 became 2184-07-20, and were kept.
    log = _csv(f"customer_id,date,amount\nA,{raw},1\nB,2024-01-05,2\n")
    assert log.data["customer_id"].tolist() == ["B"]
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-05")]
    assert log.rejected["row"].tolist() == [2]
    assert log.rejected["reason"].iloc[0] == (
        f"date {raw!r} {OUT_OF_RANGE}; if it stands for 'no date', leave the cell empty"
    )


def test_first_and_last_day_of_the_range_are_kept() -> None:
    log = _csv("customer_id,date,amount\nA,1677-09-22,1\nB,2262-04-11,2\n", strict=True)
    assert log.data["date"].tolist() == [pd.Timestamp("1677-09-22"), pd.Timestamp("2262-04-11")]


def test_out_of_range_numbers_cells_and_coarse_datetime_columns_are_rejected() -> None:
    # Excel serial 2958465 is 9999-12-31; a datetime64[s] column holds 1600 exactly.
    frame = pd.DataFrame({"customer_id": ["a", "b", "c"],
                          "date": [2958465, 23000105, 45296], "amount": 1.0})
    log = read_transactions(frame)
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-05")]
    assert log.rejected["reason"].str.contains(OUT_OF_RANGE, regex=False).tolist() == [True, True]
    coarse = pd.DataFrame({"customer_id": ["a", "b"], "amount": 1.0, "date": np.array(
        ["1600-01-01", "2024-01-05"], dtype="datetime64[s]")})
    log = read_transactions(coarse)
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-05")]
    assert log.rejected["reason"].iloc[0].startswith("date '1600-01-01 00:00:00' is outside")


def test_out_of_range_xlsx_cells_are_rejected(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["customer_id", "date", "amount"])
    sheet.append(["A", dt.datetime(9999, 12, 31), 1])
    sheet.append(["B", dt.datetime(2024, 1, 5), 2])
    path = tmp_path / "far.xlsx"
    book.save(path)
    log = read_transactions(path)
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-05")]
    assert OUT_OF_RANGE in log.rejected["reason"].iloc[0]


def test_decimal_commas_are_read_from_the_column() -> None:
    # Before: "12,50" -> 1250.0, "1.234,50" -> 1.2345, "1 234,50" -> 123450, "12,5" -> 125.
    text = "客户ID;日期;金额\nA;2024-01-05;12,50\nB;2024-01-05;1.234,50\nC;2024-01-05;1 234,50\n" \
           "D;2024-01-05;12,5\nE;2024-01-05;7\n"
    log = _csv(text, sep=";", strict=True)
    assert log.data["amount"].tolist() == [12.5, 1234.5, 1234.5, 12.5, 7.0]
    assert _csv(text, sep=";", decimal=",").data["amount"].tolist() == [
        12.5, 1234.5, 1234.5, 12.5, 7.0]


def test_decimal_points_decide_a_column_too() -> None:
    text = 'customer_id,date,amount\nA,2024-01-05,"1,234"\nB,2024-01-05,12.50\n'
    assert _csv(text, strict=True).data["amount"].tolist() == [1234.0, 12.5]


def test_a_column_that_does_not_tell_its_decimal_mark_is_refused() -> None:
    text = "customer_id;date;amount\nA;2024-01-05;1,234\nB;2024-01-05;20\n"
    with pytest.raises(ValueError, match=r"amounts such as '1,234' can be read with a decimal "
                       r"point or a decimal comma .* pass decimal='\.' .* or decimal=','"):
        _csv(text, sep=";")
    assert _csv(text, sep=";", decimal=".").data["amount"].tolist() == [1234.0, 20.0]
    assert _csv(text, sep=";", decimal=",").data["amount"].tolist() == [1.234, 20.0]


def test_a_column_mixing_decimal_marks_is_refused_and_decimal_chooses() -> None:
    text = "customer_id;date;amount\nA;2024-01-05;12.50\nB;2024-01-05;12,50\n"
    with pytest.raises(ValueError, match=r"mixes decimal points \('12.50'\) and decimal commas "
                       r"\('12,50'\); pass decimal='.' or decimal=','"):
        _csv(text, sep=";")
    log = _csv(text, sep=";", decimal=".")
    assert log.data["amount"].tolist() == [12.5]
    assert log.rejected["reason"].tolist() == [
        "amount '12,50' is not a number; it would fit a decimal comma (1.234,50), but the "
        "column uses a decimal point (1,234.50)"
    ]


def test_misgrouped_thousands_are_rejected_not_read() -> None:
    frame = pd.DataFrame({"customer_id": ["a", "b"], "date": "2024-01-05",
                          "amount": ["1,23,4.5", "12.50"]})
    log = read_transactions(frame)
    assert log.data["amount"].tolist() == [12.5]
    assert log.rejected["reason"].tolist() == ["amount '1,23,4.5' is not a number"]


def test_bad_decimal_option() -> None:
    with pytest.raises(ValueError, match=r"decimal must be '.' \(1,234.50\), ',' \(1.234,50\) "
                       "or None .*; got ';'"):
        _csv("customer_id,date,amount\n", decimal=";")


def test_a_row_with_a_stray_field_is_rejected_and_the_others_keep_their_columns() -> None:
    # Before: the first data row's extra field shifted the columns (customer "2024-01-05").
    log = _csv("customer_id,date,amount\nA,2024-01-05,10,2\nB,2024-01-06,20\nC,2024-01-07\n")
    assert log.data["customer_id"].tolist() == ["B"]
    assert log.data["amount"].tolist() == [20.0]
    assert log.rejected["row"].tolist() == [2, 4]
    assert log.rejected["customer_id"].tolist() == ["A", "C"]
    assert log.rejected["reason"].tolist() == [
        f"the row has {n} fields but the header has 3, so its values cannot be assigned to "
        "columns (a stray or missing separator)" for n in (4, 2)
    ]
    with pytest.raises(ValueError, match="the row has 4 fields but the header has 3"):
        _csv("customer_id,date,amount\nA,2024-01-05,10,2\n", strict=True)


def test_a_trailing_separator_on_every_row_is_ignored() -> None:
    log = _csv("customer_id,date,amount,\nA,2024-01-05,10,\nB,2024-01-06,20,\n", strict=True)
    assert list(log.data.columns) == ["customer_id", "date", "amount"]
    assert log.data["amount"].tolist() == [10.0, 20.0]
    log = _csv("customer_id,date,amount\nA,2024-01-05,10,\nB,2024-01-06,20,\n", strict=True)
    assert log.data["customer_id"].tolist() == ["A", "B"]


def test_quoted_separators_and_repeated_headers_are_read_as_before() -> None:
    log = _csv('customer_id,date,amount,note,note\nA,2024-01-05,"1,000.00","x, y",z\n',
               strict=True)
    assert log.data["amount"].tolist() == [1000.0]
    assert log.data[["note", "note.1"]].iloc[0].tolist() == ["x, y", "z"]


@pytest.mark.parametrize("clock", ["25:00", "23:61", "24:00", "12:30:60"])
def test_impossible_clock_times_are_rejected_not_rolled_over(clock: str) -> None:
    # Before: "2024-01-05 25:00" became 2024-01-06 01:00.
    log = _csv(f"customer_id,date,amount\nA,2024-01-05 {clock},1\nB,2024-01-05 23:59:59,1\n")
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-05 23:59:59")]
    assert log.rejected["reason"].tolist() == [
        f"date '2024-01-05 {clock}' has an impossible time of day (hours 0-23, minutes and "
        "seconds 0-59)"
    ]


def test_a_year_alone_is_not_an_excel_serial() -> None:
    # Before: "2024" became 1905-07-16 (serial 2024).
    frame = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024", 2024], "amount": 1.0})
    reasons = read_transactions(frame).rejected["reason"].tolist()
    assert reasons == [
        f"date {v!r} looks like a year alone, not a date (as an Excel serial date it would be "
        "in 1902-1927)" for v in ("2024", 2024)
    ]


def test_serials_before_march_1900_are_rejected() -> None:
    # Excel counts a 1900-02-29; its serial 60 is that day, 61 is 1900-03-01.
    frame = pd.DataFrame({"customer_id": ["a", "b"], "date": [60, 61], "amount": 1.0})
    log = read_transactions(frame)
    assert log.data["date"].tolist() == [pd.Timestamp("1900-03-01")]
    assert "falls before 1900-03-01" in log.rejected["reason"].iloc[0]


def test_ids_written_as_whole_floats_are_one_customer() -> None:
    # Before: "1001.0" and "1001" were two customers.
    log = _csv("customer_id,date,amount\n1001.0,2024-01-05,1\n1001,2024-01-06,2\n"
               "007,2024-01-07,3\n")
    assert log.data["customer_id"].tolist() == ["1001", "1001", "007"]
    assert rfm_summary(log, "D", zero_T="keep").index.tolist() == ["007", "1001"]
    frame = pd.DataFrame({"customer_id": pd.Series([1, "1", 1.0, "1.0", "A"], dtype=object),
                          "date": "2024-01-05", "amount": 1.0})
    assert read_transactions(frame).data["customer_id"].tolist() == ["1"] * 4 + ["A"]
    frame = pd.DataFrame({"customer_id": [True], "date": "2024-01-05", "amount": 1.0})
    reasons = read_transactions(frame).rejected["reason"].tolist()
    assert reasons == ["customer id True is True/False, not an id"]


def test_huge_float_ids_are_rejected() -> None:
    frame = pd.DataFrame({"customer_id": [2.0**60], "date": "2024-01-05", "amount": 1.0})
    assert "too large to be stored exactly" in read_transactions(frame).rejected["reason"][0]


def test_mixed_utc_offsets_keep_each_local_time() -> None:
    log = _csv("customer_id,date,amount\nA,2024-01-05T10:00:00+08:00,1\n"
               "B,2024-01-05T10:00:00-05:00,1\nC,2024-01-05T10:00:00Z,1\n", strict=True)
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-05 10:00")] * 3
    log = _csv("customer_id,date,amount\nA,05.01.2024 10:00 +0800,1\nB,05.01.2024 10:00 -0500,1\n",
               date_format="%d.%m.%Y %H:%M %z", strict=True)
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-05 10:00")] * 2


def test_bad_sep_and_date_format_are_explained_in_words() -> None:
    for sep in ("", ";;", None):
        with pytest.raises(ValueError, match="sep must be the one character that separates the "
                           "fields of a CSV file"):
            _csv("customer_id,date,amount\n", sep=sep)
    with pytest.raises(ValueError, match=r"date_format must be a strftime format .*; got '%Q', "
                       r"and '%Q' is not a directive it knows"):
        _csv("customer_id,date,amount\nA,2024,1\n", date_format="%Q")
    with pytest.raises(ValueError, match="which has no % directive"):
        _csv("customer_id,date,amount\n", date_format="dd/mm/yyyy")
    with pytest.raises(TypeError, match="date_format must be a strftime format"):
        _csv("customer_id,date,amount\n", date_format=5)


def test_a_zip_that_is_not_a_workbook_is_explained(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "orders.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("orders.csv", "customer_id,date,amount\nA,2024-01-05,1\n")
    expected = "the file is a ZIP archive but not an Excel workbook"
    with pytest.raises(ValueError, match=expected):
        read_transactions(path)
    with pytest.raises(ValueError, match=expected):
        read_transactions(io.BytesIO(path.read_bytes()))
    with pytest.raises(ValueError, match=expected):
        read_transactions(io.BytesIO(b"PK\x03\x04 not really a zip"))


# ---------------------------------------------------------------- day-first / month-first

def test_year_last_dates_that_do_not_tell_are_refused_not_guessed() -> None:
    text = "customer_id,date,amount\nA,05/01/2024,1\nB,06/01/2024,2\n"
    with pytest.raises(ValueError, match=r"dates such as '05/01/2024' can be read day-first or "
                       r"month-first .* pass dayfirst=True \(day/month/year\) or dayfirst=False"):
        _csv(text)
    assert _csv(text, dayfirst=True).data["date"].tolist() == [
        pd.Timestamp("2024-01-05"), pd.Timestamp("2024-01-06")]
    assert _csv(text, dayfirst=False).data["date"].tolist() == [
        pd.Timestamp("2024-05-01"), pd.Timestamp("2024-06-01")]


def test_a_day_above_twelve_tells_the_column() -> None:
    day_first = _csv("customer_id,date,amount\nA,05/01/2024,1\nB,25.01.2024 13:05,2\n", strict=True)
    assert day_first.data["date"].tolist() == [pd.Timestamp("2024-01-05"),
                                               pd.Timestamp("2024-01-25 13:05")]
    month_first = _csv("customer_id,date,amount\nA,05/01/2024,1\nB,1/25/2024,2\n", strict=True)
    assert month_first.data["date"].tolist() == [pd.Timestamp("2024-05-01"),
                                                 pd.Timestamp("2024-01-25")]


def test_a_column_mixing_day_first_and_month_first_is_refused() -> None:
    text = "customer_id,date,amount\nA,25/01/2024,1\nB,01/25/2024,2\n"
    with pytest.raises(ValueError, match=r"mixes day-first \('25/01/2024'\) and month-first "
                       r"\('01/25/2024'\) dates; pass dayfirst=True"):
        _csv(text)
    log = _csv(text, dayfirst=True)
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-25")]
    assert log.rejected["reason"].tolist() == ["date '01/25/2024' is not a valid calendar date"]


def test_dayfirst_option_checks() -> None:
    with pytest.raises(TypeError, match="dayfirst must be True .* got 'yes'"):
        _csv("customer_id,date,amount\n", dayfirst="yes")
    with pytest.raises(ValueError, match="pass dayfirst or date_format, not both"):
        _csv("customer_id,date,amount\n", dayfirst=True, date_format="%d/%m/%Y")


# ---------------------------------------------------------------- the README pipeline

def test_readme_pipeline_works_when_a_customer_first_buys_on_the_last_day() -> None:
    from crmlib.datasets import load_cdnow
    from crmlib.models import BetaGeo

    tx = load_cdnow("sample")[["customer_id", "date", "amount"]]
    last = tx["date"].max()
    new = pd.DataFrame({"customer_id": ["new"], "date": [last], "amount": [10.0]})
    log = read_transactions(pd.concat([tx.astype({"customer_id": str}), new],
                                      ignore_index=True))
    with pytest.warns(UserWarning, match=r"1 of \d+ customers have T = 0 .* are left out"):
        summary = rfm_summary(log, freq="W")
    assert summary.attrs["n_zero_T"] == 1
    assert "new" not in summary.index
    kept = rfm_summary(log, freq="W", zero_T="keep")
    pd.testing.assert_frame_equal(summary, kept.drop(index="new"))
    model = BetaGeo().fit(summary["frequency"], summary["recency"], summary["T"])
    assert model.n_customers_ == len(summary)
    assert all(np.isfinite(v) and v > 0 for v in model.params_.values())


# ------------------------------------------------- property: every row is accounted for

from hypothesis import event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

#: The ValueErrors read_transactions documents for the content of a file.
DOCUMENTED = re.compile(
    "can be read with a decimal point or a decimal comma|mixes decimal points|"
    "can be read day-first or month-first|mixes day-first|could not find the|several columns|"
    "cannot be both|the file is empty|cannot be read as CSV|another column named|"
    "is neither UTF-8 nor GB18030|ZIP archive but not an Excel workbook|legacy .xls"
)
TOKENS = [
    "A", "007", "1001.0", " 1 ", "", " ", "2024-01-05", "2024/1/5", "20240105", "45296",
    "2024", "05/01/2024", "25/01/2024", "01/25/2024", "2024-01-05 25:00", "9999-12-31",
    "1600-01-01", "2024-01-05T10:00+08:00", "2024年1月5日", "12.50", "12,50", "1,234",
    "1.234,50", "(5)", "-3", "¥88", "inf", "nan", "abc", "0", "2958465", "23000105", "1e3",
]


def _field(sep: str) -> st.SearchStrategy[str]:
    free = st.text(st.characters(blacklist_categories=("Cs",),
                                 blacklist_characters='"\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029'
                                 + sep), max_size=8)
    return st.one_of(st.sampled_from(TOKENS), free)


@st.composite
def csv_files(draw) -> tuple[str, str, int]:
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    field = _field(sep)
    lines = draw(st.lists(st.lists(field, min_size=1, max_size=5), max_size=12))
    body = [sep.join(cells) for cells in lines]
    # a line is a row unless all its fields are blank (such lines are skipped)
    n_rows = sum(any(c.strip() for c in cells) for cells in lines)
    text = sep.join(["customer_id", "date", "amount"]) + "\n" + "\n".join(body) + "\n"
    return text, sep, n_rows


def _check_log(log: TransactionLog, n_rows: int | None) -> None:
    if n_rows is not None:
        assert len(log.data) + len(log.rejected) == n_rows
    assert log.rejected["reason"].map(lambda r: isinstance(r, str) and r != "").all()
    assert np.isfinite(log.data["amount"].to_numpy()).all()
    assert (log.data["amount"] >= 0).all()  # negatives="drop"
    assert log.data["date"].between(pd.Timestamp("1677-09-22"), pd.Timestamp("2262-04-12")).all()
    assert log.data["customer_id"].map(lambda c: isinstance(c, str) and c != "").all()


@settings(max_examples=300)
@given(csv_files(), st.sampled_from([None, ".", ","]), st.sampled_from([None, True, False]))
def test_random_csv_rows_end_in_data_or_rejected(file, decimal, dayfirst) -> None:
    text, sep, n_rows = file
    try:
        log = _csv(text, sep=sep, decimal=decimal, dayfirst=dayfirst)
    except ValueError as err:
        assert DOCUMENTED.search(str(err)), str(err)
        event(f"refused: {DOCUMENTED.search(str(err)).group()}")
        return
    event(f"read: {'some' if len(log.rejected) else 'no'} rows rejected")
    _check_log(log, n_rows)
    # the same file as bytes (UTF-8) gives the same rows
    again = read_transactions(io.BytesIO(text.encode()), sep=sep, decimal=decimal,
                              dayfirst=dayfirst)
    pd.testing.assert_frame_equal(again.data, log.data)


@settings(max_examples=300)
@given(st.text(max_size=120))
def test_any_text_after_a_header_is_read_or_refused_in_words(body: str) -> None:
    try:
        log = _csv("customer_id,date,amount\n" + body)
    except ValueError as err:
        assert DOCUMENTED.search(str(err)), str(err)
        event(f"refused: {DOCUMENTED.search(str(err)).group()}")
        return
    event(f"read: {'some' if len(log.rejected) else 'no'} rows rejected")
    _check_log(log, None)


@settings(max_examples=150)
@given(st.binary(max_size=120))
def test_any_bytes_are_read_or_refused_in_words(body: bytes) -> None:
    try:
        log = read_transactions(io.BytesIO(b"customer_id,date,amount\n" + body))
    except ValueError as err:
        assert DOCUMENTED.search(str(err)), str(err)
        event(f"refused: {DOCUMENTED.search(str(err)).group()}")
        return
    event(f"read: {'some' if len(log.rejected) else 'no'} rows rejected")
    _check_log(log, None)


def test_xlsx_date_cells_beyond_excel_dates_get_their_reason(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["customer_id", "date", "amount"])
    for cid, serial in (("A", 3000000), ("B", -5), ("C", 45296)):
        sheet.append([cid, serial, 1])
    for row in (2, 3, 4):
        sheet[f"B{row}"].number_format = "yyyy-mm-dd"
    path = tmp_path / "serials.xlsx"
    book.save(path)
    log = read_transactions(path)  # no warning from openpyxl escapes
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-05")]
    assert log.rejected["reason"].tolist() == [
        "date cell B2 holds the serial number 3000000, which is outside the dates Excel can show",
        "date '1899-12-25' is before 1900-01-01, the first date of Excel's calendar (the cell "
        "holds a negative serial number)",
    ]
