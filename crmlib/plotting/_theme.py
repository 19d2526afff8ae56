"""The kit's plot theme and the font route for Chinese text.

Chinese labels need a CJK font. The kit takes Noto Sans CJK SC (SIL Open Font
License) from the ``mplfonts`` package on PyPI, so a fresh ``pip install``
renders Chinese without any system font. The font is registered with
matplotlib's font manager once, on first use, and placed after the Latin font
in the family list, so Latin text keeps its usual look and every Chinese
glyph falls back to Noto.

Nothing here changes global matplotlib state except through :func:`set_theme`,
which a notebook may call once; plot functions apply :func:`theme_rc` only
while they draw.
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

from crmlib.i18n import check_lang

__all__ = ["CJK_FONT_FAMILY", "PALETTE", "cjk_font_path", "set_theme", "theme_context", "theme_rc"]

CJK_FONT_FAMILY = "Noto Sans CJK SC"
_CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"

# Colour-blind-safe categorical colours (seaborn "colorblind").
PALETTE = ("#0173B2", "#DE8F05", "#029E73", "#D55E00", "#CC78BC", "#CA9161", "#949494")


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """Path of the shipped CJK font file, registered with matplotlib on first call.

    Raises
    ------
    RuntimeError
        If the ``mplfonts`` package (a dependency of the kit) is missing.
    """
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "Chinese text needs the 'mplfonts' package (it carries the Noto Sans CJK SC font); "
            "install the kit with `pip install -e .` or `pip install mplfonts`"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / _CJK_FONT_FILE
    if not path.is_file():
        raise RuntimeError(f"the CJK font file was not found at {path}; reinstall 'mplfonts'")
    font_manager.fontManager.addfont(str(path))
    return path


def theme_rc(lang: str = "en") -> dict[str, object]:
    """matplotlib rc settings of the kit's theme for ``lang``.

    Both languages list the CJK font as a fallback, so a Chinese customer name
    in an English plot still renders.

    >>> theme_rc("zh")["font.family"]
    ['Noto Sans CJK SC', 'DejaVu Sans']
    """
    check_lang(lang)
    cjk_font_path()
    latin = ["DejaVu Sans"]
    order = [CJK_FONT_FAMILY, *latin] if lang == "zh" else [*latin, CJK_FONT_FAMILY]
    return {
        # Explicit families (not the generic "sans-serif"): matplotlib falls back
        # glyph by glyph only across the families listed here.
        "font.family": order,
        "axes.unicode_minus": False,
        "axes.prop_cycle": mpl.cycler(color=list(PALETTE)),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.titlesize": 12,
        "axes.labelsize": 10,
        "legend.frameon": False,
        "figure.dpi": 100,
        "savefig.dpi": 100,
    }


@contextlib.contextmanager
def theme_context(lang: str = "en") -> Iterator[None]:
    """Apply the kit's theme while drawing, then restore the caller's settings."""
    with mpl.rc_context(theme_rc(lang)):
        yield


def set_theme(lang: str = "en") -> None:
    """Apply the kit's theme globally (for a notebook's own plots)."""
    mpl.rcParams.update(theme_rc(lang))
