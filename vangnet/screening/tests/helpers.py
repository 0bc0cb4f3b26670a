"""Answer sets that tests build on: everything fine, or chosen items counting."""

from collections.abc import Iterable

from vangnet.screening.engine import Answer, Instrument, Item, ItemType


def quiet_answer(item: Item) -> Answer:
    """An answer that earns the item no points."""
    if item.type is ItemType.CHOICE:
        return next(option.code for option in item.options if option.points == 0)
    band = next(band for band in item.bands if band.points == 0)
    return band.high


def counting_answer(item: Item) -> Answer:
    """An answer that earns the item its full points."""
    if item.type is ItemType.CHOICE:
        return next(option.code for option in item.options if option.points == item.max_points)
    band = next(band for band in item.bands if band.points == item.max_points)
    return band.low


def answers_counting(instrument: Instrument, link_ids: Iterable[str] = ()) -> dict[str, Answer]:
    """Quiet answers everywhere except ``link_ids``, which earn their full points."""
    counting = set(link_ids)
    return {
        item.link_id: counting_answer(item) if item.link_id in counting else quiet_answer(item)
        for item in instrument.items
    }
