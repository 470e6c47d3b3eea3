"""One input of a network at a time, on answers compiled once: the levers of a sensitivity (tornado).

:class:`InputSweep` compiles each answer of a network once, loads it in a
warm :class:`flows.Model` and solves it (:class:`~symbiosis.engine.ends.SweptAnswer`);
:meth:`InputSweep.totals_many` then sets a few numbers of the network for each
end (an :class:`Edit` each: a factor, a quantity, a stream's loss, distance or
substitution ratio, a process ratio or capacity), finds where they sit in each
compiled answer (:mod:`symbiosis.engine.edits`), settles what the base optima
settle without an LP, re-solves the rest from the last basis and puts the
numbers back. Nothing is compiled again. An end that cannot balance is an
:class:`Unbalanced`, diagnosed only where asked (:func:`why_unbalanced`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from symbiosis.engine.compiled import Compiled, compile_network
from symbiosis.engine.edits import Changes, Edit
from symbiosis.engine.ends import SweptAnswer
from symbiosis.engine.solving import Solution, carry_over, infeasible_error, solve_near
from symbiosis.model import Network
from symbiosis.results import Answer

__all__ = ["Edit", "InputSweep", "Unbalanced", "why_unbalanced"]


class InputSweep:
    """The answers of ``net`` compiled once each, solved warm, and re-solved with a few numbers changed.

    Parameters
    ----------
    net : Network
        The network, in its own year.
    weights : dict
        What each answer minimises (weights over named costs).
    answers : tuple of str
        The answers to keep (``observed``, ``counterfactual``, ``optimised``); the optimised one is, like
        an evaluation's, the optimum nearest the observed flows.

    Raises
    ------
    SymbiosisError
        If an answer of the network itself cannot balance.
    """

    def __init__(self, net: Network, weights: dict[str, float], answers: tuple[Answer, ...]):
        self.weights = dict(weights)
        self.compiles = 0
        self._answers: dict[str, SweptAnswer] = {}
        for answer in answers:
            c = compile_network(net, answer)
            self.compiles += 1
            a = SweptAnswer(c, self.weights)
            if not a.base.ok:
                raise infeasible_error(c)
            self._answers[answer] = a

    def activity(self, answer: str) -> dict[str, float]:
        """Each process's activity in ``answer`` as solved (process id -> units of activity per year).

        Parameters
        ----------
        answer : str
            ``observed``, ``counterfactual`` or ``optimised``.

        Returns
        -------
        dict of str to float
            Process id to units of activity per year.
        """
        a = self._answers[answer]
        return dict(zip(a.c.process_ids, a.base.activity.tolist(), strict=True))

    @property
    def answers(self) -> tuple[str, ...]:
        """The answers kept, in order."""
        return tuple(self._answers)

    def totals(self, edits: list[Edit]) -> dict[str, dict[str, float]] | Unbalanced:
        """Per answer, the totals of every named cost with ``edits`` made; or the :class:`Unbalanced` answer
        (its :meth:`~Unbalanced.reason` says why, on demand).

        Parameters
        ----------
        edits : list of Edit
            The numbers changed.

        Returns
        -------
        dict of str to dict of str to float, or Unbalanced
            Per answer, per named cost, its total (DKK/yr, t/yr, m3/yr); or the answer that cannot balance.
        """
        return self.totals_many([edits])[0]

    def totals_many(self, ends: list[list[Edit]]) -> list[dict[str, dict[str, float]] | Unbalanced]:
        """:meth:`totals` of each list of edits in ``ends``, each alone (the same answers, in the same order
        of LPs): the ends the optimal bases certify are screened together first.

        Parameters
        ----------
        ends : list of list of Edit
            The edits of each end, made together for that end only.

        Returns
        -------
        list
            Per end, as :meth:`totals`: per answer the totals of every named cost, or the
            :class:`Unbalanced` answer.
        """
        changes = {answer: [a.changes(edits) for edits in ends] for answer, a in self._answers.items()}
        screened = {answer: (a.batch(changes[answer], a.screen(changes[answer])) if answer != "optimised"
                             else a.screen(changes[answer]))  # the pieces' optimum need not be the nearest one
                    for answer, a in self._answers.items()}
        return [self._totals({answer: chs[i] for answer, chs in changes.items()},
                             {answer: got[i] for answer, got in screened.items()}) for i in range(len(ends))]

    def _totals(self, changes: dict[str, Changes], screened: dict[str, dict[str, float] | None]):
        out: dict[str, dict[str, float]] = {}
        sols: dict[str, Solution] = {}
        for answer, a in self._answers.items():
            ch = changes[answer]
            if ch.invalid:
                return Unbalanced(answer, None, None, ch.invalid)
            if answer == "optimised":
                obs = self._answers.get("observed")
                got = self._near(a, ch, screened[answer], obs, sols.get("observed"))
            else:
                got = a.solve(ch, screened[answer], tried=True)
            if isinstance(got, dict):
                out[answer] = got
                continue
            if not got.ok:
                return Unbalanced(answer, lambda a=a, ch=ch: a.variant(ch), got)
            sols[answer], out[answer] = got, dict(got.totals)
        return out

    def _near(self, a: SweptAnswer, ch: Changes, screened, obs: SweptAnswer | None, obs_sol: Solution | None):
        got = a.solve(ch, screened, tried=True)
        if isinstance(got, dict) or not got.ok or obs is None:
            return got
        variant = a.variant(ch)
        sol = obs_sol if obs_sol is not None else obs.base
        return solve_near(variant, a.weights if ch.weights is None else ch.weights,
                          carry_over(obs.c, sol, variant))


@dataclass(eq=False)
class Unbalanced:
    """An answer that cannot balance with the edits made: ``answer``, and :meth:`reason` (a diagnosis: one
    or two more LPs, so asked for only where it is shown)."""

    answer: str
    variant: Callable[..., Compiled] | None  # the compiled answer with the edits made (built only when asked)
    solution: Solution | None
    said: str = ""

    def reason(self) -> str:
        """The first thing that cannot balance, in one clause (:func:`why_unbalanced`)."""
        if not self.said:
            assert self.variant is not None and self.solution is not None  # given wherever ``said`` is not
            self.said = why_unbalanced(self.variant(), self.solution)
        return self.said

    def __str__(self) -> str:
        return self.said or f"the {self.answer} flows cannot balance"


def why_unbalanced(c: Compiled, sol: Solution) -> str:
    """The first thing that cannot balance, in one clause (the full diagnosis is `symbiosis validate`'s)."""
    if sol.status != "infeasible":
        return f"the solver stopped ({sol.status})"
    problems = infeasible_error(c).problems
    if not problems:
        return f"the {c.answer} flows cannot balance"
    message = problems[0].message
    limit = message[message.index(" (or change"):] if " (or change" in message else ""
    return f"{c.answer} flows: " + message.split(";")[0].split(" (or change")[0] + limit
