"""A small evaluator for the catalog's ``formula`` rules; never ``eval()``.

A formula is a Python-syntax expression over ``{field.key}`` placeholders using numbers,
``+ - * / % **``, comparisons, ``and``/``or``/``not`` and the functions ``min``, ``max``,
``abs`` and ``round``. Anything else is refused with :class:`FormulaError`.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

from shenbao.core.errors import ShenbaoError

PLACEHOLDER_RE = re.compile(r"\{([A-Za-z0-9_.]+)\}")
FUNCTIONS: dict[str, Callable[..., Any]] = {"min": min, "max": max, "abs": abs, "round": round}
BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
UNARY: dict[type[ast.unaryop], Callable[[Any], Any]] = {
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
    ast.Not: operator.not_,
}


class FormulaError(ShenbaoError):
    """A formula uses syntax the evaluator does not allow."""


def placeholders(formula: str) -> list[str]:
    """Field keys named in the formula, in order of appearance."""
    return PLACEHOLDER_RE.findall(formula)


def evaluate(formula: str, values: Mapping[str, Any]) -> Any:
    """Value of ``formula`` with each ``{key}`` replaced by ``values[key]``."""
    names: dict[str, Any] = {}

    def substitute(match: re.Match[str]) -> str:
        name = f"v{len(names)}"
        names[name] = values[match.group(1)]
        return name

    try:
        tree = ast.parse(PLACEHOLDER_RE.sub(substitute, formula), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"formula {formula!r} is not an expression: {exc.msg}") from None
    return _eval(tree.body, names, formula)


def _eval(node: ast.AST, names: dict[str, Any], formula: str) -> Any:
    match node:
        case ast.Constant(value=value) if isinstance(value, (int, float, bool)):
            return value
        case ast.Name(id=name) if name in names:
            return names[name]
        case ast.BinOp(left=left, op=op, right=right) if type(op) in BINARY:
            return BINARY[type(op)](_eval(left, names, formula), _eval(right, names, formula))
        case ast.UnaryOp(op=unary_op, operand=operand) if type(unary_op) in UNARY:
            return UNARY[type(unary_op)](_eval(operand, names, formula))
        case ast.BoolOp(op=ast.And(), values=items):
            return all(_eval(v, names, formula) for v in items)
        case ast.BoolOp(op=ast.Or(), values=items):
            return any(_eval(v, names, formula) for v in items)
        case ast.Compare(left=left, ops=ops, comparators=rights):
            current = _eval(left, names, formula)
            for cmp_op, right in zip(ops, rights, strict=False):
                if type(cmp_op) not in COMPARE:
                    break
                value = _eval(right, names, formula)
                if not COMPARE[type(cmp_op)](current, value):
                    return False
                current = value
            else:
                return True
        case ast.Call(func=ast.Name(id=fn), args=args, keywords=[]) if fn in FUNCTIONS:
            return FUNCTIONS[fn](*[_eval(a, names, formula) for a in args])
    raise FormulaError(f"formula {formula!r}: {type(node).__name__} is not allowed")
