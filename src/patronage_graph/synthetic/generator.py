"""``generate(workers, seed)``: a synthetic country as a stream of records.

The country is built city by city, each from its own random stream seeded by
``(seed, city)``, so the output is the same for a seed and memory holds one
city at a time, whatever ``workers`` is::

    >>> from patronage_graph.synthetic import generate
    >>> records = list(generate(workers=2_000, seed=7))
    >>> sum(1 for r in records if getattr(r, "label", None) == "Worker")
    2000
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from .calibration import CALIBRATION, Calibration
from .context import CityContext, Emitter
from .firms import Firm, firms, plan_firms
from .records import Record
from .skeleton import city_offices, districts, nation, province
from .stars import ventures

__all__ = ["CountryShape", "generate", "generate_part", "shape"]


@dataclass(frozen=True)
class CountryShape:
    """How many provinces and cities a country of ``workers`` workers has."""

    workers: int
    cities: int
    provinces: int

    def city_workers(self, city: int) -> int:
        """Workers of one city: an even split, the first cities taking the remainder."""
        base, extra = divmod(self.workers, self.cities)
        return base + (1 if city < extra else 0)

    def province_of(self, city: int) -> int:
        return city * self.provinces // self.cities


def shape(workers: int, cal: Calibration = CALIBRATION) -> CountryShape:
    """Cities of about ``cal.workers_per_city`` workers, grouped into provinces."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    cities = max(1, math.ceil(workers / cal.workers_per_city))
    return CountryShape(workers, cities, max(1, math.ceil(cities / cal.cities_per_province)))


def prefix_of(seed: int) -> str:
    """The id prefix of a seed's country: two seeds can share a database."""
    return f"syn{seed}"


@dataclass(frozen=True)
class _Country:
    """What every city hangs from: the shared emitter, the nation's and provinces' ids."""

    seed: int
    prefix: str
    shape: CountryShape
    emit: Emitter
    top: dict[str, str]
    provinces: list[dict[str, str]]


def _country(workers: int, seed: int, cal: Calibration) -> tuple[_Country, list[Record]]:
    """The country above its cities, and its records: the Source, nation and provinces."""
    prefix, country = prefix_of(seed), shape(workers, cal)
    emit = Emitter(f"{prefix}-source")
    head: list[Record] = [
        emit.node(
            "Source",
            emit.source_id,
            f"Synthetic country, seed {seed}",
            kind="synthetic",
            date="generated",
            citation=(
                f"patronage-graph synthetic generator: {workers} workers, seed "
                f"{seed}; calibrated to Solinger (2007), see docs/synthetic.md"
            ),
        )
    ]
    top, records = nation(emit, prefix)
    head += records
    provinces: list[dict[str, str]] = []
    for p in range(country.provinces):
        ids, records = province(emit, prefix, p, top)
        provinces.append(ids)
        head += records
    return _Country(seed, prefix, country, emit, top, provinces), head


def _cities(country: _Country, indexes: range, cal: Calibration) -> Iterator[Record]:
    for c in indexes:
        ctx = CityContext(
            c,
            f"{country.prefix}-c{c}",
            random.Random(f"{country.seed}:{c}"),
            country.emit,
            country.top,
            country.provinces[country.shape.province_of(c)],
        )
        yield from city(ctx, country.shape.city_workers(c), cal)


def generate(workers: int, seed: int = 1, cal: Calibration = CALIBRATION) -> Iterator[Record]:
    """Every node and relationship of a synthetic country, nation first, then city by city."""
    country, head = _country(workers, seed, cal)
    yield from head
    yield from _cities(country, range(country.shape.cities), cal)


def generate_part(
    workers: int, seed: int, part: int, parts: int, cal: Calibration = CALIBRATION
) -> Iterator[Record]:
    """Part ``part`` of ``parts`` of :func:`generate`'s records, for parallel writers.

    Part 0 has the country above the cities; part ``k`` has cities ``k``, ``k + parts``,
    ... (cities are of one size, so the parts are too). Each city has its own random
    stream, so the parts together hold exactly :func:`generate`'s records.
    """
    if not 0 <= part < parts:
        raise ValueError(f"part {part} is not among 0..{parts - 1}")
    country, head = _country(workers, seed, cal)
    if part == 0:
        yield from head
    yield from _cities(country, range(part, country.shape.cities, parts), cal)


def city(ctx: CityContext, workers: int, cal: Calibration) -> Iterator[Record]:
    """One city: offices, districts, firms, stars' ventures, workers and quotas."""
    yield from city_offices(ctx)
    yield from districts(ctx, max(2, min(10, workers // 8_000 + 2)))
    plan = plan_firms(ctx, workers, cal)
    yield from ventures(ctx, plan, cal)
    yield from firms(ctx, plan, cal)
    yield from _city_quotas(ctx, plan)


def _city_quotas(ctx: CityContext, plan: list[Firm]) -> Iterator[Record]:
    """Quotas passed down: province to city, city to each bureau and district labor market."""
    emit, labor = ctx.emit, ctx.offices["labor"]
    per_bureau: dict[str, int] = {}
    for firm in plan:
        if firm.ownership == "state" and firm.operating:
            settled = firm.counts.get("reemployed", 0) + firm.counts.get("self_employed", 0)
            per_bureau[firm.boss] = per_bureau.get(firm.boss, 0) + settled
    for bureau, amount in per_bureau.items():
        yield emit.rel(
            "ALLOCATES_QUOTA",
            labor,
            bureau,
            quotaKind="reemployment",
            amount=amount,
            unit="workers",
            year=1999,
        )
    yield emit.rel(
        "ALLOCATES_QUOTA",
        ctx.province["labor"],
        labor,
        quotaKind="reemployment",
        amount=sum(per_bureau.values()),
        unit="workers",
        year=1999,
    )
    for d in ctx.districts:
        yield emit.rel(
            "ALLOCATES_QUOTA",
            labor,
            d.labor_market,
            quotaKind="training",
            amount=ctx.rng.randint(200, 2_000),
            unit="trainees",
            year=1999,
        )
