"""Build the handouts: one HTML page per course notebook that works offline.

    python jupyter/handouts.py [NOTEBOOK_DIR] [OUT_DIR]       (``make handouts``)

Every page shows the notebook as executed (its stored outputs; nothing is
re-run) with the formulas typeset by a copy of MathJax placed beside the pages
(``OUT_DIR/mathjax``, from the ``jupyter-server-mathjax`` package), so the
folder can be copied to a classroom without internet. A widget cannot run
without Python, so each widget output becomes a static snapshot of its stored
state (control values, the message with its formula, the chart) with a note on
where to use it live. ``OUT_DIR/index.html`` lists the pages.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from pathlib import Path
from typing import Any

import jupyter_server_mathjax
import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEMPLATES = HERE / "nbconvert" / "templates"
MATHJAX_SOURCE = Path(jupyter_server_mathjax.__file__).resolve().parent / "static"
MATHJAX_DIR = "mathjax"
MATHJAX_URL = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_BOXES = {"VBoxModel": "column", "BoxModel": "column", "HBoxModel": "row", "GridBoxModel": "row"}
NOTE = ("Snapshot of an interactive widget (交互组件快照) with its starting values: "
        "open the notebook in JupyterLab (<code>make lab</code>) or the presentation "
        "mode (<code>make present</code>) to move its controls.")


def _control_value(state: dict[str, Any]) -> str:
    if "_options_labels" in state:  # Dropdown, RadioButtons, ...: the label of the choice
        index = state.get("index")
        labels = state["_options_labels"]
        return labels[index] if isinstance(index, int) and 0 <= index < len(labels) else ""
    value = state.get("value")
    if isinstance(value, bool):
        return "☑" if value else "☐"
    return "" if value is None else str(value)


def widget_snapshot(model_id: str, models: dict[str, Any]) -> str:
    """Static HTML for the widget ``model_id`` from a notebook's stored widget state."""
    model = models.get(model_id)
    if model is None:
        return ""
    name, state = model.get("model_name", ""), model.get("state", {})
    if state.get("layout") and (layout := models.get(state["layout"].replace("IPY_MODEL_", ""))):
        if layout.get("state", {}).get("display") == "none":
            return ""
    if name in _BOXES:
        children = "".join(widget_snapshot(child.replace("IPY_MODEL_", ""), models)
                           for child in state.get("children", []))
        return (f'<div style="display:flex; flex-direction:{_BOXES[name]}; gap:4px;">'
                f"{children}</div>")
    if name in {"HTMLModel", "HTMLMathModel"}:
        return f"<div>{state.get('value', '')}</div>"
    if name == "LabelModel":
        return f"<div>{html.escape(str(state.get('value', '')))}</div>"
    if name == "ImageModel":
        buffers = {tuple(b["path"]): b for b in model.get("buffers", [])}
        image = buffers.get(("value",))
        if image is None or image.get("encoding") != "base64":
            return ""
        return (f'<img style="max-width:100%;" alt="chart" '
                f'src="data:image/{state.get("format", "png")};base64,{image["data"]}">')
    if "description" in state and ("value" in state or "index" in state):
        return (f"<div><b>{html.escape(state['description'])}</b>: "
                f"{html.escape(_control_value(state))}</div>")
    return ""


class WidgetSnapshots(Preprocessor):
    """Replace widget outputs by static snapshots; drop the stored widget state."""

    def preprocess(self, nb, resources):
        models = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        for cell in nb.cells:
            for i, output in enumerate(cell.get("outputs", [])):
                view = output.get("data", {}).get(WIDGET_VIEW)
                if view is None:
                    continue
                snapshot = widget_snapshot(view.get("model_id", ""), models)
                cell.outputs[i] = nbformat.v4.new_output(
                    "display_data",
                    data={"text/html": (
                        '<div class="kit-widget-snapshot" style="border:1px dashed #999; '
                        f'padding:8px;"><p><i>{NOTE}</i></p>{snapshot}</div>')},
                )
        nb.metadata.pop("widgets", None)
        return nb, resources


def exporter() -> HTMLExporter:
    """nbconvert's HTML exporter with the handout template and the local MathJax."""
    html_exporter = HTMLExporter(
        template_name="handout",
        extra_template_basedirs=[str(TEMPLATES)],
        mathjax_url=MATHJAX_URL,
        embed_images=True,
    )
    html_exporter.register_preprocessor(WidgetSnapshots(), enabled=True)
    return html_exporter


def build(notebooks: Path, out: Path) -> list[Path]:
    """Write ``out/<notebook>.html`` for every notebook, the MathJax copy and an index."""
    paths = sorted(notebooks.glob("*.ipynb"))
    if not paths:
        raise SystemExit(f"no notebooks (*.ipynb) in {notebooks}")
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(MATHJAX_SOURCE, out / MATHJAX_DIR, dirs_exist_ok=True)
    html_exporter = exporter()
    pages = []
    for path in paths:
        body, _ = html_exporter.from_notebook_node(nbformat.read(path, as_version=4))
        page = out / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        pages.append(page)
    items = "\n".join(f'<li><a href="{p.name}">{html.escape(p.stem)}</a></li>' for p in pages)
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>CRM Value Lab handouts</title></head>\n"
        "<body><h1>CRM Value Lab: course notebooks 课程讲义</h1>\n"
        f"<ul>\n{items}\n</ul></body></html>\n",
        encoding="utf-8",
    )
    return pages


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="?", type=Path, default=ROOT / "notebooks")
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "handouts")
    args = parser.parse_args(argv)
    pages = build(args.notebooks, args.out)
    print(f"{len(pages)} handouts in {args.out}/ (open index.html; works offline)")


if __name__ == "__main__":
    main(sys.argv[1:])
