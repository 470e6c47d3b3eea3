"""The social bottom line: supported jobs, public-economy value, SROI and the Danish rules.

Everything here starts from the network's service links (a social-economy
enterprise serving a client company) and the social factor table
(``symbiosis/data/factors-social-dk.yaml``, overridable by the network's own
``factors`` rows). Units: persons, FTE (full-time-equivalent years), hours per
year, DKK per year. See ``docs/scores.md`` for the formulas and sources.

- :mod:`.factors`: the social factor table.
- :mod:`.jobs`: supported employees by scheme, the framework agreement's coverage.
- :mod:`.public`: public-economy value and the fleksløntilskud arithmetic.
- :mod:`.sroi`: social return on investment.
- :mod:`.indicators`: the social indicators in one call.
- :mod:`.rules`: checks of the Danish rules (market terms, § 65, fleksjob).

Example
-------
>>> from symbiosis.social import flexjob_subsidy
>>> round(flexjob_subsidy(10_000.0), 2)      # DKK/month at a 10,000 kr wage, 2024 rules
16952.0
"""

from symbiosis.social.coverage import agreement_coverage, coverage, supported_share
from symbiosis.social.factors import SOCIAL_TABLE, bundled_social_factors, factor, social_factors
from symbiosis.social.indicators import JOB_SCHEMES, OFFER_SCHEMES, people, social_totals
from symbiosis.social.jobs import SUPPORTED_SCHEMES, by_scheme, links_in_year, member_jobs_in_year, supported_table
from symbiosis.social.public import PAYERS, flexjob_params, flexjob_subsidy, public_value_table
from symbiosis.social.sroi import SROI, Outcome, network_sroi, present_value, sroi

__all__ = ["JOB_SCHEMES", "OFFER_SCHEMES", "PAYERS", "SOCIAL_TABLE", "SROI", "SUPPORTED_SCHEMES", "Outcome",
           "agreement_coverage", "bundled_social_factors", "by_scheme", "coverage", "factor", "flexjob_params",
           "flexjob_subsidy", "links_in_year", "member_jobs_in_year", "network_sroi", "people", "present_value",
           "public_value_table", "social_factors", "social_totals", "sroi", "supported_share", "supported_table"]
