"""Planning with a network: which links to build, what trades against what, what breaks, what is worth what.

- :mod:`.design`: which candidate streams to build (MILP), with payback; would we build the running ones again.
- :mod:`.pareto`: Pareto fronts between two or three bottom lines.
- :mod:`.stress`: each actor or stream taken out, the rest re-optimised.
- :mod:`.prices`: shadow prices per balance and price ranges per stream.
- :mod:`.assignment`: which social-economy enterprise serves which member.
"""
