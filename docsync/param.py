"""Panel's ``pn.param`` namespace: the panes that show parameters and functions of them.

``pn.param.Param``, ``pn.param.ParamFunction``, ``pn.param.ParamMethod`` and
``pn.param.ReactiveExpr`` are docsync's panes of the same names (``docsync.pane``).
"""

from docsync.pane import Param, ParamFunction, ParamMethod, ReactiveExpr

__all__ = ["Param", "ParamFunction", "ParamMethod", "ReactiveExpr"]
