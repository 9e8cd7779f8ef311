"""The figures the generator is calibrated to, and the probabilities derived from them.

Every constant names where it comes from: the chapter (with its footnote), or an
explicit assumption of ours where the chapter is silent. ``docs/synthetic.md``
walks through the arithmetic; ``tests/unit/test_synthetic.py`` checks that a
generated country reproduces the chapter's ratios, and
``tests/unit/test_synthetic_calibration.py`` that every field of
:class:`Calibration` changes the country it generates.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CALIBRATION", "Calibration", "OwnershipRates"]

# -- the chapter (Giles, Park and Cai, cited in fn 20-21; NBS; fn 28) -----------------
#: Leavers from state and collective firms, 1995-2001 (millions; fn 21).
STATE_LEAVERS_M = 46.0
COLLECTIVE_LEAVERS_M = 18.6
#: Registered as laid off by end 2001 (millions; fn 21): 43 in all, 34 from state firms.
REGISTERED_M = 43.0
REGISTERED_STATE_M = 34.0
#: Still laid off at the end of 2001 (millions; NBS yearbook 2003, fn 20).
STILL_LAID_OFF_2001_M = 5.15
#: "about 95 percent ... have gotten their basic livelihood allowance" (fn 28).
ALLOWANCE_SHARE = 0.95

# -- our assumptions (the chapter gives no figure) -------------------------------------
#: 1995 workforce in millions, to turn leaver counts into leaver rates. These are
#: China Statistical Yearbook figures (state-owned units ~112.6, urban collectives
#: ~31.5), NOT from the chapter; they set how many workers stay on post.
STATE_WORKFORCE_1995_M = 112.6
COLLECTIVE_WORKFORCE_1995_M = 31.5


@dataclass(frozen=True)
class OwnershipRates:
    """Per-worker probabilities for one ownership, solved for firms that still operate."""

    leave: float  # a worker of an operating firm left 1995-2001
    counted: float  # a leaver of an operating firm is registered as laid off


@dataclass(frozen=True)
class Calibration:
    """Tunable shares; the defaults reproduce the chapter's figures in expectation."""

    workers_per_city: int = 50_000
    cities_per_province: int = 10
    #: share of firms that collapsed or merged: all their workers left, none counted.
    closed_firm_share_state: float = 0.05
    closed_firm_share_collective: float = 0.10
    #: Stars per worker: the Wuhan union managed 37 reemployment bases in August 2000
    #: (fn 54); over Wuhan's roughly 10^5 leavers of the model's scale that is ~5e-4
    #: per worker.
    model_share: float = 0.0005
    #: Share of the stars' ventures endorsed as reemployment bases (assumption: most,
    #: since the chapter's stars are its bases' founders; the rest do not qualify).
    base_share: float = 0.6
    #: Where counted leavers who left the centre went (assumption; the chapter is silent).
    after_centre: tuple[tuple[str, float], ...] = (
        ("reemployed", 0.5),
        ("self_employed", 0.2),
        ("unemployed", 0.3),
    )
    #: Share of reemployed workers hired by a venture of a star in their city.
    hired_by_base_share: float = 0.1
    #: Uncounted statuses, equally likely (the chapter lists them, gives no split).
    uncounted_statuses: tuple[str, ...] = (
        "fired",
        "long_holiday",
        "early_retired",
        "liangbuzhao",
        "tingxin_liuzhi",
    )

    @property
    def state_workforce_share(self) -> float:
        """Share of the 1995 workforce in state firms (rest: collectives)."""
        return STATE_WORKFORCE_1995_M / (STATE_WORKFORCE_1995_M + COLLECTIVE_WORKFORCE_1995_M)

    @property
    def still_laid_off_share(self) -> float:
        """Of the registered, the share still laid off (in a centre) at end 2001."""
        return STILL_LAID_OFF_2001_M / REGISTERED_M

    def rates(self, ownership: str) -> OwnershipRates:
        """Leave and counted rates in operating firms, so the totals match the chapter.

        Closed firms lose every worker, uncounted; operating firms make up the rest:
        ``leave_op = (L - f) / (1 - f)`` and ``counted_op = q * L / (L - f)``, where
        ``L`` is the overall leaver rate, ``q`` the counted share and ``f`` the
        share of the workforce in closed firms.
        """
        if ownership == "state":
            leave = STATE_LEAVERS_M / STATE_WORKFORCE_1995_M
            counted = REGISTERED_STATE_M / STATE_LEAVERS_M
            closed = self.closed_firm_share_state
        else:
            leave = COLLECTIVE_LEAVERS_M / COLLECTIVE_WORKFORCE_1995_M
            counted = (REGISTERED_M - REGISTERED_STATE_M) / COLLECTIVE_LEAVERS_M
            closed = self.closed_firm_share_collective
        return OwnershipRates(
            leave=(leave - closed) / (1 - closed), counted=counted * leave / (leave - closed)
        )


CALIBRATION = Calibration()
