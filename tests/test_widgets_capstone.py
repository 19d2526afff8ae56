"""The capstone uploader (notebook 09), driven in plain pytest: the shipped file, an uploaded
file in ipywidgets 8's FileUpload format, bad uploads, the currency, the report made on request
and the Chinese interface."""

from __future__ import annotations

import base64
import datetime
import html
import io
import json
import re

import pandas as pd
import pytest
from ipywidgets.embed import dependency_state

from crmlib.capstone import analyse_customer_base
from crmlib.datasets import capstone_orders_path, load_cdnow
from crmlib.plotting import capstone_report
from crmlib.transactions import read_transactions
from crmlib.widgets import CapstoneUploader, capstone_uploader


def _upload(widget: CapstoneUploader, name: str, content: bytes) -> None:
    """What the browser sends when a file is chosen (ipywidgets 8 FileUpload.value)."""
    widget.controls["upload"].value = ({
        "name": name, "type": "text/csv", "size": len(content),
        "content": memoryview(content),
        "last_modified": datetime.datetime(2024, 1, 5, tzinfo=datetime.timezone.utc),
    },)


def _report_in(widget: CapstoneUploader) -> str:
    """Press "Make the report" and return the page behind the download link that appears."""
    assert "data:text/html" not in widget.download.value  # no link before the button
    widget.make_button.click()
    found = re.search(r'<a download="customer_base_report.html" '
                      r'href="data:text/html;charset=utf-8;base64,([A-Za-z0-9+/=]+)"',
                      widget.download.value)
    assert found, "no report download link in the widget"
    return base64.b64decode(found.group(1)).decode("utf-8")


def _stored_state(widget: CapstoneUploader) -> int:
    """Characters of the state a saved notebook keeps of this widget and its children (what
    ipywidgets' embedding writes: every model the widget depends on, binary data as base64)."""
    return len(json.dumps(dependency_state(widget.widget)))


@pytest.fixture(scope="module")
def shipped():
    return capstone_uploader(currency="$")  # the shipped file is in US dollars


@pytest.fixture(scope="module")
def export() -> tuple[bytes, pd.DataFrame]:
    """400 CDNOW customers as a GBK-encoded export with Chinese headers and three bad rows."""
    cd = load_cdnow("sample")
    cd = cd[cd["customer_id"] <= 400]
    lines = ["客户编号,交易日期,消费金额"]
    lines += [f"{c},{d:%Y年%m月%d日},{a:.2f}" for c, d, a in
              zip(cd["customer_id"], cd["date"], cd["amount"], strict=True)]
    lines += ["17,1997年13月01日,12.00", ",1997年05月01日,8.00", "23,1997年05月02日,十元"]
    return ("\n".join(lines) + "\n").encode("gbk"), cd


def test_without_upload_it_runs_the_shipped_file(shipped):
    log = read_transactions(capstone_orders_path())
    expected = analyse_customer_base(log)
    run = shipped.result
    assert shipped.error is None
    assert run.analysis.equity.value == pytest.approx(expected.equity.value, rel=1e-12)
    assert len(run.log.data) + len(run.log.rejected) == 6924
    message = shipped.message.value
    assert "Rows read: 6,924 = Rows kept 6,919 + Rows rejected 5" in message
    assert f"Customer equity = ${expected.equity.value:,.2f}" in message
    for reason in log.rejected["reason"]:
        assert reason in html.unescape(message)


def test_the_report_is_made_on_request_and_is_the_report_of_the_run():
    w = capstone_uploader(currency="$")
    assert w.report is None and "data:" not in w.message.value + w.download.value
    assert "Make the report" in w.download.value and not w.make_button.disabled
    page = _report_in(w)
    assert page == w.report
    assert page == capstone_report(w.result.analysis, source=w.result.source, currency="$")
    assert "https:" not in page and "http:" not in page
    assert "Customer equity = $" in page
    # a new result removes the old report and its link: no report of other inputs on show
    w.controls["horizon_months"].value = 24
    assert w.report is None and "data:" not in w.download.value
    assert _report_in(w) == capstone_report(w.result.analysis, source=w.result.source,
                                            currency="$")


def test_the_saved_widget_state_is_small_until_the_report_is_made():
    # before: the whole report (about 350,000 characters as a data URI) was in the message
    w = capstone_uploader(currency="$")
    before = _stored_state(w)
    assert before < 60_000  # controls, summary, rejected rows and the stage chart (PNG)
    page = _report_in(w)
    assert _stored_state(w) > before + len(page)  # the link holds the page (base64)


def test_currency_box_names_the_currency_everywhere():
    w = capstone_uploader()
    assert w.controls["currency"].value == "¥"  # a user's own export: most likely yuan
    a = w.result.analysis
    assert f"Customer equity = ¥{a.equity.value:,.2f}" in w.message.value
    assert w.figure.axes[0].get_xlabel() == "Stage and mean CLV (¥)"
    w.controls["currency"].value = "USD"
    assert w.error is None
    assert f"Customer equity = {a.equity.value:,.2f} USD" in w.message.value
    assert w.figure.axes[0].get_xlabel() == "Stage and mean CLV (USD)"
    assert "Amounts of money are in USD." in _report_in(w)
    w.controls["currency"].value = ""
    assert w.result is None and w.make_button.disabled
    assert w.error == ("currency must be a text of 1 to 12 characters such as '¥' or '$'; "
                       "got ''")
    w.controls["currency"].value = "€"
    assert w.error is None and not w.make_button.disabled


def test_an_uploaded_export_with_chinese_headers_and_bad_rows(export):
    content, cd = export
    w = capstone_uploader()
    _upload(w, "我的订单.csv", content)
    assert w.error is None, w.error
    run = w.result
    assert run.source == "我的订单.csv"
    assert run.log.columns == {"customer_id": "客户编号", "date": "交易日期", "amount": "消费金额"}
    assert run.log.encoding == "gb18030"
    assert len(run.log.data) == len(cd) and len(run.log.rejected) == 3
    assert run.log.rejected["row"].tolist() == [len(cd) + 2, len(cd) + 3, len(cd) + 4]
    expected = analyse_customer_base(read_transactions(io.BytesIO(content)))
    assert run.analysis.equity.value == pytest.approx(expected.equity.value, rel=1e-12)
    assert len(run.analysis.customers) == cd["customer_id"].nunique() == 400
    message = html.unescape(w.message.value)
    total = len(cd) + 3
    assert f"Rows read: {total:,} = Rows kept {len(cd):,} + Rows rejected 3" in message
    for reason in run.log.rejected["reason"]:
        assert reason in message
    assert "missing customer id" in message and "'十元' is not a number" in message
    page = _report_in(w)
    assert "我的订单.csv" in page and "Rows rejected 3" in page


def test_an_uploaded_excel_workbook(export):
    _content, cd = export
    frame = cd[["customer_id", "date", "amount"]].rename(
        columns={"customer_id": "Customer ID", "date": "Order Date", "amount": "Sales"})
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    w = capstone_uploader()
    _upload(w, "orders.xlsx", buffer.getvalue())
    assert w.error is None, w.error
    assert len(w.result.log.rejected) == 0
    assert len(w.result.analysis.customers) == 400
    assert "No row was rejected." in w.message.value


def test_an_unreadable_file_is_explained_in_the_widget():
    w = capstone_uploader()
    _upload(w, "notes.csv", b"name,comment\nAnn,hello\n")
    assert w.result is None
    assert w.error.startswith("The file could not be read (notes.csv): ")
    assert "customer" in w.error
    assert "Cannot compute" in w.message.value and w.chart.layout.display == "none"
    assert "download" not in w.message.value + w.download.value
    assert w.make_button.disabled and w.make_report() is None and w.report is None


def test_an_unreadable_file_in_chinese():
    w = capstone_uploader(lang="zh")
    _upload(w, "数据.xlsx", b"PK\x03\x04 not really a workbook")
    assert w.result is None
    assert w.error == ("无法读取该文件 (数据.xlsx)：文件是 ZIP 压缩包，但不是 Excel 工作簿"
                       "（.xlsx/.xlsm），或者工作簿已损坏；请解压后读取其中的 CSV 文件，"
                       "或在 Excel 中重新保存该工作表")
    assert "无法计算" in w.message.value


def test_too_few_customers_is_explained_in_words(export):
    content, cd = export
    few = b"\n".join(content.split(b"\n")[:40]) + b"\n"  # the first 39 records: a few customers
    w = capstone_uploader(lang="zh")
    _upload(w, "few.csv", few)
    customers = read_transactions(io.BytesIO(few)).data["customer_id"].nunique()
    assert customers < 30
    assert w.result is None
    assert w.error.startswith("客户太少，无法拟合模型")
    assert "至少需要 30 位" in w.error
    en = capstone_uploader()
    _upload(en, "few.csv", few)
    assert en.error.startswith("Too few customers to fit the models")


def test_margin_box_reruns_and_matches_the_core(shipped):
    w = capstone_uploader()
    w.controls["margin"].value = 0.25
    expected = analyse_customer_base(read_transactions(capstone_orders_path()), margin=0.25)
    assert w.result.analysis.equity.value == pytest.approx(expected.equity.value, rel=1e-12)
    assert f"Customer equity = ¥{expected.equity.value:,.2f}" in w.message.value
    w.controls["discount_rate"].value = -0.5
    assert w.result is None and "discount_rate" in w.error
    w.controls["discount_rate"].value = 0.1
    assert w.error is None


def test_chinese_interface(export):
    w = capstone_uploader(lang="zh")
    assert w.controls["margin"].description == "利润率（占消费额）"
    assert w.controls["currency"].description == "金额的货币单位"
    assert w.make_button.description == "生成报告"
    assert "读取行数: 6,924 = 保留行数 6,919 + 剔除行数 5" in w.message.value
    assert "<th>行号</th>" in w.message.value and "<th>原因</th>" in w.message.value
    assert "点击“生成报告”" in w.download.value
    page = _report_in(w)
    assert "下载一页报告（HTML）" in w.download.value and "报告已生成" in w.download.value
    assert '<html lang="zh-CN">' in page and "<h2>1. 数据</h2>" in page
    assert "金额的货币单位：¥。" in page


def test_start_values_are_checked():
    with pytest.raises(TypeError, match="margin must be a number; got 'high'"):
        capstone_uploader(margin="high")
    with pytest.raises(ValueError, match="horizon_months must be at least 1; got 0"):
        capstone_uploader(horizon_months=0)
    with pytest.raises(TypeError, match=r"currency must be a text such as '¥' or '\$'; got 1"):
        capstone_uploader(currency=1)
