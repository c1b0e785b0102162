"""Player (docsync/widgets/player.py)."""

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.exceptions import Invalid

w = pn.widgets


def test_the_browser_sends_values_within_the_ends_and_a_direction():
    player = w.Player(start=0, end=5, loop_policy="loop", interval=200)
    assert check_client_value(player, "value", 5) == 5
    assert check_client_value(player, "direction", -1) == -1
    assert check_client_value(player, "loop_policy", "reflect") == "reflect"
    for prop, bad, words in [("value", 6, "at most 5"), ("value", 1.5, "whole number"),
                             ("direction", 2, "-1, 0 or 1"), ("loop_policy", "twice", "twice")]:
        with pytest.raises(Invalid, match=words):
            check_client_value(player, prop, bad)


def test_play_pause_and_reverse_set_the_direction():
    player = w.Player()
    player.play()
    assert player.direction == 1
    player.reverse()
    assert player.direction == -1
    player.pause()
    assert player.direction == 0
