"""DiscretePlayer (docsync/widgets/player.py): a player over options, seen on the wire as
labels and an index."""

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.core.model import props_json
from docsync.exceptions import ArgumentError, Invalid

w = pn.widgets


def test_the_page_sees_labels_and_the_index_of_the_value():
    marker = object()
    player = w.DiscretePlayer(name="Year", options={"2020": 20, "2021": [21], "x": marker},
                              value=[21], interval=250, loop_policy="loop")
    wire = props_json(player, str)
    assert (wire["labels"], wire["value"], wire["end"]) == (["2020", "2021", "x"], 1, 2)
    assert "options" not in wire and wire["show_value"] is True
    assert player.values == [20, [21], marker] and player.labels == ["2020", "2021", "x"]
    numbers = w.DiscretePlayer(options=[2, 4, 8])
    assert numbers.value == 2 and props_json(numbers, str)["labels"] == ["2", "4", "8"]


def test_the_browser_sends_an_index_and_the_server_takes_that_option():
    marker = object()
    player = w.DiscretePlayer(options=["a", marker, "c"])
    assert check_client_value(player, "value", 1) is marker
    assert check_client_value(player, "direction", -1) == -1
    for prop, bad, words in [("value", 3, "not an option's index"), ("value", -1, "index"),
                             ("value", 1.5, "whole number"), ("value", "a", "not a number"),
                             ("direction", 2, "-1, 0 or 1")]:
        with pytest.raises(Invalid, match=words):
            check_client_value(player, prop, bad)


def test_values_not_in_the_options_raise_and_new_options_move_the_value():
    player = w.DiscretePlayer(name="p", options=[1, 2, 3], value=3)
    with pytest.raises(ValueError, match="4 is not one of the options"):
        player.value = 4
    with pytest.raises(ValueError, match="'z' is not one of the options"):
        w.DiscretePlayer(options=["a"], value="z")
    player.options = [5, 6]
    assert player.value == 5
    player.options = [5, 6, 7]
    player.value = 7
    assert props_json(player, str)["value"] == 2


def test_play_pause_reverse_and_panel_arguments():
    player = w.DiscretePlayer(options=["a", "b"], preview_duration=1500)
    player.play()
    assert player.direction == 1
    player.reverse()
    assert player.direction == -1
    player.pause()
    assert player.direction == 0
    with pytest.raises(ArgumentError, match="value_throttled"):
        w.DiscretePlayer(options=["a"], value_throttled="a")
    with pytest.raises(ArgumentError, match="buttons"):
        w.DiscretePlayer(options=["a"], visible_buttons=["play"])
