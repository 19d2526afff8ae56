"""Bilingual error messages: the template table, the errors that carry it, and its rendering.

Expected English texts are the messages the library printed before its errors
carried templates (they are written out here); the Chinese ones are written out
from the templates' meaning, with the glossary's terms for the parameters.
"""

from __future__ import annotations

import pickle
import re

import pytest

from crmlib._messages import (
    MESSAGES,
    PHRASES,
    InputValueError,
    Joined,
    Message,
    MessageError,
    Phrase,
    fail,
    placeholders,
)
from crmlib._validation import (
    check_array,
    check_choice,
    check_column_args,
    check_finite,
    check_integer,
    check_positive,
    check_probability,
    check_range,
    check_results_finite,
    finite_or_naming,
)
from crmlib.i18n import _TERMS, _UI, PARAMETER_TERMS, label, message, parameter_name

# ------------------------------------------------------------------ a checker for Chinese text

CJK = re.compile(r"[\u4e00-\u9fff]")
#: English words that never belong in a Chinese message, even alone
_FUNCTION_WORDS = {"must", "the", "got", "be", "and", "or", "of", "is", "not", "an", "to",
                   "with", "for", "than", "at", "least", "between", "has", "it", "no", "use",
                   "give", "only", "cannot"}


def untranslated(text: str) -> list[str]:
    """English left in a Chinese message: runs of two or more English words (whitespace
    apart) and English function words, outside quoted values and code identifiers.

    A code identifier is a word with an underscore, a digit, an inner capital or ``=``
    (``discount_rate``, ``p1``, ``BetaGeo``, ``alpha=0.7``); quoted values ('end') are
    values as received.
    """
    text = re.sub(r"'[^']*'|\"[^\"]*\"", " ", text)
    found: list[str] = []
    run: list[str] = []

    def close() -> None:
        if len(run) >= 2:
            found.append(" ".join(run))
        run.clear()

    end = 0
    for piece in re.finditer(r"[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", text):
        token = piece.group()
        if text[end:piece.start()].strip(" "):  # Chinese or a line break between: a new run
            close()
        end = piece.end()
        word = token.strip("()[],.;:")
        if not re.fullmatch(r"[a-z]+", word):  # not a plain lowercase English word
            close()
            continue
        if word in _FUNCTION_WORDS:
            found.append(word)
        if token.startswith(("(", "[")):
            close()
        run.append(word)
        if not token.endswith(word):  # punctuation after it ends the run
            close()
    close()
    return found


def assert_chinese(text: str) -> None:
    assert CJK.search(text), f"no Chinese in {text!r}"
    assert not untranslated(text), f"English words {untranslated(text)} in {text!r}"


def test_checker_finds_english_and_passes_identifiers_and_values():
    assert untranslated("retention must be between 0 and 1; got 1.5") != []
    assert untranslated("保留率 retention 必须介于 0 和 1 之间；收到 1.5") == []
    assert untranslated("现金流时点 convention 必须是 'end', 'start' 之一；"
                        "收到 'middle of it'") == []
    assert untranslated("sBG 无法估计（搜索停在 alpha=0.7, beta=1.2）") == []
    assert untranslated("无法计算：got 3") == ["got"]
    assert set(untranslated("价值 value is too large")) == {"value is too large", "is"}
    assert untranslated("收到 [1, 2]（a truth value）") != []


# ------------------------------------------------------------------ the table


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_template_has_english_and_chinese_with_the_same_placeholders(key):
    english, chinese = MESSAGES[key]
    assert english and chinese != english and not CJK.search(english)
    assert placeholders(english) == placeholders(chinese)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_chinese_template_is_chinese_once_filled(key):
    english, chinese = MESSAGES[key]
    filled = chinese.format(**{p: "1" for p in placeholders(chinese)})
    if CJK.search(filled):  # a bare connective such as "{a} 和 {b}" is checked in its sentence
        assert not untranslated(filled), (key, filled)


def test_every_phrase_has_chinese():
    for english, chinese in PHRASES.items():
        assert CJK.search(chinese) and not CJK.search(english)


def test_parameter_terms_reuse_the_glossary():
    """A parameter that is a course term uses that term (one Chinese name per concept)."""
    for identifier, term in PARAMETER_TERMS.items():
        if term in _TERMS or term in _UI:
            continue
        assert CJK.search(term), identifier
        # a literal name must not be a second name for a glossary concept
        assert term not in {zh for _, _, zh in _TERMS.values()}, (identifier, term)
    assert parameter_name("acquisition_cost", "zh") == "获客成本 acquisition_cost"
    assert parameter_name("retention", "zh") == "保留率 retention"
    assert parameter_name("offer_a['product']", "zh") == "方案 A offer_a['product']"
    assert parameter_name("p2", "zh") == f"{label('purchase_probability', 'zh')} p2"
    assert parameter_name("k1", "zh") == "k1"  # no Chinese name: the identifier alone
    assert parameter_name("retention", "en") == "retention"


def test_one_term_for_acquisition_cost():
    """获客成本 everywhere, not also 客户获取成本 (glossary, labels, templates, phrases)."""
    texts = [zh for _, _, zh in _TERMS.values()] + [zh for _, zh in _UI.values()]
    texts += [zh for _, zh in MESSAGES.values()] + list(PHRASES.values())
    texts += list(PARAMETER_TERMS.values())
    assert not [t for t in texts if "客户获取成本" in t]


# ------------------------------------------------------------------ the errors


def test_errors_are_the_builtin_kinds_and_print_as_them():
    exc = fail(ValueError, "above_zero", name="margin", got="-1")
    assert isinstance(exc, ValueError) and isinstance(exc, MessageError)
    assert (exc.key, exc.fields) == ("above_zero", {"name": "margin", "got": "-1"})
    assert type(exc).__qualname__ == "ValueError" and type(exc).__name__ == "InputValueError"
    assert isinstance(fail(TypeError, "not_number", name="m", got="'a'", type="str"), TypeError)
    assert isinstance(fail(OverflowError, "no_finite_result", what="f", inputs="x=1",
                           detail="math range error"), OverflowError)
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is InputValueError and str(again) == str(exc) and again.key == exc.key


def test_unknown_template_key_is_refused():
    with pytest.raises(KeyError, match="no message template 'nope'"):
        Message("nope")


def _raised(call, *args, **kwargs) -> BaseException:
    with pytest.raises(Exception) as info:
        call(*args, **kwargs)
    return info.value


# (call, expected English text as printed before templates, expected Chinese text)
SAMPLE = [
    (lambda: check_finite("margin", float("nan")),
     "margin must be a finite number; got nan", "利润 margin 必须是有限数值；收到 nan"),
    (lambda: check_finite("margin", "abc"),
     "margin must be a number; got 'abc' (str)", "利润 margin 必须是数值；收到 'abc'（str）"),
    (lambda: check_finite("margin", 10**400),
     "margin must be a finite number; got an integer of about 401 digits, too large to compute "
     "with", "利润 margin 必须是有限数值；收到约 401 位的整数，太大，无法计算"),
    (lambda: check_positive("lifespan", -1), "lifespan must be greater than 0; got -1",
     "lifespan 必须大于 0；收到 -1"),
    (lambda: check_positive("margin", -1, allow_zero=True), "margin must be 0 or greater; got -1",
     "利润 margin 必须大于或等于 0；收到 -1"),
    (lambda: check_probability("retention", 1.5), "retention must be between 0 and 1; got 1.5",
     "保留率 retention 必须介于 0 和 1 之间；收到 1.5"),
    (lambda: check_range("discount_rate", 1.5, 0, 1, high_inclusive=False),
     "discount_rate must be between 0 and 1 (1 excluded); got 1.5",
     "折现率 discount_rate 必须介于 0 和 1 之间（不含 1）；收到 1.5"),
    (lambda: check_probability("retention_ceiling", 1, allow_zero=False, allow_one=False),
     "retention_ceiling must be between 0 and 1 (0 and 1 excluded); got 1",
     "保留率上限 retention_ceiling 必须介于 0 和 1 之间（不含 0 和 1）；收到 1"),
    (lambda: check_range("worse", 0.5, -1.0, 0.0, hint=Message("hint_worse_negative")),
     "worse must be between -1 and 0; Worse is negative by convention; got 0.5",
     "Worse（不满意系数） worse 必须介于 -1 和 0 之间；按惯例 Worse 为负值；收到 0.5"),
    (lambda: check_integer("periods", 2.5), "periods must be a whole number; got 2.5",
     "期数 periods 必须是整数；收到 2.5"),
    (lambda: check_integer("periods", 0, minimum=1),
     "periods must be a whole number of at least 1; got 0",
     "期数 periods 必须是至少为 1 的整数；收到 0"),
    (lambda: check_choice("convention", "middle", ["start", "end"]),
     "convention must be one of 'start', 'end'; got 'middle'",
     "现金流时点 convention 必须是 'start', 'end' 之一；收到 'middle'"),
    (lambda: check_array("profits", [100, float("inf")]),
     "profits must contain only finite numbers; entry 1 is inf",
     "profits 只能包含有限数值；第 1 项（从 0 数起）是 inf"),
    (lambda: check_array("resource_need", [1, 0], strictly_positive=True),
     "resource_need must contain only values greater than 0; entry 1 is 0",
     "所需资源 CR resource_need 只能包含大于 0 的值；第 1 项（从 0 数起）是 0"),
    (lambda: check_array("weights", []), "weights must not be empty; got []",
     "权重 weights 不能为空；收到 []"),
    (lambda: check_column_args("customers", __import__("pandas").DataFrame({"profit": [1.0]}),
                               {"value": "sales"}),
     "customers is missing the required column 'sales' (given as value); it has 'profit'",
     "客户 customers 缺少必需的列 'sales'（由 value 指定）；现有的列：'profit'"),
    (lambda: check_results_finite("customer_equity", {"value": float("inf")}, {"clv": 1e308}),
     "the value computed by customer_equity is not a finite number for these inputs "
     "(clv=1e+308): a value exceeds the largest number a computer can hold or is undefined; "
     "use smaller amounts (e.g. thousands instead of units)",
     "customer_equity 对这些输入（clv=1e+308）算出的 value 不是有限数值：某个值超出了计算机能"
     "表示的最大数，或没有定义；请使用较小的金额（例如以千为单位）"),
]


@pytest.mark.parametrize(("call", "english", "chinese"), SAMPLE)
def test_english_text_unchanged_and_chinese_rendered(call, english, chinese):
    exc = _raised(call)
    assert str(exc) == english
    assert message(exc, "en") == english
    assert message(exc, "zh") == chinese


def test_overflow_inside_a_computation_names_the_inputs_in_both_languages():
    with pytest.raises(OverflowError) as info, finite_or_naming("f", {"margin": 1e308}):
        raise OverflowError("math range error")
    assert str(info.value) == ("f cannot compute a finite result for these inputs (margin=1e+308): "
                               "use smaller amounts (e.g. thousands instead of units) or less "
                               "extreme rates (math range error)")
    assert message(info.value, "zh").startswith("f 无法对这些输入（margin=1e+308）算出有限的结果")
    assert message(info.value, "zh").endswith("（数学运算超出范围）")


def test_the_librarys_overflow_details_are_phrases_with_chinese():
    """Every detail raised as OverflowError("...") inside finite_or_naming has a Chinese phrase."""
    import pathlib

    import crmlib

    root = pathlib.Path(crmlib.__file__).parent
    details = set()
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for found in re.finditer(r'raise OverflowError\(\s*((?:"[^"]*"\s*)+)\)', text):
            details.add("".join(re.findall(r'"([^"]*)"', found.group(1))))
    assert "the best acquisition spend is not a finite number" in details
    missing = sorted(d for d in details if d not in PHRASES and "{" not in d)
    assert not missing


def test_a_message_raised_inside_finite_or_naming_is_its_detail_in_both_languages():
    with pytest.raises(OverflowError) as info, finite_or_naming("f", {"margin": 1e308}):
        check_results_finite("g", {"value": float("inf")}, {"x": 1})
    assert info.value.key == "no_finite_result"
    assert str(info.value).endswith("(the value computed by g is not a finite number for these "
                                    "inputs (x=1): a value exceeds the largest number a computer "
                                    "can hold or is undefined; use smaller amounts (e.g. "
                                    "thousands instead of units))")
    assert message(info.value, "zh").endswith(
        "（g 对这些输入（x=1）算出的 value 不是有限数值：某个值超出了计算机能表示的最大数，"
        "或没有定义；请使用较小的金额（例如以千为单位））")


def test_nested_parts_render_in_the_same_language():
    parts = Joined([Message("towards_zero", param="alpha"), Phrase("purchase rate")], ", ")
    assert parts.render("en") == "alpha towards 0, purchase rate"
    assert parts.render("zh") == "alpha 趋向 0、购买率"


def test_other_errors_keep_their_text():
    assert message(ZeroDivisionError("float division by zero"), "zh") == "float division by zero"
    assert message(ValueError("plain"), "en") == "plain"


def test_message_and_parameter_name_refuse_bad_arguments():
    with pytest.raises(TypeError, match=r"exc must be an error \(an exception\); got 'x' \(str\)"):
        message("x", "zh")
    with pytest.raises(TypeError, match=r"identifier must be a text; got 3 \(int\)"):
        parameter_name(3, "zh")


def test_message_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        message(InputValueError("empty", name="x", got="[]"), "fr")
