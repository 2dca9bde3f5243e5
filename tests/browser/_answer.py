"""Answer one self-check item in the browser, right or wrong, from its YAML (any of the 7 types)."""

from __future__ import annotations

import re

WRONG_TEXT = "Лондон"  # a place no item of the course has as its answer
_NUMBER = re.compile(r"^\d+\.\s*")


def box(page, item: dict):
    """Return the item's own box (a nested item's box inside its context item)."""
    return page.locator(f".tmd-item--{item['id']}").first


def _text(rows: list[dict], row_id: str, lang: str) -> str:
    return next(" ".join(r["text"][lang].split()) for r in rows if r["id"] == row_id)


def response(item: dict, right: bool) -> object:
    """Return the response to give: the answer, or a wrong one (never an invalid one)."""
    kind, answer = item["type"], item["answer"]
    if right:
        return answer
    others = [o["id"] for o in item.get("options", ()) if o["id"] not in answer]
    if kind == "single":
        return next(o["id"] for o in item["options"] if o["id"] != answer)
    if kind == "multiple":
        return others[:1]
    if kind == "year":
        return answer - 10 - item.get("tolerance", 0)  # beyond "close", never in the future
    if kind == "text":
        return WRONG_TEXT
    if kind == "order":
        return list(reversed(answer))  # every neighbouring pair the wrong way round: no credit
    if kind == "match":
        ids = [o["id"] for o in item["options"]]
        return {row: next(i for i in ids if i != option) for row, option in answer.items()}
    raise ValueError(f"no answer to give an item of type {kind!r}")


def entered(item: dict, right: bool, lang: str) -> object:
    """Return the response as the controls hold it: a typed answer is the text in lang."""
    given = response(item, right)
    if item["type"] == "text":
        return given[lang] if right else given
    return str(given) if item["type"] == "year" else given


def _order(page, item: dict, target: list[str], lang: str) -> None:
    """Put the rows in target order with the list and the ↑ button, as a keyboard user would."""
    here = box(page, item)
    rows = here.locator(".tmd-order select")
    for goal, option_id in enumerate(target):
        label = _text(item["options"], option_id, lang)
        shown = [
            _NUMBER.sub("", " ".join(t.split())) for t in rows.locator("option").all_inner_texts()
        ]
        index = shown.index(label)
        if index == goal:
            continue
        rows.select_option(index=index)
        for step in range(index - goal):
            here.locator(".tmd-up").click()
            page.wait_for_function(
                "([el, i, text]) => el.options[i] && el.options[i].text.replace(/\\s+/g, ' ')"
                ".endsWith(text)",
                arg=[rows.element_handle(), index - step - 1, label],
            )


def give(page, item: dict, right: bool, lang: str = "kk") -> None:
    """Enter the right (or a wrong) answer of one item; does not press Check."""
    here, kind, given = box(page, item), item["type"], entered(item, right, lang)
    if kind == "single":
        here.get_by_label(_text(item["options"], given, lang), exact=True).check()
    elif kind == "multiple":
        for option in item["options"]:
            tick = here.get_by_label(_text(item["options"], option["id"], lang), exact=True)
            tick.set_checked(option["id"] in given)
    elif kind in ("text", "year"):
        here.locator(".tmd-answer input").fill(given)
    elif kind == "order":
        _order(page, item, given, lang)
    elif kind == "match":
        for row, option in given.items():
            menu = here.get_by_label(_text(item["left"], row, lang), exact=True)
            menu.select_option(label=_text(item["options"], option, lang))
    else:
        raise ValueError(f"no answer to give an item of type {kind!r}")


def answer(page, item: dict, right: bool, lang: str = "kk"):
    """Answer an item, press its Check button and return the locator of its feedback verdict."""
    give(page, item, right, lang)
    here = box(page, item)
    here.locator(".tmd-check").first.click()
    status = "right" if right else "wrong"
    verdict = here.locator(f".tmd-feedback .tmd-verdict-{status}")
    verdict.wait_for(timeout=10_000)
    return verdict


def answers(item: dict) -> list[dict]:
    """Return the items to answer for one shown item: itself, or a context item's nested items."""
    return list(item["items"]) if item["type"] == "context" else [item]


def shown_response(page, item: dict, lang: str) -> object:
    """Read back the answer the item's controls show, as ids (as the checker would get it)."""
    here, kind = box(page, item), item["type"]
    by_text = {
        _text(item.get("options", ()), o["id"], lang): o["id"] for o in item.get("options", ())
    }
    if kind == "single":
        checked = here.locator("input[type=radio]:checked")
        return by_text.get(" ".join(checked.locator("xpath=..").inner_text().split()))
    if kind == "multiple":
        return [
            o["id"]
            for o in item["options"]
            if here.get_by_label(_text(item["options"], o["id"], lang), exact=True).is_checked()
        ]
    if kind in ("text", "year"):
        return here.locator(".tmd-answer input").input_value()
    if kind == "order":
        labels = here.locator(".tmd-order select option").all_inner_texts()
        return [by_text[_NUMBER.sub("", " ".join(t.split()))] for t in labels]
    if kind == "match":
        shown = {}
        for row in item["left"]:
            menu = here.get_by_label(_text(item["left"], row["id"], lang), exact=True)
            chosen = menu.evaluate("el => el.options[el.selectedIndex].text")
            shown[row["id"]] = by_text.get(" ".join(chosen.split()))
        return shown
    raise ValueError(f"no answer to read from an item of type {kind!r}")
