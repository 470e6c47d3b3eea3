"""Yardsticks: small Netlib LPs with published optima, through the LP path every solve of flows goes through.

flows solves network problems (:class:`flows.Problem`), not general LPs, so it has no general-LP entry
point; every one of its solves (``flows.solve`` with ``engine="highs"``, :class:`flows.Model`, the LP
blocks of the network engine, the design MILP, the fronts) goes through :class:`flows.highs.LinearModel`,
which takes any LP. That class is held here to Netlib's published optimal values:

* AFIRO (27 rows, 32 columns): -4.6475314286E+02;
* ADLITTLE (56 rows, 97 columns): 2.2549496316E+05;

both from the Netlib LP test set's table of optimal values (netlib.org/lp/data/readme; D. M. Gay,
Electronic mail distribution of linear programming test problems, Mathematical Programming Society
COAL Newsletter 13 (1985) 10-12), the same values HiGHS' own tests check (HiGHS, check/CMakeLists.txt:
"afiro;22;-4.6475314286", "adlittle;74;2.2549496316", mantissas). And GALENET, from Netlib's collection
of infeasible LPs (netlib.org/lp/infeas/readme: infeasible), a small transshipment network, which is
also written as a :class:`flows.Problem` and must be infeasible on every engine.

The data are our own transcription of the Netlib MPS files (the Netlib LP test set is public domain),
read from the copies in HiGHS' repository (check/instances/afiro.mps, adlittle.mps, galenet.mps): one
line per column, ``COLUMN ROW=value ...``, after a ``rows:`` line of ``SENSE:ROW[=rhs]`` (N is the
objective, E, L and G the constraints; a missing right-hand side is 0); ``bound UP COLUMN=value``.
Names are Netlib's, except ADLITTLE's dotted ones: its objective ``.Z....`` is COST, row ``....01`` is
R01 and column ``...100`` is C100. A column may go on over several lines.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

import flows
from flows import BOUNDARY, Problem
from flows.highs import LinearModel

AFIRO = """
rows: E:R09 E:R10 L:X05=80. L:X21 E:R12 E:R13 L:X17=80. L:X18 L:X19 L:X20 E:R19 E:R20 L:X27=500. L:X44 E:R22
      E:R23=44. L:X40=500. L:X41 L:X42 L:X43 L:X45 L:X46 L:X47 L:X48 L:X49 L:X50=310. L:X51=300. N:COST
X01 X48=.301 R09=-1. R10=-1.06 X05=1.
X02 X21=-1. R09=1. COST=-.4
X03 X46=-1. R09=1.
X04 X50=1. R10=1.
X06 X49=.301 R12=-1. R13=-1.06 X17=1.
X07 X49=.313 R12=-1. R13=-1.06 X18=1.
X08 X49=.313 R12=-1. R13=-.96 X19=1.
X09 X49=.326 R12=-1. R13=-.86 X20=1.
X10 X45=2.364 X17=-1.
X11 X45=2.386 X18=-1.
X12 X45=2.408 X19=-1.
X13 X45=2.429 X20=-1.
X14 X21=1.4 R12=1. COST=-.32
X15 X47=-1. R12=1.
X16 X51=1. R13=1.
X22 X46=.109 R19=-1. R20=-.43 X27=1.
X23 X44=-1. R19=1. COST=-.6
X24 X48=-1. R19=1.
X25 X45=-1. R19=1.
X26 X50=1. R20=1.
X28 X47=.109 R22=-.43 R23=1. X40=1.
X29 X47=.108 R22=-.43 R23=1. X41=1.
X30 X47=.108 R22=-.39 R23=1. X42=1.
X31 X47=.107 R22=-.37 R23=1. X43=1.
X32 X45=2.191 X40=-1.
X33 X45=2.219 X41=-1.
X34 X45=2.249 X42=-1.
X35 X45=2.279 X43=-1.
X36 X44=1.4 R23=-1. COST=-.48
X37 X49=-1. R23=1.
X38 X51=1. R22=1.
X39 R23=1. COST=10.
"""

ADLITTLE = """
rows: N:COST L:R01 E:R02=52.6 L:R03=22.7 L:R04=23.4 L:R05 L:R06 L:R07=108.
      L:R08=50. L:R09=13. E:R10=2366. L:R11=200. L:R12=265. L:R13=300. L:R14
      L:R15=31. L:R16=60. L:R17=134. L:R18=34. L:R19=413. L:R20=41.5 L:R21=15.
      L:R22=20.6 L:R23=13.5 L:R24=440. E:R25 L:R26=16. L:R27=290. E:R28=-524.9
      L:R29=3.1 L:R30=9.1 E:R31 E:R32 E:R33 L:R34 L:R35 E:R36=43. L:R37=34.4
      L:R38=15.6 L:R39=19.2 E:R40=44.9 L:R41=6.1 E:R42 E:R43 E:R44 L:R45=13.2
      L:R46 L:R47 L:R48=31.2 E:R49 E:R50=2.5 G:R51=1080. L:R52 L:R53
      E:R54=-1231.6 L:R55 L:R56=107.
C100 COST=-3280. R01=.506 R04=1. R05=.182 R55=.312
C101 COST=-3280. R01=.638 R04=1. R05=.05 R55=.312
C102 COST=3310. R01=-1.
C103 COST=-1890. R05=.92 R30=1. R49=-9.5 R52=-.042 R53=-.063 R55=.08
C104 R34=.825 R35=.175 R40=1. R51=16.
C105 R35=.175 R40=1. R46=.825 R51=21.
C106 COST=-1890. R06=1. R30=1. R49=3.6 R52=-.042 R53=-.063
C107 COST=-903. R06=1. R38=1.
C108 R06=1. R50=-.8
C109 COST=432. R31=-1.23 R42=.23
C110 COST=432. R32=-1.23 R43=.23 R56=1.
C111 COST=432. R33=-1.23 R44=.23 R56=1.
C112 COST=446. R07=1. R31=-1.
C113 COST=446. R07=1. R32=-1.
C114 COST=446. R07=1. R33=-1.
C115 COST=450. R08=1. R31=-.95 R42=-.05
C116 COST=450. R08=1. R32=-.95 R43=-.05
C117 COST=450. R08=1. R33=-.95 R44=-.05
C118 COST=459. R09=1. R31=-.79 R42=-.21
C119 COST=459. R09=1. R32=-.79 R43=-.21
C120 COST=459. R09=1. R33=-.79 R44=-.21
C121 COST=483. R11=1. R31=-.42 R42=-.58
C122 COST=483. R11=1. R32=-.42 R43=-.58
C123 COST=483. R11=1. R33=-.42 R44=-.58
C124 COST=500. R12=1. R31=-.05 R42=-.95
C125 COST=500. R12=1. R32=-.05 R43=-.95
C126 COST=500. R12=1. R33=-.05 R44=-.95
C127 COST=493. R13=1. R31=-.26 R42=-.74
C128 COST=493. R13=1. R32=-.26 R43=-.74
C129 COST=493. R13=1. R33=-.26 R44=-.74
C130 COST=-1890. R14=1. R30=1. R49=-3.2 R52=-.042 R53=-.063
C131 COST=-903. R14=1. R38=1.
C132 COST=506. R17=1. R31=.26 R42=-1.26
C133 R14=1. R50=-.8
C134 COST=506. R17=1. R32=.26 R43=-1.26
C135 COST=506. R17=1. R33=.26 R44=-1.26
C136 COST=505. R15=1. R31=.16 R42=-1.16
C137 COST=505. R15=1. R32=.16 R43=-1.16
C138 COST=505. R15=1. R33=.16 R44=-1.16
C139 COST=499. R16=1. R31=-.16 R42=-.84
C140 COST=499. R16=1. R32=-.16 R43=-.84
C141 COST=499. R16=1. R33=-.16 R44=-.84
C142 R10=-1.
C143 R02=1. R03=.79 R10=37. R28=.494 R34=.506 R54=2.27424
C144 R02=1. R03=.53 R10=47. R28=.492 R46=.508 R54=2.2632
C145 COST=512. R18=1. R31=.62 R42=-1.62
C146 COST=512. R18=1. R32=.62 R43=-1.62
C147 COST=512. R18=1. R33=.62 R44=-1.62
C148 COST=70.9 R01=-.247 R06=.1726 R14=-.3122 R20=1.783 R28=.4703 R50=-.0928 R54=1.40015
C149 COST=39.8 R01=-.157 R14=-.2399 R20=1. R28=.4273 R50=-.0361 R54=1.20404
C150 COST=39.8 R01=-.157 R14=-.2789 R20=1. R28=.4663 R50=-.0361 R54=1.43498
C151 COST=2.04 R26=1. R28=.55 R50=-.52 R54=.6
C152 R28=1. R50=-1. R54=1.8
C153 COST=1.8 R03=-.33 R21=1. R50=.017
C154 COST=1.8 R21=1. R37=-.33
C155 COST=-2600. R01=.2 R14=.73 R29=1. R55=.07
C156 COST=-2600. R14=.72 R29=1. R47=.2 R55=.08
C157 COST=10.4 R02=1. R03=.25 R10=45. R22=.875 R28=.3675 R34=.6325 R50=.02536 R54=1.614
C158 COST=10.4 R02=1. R03=.2 R10=55. R22=.875 R28=.365 R46=.635 R50=.02538 R54=1.59
C159 COST=28.8 R19=1. R28=-.828 R31=1. R34=-.095 R35=-.02 R50=.012 R54=-1.42 R55=-.0467
C160 COST=43.4 R01=-.0022 R06=-.0192 R19=1. R27=.679 R28=-.808 R32=1. R34=-.095 R35=-.02 R50=.0205 R54=-1.84
C160 R55=-.0467
C161 COST=30.4 R01=-.0022 R06=-.0192 R24=1. R27=.679 R28=-.808 R33=1. R34=-.095 R35=-.02 R50=.0205 R54=-1.84
C161 R55=-.0467
C162 R28=-1. R34=1. R54=-5.2
C163 R28=-1. R35=1. R54=-6.7
C164 COST=-1218. R35=1. R48=1.
C165 R35=1. R50=-.8
C166 R28=.482 R34=.498 R35=.02 R36=1. R37=.79 R54=2.217
C167 R28=.474 R35=.02 R36=1. R37=.53 R46=.506 R54=2.18
C168 COST=-1322. R06=.07 R35=.1 R39=1. R55=.83
C169 COST=-1322. R35=.07 R39=1. R46=.33 R55=.6
C170 COST=-1322. R34=.33 R35=.07 R39=1. R55=.6
C171 COST=-1660. R22=.625 R28=-.125 R34=1.125 R41=1. R50=.01812 R54=-.65
C172 COST=-1670. R41=1. R46=1.
C173 COST=14.8 R22=1.25 R28=-.25 R34=1.03125 R35=.21875 R40=1. R50=.03625 R51=30. R54=-1.36562
C174 COST=14.8 R22=1.25 R28=-.25 R35=.21875 R40=1. R46=1.03125 R50=.03625 R51=35. R54=-1.38375
C175 COST=28.8 R19=1.072 R28=-.706 R35=-.027 R42=1. R46=-.128 R50=.0129 R54=-1.61 R55=-.1203
C176 COST=43. R01=-.0012 R06=-.0159 R19=1.072 R27=.534 R28=-.69 R35=-.027 R43=1. R46=-.128 R50=.0195 R54=-1.84
C176 R55=-.1203
C177 COST=30. R01=-.0012 R06=-.0159 R24=1. R27=.534 R28=-.69 R35=-.027 R44=1. R46=-.128 R50=.0195 R54=-1.84
C177 R55=-.1203
C178 COST=-1763. R05=.181 R45=1. R47=.11 R55=.709
C179 COST=-1722. R05=.051 R45=1. R47=.055 R55=.894
C180 COST=-1680. R05=.036 R45=1. R55=.964
C181 R28=-1. R46=1. R54=-5.3
C182 COST=-1890. R30=1. R47=.92 R49=-10.1 R52=-.042 R53=-.063 R55=.08
C183 COST=1780. R02=1. R03=.4 R10=45.
C184 COST=1600. R28=-1. R54=-4.35
C185 COST=903. R28=-1. R54=-2.1
C186 COST=1760. R36=1. R37=.8
C187 COST=2100. R40=1. R51=24.
C188 COST=1000. R49=-64.3 R52=1.
C189 COST=1000. R49=-27.4 R53=1.
C190 COST=-1890. R30=1. R49=9.1 R52=-.042 R53=-.063 R55=1.
C191 COST=92.1 R05=-.36 R23=1. R28=-.026 R47=-.134 R50=-.182 R54=-.1742 R55=.826
C192 COST=-903. R38=1. R55=1.
C193 COST=78.7 R55=1.
C194 COST=-1218. R48=1. R55=1.
C195 COST=15.6 R05=-.396 R25=1. R28=-.029 R47=-.147 R50=-.119 R54=-.194 R55=.81
C196 R50=-.8 R55=1."""

GALENET = """
rows: L:S1=20. L:S2=20. L:S3=20. E:NODE4 E:NODE5 G:D6=10. G:D7=20. G:D8=30. N:COST
T14 S1=1. NODE4=1.
T24 S2=1. NODE4=1.
T25 S2=1. NODE5=1.
T35 S3=1. NODE5=1.
T46 D6=1. NODE4=-1.
T47 D7=1. NODE4=-1.
T57 D7=1. NODE5=-1.
T58 D8=1. NODE5=-1.
bound UP T14=30.
bound UP T24=20.
bound UP T25=10.
bound UP T35=10.
bound UP T46=10.
bound UP T47=2.
bound UP T57=20.
bound UP T58=30.
"""

PUBLISHED = {"afiro": -4.6475314286e02, "adlittle": 2.2549496316e05}


def read(text: str) -> dict:
    """A transcription (see the module notes) as ``c, A, row_lower, row_upper, lower, upper``."""
    rows_text, body = [], []
    for line in text.strip().splitlines():
        words = line.split()
        in_rows = line.startswith("rows:") or (rows_text and not body and ":" in words[0])
        (rows_text if in_rows else body).append(line)
    rows = " ".join(rows_text).removeprefix("rows:").split()
    sense, names, rhs = [], [], []
    for r in rows:
        s, rest = r.split(":")
        name, _, value = rest.partition("=")
        sense.append(s)
        names.append(name)
        rhs.append(float(value) if value else 0.0)
    objective = names[sense.index("N")]
    index = {n: i for i, n in enumerate(n for n, s in zip(names, sense, strict=True) if s != "N")}
    columns, entries, bounds = {}, [], []
    for line in body:
        words = line.split()
        if words[0] == "bound":
            kind, (col, value) = words[1], words[2].split("=")
            bounds.append((kind, col, float(value)))
            continue
        j = columns.setdefault(words[0], len(columns))
        for pair in words[1:]:
            row, value = pair.split("=")
            entries.append((row, j, float(value)))
    n = len(columns)
    c = np.zeros(n)
    rr, cc, vv = [], [], []
    for row, j, value in entries:
        if row == objective:
            c[j] = value
        else:
            rr.append(index[row]), cc.append(j), vv.append(value)
    A = sp.csr_matrix((vv, (rr, cc)), shape=(len(index), n))
    cons = [(s, v) for s, v in zip(sense, rhs, strict=True) if s != "N"]
    row_lower = np.array([v if s in ("E", "G") else -np.inf for s, v in cons])
    row_upper = np.array([v if s in ("E", "L") else np.inf for s, v in cons])
    lower, upper = np.zeros(n), np.full(n, np.inf)
    for kind, col, value in bounds:
        {"UP": upper, "LO": lower}[kind][columns[col]] = value
    return {"c": c, "A": A, "row_lower": row_lower, "row_upper": row_upper, "lower": lower, "upper": upper,
            "columns": list(columns), "rows": list(index)}


LPS = {"afiro": AFIRO, "adlittle": ADLITTLE}


def test_the_transcriptions_have_netlibs_sizes():
    # Netlib's table: AFIRO 28 rows (the objective included), 32 columns, 88 nonzeros (with the objective);
    # ADLITTLE 57 rows, 97 columns, 465 nonzeros; GALENET 9 rows, 8 columns, 16 nonzeros
    for text, rows, cols, nonzeros in [(AFIRO, 27, 32, 88), (ADLITTLE, 56, 97, 465), (GALENET, 8, 8, 16)]:
        lp = read(text)
        assert lp["A"].shape == (rows, cols)
        assert lp["A"].nnz + np.count_nonzero(lp["c"]) == nonzeros


@pytest.mark.parametrize("name", LPS)
def test_netlib_optimum(name):
    lp = read(LPS[name])
    m = LinearModel(lp["c"], lp["A"], lp["row_lower"], lp["row_upper"], lp["lower"], lp["upper"])
    r = m.run()
    assert r["status"] == "optimal"
    assert r["objective"] == pytest.approx(PUBLISHED[name], rel=1e-10)
    x = r["x"]
    assert np.all(lp["A"] @ x >= lp["row_lower"] - 1e-7) and np.all(lp["A"] @ x <= lp["row_upper"] + 1e-7)
    # warm: another cost vector, then back to the first; the optimum comes back
    m.set_costs(2 * lp["c"])
    assert m.run()["objective"] == pytest.approx(2 * PUBLISHED[name], rel=1e-10)
    m.set_costs(lp["c"])
    assert m.run()["objective"] == pytest.approx(PUBLISHED[name], rel=1e-10)


def galenet_network() -> Problem:
    """GALENET as a flow problem: sources S1-S3 (at most 20 each, from the boundary), transshipment nodes
    NODE4 and NODE5, sinks D6-D8 that need at least 10, 20 and 30 (more may leave to the boundary)."""
    names = ["S1", "S2", "S3", "NODE4", "NODE5", "D6", "D7", "D8"]
    at = {n: i for i, n in enumerate(names)}
    arcs = [("S1", "NODE4", 30), ("S2", "NODE4", 20), ("S2", "NODE5", 10), ("S3", "NODE5", 10),
            ("NODE4", "D6", 10), ("NODE4", "D7", 2), ("NODE5", "D7", 20), ("NODE5", "D8", 30)]
    tail = [at[a] for a, _, _ in arcs] + [BOUNDARY] * 3 + [at[d] for d in ("D6", "D7", "D8")]
    head = [at[b] for _, b, _ in arcs] + [at[s] for s in ("S1", "S2", "S3")] + [BOUNDARY] * 3
    upper = [u for _, _, u in arcs] + [20, 20, 20] + [np.inf] * 3
    rhs = [0, 0, 0, 0, 0, 10, 20, 30]
    return Problem(n_nodes=8, tail=tail, head=head, rhs=rhs, upper=upper, costs={"cost": np.zeros(len(tail))})


def test_galenet_is_infeasible_as_an_lp_and_as_a_network_on_every_engine():
    lp = read(GALENET)
    r = LinearModel(lp["c"], lp["A"], lp["row_lower"], lp["row_upper"], lp["lower"], lp["upper"]).run()
    assert r["status"] == "infeasible"
    p = galenet_network()
    for engine in flows.ENGINES:
        s = flows.solve(p, engine=engine)
        assert s.status == "infeasible"
        with pytest.raises(flows.Infeasible):
            s.raise_for_status()
    # worked by hand: NODE4 passes at most 12 on (10 to D6, 2 to D7), NODE5 at most 20 (10 + 10 in), so
    # of the 60 needed 28 cannot arrive
    short = flows.diagnose_infeasible(p)
    assert sum(i.shortage for i in short) == pytest.approx(28.0)
