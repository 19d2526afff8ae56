"""Relationship quality (关系质量): trust, commitment and Morgan & Hunt's KMV model.

The key-mediating-variable model is kept as data (constructs and signed
paths); :meth:`RelationshipModel.effects` follows every path from one
construct and multiplies the signs, so a student can ask "if opportunistic
behaviour rises, what happens to cooperation, and through which paths?".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from crmlib._validation import check_choice

__all__ = [
    "COMMITMENT_DIMENSIONS",
    "MORGAN_HUNT_PATHS",
    "TRUST_LEVELS",
    "RelationshipModel",
    "morgan_hunt_model",
]

#: Four levels of trust (Liljander & Strandvik 1995), from the most general to the most specific.
TRUST_LEVELS: tuple[str, ...] = (
    "general_trust", "system_trust", "character_trust", "experience_trust",
)
#: Three dimensions of commitment (Liljander & Strandvik 1995; Holmlund 1997).
COMMITMENT_DIMENSIONS: tuple[str, ...] = (
    "economic_commitment", "affective_commitment", "temporal_commitment",
)

#: Constructs of the KMV model and their role.
_ROLES: dict[str, str] = {
    "termination_costs": "antecedent",
    "relationship_benefits": "antecedent",
    "shared_values": "antecedent",
    "communication": "antecedent",
    "opportunistic_behaviour": "antecedent",
    "commitment": "mediator",
    "trust": "mediator",
    "acquiescence": "outcome",
    "propensity_to_leave": "outcome",
    "cooperation": "outcome",
    "functional_conflict": "outcome",
    "decision_making_uncertainty": "outcome",
}

#: Signed paths of Morgan & Hunt (1994), figure 1: (source, target, sign).
MORGAN_HUNT_PATHS: tuple[tuple[str, str, int], ...] = (
    ("termination_costs", "commitment", +1),
    ("relationship_benefits", "commitment", +1),
    ("shared_values", "commitment", +1),
    ("shared_values", "trust", +1),
    ("communication", "trust", +1),
    ("opportunistic_behaviour", "trust", -1),
    ("trust", "commitment", +1),
    ("commitment", "acquiescence", +1),
    ("commitment", "propensity_to_leave", -1),
    ("commitment", "cooperation", +1),
    ("trust", "cooperation", +1),
    ("trust", "functional_conflict", +1),
    ("trust", "decision_making_uncertainty", -1),
)


@dataclass(frozen=True, eq=False)
class RelationshipModel:
    """A path model of relationship quality: constructs, their roles and signed paths.

    Attributes
    ----------
    constructs : pandas.DataFrame
        Index ``construct``; column ``role`` ("antecedent", "mediator" or
        "outcome").
    paths : pandas.DataFrame
        Columns ``source``, ``target``, ``sign`` (+1 or -1).
    """

    constructs: pd.DataFrame = field(repr=False)
    paths: pd.DataFrame = field(repr=False)

    def __repr__(self) -> str:
        return f"RelationshipModel({len(self.constructs)} constructs, {len(self.paths)} paths)"

    def to_frame(self) -> pd.DataFrame:
        """Copy of the path table.

        Examples
        --------
        >>> morgan_hunt_model().to_frame().iloc[4:6]
                            source target  sign
        4            communication  trust     1
        5  opportunistic_behaviour  trust    -1
        """
        return self.paths.copy()

    def effects(self, source: str) -> pd.DataFrame:
        """Net sign of the effect of a rise in ``source`` on every construct it reaches.

        Parameters
        ----------
        source : str
            A construct of the model (see ``constructs``).

        Returns
        -------
        pandas.DataFrame
            Index ``construct`` (in model order); columns ``sign`` (+1 all
            paths raise it, -1 all lower it, 0 the paths disagree), ``paths``
            (number of paths) and ``routes`` (each path written as
            ``a (+) b (-) c``).

        Notes
        -----
        The sign of one path is the product of the signs of its links,
        :math:`s(p) = \\prod_{e \\in p} s_e`; the net sign is that common
        sign when all paths agree.

        Examples
        --------
        >>> fx = morgan_hunt_model().effects("opportunistic_behaviour")
        >>> fx[["sign", "paths"]]
                                     sign  paths
        construct
        commitment                     -1      1
        trust                          -1      1
        acquiescence                   -1      1
        propensity_to_leave             1      1
        cooperation                    -1      2
        functional_conflict            -1      1
        decision_making_uncertainty     1      1
        >>> fx.loc["propensity_to_leave", "routes"]
        'opportunistic_behaviour (-) trust (+) commitment (-) propensity_to_leave'
        """
        source = check_choice("source", source, list(self.constructs.index))
        out: dict[str, list[tuple[int, str]]] = {}

        def walk(node: str, sign: int, route: str) -> None:
            for row in self.paths[self.paths["source"] == node].itertuples():
                step = f"{route} ({'+' if row.sign > 0 else '-'}) {row.target}"
                out.setdefault(row.target, []).append((sign * row.sign, step))
                walk(row.target, sign * row.sign, step)

        walk(source, 1, source)
        order = [c for c in self.constructs.index if c in out]
        signs = [{s for s, _ in out[c]} for c in order]
        return pd.DataFrame(
            {"sign": [s.pop() if len(s) == 1 else 0 for s in signs],
             "paths": [len(out[c]) for c in order],
             "routes": ["; ".join(r for _, r in out[c]) for c in order]},
            index=pd.Index(order, name="construct"),
        )


def morgan_hunt_model() -> RelationshipModel:
    """Morgan & Hunt's key-mediating-variable (KMV) model of relationship marketing.

    Trust and commitment mediate between five antecedents (relationship
    termination costs, relationship benefits, shared values, communication,
    opportunistic behaviour) and five outcomes (acquiescence, propensity to
    leave, cooperation, functional conflict, decision-making uncertainty).

    Parameters
    ----------
    None

    Returns
    -------
    RelationshipModel
        12 constructs and 13 signed paths (figure 1 of the paper).

    Notes
    -----
    Each path is a hypothesis with a sign :math:`s_e \\in \\{+1, -1\\}`; an
    antecedent reaches an outcome through the mediators, and the sign of such
    a route is the product :math:`\\prod_{e} s_e` of its links (see
    :meth:`RelationshipModel.effects`).

    References
    ----------
    Morgan, R. M., & Hunt, S. D. (1994). The commitment-trust theory of
    relationship marketing. *Journal of Marketing*, 58(3), 20-38, figure 1.

    Liljander, V., & Strandvik, T. (1995). The nature of customer
    relationships in services. *Advances in Services Marketing and
    Management*, 4, 141-167 (levels of trust, dimensions of commitment).

    Examples
    --------
    >>> model = morgan_hunt_model()
    >>> model
    RelationshipModel(12 constructs, 13 paths)
    >>> model.constructs["role"].value_counts().to_dict()
    {'antecedent': 5, 'outcome': 5, 'mediator': 2}
    """
    constructs = pd.DataFrame({"role": list(_ROLES.values())},
                              index=pd.Index(list(_ROLES), name="construct"))
    paths = pd.DataFrame(list(MORGAN_HUNT_PATHS), columns=["source", "target", "sign"])
    return RelationshipModel(constructs=constructs, paths=paths)
