"""Both languages: labels, glossary, and Chinese text rendered without missing glyphs."""

from __future__ import annotations

import io
import warnings

import pytest
from matplotlib.figure import Figure

from crmlib import i18n
from crmlib.plotting import CJK_FONT_FAMILY, theme_context, theme_rc


def test_every_term_has_both_languages():
    terms = i18n.glossary()
    assert not terms.empty
    assert terms["en"].str.len().gt(0).all()
    # every Chinese term holds at least one CJK ideograph
    assert terms["zh"].str.contains(r"[\u4e00-\u9fff]").all()


def test_label_rejects_unknown_language():
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        i18n.label("clv", "fr")


def test_label_rejects_unknown_key():
    with pytest.raises(KeyError, match="no label for key 'nonsense'"):
        i18n.label("nonsense")
    # a bad argument, so a ValueError too (the one kind of error widgets show as input errors)
    with pytest.raises(ValueError, match="no label for key 'nonsense'"):
        i18n.bilingual("nonsense")


def test_label_refuses_a_key_that_is_not_a_text():
    # issue 7: label(["clv"]) raised "unhashable type: 'list'"
    with pytest.raises(TypeError,
                       match=r"key must be a text such as 'clv'; got \['clv'\] \(list\)"):
        i18n.label(["clv"])


def test_glossary_rejects_unknown_topic():
    with pytest.raises(ValueError, match="topic must be one of"):
        i18n.glossary("astronomy")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chinese_text_renders_without_missing_glyphs(lang):
    """Every glossary term drawn into a PNG; matplotlib warns "Glyph ... missing" on a gap."""
    text = " ".join(i18n.glossary()["zh"]) + " 客户终身价值 ¥1,000,000 −5%"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with theme_context(lang):
            fig = Figure()
            ax = fig.add_subplot()
            ax.set_title(text[:40])
            ax.set_xlabel(text[40:80])
            ax.text(0.1, 0.5, text)
            fig.savefig(io.BytesIO(), format="png")
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []


def test_zh_theme_puts_the_cjk_font_first():
    assert theme_rc("zh")["font.family"][0] == CJK_FONT_FAMILY
    assert theme_rc("en")["font.family"][0] == "DejaVu Sans"
