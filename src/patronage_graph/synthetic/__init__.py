"""A synthetic country calibrated to the chapter: generator, CSV writer, loaders.

>>> from patronage_graph.synthetic import generate          # doctest: +SKIP
>>> for record in generate(workers=10_000, seed=1): ...     # doctest: +SKIP
"""

from __future__ import annotations

from .calibration import CALIBRATION, Calibration
from .generator import CountryShape, generate, shape
from .records import Node, Record, Rel, check_record

__all__ = [
    "CALIBRATION",
    "Calibration",
    "CountryShape",
    "Node",
    "Record",
    "Rel",
    "check_record",
    "generate",
    "shape",
]
