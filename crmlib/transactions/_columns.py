"""Recognising the customer, date and amount columns of an export by their header."""

from __future__ import annotations

import re
from collections.abc import Sequence

from crmlib._messages import Joined, Message, fail

__all__ = ["COLUMN_ALIASES", "resolve_columns"]

#: Header names recognised when a column is not named by the caller. Matching
#: ignores case, spaces, ``_``, ``-`` and ``.``, and a trailing unit in
#: brackets, so ``"Customer ID"``, ``"customer_id"`` and ``"金额(元)"`` match.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "customer_id": (
        "customer_id", "customer", "customer_no", "customer_number", "cust_id", "client_id",
        "member_id", "user_id", "buyer_id",
        "客户ID", "客户编号", "客户编码", "客户号", "客户代码", "会员ID", "会员编号", "会员号",
        "会员卡号", "用户ID", "用户编号", "顾客ID", "顾客编号", "买家ID",
    ),
    "date": (
        "date", "order_date", "transaction_date", "purchase_date", "datetime", "order_time",
        "日期", "交易日期", "订单日期", "下单日期", "购买日期", "消费日期", "交易时间", "下单时间",
        "订单时间",
    ),
    "amount": (
        "amount", "sales", "revenue", "spend", "monetary_value", "order_value", "dollar_value",
        "金额", "消费金额", "实付金额", "交易金额", "订单金额", "支付金额", "付款金额", "销售额",
        "销售金额", "实收金额",
    ),
}

_UNIT_SUFFIX = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]$")
_SEPARATORS = re.compile(r"[\s_\-.]+")


def _normalise(name: object) -> str:
    text = _UNIT_SUFFIX.sub("", str(name).strip())
    return _SEPARATORS.sub("", text).casefold()


_LOOKUP = {role: {_normalise(a) for a in names} for role, names in COLUMN_ALIASES.items()}


def _listing(columns: Sequence[object]) -> str | Message:
    return ", ".join(repr(str(c)) for c in columns) or Message("no_columns")


def resolve_columns(
    columns: Sequence[object], given: dict[str, str | None]
) -> dict[str, str]:
    """Map each role (customer_id, date, amount) to a source column name.

    ``given`` maps a role to the parameter value the caller passed (None: find
    it by :data:`COLUMN_ALIASES`). Raises ``ValueError`` naming the parameter,
    the columns the source has and what to pass.

    >>> resolve_columns(["会员ID", "订单日期", "实付金额(元)"], {"customer_id": None,
    ...                  "date": None, "amount": None})
    {'customer_id': '会员ID', 'date': '订单日期', 'amount': '实付金额(元)'}
    >>> resolve_columns(["id", "day"], {"customer_id": "cid", "date": "day", "amount": None})
    Traceback (most recent call last):
    ...
    ValueError: customer must name a column of the file; got 'cid', but the file has 'id', 'day'
    """
    params = {"customer_id": "customer", "date": "date", "amount": "amount"}
    out: dict[str, str] = {}
    for role, wanted in given.items():
        param = params[role]
        if wanted is not None:
            if wanted not in columns:
                raise fail(ValueError, "column_not_in_file", name=param, got=repr(wanted),
                           have=_listing(columns))
            out[role] = wanted
            continue
        found = [c for c in columns if _normalise(c) in _LOOKUP[role]]
        if not found:
            examples = ", ".join(COLUMN_ALIASES[role][:1] + COLUMN_ALIASES[role][-8:][:4])
            raise fail(ValueError, "column_not_found", role=Message(f"role_{role}"),
                       examples=examples, have=_listing(columns), param=param)
        if len(found) > 1:
            raise fail(ValueError, "column_ambiguous", role=Message(f"role_{role}"),
                       found=_listing(found), param=param)
        out[role] = found[0]  # type: ignore[assignment]
    taken = list(out.values())
    for name in set(taken):
        if taken.count(name) > 1:
            roles = [r for r, c in out.items() if c == name]
            raise fail(ValueError, "column_two_roles", column=repr(name),
                       roles=Joined([Message(f"role_{r}") for r in roles], " and "))
    return out
