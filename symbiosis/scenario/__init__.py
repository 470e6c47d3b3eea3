"""Scenarios: a base network, a horizon of years, events by year and uncertain parameters.

A scenario file (YAML or JSON) says which network to start from (a bundled
name or a file, relative to the scenario file), the years to simulate, what
happens in which year, and which numbers are uncertain::

    name: End of FGD gypsum for Gyproc
    network: kalundborg
    horizon: 2019-2024
    events:
      - {year: 2021, type: convert, actor: asnaes, ends: [fgd-gypsum]}
      - {year: 2022, type: change, quantity: demand, actor: novo-nordisk,
         resource: steam, growth: 0.03}
    uncertain:
      - {quantity: factor, factor: virgin_price, resource: natural-gypsum,
         distribution: triangular, low: 0.8, mode: 1.0, high: 1.3}

The network of year ``t`` is the base network with every event of a year up
to ``t`` applied in year order (and file order within a year); events are
lasting changes. Growth compounds: a quantity with ``growth: g`` from year
``y`` is ``base x (1 + g) ** (t - y)`` in year ``t``. Every change is a copy
of a frozen :class:`~symbiosis.model.Network` (``model_copy``); the year
network is validated as a whole before it is used.

Uncertain parameters draw a multiplier of the year's value (``applies:
scale``, the default) or the value itself (``applies: value``); draws that
would make a quantity negative are clipped at 0. Sample ``k`` of a run with
seed ``s`` draws from ``numpy.random.default_rng([s, k])``, so a sample is the
same whatever the executor or the batching.
"""

from symbiosis.scenario.events import apply_event, change_quantity, remove_actors, remove_streams
from symbiosis.scenario.loading import ScenarioSpec, is_scenario_file, load_scenario, network_in_year
from symbiosis.scenario.spec import EVENT_TYPES, Change, Event, Horizon, Scenario, Target, Uncertain, scenario_schema

__all__ = ["Change", "EVENT_TYPES", "Event", "Horizon", "Scenario", "ScenarioSpec", "Target", "Uncertain",
           "apply_event", "change_quantity", "is_scenario_file", "load_scenario", "network_in_year", "remove_actors",
           "remove_streams", "scenario_schema"]
